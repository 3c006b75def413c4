package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ToolCall;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.sse.SseLimits;

/**
 * Every chat file of the corpus, served over real HTTP in odd-sized reads, must decode exactly
 * like the same bytes fed straight into the processor, and match hand-checked values.
 */
class HttpCorpusTest {

  /** Hand-checked from the files: outcome, content start, finish, tool call, completion tokens. */
  record Expect(String file, Outcome outcome, String contentStart, int contentLength,
      String finish, String toolName, String toolArgsStart, int toolIndex, long tokens,
      int reasoningMin) {}

  static final List<Expect> EXPECTED = List.of(
      new Expect("alibaba-qwen3-max-long-text.sse", Outcome.FINISHED,
          "## The Festival of Shared Stories", 3771, "stop", null, null, 0, 779, 0),
      new Expect("anthropic-compat-claude-haiku-tool-index1.sse", Outcome.FINISHED,
          "Reading it.", 11, "tool_calls", "read_file", "{\"path\": \"a.txt\"}", 1, -1, 0),
      new Expect("crusoe-vllm-llama33-usage-empty-choices.sse", Outcome.FINISHED,
          "1, 2, 3, 4, 5", 13, "stop", null, null, 0, 14, 0),
      new Expect("dashscope-qwen-plus-chinese-usage.sse", Outcome.FINISHED,
          "我是来自阿里云的超大规模语言模型，我叫通义千问。", 24, "stop", null, null, 0, 17, 0),
      new Expect("deepseek-reasoner-reasoning-content-emoji.sse", Outcome.FINISHED,
          "Hello there! \uD83D\uDE0A How can I help you today?", 41, "stop", null, null, 0, 212,
          800),
      new Expect("groq-compound-web-search-reasoning-emoji.sse", Outcome.FINISHED,
          "The weather in San Francisco today", 200, "stop", null, null, 0, -1, 6000),
      new Expect("groq-gptoss-reasoning-tool-call-xgroq.sse", Outcome.FINISHED, "", 0,
          "tool_calls", "get_something_by_name", "{\"name\":\"example\"}", 0, 49, 90),
      new Expect("groq-r1-distill-long-reasoning-425k.sse", Outcome.FINISHED,
          "To cook Argentinian alfajores", 2954, "stop", null, null, 0, -1, 3700),
      new Expect("openai-gpt41-midstream-error-object.sse", Outcome.ERROR,
          "The question \"", 14, null, null, null, 0, -1, 0),
      new Expect("openai-gpt4o-long-tool-arguments-20k.sse", Outcome.FINISHED, "", 0,
          "tool_calls", "final_result", "{\"answers\":[{\"label\":\"Capital\"", 0, 62, 0),
      new Expect("openai-gpt4o-mini-text-usage.sse", Outcome.FINISHED,
          "The capital of the UK is London.", 32, "stop", null, null, 0, 9, 0),
      new Expect("openai-gpt4o-mini-tool-call-arg-fragments.sse", Outcome.FINISHED, "", 0,
          "tool_calls", "get_capital", "{\"country\":\"UK\"}", 0, 15, 0),
      new Expect("openai-gpt5-moderation-field.sse", Outcome.FINISHED, "Paris.", 6, "stop",
          null, null, 0, 11, 0),
      new Expect("openarc-openvino-truncated-no-done.sse", Outcome.TRUNCATED,
          "Happy, creative day", 19, null, null, null, 0, -1, 0),
      new Expect("openrouter-bedrock-claude-keepalive-usage-cost.sse", Outcome.FINISHED,
          "Hello!", 6, "stop", null, null, 0, 5, 0),
      new Expect("openrouter-o3-reasoning-details-keepalive.sse", Outcome.FINISHED,
          "I’m ChatGPT, a large-language-model assistant", 446, "stop", null, null, 0, 104, 0),
      new Expect("snowflake-cortex-claude-no-finish-reason.sse", Outcome.TRUNCATED,
          "15 × 27 = **405**", 93, null, null, null, 0, 73, 0),
      new Expect("zai-glm47-reasoning-content.sse", Outcome.FINISHED, "4", 1, "stop", null,
          null, 0, 564, 2000));

  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new TestServer((req, resp, i) -> {
      String file = req.headers().get("x-test-file");
      resp.sse(corpus(file), 37, 0);
    });
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static byte[] corpus(String name) {
    try (InputStream in = HttpCorpusTest.class.getResourceAsStream("/corpus/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> files() {
    return EXPECTED.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void decodesOverHttpLikeDirectly(Expect e) {
    EndpointConfig cfg = EndpointConfig.of("test", server.baseUrl(), "sk-test")
        .withHeaders(Map.of("X-Test-File", e.file()))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), null);
    var backend = new OpenAiCompatibleBackend(cfg);
    ChatResult http = backend.stream(ChatRequest.of("m", List.of(ChatMessage.user("hi"))),
        new ChatDeltaListener() {}, new Cancellation());

    byte[] body = corpus(e.file());
    ResponseStreamProcessor p = new ResponseStreamProcessor("m", new ChatDeltaListener() {},
        SseLimits.DEFAULTS, System.nanoTime());
    p.feed(ByteBuffer.wrap(body), System.nanoTime());
    ChatResult direct = p.finish();

    assertThat(http.outcome()).isEqualTo(direct.outcome()).isEqualTo(e.outcome());
    assertThat(http.content()).isEqualTo(direct.content()).startsWith(e.contentStart());
    assertThat(http.content().length()).isEqualTo(e.contentLength());
    assertThat(http.reasoning()).isEqualTo(direct.reasoning());
    assertThat(http.reasoning().length()).isGreaterThanOrEqualTo(e.reasoningMin());
    assertThat(http.toolCalls()).isEqualTo(direct.toolCalls());
    assertThat(http.finishReason()).isEqualTo(direct.finishReason()).isEqualTo(e.finish());
    assertThat(http.usage()).isEqualTo(direct.usage());
    assertThat(http.error()).isEqualTo(direct.error());
    assertThat(http.metrics().bytes()).isEqualTo(body.length);
    assertThat(http.metrics().events()).isEqualTo(direct.metrics().events());
    if (e.tokens() >= 0) {
      assertThat(http.usage().completionTokens()).isEqualTo(e.tokens());
      assertThat(http.metrics().completionTokens()).isEqualTo(e.tokens());
    }
    if (e.toolName() != null) {
      ToolCall call = http.toolCalls().get(0);
      assertThat(call.index()).isEqualTo(e.toolIndex());
      assertThat(call.name()).isEqualTo(e.toolName());
      assertThat(call.arguments()).startsWith(e.toolArgsStart());
    }
    if (e.outcome() != Outcome.FINISHED) {
      assertThat(http.error()).isNotBlank().doesNotContain("\n");
    }
  }
}
