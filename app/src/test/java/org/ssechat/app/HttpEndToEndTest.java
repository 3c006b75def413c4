package org.ssechat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.chat.ChatAccumulator;
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.testing.DialectSamples;
import org.ssechat.testing.SsechatProcess;
import org.ssechat.testing.SsechatProcess.Run;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ssechat (separate process) against an in-process HTTP server on 127.0.0.1 that answers every
 * chat request with a recorded stream: one-shot output, multi-turn history on the wire, model
 * listing, recording, and the key only ever in the Authorization header.
 */
class HttpEndToEndTest {
  private static final String KEY = "sk-http-FAKE-9876543210-zyxw";
  private static final String CORPUS = "/corpus/openai-gpt4o-mini-text-usage.sse";

  @TempDir
  Path tmp;
  private HttpServer server;
  private byte[] body;
  private String answer;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    try (InputStream in = getClass().getResourceAsStream(CORPUS)) {
      body = in.readAllBytes();
    }
    ChatAccumulator acc = new ChatAccumulator();
    SseParser parser = SseParsers.create(new ChatChunkDecoder(acc));
    parser.feed(body, 0, body.length);
    parser.endOfInput();
    answer = acc.content();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      requests.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      stream(ex, body, 256);
    });
    server.createContext("/v1/models", ex -> {
      byte[] json = "{\"object\":\"list\",\"data\":[{\"id\":\"model-a\"},{\"id\":\"model-b\"}]}"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, json.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(json);
      }
    });
    server.createContext("/v1/messages", ex -> dialect(ex, DialectSamples.MESSAGES));
    server.createContext("/v1/responses", ex -> dialect(ex, DialectSamples.RESPONSES));
    server.start();
  }

  /** Answers a Messages or Responses request with {@code sse}, 7 bytes a write (cut UTF-8). */
  private void dialect(com.sun.net.httpserver.HttpExchange ex, String sse)
      throws java.io.IOException {
    requests.add(ex.getRequestURI().getPath() + " "
        + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    stream(ex, sse.getBytes(StandardCharsets.UTF_8), 7);
  }

  /** Notes the Authorization header and streams {@code b}, {@code chunk} bytes a write. */
  private void stream(com.sun.net.httpserver.HttpExchange ex, byte[] b, int chunk)
      throws java.io.IOException {
    authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (int off = 0; off < b.length; off += chunk) {
        out.write(b, off, Math.min(chunk, b.length - off));
        out.flush();
      }
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, String> env() {
    return Map.of("OPENAI_API_KEY", KEY,
        "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  @Test
  void oneShotStreamsTheAnswerToStdout() throws Exception {
    Run r = SsechatProcess.run(tmp, env(), "", "chat", "--model", "gpt-test", "Say hi");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(answer + "\n");
    assertThat(r.err()).contains("finished (stop)");
    assertThat(authorizations).containsExactly("Bearer " + KEY);
    JsonNode req = JsonMapper.builder().build().readTree(requests.get(0));
    assertThat(req.get("model").asString()).isEqualTo("gpt-test");
    assertThat(req.get("stream").asBoolean()).isTrue();
  }

  @Test
  void replSendsTheWholeConversationAndRecords() throws Exception {
    String script = String.join("\n", "/system Be brief.", "first question", "/record on",
        "second question", "/models", "/exit", "");
    Run r = SsechatProcess.run(tmp, env(), script);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(answer).contains("model-a").contains("model-b").doesNotContain(KEY);
    assertThat(requests).hasSize(2);
    JsonNode second = JsonMapper.builder().build().readTree(requests.get(1));
    List<String> roles = second.get("messages").valueStream().map(m -> m.get("role").asString()).toList();
    List<String> texts = second.get("messages").valueStream().map(m -> m.get("content").asString()).toList();
    assertThat(roles).containsExactly("system", "user", "assistant", "user");
    assertThat(texts).containsExactly("Be brief.", "first question", answer, "second question");

    Path recordings = tmp.resolve("data/ssechat/recordings");
    List<Path> files;
    try (Stream<Path> s = Files.list(recordings)) {
      files = s.sorted().toList();
    }
    Path sse = files.stream().filter(f -> f.toString().endsWith(".sse")).findFirst().orElseThrow();
    assertThat(Files.readAllBytes(sse)).isEqualTo(body);
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }

  /** {@code chat --api messages} and {@code /api responses}: each dialect end to end, live. */
  @Test
  void messagesAndResponsesDialectsEndToEnd() throws Exception {
    Run one = SsechatProcess.run(tmp, env(), "", "chat", "--api", "messages", "--model",
        "claude-x", "--system", "Be brief.", "周树人和鲁迅是兄弟吗？");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).isEqualTo("鲁迅是周树人的笔名。\n");
    assertThat(one.err()).contains("claude-x").contains("finished (end_turn)");
    assertThat(requests.get(0)).startsWith("/v1/messages {")
        .contains("\"system\":\"Be brief.\"").contains("\"max_tokens\":")
        .contains("\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"周树人和鲁迅是兄弟吗？\"}]}]");

    String script = String.join("\n", "/api responses", "/system Be brief.", "Why is the sky blue?",
        "And at sunset?", "/exit", "");
    Run repl = SsechatProcess.run(tmp, env(), script);
    assertThat(repl.code()).as(repl.err()).isZero();
    assertThat(repl.out()).contains("Rayleigh scattering.").contains("gpt-r")
        .contains("finished (completed)").doesNotContain(KEY);
    assertThat(requests).hasSize(3);
    assertThat(requests.get(2)).startsWith("/v1/responses {")
        .contains("\"instructions\":\"Be brief.\"")
        .contains("\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
            + "\"text\":\"Why is the sky blue?\"}]},{\"role\":\"assistant\",\"content\":["
            + "{\"type\":\"output_text\",\"text\":\"Rayleigh scattering.\"}]},{\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"And at sunset?\"}]}]");
    assertThat(authorizations).containsOnly("Bearer " + KEY);
  }
}
