package org.ssechat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.testing.SsechatProcess;
import org.ssechat.testing.SsechatProcess.Run;

/** {@code ssechat replay|bench|serve} as a user runs them: argv in, stdout/stderr and exit code out. */
class ToolCommandsTest {
  private static final Path TEXT = Path.of("src/main/resources/recordings/openai-gpt4o-mini-text-usage.sse");

  @TempDir
  Path home;

  private Run run(String... args) throws Exception {
    return SsechatProcess.run(home, Map.of(), "", args);
  }

  private static List<String> events(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    SseParser p = SseParsers.create(e -> out.add(e.toMessage().toJson()));
    byte[] b = Files.readAllBytes(file);
    p.feed(b, 0, b.length);
    p.endOfInput();
    return out;
  }

  @Test
  void replayPrintsEveryEventTheParserSeesAndASummary() throws Exception {
    Run events = run("replay", TEXT.toString(), "--format", "events", "--speed", "max");
    assertThat(events.code()).isZero();
    assertThat(events.out().lines().toList()).isEqualTo(events(TEXT));

    Run summary = run("replay", TEXT.toString(), "--format=summary", "--speed=max",
        "--chunk-size", "7");
    assertThat(summary.code()).isZero();
    assertThat(summary.out()).contains("finish     stop").contains("gpt-4o-mini");

    Run shortAndFlag = run("replay", TEXT.toString(), "-f", "summary", "-s", "max",
        "--original-reads");
    assertThat(shortAndFlag.code()).isZero();
    assertThat(shortAndFlag.out()).contains("finish     stop");

    Run text = run("replay", TEXT.toString(), "--speed", "max");
    assertThat(text.code()).isZero();
    assertThat(text.out() + text.err()).contains("finished");
  }

  @Test
  void replayProblemsAreOneLineWithUsageOrErrorCodes() throws Exception {
    Run missing = run("replay", home.resolve("nope.sse").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip().lines()).hasSize(1);
    assertThat(missing.err()).doesNotContain("Exception").doesNotContain("\tat ");

    Run badSpeed = run("replay", TEXT.toString(), "--speed", "fast");
    assertThat(badSpeed.code()).isEqualTo(2);
    assertThat(badSpeed.err()).contains("speed").doesNotContain("\tat ");
  }

  @Test
  void benchComparesParsersAndSaysItIsNotJmh() throws Exception {
    Run r = run("bench", TEXT.toString(), "--parsers", "zero-copy,naive", "--chunk-size", "256");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("zero-copy").contains("naive").contains("not JMH")
        .contains("same events");
    assertThat(run("bench").code()).isEqualTo(2);
  }

  @Test
  void serveAnswersOpenAiRequestsUntilStopped() throws Exception {
    Process p = SsechatProcess.builder(home, Map.of(), "serve", "--port", "0", "--speed", "max")
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).isNotNull().contains("serving");
      Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/v1)").matcher(first);
      assertThat(m.find()).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> models = http.send(HttpRequest.newBuilder(
          URI.create(m.group(1) + "/models")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.body()).contains("openai-gpt4o-mini-text-usage");
      HttpResponse<byte[]> stream = http.send(HttpRequest.newBuilder(
              URI.create(m.group(1) + "/chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai-gpt4o-mini-text-usage\","
              + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
          .header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/event-stream"));
      assertThat(stream.body()).isEqualTo(Files.readAllBytes(TEXT));
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

}
