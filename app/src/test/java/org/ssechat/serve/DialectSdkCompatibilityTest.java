package org.ssechat.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssechat.replay.Expected;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.Speed;

/**
 * The official Anthropic and OpenAI SDKs stream Messages and Responses answers from `serve`,
 * translated on the fly from Chat Completions recordings.
 */
class DialectSdkCompatibilityTest {
  private static final String TEXT = "openai-gpt4o-mini-text-usage";
  private static ServeEngine server;

  @BeforeAll
  static void start() throws Exception {
    server = new EventLoopServer(RecordingLibrary.bundled(), "127.0.0.1", 0,
        Pacing.of(Speed.parse("20")),
        EventLoopServer.Limits.DEFAULTS, line -> {});
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anthropicSdkStreamsAMessage() {
    AnthropicClient client = AnthropicOkHttpClient.builder()
        .baseUrl(server.baseUrl().toString().replaceFirst("/v1$", "")).apiKey("sk-ant-dummy")
        .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    StringBuilder text = new StringBuilder();
    List<String> stops = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(
        MessageCreateParams.builder().model(TEXT).maxTokens(256).addUserMessage("hi").build())) {
      s.stream().forEach(e -> {
        e.contentBlockDelta().ifPresent(d -> d.delta().text().ifPresent(t -> text.append(t.text())));
        e.messageDelta().ifPresent(d -> d.delta().stopReason()
            .ifPresent(r -> stops.add(r.asString())));
      });
    } finally {
      client.close();
    }
    assertThat(text.toString()).isEqualTo(Expected.of(TEXT).content()).isNotEmpty();
    assertThat(stops).containsExactly("end_turn");
  }

  @Test
  void openAiSdkStreamsAResponse() {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString())
        .apiKey("sk-dummy").maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    StringBuilder text = new StringBuilder();
    List<String> status = new ArrayList<>();
    try (com.openai.core.http.StreamResponse<ResponseStreamEvent> s = client.responses()
        .createStreaming(ResponseCreateParams.builder().model(TEXT).input("hi").build())) {
      s.stream().forEach(e -> {
        e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
        e.completed().ifPresent(c -> status.add(c.response().status().map(Object::toString)
            .orElse("?")));
      });
    } finally {
      client.close();
    }
    assertThat(text.toString()).isEqualTo(Expected.of(TEXT).content()).isNotEmpty();
    assertThat(status).containsExactly("completed");
  }
}
