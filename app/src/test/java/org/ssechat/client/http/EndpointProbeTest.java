package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.testing.DialectSamples;

/** /probe against fake endpoints that serve some dialects and not others. */
class EndpointProbeTest {
  static final String KEY = "sk-probe-0123456789abcdef";
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static String chatStream(boolean usage) {
    return "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":"
        + "\"hm\"}}]}\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"OK\"},"
        + "\"finish_reason\":\"length\"}]}\n\n"
        + (usage ? "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":"
            + "1,\"total_tokens\":6}}\n\n" : "") + "data: [DONE]\n\n";
  }

  @Test
  void aChatOnlyRelay(@TempDir Path dir) throws Exception {
    server = new TestServer((req, resp, i) -> {
      if (req.path().endsWith("/models")) {
        resp.full(200, "application/json", "{\"data\":[{\"id\":\"gpt-x\"},{\"id\":\"m2\"}]}");
      } else if (req.path().endsWith("/chat/completions")) {
        resp.sse(chatStream(true).getBytes(StandardCharsets.UTF_8), 50, 0);
      } else {
        resp.full(404, "application/json", "{\"error\":{\"message\":\"Invalid URL (POST "
            + req.path() + ") " + KEY + "\",\"type\":\"invalid_request_error\"}}");
      }
    });
    List<EndpointProbe.Row> rows = new EndpointProbe(EndpointConfig.of("t", server.baseUrl(),
        KEY), dir).run("gpt-x");
    assertThat(rows).extracting(EndpointProbe.Row::what)
        .containsExactly("models", "chat", "messages", "responses");
    assertThat(rows.get(0)).isEqualTo(new EndpointProbe.Row("models", true, "2 listed, e.g. gpt-x"));
    assertThat(rows.get(1)).isEqualTo(new EndpointProbe.Row("chat", true,
        "streams, finish length, usage reported, reasoning fields"));
    assertThat(rows.get(2).ok()).isFalse();
    assertThat(rows.get(3).ok()).isFalse();
    for (EndpointProbe.Row r : rows) {
      assertThat(r.detail()).doesNotContain(KEY).doesNotContain("\n");
    }
    assertThat(server.requests.get(1).bodyText()).contains("\"max_tokens\":1");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("chat.sse")))
          .hasSize(1);
    }
  }

  @Test
  void streamOptionsRefusedIsRetriedWithoutThemAndNoted() throws Exception {
    server = new TestServer((req, resp, i) -> {
      if (req.bodyText().contains("stream_options")) {
        resp.full(400, "application/json", "{\"error\":{\"message\":\"Unrecognized request "
            + "argument supplied: stream_options\"}}");
      } else if (req.path().endsWith("/chat/completions")) {
        resp.sse(chatStream(false).getBytes(StandardCharsets.UTF_8), 50, 0);
      } else {
        resp.full(500, "text/plain", "boom");
      }
    });
    List<EndpointProbe.Row> rows = new EndpointProbe(EndpointConfig.of("t", server.baseUrl(),
        null), null).run("m");
    assertThat(rows.get(0).ok()).isFalse();
    assertThat(rows.get(0).detail()).startsWith("HTTP 500");
    assertThat(rows.get(1)).isEqualTo(new EndpointProbe.Row("chat", true,
        "streams, finish length, no usage, reasoning fields; stream_options refused"));
  }

  @Test
  void anUnreachableEndpointIsOneLinePerRow() throws Exception {
    server = new TestServer((req, resp, i) -> resp.drop());
    List<EndpointProbe.Row> rows = new EndpointProbe(EndpointConfig.of("t", server.baseUrl(),
        KEY), null).run("m");
    assertThat(rows).hasSize(4).allMatch(r -> !r.ok() && !r.detail().isBlank());
  }

  /** A fake relay that serves the dialects named, at their usual paths, and 404 for the rest. */
  private static TestServer relay(boolean chat, boolean messages, boolean responses) throws Exception {
    return new TestServer((req, resp, i) -> {
      String path = req.path();
      if (path.endsWith("/models")) {
        resp.full(200, "application/json", "{\"data\":[{\"id\":\"gpt-x\"}]}");
      } else if (chat && path.endsWith("/chat/completions")) {
        resp.sse(chatStream(true).getBytes(StandardCharsets.UTF_8), 40, 0);
      } else if (messages && path.endsWith("/messages")) {
        resp.sse(DialectSamples.MESSAGES.getBytes(StandardCharsets.UTF_8), 40, 0);
      } else if (responses && path.endsWith("/responses")) {
        resp.sse(DialectSamples.RESPONSES.getBytes(StandardCharsets.UTF_8), 40, 0);
      } else {
        resp.full(404, "application/json", "{\"error\":{\"message\":\"Invalid URL (POST "
            + path + ")\",\"type\":\"invalid_request_error\"}}");
      }
    });
  }

  @Test
  void aRelayServingAllThreeDialects() throws Exception {
    server = relay(true, true, true);
    List<EndpointProbe.Row> rows = new EndpointProbe(EndpointConfig.of("t", server.baseUrl(),
        KEY), null).run("gpt-x");
    assertThat(rows).containsExactly(
        new EndpointProbe.Row("models", true, "1 listed, e.g. gpt-x"),
        new EndpointProbe.Row("chat", true,
            "streams, finish length, usage reported, reasoning fields"),
        new EndpointProbe.Row("messages", true,
            "streams, finish end_turn, usage reported, reasoning fields"),
        new EndpointProbe.Row("responses", true,
            "streams, finish completed, usage reported, reasoning fields"));
    assertThat(server.requests).extracting(TestServer.Received::path).containsExactly(
        "/v1/models", "/v1/chat/completions", "/v1/messages", "/v1/responses");
    assertThat(server.requests.get(2).bodyText()).contains("\"max_tokens\":1");
    assertThat(server.requests.get(3).bodyText()).contains("\"max_output_tokens\"");
  }

  @Test
  void aRelayServingChatAndMessagesButNotResponses() throws Exception {
    server = relay(true, true, false);
    List<EndpointProbe.Row> rows = new EndpointProbe(EndpointConfig.of("t", server.baseUrl(),
        KEY), null).run("gpt-x");
    assertThat(rows).extracting(EndpointProbe.Row::ok).containsExactly(true, true, true, false);
    assertThat(rows.get(3).detail()).startsWith("HTTP 404").contains("Invalid URL (POST /v1/responses)")
        .doesNotContain("\n");
  }

  @Test
  void aRelayThatRefusesTheKeyFailsEveryRowInOneRedactedLine() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(401, "application/json",
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
            + "\",\"type\":\"invalid_request_error\"}}"));
    List<EndpointProbe.Row> rows = new EndpointProbe(EndpointConfig.of("t", server.baseUrl(),
        KEY), null).run("gpt-x");
    assertThat(rows).hasSize(4).allSatisfy(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.detail()).startsWith("HTTP 401").contains("Incorrect API key provided: sk-")
          .doesNotContain(KEY).doesNotContain("\n");
    });
  }
}
