package org.ssechat.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssechat.replay.Expected;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.Speed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class RecordingServerTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final RecordingLibrary LIB = RecordingLibrary.bundled();
  private static final String WELCOME = "ssechat-offline-welcome";

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<RecordingServer> servers = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    servers.forEach(RecordingServer::close);
  }

  private RecordingServer start(Speed speed) throws IOException {
    RecordingServer s = new RecordingServer(LIB, "127.0.0.1", 0, Pacing.of(speed),
        PacingClock.SYSTEM,
        log::add);
    servers.add(s);
    return s;
  }

  /** Byte-exact comparison with a readable diff. */
  private static void assertSameBytes(byte[] actual, byte[] expected) {
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(actual).hasSameSizeAs(expected);
  }

  private static String chatBody(String model, boolean stream, String prompt) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
        + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
  }

  private HttpResponse<byte[]> post(RecordingServer s, String path, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
        .header("Content-Type", "application/json").header("Authorization", "Bearer sk-test")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Translated streams keep a recording's ending: cut stays cut, an error stays an error. */
  @Test
  void translatedStreamsKeepTheRecordingsEnding() throws Exception {
    RecordingServer s = start(Speed.MAX);
    String cut = new String(post(s, "/messages", "{\"model\":\"ssechat-sample-truncated\","
        + "\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"hi\"}]}").body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(cut).startsWith("event: message_start\n").contains("event: content_block_delta")
        .doesNotContain("message_stop");
    String failed = new String(post(s, "/responses", "{\"model\":\"ssechat-sample-midstream-"
        + "error\",\"stream\":true,\"input\":\"hi\"}").body(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(failed).contains("event: response.output_text.delta").contains("event: error")
        .doesNotContain("response.completed");
    HttpResponse<byte[]> whole = post(s, "/messages", "{\"model\":\"x\",\"messages\":[]}");
    assertThat(whole.statusCode()).isEqualTo(400);
  }

  /** A client that sends files (content parts, an image) is answered like any other. */
  @Test
  void contentPartsWithImagesAreAccepted() throws Exception {
    RecordingServer s = start(Speed.MAX);
    String body = "{\"model\":\"" + WELCOME + "\",\"stream\":true,\"messages\":[{\"role\":"
        + "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this?\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
        + "iVBORw0KGgo=\"}}]}]}";
    HttpResponse<byte[]> r = post(s, "/chat/completions", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertSameBytes(r.body(), LIB.get(WELCOME).body());
    HttpResponse<byte[]> whole = post(s, "/chat/completions", body.replace("true", "false"));
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(new String(whole.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"object\":\"chat.completion\"");
  }

  @Test
  void streamsTheRecordingByteExactWithSseHeaders() throws Exception {
    RecordingServer s = start(Speed.MAX);
    for (String name : LIB.names()) {
      HttpResponse<byte[]> r = post(s, "/chat/completions", chatBody(name, true, "hi"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
      assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
      assertThat(r.headers().firstValue("x-ssechat-recording")).hasValue(name);
      byte[] recorded = LIB.get(name).body();
      var dialect = org.ssechat.chat.ChatStreamDecoder.detect(recorded, 0, recorded.length);
      if (dialect == org.ssechat.chat.ChatStreamDecoder.Dialect.CHAT) {
        assertSameBytes(r.body(), recorded);
      } else { // translated into chat chunks: the same answer
        var served = decoded(org.ssechat.chat.ChatStreamDecoder.Dialect.CHAT, r.body());
        var original = decoded(dialect, recorded);
        assertThat(served.content()).as(name).isEqualTo(original.content());
        assertThat(served.reasoning()).as(name).isEqualTo(original.reasoning());
        assertThat(served.toolCalls()).as(name).isEqualTo(original.toolCalls());
        assertThat(served.content() + served.toolCalls()).as(name).isNotEqualTo("[]");
      }
    }
    assertThat(s.streamed()).isEqualTo(LIB.names().size());
  }

  @Test
  void theModelNameElseThePromptPicksTheRecordingAndTheHeaderSaysHow() throws Exception {
    RecordingServer s = start(Speed.MAX);
    String[][] cases = {
        {WELCOME, "周树人和鲁迅是兄弟吗？", WELCOME, "model"},
        {"gpt-4o-mini", "周树人和鲁迅是兄弟吗？", "ssechat-offline-luxun-zhoushuren", "exact"},
        {"gpt-4o-mini", "why is the sky blue", "ssechat-offline-sky-blue", "exact"},
        {"gpt-4o-mini", "周树人和鲁迅是不是兄弟？", "ssechat-offline-luxun-zhoushuren", "near"}};
    for (String[] c : cases) {
      HttpResponse<byte[]> r = post(s, "/chat/completions", chatBody(c[0], true, c[1]));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-ssechat-recording")).as(c[1]).hasValue(c[2]);
      assertThat(r.headers().firstValue("x-ssechat-match")).as(c[1]).hasValue(c[3]);
      assertSameBytes(r.body(), LIB.get(c[2]).body());
    }
    assertThat(log).anyMatch(l -> l.contains("-> ssechat-offline-sky-blue (exact match)"));
  }

  @Test
  void anUnmatchedPromptGetsTheNoRecordedAnswerAndSaysSo() throws Exception {
    RecordingServer s = start(Speed.MAX);
    for (String prompt : new String[] {"hello world", "what is SSE?", "鲁迅是谁？"}) {
      HttpResponse<byte[]> r = post(s, "/chat/completions", chatBody("gpt-4o-mini", true,
          prompt));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(r.headers().firstValue("x-ssechat-match")).hasValue("none");
      assertThat(r.headers().firstValue("x-ssechat-recording")).isEmpty();
      assertSameBytes(r.body(), NoMatchAnswer.recording(LIB).body());
      assertThat(Expected.of(r.body()).content()).isEqualTo(NoMatchAnswer.text(LIB));
    }
    HttpResponse<byte[]> agg = post(s, "/chat/completions", chatBody("gpt-4o-mini", false,
        "what is SSE?"));
    assertThat(agg.statusCode()).isEqualTo(200);
    assertThat(agg.headers().firstValue("x-ssechat-match")).hasValue("none");
    assertThat(JSON.readTree(agg.body()).path("choices").get(0).path("message").path("content")
        .asString()).isEqualTo(NoMatchAnswer.text(LIB));
    assertThat(log).anyMatch(l -> l.contains("model=gpt-4o-mini -> no recorded answer"));
  }

  @Test
  void sixteenConcurrentPacedClientsEachGetTheWholeRecording() throws Exception {
    // speed 10: the welcome sidecar spans ~5.2 s, so each replay takes ~0.5 s and they overlap.
    RecordingServer s = start(Speed.parse("10"));
    byte[] expected = LIB.get(WELCOME).body();
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 16; i++) {
        all.add(clients.submit(() -> post(s, "/chat/completions",
            chatBody(WELCOME, true, "hi"))));
      }
      for (Future<HttpResponse<byte[]>> f : all) {
        HttpResponse<byte[]> r = f.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertSameBytes(r.body(), expected);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).as("served concurrently, not one after another").isLessThan(5_000);
    } finally {
      clients.shutdownNow();
    }
    assertThat(s.streamed()).isEqualTo(16);
    assertThat(s.disconnects()).isZero();
  }

  @Test
  void clientDisconnectMidStreamIsCountedAndServerStaysHealthy() throws Exception {
    RecordingServer s = start(Speed.REALTIME);
    byte[] req = chatBody(WELCOME, true, "hi").getBytes(StandardCharsets.UTF_8);
    try (Socket sock = new Socket("127.0.0.1", s.port())) {
      OutputStream out = sock.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + req.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(req);
      out.flush();
      InputStream in = sock.getInputStream();
      byte[] buf = new byte[4096];
      int got = 0;
      String head = "";
      while (!head.contains("data: ")) {
        int n = in.read(buf);
        assertThat(n).isPositive();
        got += n;
        head += new String(buf, 0, n, StandardCharsets.UTF_8);
      }
      assertThat(head).startsWith("HTTP/1.1 200");
      assertThat(got).isLessThan(LIB.get(WELCOME).body().length);
    } // closed after the first event: the replay still has ~5 s to go
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (s.disconnects() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(s.disconnects()).isEqualTo(1);
    assertThat(log).anyMatch(l -> l.contains("client went away"));
    // The next request is served normally.
    HttpResponse<byte[]> r = post(s, "/chat/completions",
        chatBody("openai-gpt4o-mini-text-usage", true, "hi"));
    assertSameBytes(r.body(), LIB.get("openai-gpt4o-mini-text-usage").body());
  }

  @Test
  void modelsListsEveryRecording() throws Exception {
    RecordingServer s = start(Speed.MAX);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl()
        + "/models")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode list = JSON.readTree(r.body());
    assertThat(list.path("object").asString()).isEqualTo("list");
    List<String> ids = new ArrayList<>();
    for (JsonNode m : list.path("data")) {
      assertThat(m.path("object").asString()).isEqualTo("model");
      ids.add(m.path("id").asString());
    }
    assertThat(ids).containsExactlyElementsOf(LIB.names());
  }

  @Test
  void errorsAreOpenAiStyleJson() throws Exception {
    RecordingServer s = start(Speed.MAX);
    HttpResponse<byte[]> bad = post(s, "/chat/completions", "{\"model\": ");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("error").path("message").asString())
        .startsWith("request body is not valid JSON");
    HttpResponse<byte[]> noMessages = post(s, "/chat/completions", "{\"model\":\"x\"}");
    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noMessages.body()).path("error").path("type").asString())
        .isEqualTo("invalid_request_error");
    HttpResponse<byte[]> nowhere = post(s, "/embeddings", "{}");
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(nowhere.body()).path("error").path("message").asString())
        .contains("no route POST /v1/embeddings");
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl()
        + "/chat/completions")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(log).noneMatch(l -> l.contains("sk-test"));
  }

  @Test
  void lastUserMessageTakesStringOrTextParts() {
    JsonNode msgs = JSON.readTree("[{\"role\":\"user\",\"content\":\"first\"},"
        + "{\"role\":\"assistant\",\"content\":\"x\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
        + "{\"type\":\"image_url\",\"image_url\":{}},{\"type\":\"text\",\"text\":\"b\"}]}]");
    assertThat(RequestPrompts.lastUserMessage(msgs)).isEqualTo("ab");
    assertThat(RequestPrompts.lastUserMessage(JSON.readTree("[]"))).isNull();
  }

  @Test
  void busyPortIsAOneLineError() throws Exception {
    RecordingServer s = start(Speed.MAX);
    java.io.StringWriter err = new java.io.StringWriter();
    int code = ServeCommand.run(ServeOptions.defaults().withPort(s.port()).withSpeed(Speed.MAX),
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("error: cannot listen on 127.0.0.1:"
        + s.port()).doesNotContain("\n");
  }

  @Test
  void optionParsing() {
    ServeOptions d = ServeOptions.parse(List.of());
    assertThat(d).isEqualTo(ServeOptions.defaults());
    assertThat(d.host()).isEqualTo("127.0.0.1");
    ServeOptions o = ServeOptions.parse(List.of("--port", "0", "--speed=max", "--dir", "x",
        "--host", "::1"));
    assertThat(o.port()).isZero();
    assertThat(o.speed().isMax()).isTrue();
    assertThat(o.dir()).isEqualTo(java.nio.file.Path.of("x"));
    assertThat(o.host()).isEqualTo("::1");
    assertThat(d.pacing().untimedGapNanos()).isEqualTo(25_000_000);
    assertThat(ServeOptions.parse(List.of("--untimed-gap", "40ms", "--speed", "2")).pacing())
        .isEqualTo(new org.ssechat.replay.Pacing(Speed.parse("2"), 40_000_000));
    assertThat(ServeOptions.parse(List.of("--untimed-gap", "1s")).pacing().untimedGapNanos())
        .isEqualTo(1_000_000_000);
    assertThat(ServeOptions.parse(List.of("--untimed-gap=0")).pacing().untimedGapNanos())
        .isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--untimed-gap", "-5ms"))).hasMessage("bad --untimed-gap '-5ms': use e.g. "
        + "25ms, 1s or 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--untimed-gap", "2m"))).hasMessage("bad --untimed-gap '2m': use e.g. "
        + "25ms, 1s or 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--port", "70000"))).hasMessage("bad port '70000': use 0-65535");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--verbose"))).hasMessage("unknown option --verbose");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--dir"))).hasMessage("--dir needs a value");
  }

  @Test
  void limitOptionsSetTheGuardsAndBadValuesSayWhatIsWanted() {
    ServeOptions o = ServeOptions.parse(List.of("--max-body", "512KiB", "--max-connections",
        "100", "--max-streams=50", "--request-timeout", "5s", "--idle-timeout", "2m", "--token",
        "t0k"));
    assertThat(o.limits()).isEqualTo(new EventLoopServer.Limits(512 * 1024, 100, 50, 5, 120,
        "t0k"));
    assertThat(o.token()).isEqualTo("t0k");
    assertThat(ServeOptions.parse(List.of("--max-body", "16MiB")).limits().maxBodyBytes())
        .isEqualTo(16 << 20);
    assertThat(ServeOptions.parse(List.of("--max-body", "1000", "--request-timeout", "7"))
        .limits()).isEqualTo(EventLoopServer.Limits.DEFAULTS.withMaxBodyBytes(1000)
        .withRequestTimeoutSeconds(7));
    assertThat(ServeOptions.parse(List.of()).limits()).isEqualTo(EventLoopServer.Limits.DEFAULTS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--max-streams", "0"))).hasMessage("bad --max-streams '0': use a whole number "
        + "above 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--max-body", "3GiB"))).hasMessage("bad --max-body '3GiB': use e.g. 16MiB, "
        + "512KiB or 1000");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--max-body", "4096MiB"))).hasMessage("bad --max-body '4096MiB': use e.g. 16MiB, "
        + "512KiB or 1000");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.parse(
        List.of("--idle-timeout", "soon"))).hasMessage("bad --idle-timeout 'soon': use e.g. 30s "
        + "or 2m");
  }

  @Test
  void serveFromADirectoryWithASidecar(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    byte[] body = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    java.nio.file.Files.write(dir.resolve("mine.sse"), body);
    java.nio.file.Files.writeString(dir.resolve("mine.sse.json"), "{\"format\":"
        + "\"ssechat-recording\",\"version\":1,\"reads\":[[0,10],[300000,"
        + (body.length - 10) + "]]}");
    RecordingServer s = new RecordingServer(RecordingLibrary.directory(dir), "127.0.0.1", 0,
        Pacing.of(Speed.parse("2")), PacingClock.SYSTEM, log::add);
    servers.add(s);
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = post(s, "/chat/completions", chatBody("mine", true, "x"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertSameBytes(r.body(), body);
    assertThat(ms).as("300 ms recorded gap at speed 2").isBetween(140L, 2000L);
  }

  @Test
  void nonStreamingRecordedErrorIsA502AndTruncationHasNoFinishReason() throws Exception {
    RecordingServer s = start(Speed.MAX);
    HttpResponse<byte[]> err = post(s, "/chat/completions",
        chatBody("ssechat-sample-midstream-error", false, "x"));
    assertThat(err.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(err.body()).path("error").path("message").asString())
        .contains("The upstream provider timed out (synthetic sample)");
    HttpResponse<byte[]> cut = post(s, "/chat/completions",
        chatBody("ssechat-sample-truncated", false, "x"));
    assertThat(cut.statusCode()).isEqualTo(200);
    JsonNode choice = JSON.readTree(cut.body()).path("choices").get(0);
    assertThat(choice.path("finish_reason").isNull()).isTrue();
    assertThat(choice.path("message").path("content").asString())
        .isEqualTo("This synthetic sample is cut off in the middle of an event");
    assertThat(JSON.readTree(cut.body()).path("object").asString()).isEqualTo("chat.completion");
  }

  /** {@code body} decoded as {@code dialect}, as a client of that API would. */
  private static org.ssechat.chat.ChatAccumulator decoded(
      org.ssechat.chat.ChatStreamDecoder.Dialect dialect, byte[] body) {
    org.ssechat.chat.ChatAccumulator acc = new org.ssechat.chat.ChatAccumulator();
    org.ssechat.sse.SseParser p = org.ssechat.sse.SseParsers.create(
        org.ssechat.chat.ChatStreamDecoder.of(dialect, acc));
    p.feed(body, 0, body.length);
    p.endOfInput();
    return acc;
  }

  /**
   * Recordings in every dialect, to clients of every API: byte for byte when they match, else
   * translated with the content, reasoning, usage and (re-worded) ending kept.
   */
  @Test
  void everyDialectsRecordingsServeEveryApisClients(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("claude-native.sse"),
        org.ssechat.testing.DialectSamples.MESSAGES);
    java.nio.file.Files.writeString(dir.resolve("gpt-responses.sse"),
        org.ssechat.testing.DialectSamples.RESPONSES);
    RecordingServer s = new RecordingServer(RecordingLibrary.directory(dir), "127.0.0.1", 0,
        Pacing.of(Speed.MAX), PacingClock.SYSTEM, log::add);
    servers.add(s);
    var chat = org.ssechat.chat.ChatStreamDecoder.Dialect.CHAT;
    var messages = org.ssechat.chat.ChatStreamDecoder.Dialect.MESSAGES;
    var responses = org.ssechat.chat.ChatStreamDecoder.Dialect.RESPONSES;
    String claudeText = org.ssechat.testing.DialectSamples.MESSAGES_TEXT;

    byte[] same = post(s, "/messages", "{\"model\":\"claude-native\",\"max_tokens\":9,"
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body();
    assertSameBytes(same, org.ssechat.testing.DialectSamples.MESSAGES
        .getBytes(StandardCharsets.UTF_8));

    byte[] asChat = post(s, "/chat/completions", chatBody("claude-native", true, "hi")).body();
    var c = decoded(chat, asChat);
    assertThat(c.content()).isEqualTo(claudeText);
    assertThat(c.reasoning()).isEqualTo("用户问笔名。");
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.usage().promptTokens()).isEqualTo(9);
    assertThat(c.usage().completionTokens()).isEqualTo(12);
    assertThat(c.doneSeen()).isTrue();
    assertThat(c.errors()).isEmpty();

    var r = decoded(responses, post(s, "/responses", "{\"model\":\"claude-native\","
        + "\"stream\":true,\"input\":\"hi\"}").body());
    assertThat(r.content()).isEqualTo(claudeText);
    assertThat(r.finishReason()).isEqualTo("completed");

    var m = decoded(messages, post(s, "/messages", "{\"model\":\"gpt-responses\","
        + "\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]}").body());
    assertThat(m.content()).isEqualTo(org.ssechat.testing.DialectSamples.RESPONSES_TEXT);
    assertThat(m.reasoning()).isEqualTo("Short.");
    assertThat(m.finishReason()).isEqualTo("end_turn");

    JsonNode whole = JSON.readTree(post(s, "/chat/completions",
        chatBody("gpt-responses", false, "hi")).body());
    assertThat(whole.at("/choices/0/message/content").asString())
        .isEqualTo(org.ssechat.testing.DialectSamples.RESPONSES_TEXT);
    assertThat(whole.at("/choices/0/message/reasoning_content").asString()).isEqualTo("Short.");
    assertThat(whole.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
    assertThat(log).anyMatch(l -> l.contains("claude-native") && l.contains("translated from messages"));
  }
}
