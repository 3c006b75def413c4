package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.ResponseOptions;

/**
 * A Responses request asks for reasoning summaries; a model that takes none (gpt-4.1, gpt-4o)
 * answers 400 naming {@code reasoning.summary}, and the request goes again without it, once.
 */
class ReasoningSummaryRefusedTest {
  private static final String KEY = "sk-summary-0123456789abcdef";
  private static final String REFUSAL = "{\"error\":{\"message\":\"Unsupported parameter: "
      + "'reasoning.summary' is not supported with the 'gpt-4.1-2025-04-14' model.\","
      + "\"type\":\"invalid_request_error\",\"param\":\"reasoning.summary\","
      + "\"code\":\"unsupported_parameter\"}}";
  private static final String STREAM = "event: response.output_text.delta\n"
      + "data: {\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,"
      + "\"delta\":\"OK\"}\n\nevent: response.completed\n"
      + "data: {\"type\":\"response.completed\",\"response\":{\"model\":\"gpt-4.1\","
      + "\"status\":\"completed\"}}\n\n";

  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ChatResult ask(boolean refuseAlways) throws Exception {
    server = new TestServer((req, resp, i) -> {
      if (refuseAlways || req.bodyText().contains("reasoning")) {
        resp.full(400, "application/json", REFUSAL);
      } else {
        resp.sse(STREAM.getBytes(StandardCharsets.UTF_8), 16, 0);
      }
    });
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(EndpointConfig.of("t",
        server.baseUrl(), KEY), ResponseOptions.DEFAULTS.withDialect(Dialect.RESPONSES));
    ChatRequest r = ChatRequest.of("gpt-4.1", List.of(ChatMessage.user("hi")));
    return b.stream(r, b.newResponse(r, new ChatDeltaListener() {}), new Cancellation());
  }

  @Test
  void theRequestIsSentAgainWithoutTheSummaryAndSaysSo() throws Exception {
    ChatResult r = ask(false);
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("OK");
    assertThat(r.warnings()).containsExactly(
        "HTTP 400: the model takes no reasoning.summary; asked again without it");
    assertThat(server.requests).hasSize(2);
    assertThat(server.requests.get(0).bodyText()).contains("\"reasoning\":{\"summary\":\"auto\"}");
    assertThat(server.requests.get(1).bodyText()).doesNotContain("reasoning");
  }

  @Test
  void aSecondRefusalIsTheErrorNotALoop() throws Exception {
    ChatResult r = ask(true);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("HTTP 400").contains("reasoning.summary");
    assertThat(server.requests).hasSize(2);
  }
}
