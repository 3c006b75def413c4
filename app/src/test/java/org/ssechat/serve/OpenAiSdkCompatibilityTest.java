package org.ssechat.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssechat.replay.BundledRecordingsGenerator;
import org.ssechat.replay.Expected;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.Speed;

/** The official OpenAI Java SDK, pointed at the recording server. */
class OpenAiSdkCompatibilityTest {

  private static ServeEngine server;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    server = new EventLoopServer(RecordingLibrary.bundled(), "127.0.0.1", 0,
        Pacing.of(Speed.parse("20")),
        EventLoopServer.Limits.DEFAULTS, line -> {});
    client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString())
        .apiKey("sk-dummy").maxRetries(0).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static ChatCompletionCreateParams params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
  }

  @Test
  void streamingGetsTheRecordedContent() {
    for (String name : List.of("openai-gpt4o-mini-text-usage",
        BundledRecordingsGenerator.WELCOME, "dashscope-qwen-plus-chinese-usage")) {
      StringBuilder content = new StringBuilder();
      List<String> finish = new ArrayList<>();
      try (StreamResponse<ChatCompletionChunk> s = client.chat().completions()
          .createStreaming(params(name))) {
        s.stream().forEach(chunk -> chunk.choices().forEach(c -> {
          c.delta().content().ifPresent(content::append);
          c.finishReason().ifPresent(f -> finish.add(f.asString()));
        }));
      }
      assertThat(content.toString()).as(name).isEqualTo(Expected.of(name).content())
          .isNotEmpty();
      assertThat(finish).as(name).containsExactly("stop");
    }
  }

  @Test
  void nonStreamingGetsTheAggregatedCompletion() {
    ChatCompletion c = client.chat().completions().create(params(
        "openai-gpt4o-mini-text-usage"));
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().get(0).message().content())
        .hasValue(Expected.of("openai-gpt4o-mini-text-usage").content());
    assertThat(c.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(c.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(c.usage()).hasValueSatisfying(u -> {
      assertThat(u.promptTokens()).isEqualTo(78);
      assertThat(u.completionTokens()).isEqualTo(9);
      assertThat(u.totalTokens()).isEqualTo(87);
    });

    ChatCompletion tool = client.chat().completions().create(params(
        "openai-gpt4o-mini-tool-call-arg-fragments"));
    var msg = tool.choices().get(0).message();
    assertThat(tool.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    assertThat(msg.toolCalls()).hasValueSatisfying(calls -> {
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_capital");
      assertThat(calls.get(0).asFunction().function().arguments())
          .isEqualTo("{\"country\":\"UK\"}");
    });

    ChatCompletion reasoning = client.chat().completions().create(params(
        BundledRecordingsGenerator.CHINESE));
    assertThat(reasoning.choices().get(0).message().content())
        .hasValue(Expected.of(BundledRecordingsGenerator.CHINESE).content());
    assertThat(reasoning.choices().get(0).message()._additionalProperties()
        .get("reasoning_content").toString())
        .contains(Expected.of(BundledRecordingsGenerator.CHINESE).reasoning().substring(0, 10));
  }

  @Test
  void modelsListIsReadable() {
    List<String> ids = new ArrayList<>();
    for (Model m : client.models().list().autoPager()) {
      ids.add(m.id());
    }
    assertThat(ids).containsExactlyElementsOf(RecordingLibrary.bundled().names());
  }
}
