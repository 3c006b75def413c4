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
 * Optional fields a server refuses by name go away on a second try, once: a Responses request
 * asks for reasoning summaries, which a model without them (gpt-4.1, gpt-4o) refuses with a 400;
 * a chat request asks for usage with {@code stream_options}, which older servers reject.
 */
class RefusedFieldTest {
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
        "HTTP 400: the server refused reasoning.summary; asked again without it");
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

  private static final String CHAT_STREAM = "data: {\"choices\":[{\"index\":0,\"delta\":"
      + "{\"content\":\"OK\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  private ChatResult chat(Dialect dialect, int status) throws Exception {
    server = new TestServer((req, resp, i) -> {
      if (req.bodyText().contains("stream_options") || dialect != Dialect.CHAT) {
        resp.full(status, "application/json", "{\"error\":{\"message\":\"Unrecognized "
            + "request argument supplied: stream_options\"}}");
      } else {
        resp.sse(CHAT_STREAM.getBytes(StandardCharsets.UTF_8), 7, 0);
      }
    });
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(EndpointConfig.of("t",
        server.baseUrl(), KEY), ResponseOptions.DEFAULTS.withDialect(dialect));
    ChatRequest r = ChatRequest.of("old-model", List.of(ChatMessage.user("hi")));
    return b.stream(r, b.newResponse(r, new ChatDeltaListener() {}), new Cancellation());
  }

  @Test
  void aRefusedStreamOptionsIsDroppedOnceAndSaidSo() throws Exception {
    for (int status : new int[] {400, 422}) {
      ChatResult r = chat(Dialect.CHAT, status);
      assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
      assertThat(r.content()).isEqualTo("OK");
      assertThat(r.warnings()).containsExactly("HTTP " + status
          + ": the server refused stream_options; asked again without it");
      assertThat(server.requests).hasSize(2);
      assertThat(server.requests.get(1).bodyText()).doesNotContain("stream_options");
      server.close();
    }
  }

  /** A field the request did not send cannot be dropped: the refusal is the answer. */
  @Test
  void aFieldThatWasNotSentIsNotRetried() throws Exception {
    ChatResult r = chat(Dialect.MESSAGES, 400);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("HTTP 400").contains("stream_options");
    assertThat(server.requests).hasSize(1);
  }
}
