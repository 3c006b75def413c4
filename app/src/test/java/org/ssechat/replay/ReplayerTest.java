package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssechat.failure.ExitCodes;
import org.ssechat.repl.AnswerRenderer;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReplayerTest {

  static List<String> bundled() {
    return RecordingLibrary.bundled().names();
  }

  /** Output and error text of one replay. */
  record Run(int code, String out, String err) {}

  /** The live answer's renderer, without ANSI styles, as the CLI wires it for a pipe. */
  static Replayer.TextView liveView(PrintWriter out) {
    AnswerRenderer r = new AnswerRenderer(out, new AnswerRenderer.Options(false, true));
    return new Replayer.TextView(r, r::finish);
  }

  private static Run run(PacingClock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Replayer(clock, ReplayerTest::liveView).run(
        ReplayOptions.parse(List.of(args)), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Run run(String... args) {
    return run(new FakeClock(), args);
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void eventsFormatPrintsOneJsonLinePerParsedEvent(String name) {
    Run r = run(Expected.bundled(name).toString(), "--format", "events", "--speed", "max");
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().collect(Collectors.toList());
    List<SseMessage> events = Expected.of(name).events();
    assertThat(lines).hasSize(events.size());
    assertThat(lines).containsExactlyElementsOf(
        events.stream().map(SseMessage::toJson).collect(Collectors.toList()));
    for (int i = 0; i < lines.size(); i++) { // the event name each event line gave, else message
      assertThat(JsonMapper.builder().build().readTree(lines.get(i)).path("event").asString())
          .isEqualTo(events.get(i).type() == null ? "message" : events.get(i).type());
    }
    assertThat(lines).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void eventsFormatIsTheSameAtEveryChunkingAndWithEveryParser(String name) {
    String file = Expected.bundled(name).toString();
    String whole = run(file, "--format", "events", "--speed", "max").out();
    assertThat(run(file, "--format", "events", "--speed", "max", "--chunk-size", "7").out())
        .isEqualTo(whole);
    assertThat(run(file, "--format", "events", "--chunk-size=1").out()).isEqualTo(whole);
    byte[] body = readAll(Expected.bundled(name));
    for (String parser : SseParsers.names()) {
      List<String> own = new ArrayList<>();
      SseParser p = SseParsers.create(parser, ev -> own.add(ev.toMessage().toJson()),
          SseLimits.DEFAULTS);
      p.feed(body, 0, body.length);
      p.endOfInput();
      // one read, like the reference feed above (naive is not chunking-invariant, by design)
      assertThat(run(file, "--format", "events", "--speed", "max", "--parser", parser,
          "--chunk-size", Integer.toString(body.length)).out().lines()).as(parser)
          .containsExactlyElementsOf(own);
    }
  }

  private static byte[] readAll(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void textFormatRendersTheRecordedAnswer(String name) {
    Expected e = Expected.of(name);
    Run r = run(Expected.bundled(name).toString(), "--speed", "max");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(e.content());
    if (!e.reasoning().isEmpty()) {
      // reasoning is rendered (dimmed when ANSI is on); check a long slice of it
      String slice = e.reasoning().substring(0, Math.min(40, e.reasoning().length()));
      assertThat(r.out()).contains(slice);
    }
    for (String tool : e.toolNames()) {
      assertThat(r.out()).contains(tool);
    }
  }

  @Test
  void textShowsTheOutcomeOfBrokenStreams() {
    Run trunc = run(Expected.bundled(BundledRecordingsGenerator.TRUNCATED).toString(),
        "--speed", "max");
    assertThat(trunc.out()).contains(BundledRecordingsGenerator.TRUNCATED_TEXT)
        .contains("truncated: stream ended without finish_reason")
        .contains("ssechat-sample · ");
    Run err = run(Expected.bundled(BundledRecordingsGenerator.ERROR).toString(),
        "--speed", "max");
    assertThat(err.out()).contains(BundledRecordingsGenerator.ERROR_TEXT)
        .contains("error: server error in stream: " + BundledRecordingsGenerator.ERROR_MESSAGE);
    Run ok = run(Expected.bundled("openai-gpt4o-mini-text-usage").toString(), "--speed", "max");
    assertThat(ok.out()).contains("gpt-4o-mini-2024-07-18 · 9 tok").contains("finished (stop)");
  }

  @Test
  void summaryOfAPlainOpenAiStream() {
    Run r = run(Expected.bundled("openai-gpt4o-mini-text-usage").toString(), "--format",
        "summary");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("model      gpt-4o-mini-2024-07-18")
        .contains("events     12 (parser zero-copy)")
        .contains("outcome    finished")
        .contains("finish     stop")
        .contains("usage      prompt 78, completion 9, total 87")
        .contains("gaps       unknown (no sidecar)")
        .contains("warnings   none");
  }

  @Test
  void summaryWarnsAboutEveryProblem() {
    Run dash = run(Expected.bundled("dashscope-qwen-plus-chinese-usage").toString(),
        "--format", "summary");
    assertThat(dash.out()).contains("finish     stop").contains("- no [DONE]")
        .contains("- unterminated tail discarded");
    Run keepalive = run(Expected.bundled("openrouter-bedrock-claude-keepalive-usage-cost")
        .toString(), "--format", "summary");
    assertThat(keepalive.out()).contains("- 3 comment line(s) seen (keep-alives)");
    Run err = run(Expected.bundled(BundledRecordingsGenerator.ERROR).toString(),
        "--format", "summary");
    assertThat(err.out()).contains("outcome    error")
        .contains("- in-stream error: " + BundledRecordingsGenerator.ERROR_MESSAGE)
        .contains("- no [DONE]").contains("- no finish_reason");
    Run cut = run(Expected.bundled(BundledRecordingsGenerator.TRUNCATED).toString(),
        "--format", "summary");
    assertThat(cut.out()).contains("outcome    truncated").contains("finish     none")
        .contains("- no finish_reason").contains("- unterminated tail discarded");
    Run tool = run(Expected.bundled("openai-gpt4o-mini-tool-call-arg-fragments").toString(),
        "--format", "summary");
    assertThat(tool.out()).contains("finish     tool_calls").contains("1 tool call(s): get_capital");
  }

  @Test
  void summaryOfASidecarRecordingHasProviderReadsAndGaps() throws IOException {
    String name = BundledRecordingsGenerator.WELCOME;
    JsonNode side = JsonMapper.builder().build().readTree(
        Files.readAllBytes(Expected.BUNDLED.resolve(name + ".sse.json")));
    long maxGap = 0;
    for (int i = 1; i < side.path("reads").size(); i++) {
      maxGap = Math.max(maxGap, side.path("reads").get(i).get(0).asLong()
          - side.path("reads").get(i - 1).get(0).asLong());
    }
    Run r = run(Expected.bundled(name).toString(), "--format", "summary");
    assertThat(r.out())
        .contains("provider   offline.ssechat.invalid")
        .contains("model      ssechat-offline")
        .contains("chunks     " + side.path("reads").size() + " recorded read(s)")
        .contains("gaps       max " + maxGap / 1000 + " ms between reads")
        .contains("warnings   none");
    Run zh = run(Expected.bundled(BundledRecordingsGenerator.CHINESE).toString(), "--format",
        "summary");
    assertThat(zh.out()).containsPattern("usage      prompt 19, completion \\d+, total \\d+, "
        + "reasoning \\d+");
  }

  @Test
  void pacingFollowsTheSidecarDividedBySpeed() throws IOException {
    String name = BundledRecordingsGenerator.CHINESE;
    JsonNode reads = JsonMapper.builder().build().readTree(
        Files.readAllBytes(Expected.BUNDLED.resolve(name + ".sse.json"))).path("reads");
    for (String speed : new String[] {"1", "2", "10"}) {
      double f = Double.parseDouble(speed);
      List<Long> expected = new ArrayList<>();
      for (int i = 1; i < reads.size(); i++) {
        long gapUs = reads.get(i).get(0).asLong() - reads.get(i - 1).get(0).asLong();
        expected.add(gapUs * 1000);
      }
      for (String format : new String[] {"events", "text"}) {
        FakeClock clock = new FakeClock();
        Run r = run(clock, Expected.bundled(name).toString(), "--format", format, "--speed",
            speed);
        assertThat(r.code()).isZero();
        assertThat(clock.waits).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          // each wait is the recorded gap / speed (± 1 ns of rounding per read)
          assertThat((double) clock.waits.get(i)).isCloseTo(expected.get(i) / f,
              org.assertj.core.data.Offset.offset(2.0));
        }
      }
    }
    FakeClock max = new FakeClock();
    run(max, Expected.bundled(name).toString(), "--format", "events", "--speed", "max");
    assertThat(max.waits).isEmpty();
  }

  @Test
  void userErrorsAreOneLine(@TempDir Path dir) throws IOException {
    Run missing = run(dir.resolve("nope.sse").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.err().strip()).isEqualTo("error: cannot read " + dir.resolve("nope.sse")
        + ": no such file");
    Run parser = run(Expected.bundled("openai-gpt4o-mini-text-usage").toString(), "--parser",
        "nope");
    assertThat(parser.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(parser.err()).startsWith("error: unknown parser 'nope' (known: zero-copy");
    Path f = dir.resolve("x.sse");
    Files.writeString(f, "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n");
    Files.writeString(dir.resolve("x.sse.json"), "{\"format\":\"ssechat-recording\"}");
    Run broken = run(f.toString(), "--original-reads", "--format", "events");
    assertThat(broken.code()).isZero();
    assertThat(broken.out().lines()).hasSize(1);
    assertThat(broken.err().lines()).hasSize(2)
        .allMatch(l -> l.startsWith("warning: "));
  }

  @Test
  void optionParsing() {
    ReplayOptions o = ReplayOptions.parse(List.of("--speed=10", "a.sse", "--chunk-size", "5",
        "--format", "SUMMARY", "--parser", "zero-copy"));
    assertThat(o.file()).isEqualTo(Path.of("a.sse"));
    assertThat(o.speed().factor()).isEqualTo(10.0);
    assertThat(o.chunkSize()).isEqualTo(5);
    assertThat(o.format()).isEqualTo(ReplayOptions.Format.SUMMARY);
    assertThat(ReplayOptions.parse(List.of("a.sse")).speed()).isEqualTo(Speed.REALTIME);
    assertThatThrownBy(() -> ReplayOptions.parse(List.of())).hasMessageContaining("missing FILE");
    assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--chunk-size", "0")))
        .hasMessageContaining("positive integer");
    assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--chunk-size", "3",
        "--original-reads"))).hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--format", "xml")))
        .hasMessageContaining("text, events or summary");
    assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "--speed")))
        .hasMessageContaining("--speed needs a value");
    assertThatThrownBy(() -> ReplayOptions.parse(List.of("a", "b")))
        .hasMessageContaining("unexpected 'b'");
  }
}
