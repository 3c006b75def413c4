package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
