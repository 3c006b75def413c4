package org.ssechat.sse.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/** The dump tool, run through its {@code main}-like entry point with captured streams. */
class SseDumpTest {

  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n", -1)).subList(0,
          out.split("\n", -1).length - 1);
    }
  }

  private static Run dump(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SseDump.run(args, new ByteArrayInputStream(stdin), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> expectedJson(byte[] input) {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    SseParser p = SseParsers.create(e -> lines.add(e.toMessage().toJson()));
    p.feed(input, 0, input.length);
    return lines;
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(tmp.resolve(name), content);
  }

  @Test
  void printsOneJsonObjectPerEventAtAnyChunkSize() throws Exception {
    byte[] input = ("\uFEFFdata: hé \"q\"\n\nid: 1\nevent: x\ndata: a\ndata: b\\\n\n: c\n"
        + "data: \u2028 tail\n\ndata: cut").getBytes(StandardCharsets.UTF_8);
    Path f = file("in.sse", input);
    List<String> expected = List.of("{\"event\":\"message\",\"data\":\"hé \\\"q\\\"\",\"id\":null}",
        "{\"event\":\"x\",\"data\":\"a\\nb\\\\\",\"id\":\"1\"}",
        "{\"event\":\"message\",\"data\":\"\\u2028 tail\",\"id\":\"1\"}");
    assertThat(expectedJson(input)).isEqualTo(expected);
    for (String size : List.of("1", "2", "5", "8192")) {
      Run r = dump(new byte[0], "--chunk-size", size, f.toString());
      assertThat(r.code()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.lines()).isEqualTo(expected);
    }
    Run r = dump(input, "--chunk-size=3", "-");
    assertThat(r.lines()).isEqualTo(expected);
    assertThat(dump(input, "--parser", "naive", "-").lines())
        .containsExactly("{\"event\":\"message\",\"data\":\"a\",\"id\":null}",
            "{\"event\":\"message\",\"data\":\"b\\\\\",\"id\":null}",
            // Python's strip() removes U+2028 too.
            "{\"event\":\"message\",\"data\":\"tail\",\"id\":null}");
  }

  @Test
  void corpusFileDumpsAllItsEvents() throws Exception {
    byte[] input = Files.readAllBytes(Path.of(SseDumpTest.class
        .getResource("/corpus/openrouter-o3-reasoning-details-keepalive.sse").toURI()));
    Run r = dump(input, "--chunk-size", "7", "-");
    assertThat(r.code()).isZero();
    assertThat(r.lines()).hasSize(103).isEqualTo(expectedJson(input));
    assertThat(r.lines()).allSatisfy(l -> assertThat(l).startsWith("{\"event\":").endsWith("}"));
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    for (String[] args : List.of(new String[] {"--parser", "nope", "-"},
        new String[] {"--bogus", "-"}, new String[] {"--chunk-size", "0", "-"},
        new String[] {"--chunk-size=x", "-"}, new String[] {"--chunk-size"},
        new String[] {"a", "b"}, new String[0])) {
      Run r = dump(new byte[0], args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("ssechat-dump: ").endsWith("\n");
      assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }
    assertThat(dump(new byte[0], "--parser", "nope", "-").err()).contains("known: zero-copy, naive");
  }

  @Test
  void unreadableInputExitsOne() {
    Run r = dump(new byte[0], tmp.resolve("missing.sse").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ssechat-dump: no such file: " + tmp.resolve("missing.sse") + "\n");
    r = dump(new byte[0], tmp.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("ssechat-dump: I/O error on ").doesNotContain("\tat ");
  }

  @Test
  void limitBreachExitsOneAfterPrintingEarlierEvents() throws Exception {
    byte[] huge = new byte[SseLimits.DEFAULT_MAX_LINE_BYTES + 100];
    Arrays.fill(huge, (byte) 'x');
    byte[] head = "data: ok\n\ndata: ".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, huge, 0, head.length);
    Path f = file("huge.sse", huge);
    Run r = dump(new byte[0], "--chunk-size", "65536", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lines()).containsExactly(new SseMessage("message", "ok", null).toJson());
    assertThat(r.err()).isEqualTo("ssechat-dump: SSE line longer than 8388608 bytes (max line) "
        + "at byte 10\n");
  }

  @Test
  void brokenStdoutExitsOne() {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SseDump.run(new String[] {"-"},
        new ByteArrayInputStream("data: x\n\n".getBytes(StandardCharsets.UTF_8)), closed,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Broken pipe");
  }

  @Test
  void helpListsParsers() {
    Run r = dump(new byte[0], "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("usage: ssechat-dump").contains("zero-copy:", "naive:");
  }

  @Test
  void runsWithOnlyTheParserClassesOnTheClassPathAndWritesUtf8() throws Exception {
    Path classes = Path.of(SseDump.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path in = file("u.sse", "data: 中é😀\n\n".getBytes(StandardCharsets.UTF_8));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Dfile.encoding=ISO-8859-1",
        "-Dstdout.encoding=ISO-8859-1", "-cp", classes.toString(), SseDump.class.getName(),
        in.toString()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("{\"event\":\"message\",\"data\":\"中é😀\",\"id\":null}\n");
  }
}
