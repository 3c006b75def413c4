package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssechat.sse.testing.ReferenceParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every recorded stream in {@code corpus/}, decoded through the zero-copy parser at several read
 * sizes, against an oracle built here from jackson-databind trees and a minimal SSE splitter
 * (sharing no code with the decoder), plus hand-checked values for a few files.
 */
class CorpusDecodeTest {

  private static final int[] READ_SIZES = {1, 7, 64, 4096, Integer.MAX_VALUE};
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** What a stream should decode to: choice 0's text and tool calls, everything else per stream. */
  record Expected(List<String> models, String role, String content, String reasoning,
      String refusal, List<ToolCall> toolCalls, List<String> finishes, List<Usage> usages,
      List<StreamError> errors, boolean done, int malformed, long contentDeltas) {}

  static Stream<String> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(CorpusDecodeTest.class.getResource("/corpus").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sse"))
          .sorted().toList().stream();
    }
  }

  static byte[] read(String name) throws IOException {
    try (var in = CorpusDecodeTest.class.getResourceAsStream("/corpus/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void corpusIsThere() throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void matchesTheOracleAtEveryReadSize(String name) throws IOException {
    byte[] input = read(name);
    Expected expected = oracle(input);
    List<String> firstTranscript = null;
    for (int size : READ_SIZES) {
      ChatAccumulator acc = new ChatAccumulator();
      Transcript t = Transcript.decode(input, Math.min(size, Math.max(1, input.length)), acc);
      Expected actual = new Expected(
          t.lines.stream().filter(l -> l.startsWith("model ")).map(l -> l.substring(6)).toList(),
          acc.role(), acc.content(), acc.reasoning(), acc.refusal(), acc.toolCalls(),
          t.lines.stream().filter(l -> l.startsWith("finish ")).map(l -> l.substring(7)).toList(),
          t.usages, t.errors, acc.doneSeen(), acc.malformed().size(), acc.contentDeltas());
      assertThat(actual).as("%s read size %d", name, size).isEqualTo(expected);
      if (firstTranscript == null) {
        firstTranscript = t.lines;
      } else {
        assertThat(t.lines).as("%s read size %d", name, size).isEqualTo(firstTranscript);
      }
    }
  }

  // ---- hand-checked values ----

  private static ChatAccumulator decode(String name) throws IOException {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript.decode(read(name), 64, acc);
    return acc;
  }

  @Test
  void dashscopeChinese() throws IOException {
    ChatAccumulator acc = decode("dashscope-qwen-plus-chinese-usage.sse");
    assertThat(acc.content()).isEqualTo("我是来自阿里云的超大规模语言模型，我叫通义千问。");
    assertThat(acc.usage()).isEqualTo(new Usage(22, 17, 39, -1));
    assertThat(acc.finishReason()).isEqualTo("stop");
    assertThat(acc.model()).isEqualTo("qwen-plus");
    // The doc's final "data: [DONE]" has no blank line after it, so it is never dispatched.
    assertThat(acc.doneSeen()).isFalse();
  }

  @Test
  void longToolArgumentsAreWholeJson() throws IOException {
    ChatAccumulator acc = decode("openai-gpt4o-long-tool-arguments-20k.sse");
    assertThat(acc.toolCalls()).hasSize(1);
    ToolCall call = acc.toolCalls().get(0);
    assertThat(call.index()).isZero();
    assertThat(call.id()).isEqualTo("call_CCGIWaMeYWmxOQ91orkmTvzn");
    assertThat(call.name()).isEqualTo("final_result");
    assertThat(call.arguments()).hasSize(229);
    JsonNode args = MAPPER.readTree(call.arguments());
    assertThat(args.get("answers").get(0).get("answer").asString())
        .isEqualTo("The capital of Mexico is Mexico City.");
    assertThat(acc.usage()).isEqualTo(new Usage(448, 62, 510, 0));
    assertThat(acc.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void openaiUsage() throws IOException {
    ChatAccumulator acc = decode("openai-gpt4o-mini-text-usage.sse");
    assertThat(acc.content()).isEqualTo("The capital of the UK is London.");
    assertThat(acc.usage()).isEqualTo(new Usage(78, 9, 87, 0));
    assertThat(acc.doneSeen()).isTrue();
  }

  @Test
  void deepseekReasoningWithEmoji() throws IOException {
    ChatAccumulator acc = decode("deepseek-reasoner-reasoning-content-emoji.sse");
    assertThat(acc.content()).isEqualTo("Hello there! 😊 How can I help you today?");
    assertThat(acc.reasoning()).hasSize(882).startsWith("Hmm, the user just said \"Hello\".");
    assertThat(acc.usage()).isEqualTo(new Usage(6, 212, 218, 198));
  }

  @Test
  void openaiMidstreamError() throws IOException {
    ChatAccumulator acc = decode("openai-gpt41-midstream-error-object.sse");
    assertThat(acc.content()).isEqualTo("The question \"");
    assertThat(acc.errors()).containsExactly(new StreamError(
        "The server had an error while processing your request. Sorry about that!",
        "server_error", null));
    assertThat(acc.finishReason()).isNull();
    assertThat(acc.doneSeen()).isFalse();
  }

  @Test
  void groqXGroqUsage() throws IOException {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(read("groq-gptoss-reasoning-tool-call-xgroq.sse"), 7, acc);
    // The last chunk has x_groq.usage and an identical top-level usage: both are reported.
    assertThat(t.usages).containsExactly(new Usage(304, 49, 353, 23), new Usage(304, 49, 353, 23));
    assertThat(acc.toolCalls()).containsExactly(new ToolCall(0,
        "fc_bfb39741-3748-4def-9886-a93fc9c64a90", "get_something_by_name",
        "{\"name\":\"example\"}"));
    assertThat(acc.reasoning()).startsWith("We need to call the function");

    ChatAccumulator r1 = decode("groq-r1-distill-long-reasoning-425k.sse");
    assertThat(r1.usage()).isEqualTo(new Usage(573, 1509, 2082, -1));
    assertThat(r1.content()).startsWith("To cook Argentinian alfajores");
  }

  @Test
  void toolCallStartingAtIndexOne() throws IOException {
    ChatAccumulator acc = decode("anthropic-compat-claude-haiku-tool-index1.sse");
    assertThat(acc.content()).isEqualTo("Reading it.");
    assertThat(acc.toolCalls()).hasSize(1);
    assertThat(acc.toolCalls().get(0).index()).isEqualTo(1);
    assertThat(MAPPER.readTree(acc.toolCalls().get(0).arguments()).get("path").asString())
        .isEqualTo("a.txt");
  }

  @Test
  void nonChatStreamsDecodeToNothing() throws IOException {
    for (String name : List.of("google-gemini-native-crlf-no-done.sse",
        "deepwiki-mcp-sse-starlette-ping-crlf.sse")) {
      ChatAccumulator acc = new ChatAccumulator();
      Transcript t = Transcript.decode(read(name), 64, acc);
      assertThat(t.lines).as(name).isEmpty();
      assertThat(acc.malformed()).isEmpty();
    }
  }

  // ---- the oracle ----

  /** Decodes a whole stream with an SSE splitter and databind trees. */
  static Expected oracle(byte[] input) {
    List<String> models = new ArrayList<>();
    String[] role = {null};
    StringBuilder content = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    StringBuilder refusal = new StringBuilder();
    Map<Integer, String[]> tools = new TreeMap<>();
    List<String> finishes = new ArrayList<>();
    List<Usage> usages = new ArrayList<>();
    List<StreamError> errors = new ArrayList<>();
    boolean done = false;
    int malformed = 0;
    long[] deltas = {0};
    String lastModel = null;

    for (String[] event : sseEvents(input)) {
      String type = event[0];
      String data = event[1];
      if ("error".equals(type)) {
        errors.add(errorEventOracle(data));
        continue;
      }
      String trimmed = jsonTrim(data);
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.equals("[DONE]")) {
        done = true;
        continue;
      }
      JsonNode root;
      try {
        root = MAPPER.readTree(trimmed);
      } catch (RuntimeException e) {
        malformed++;
        continue;
      }
      if (!root.isObject()) {
        malformed++;
        continue;
      }
      for (Map.Entry<String, JsonNode> field : root.properties()) {
        JsonNode v = field.getValue();
        switch (field.getKey()) {
          case "model" -> {
            if (v.isString() && !v.asString().equals(lastModel)) {
              lastModel = v.asString();
              models.add(lastModel);
            }
          }
          case "usage" -> addUsage(usages, v);
          case "x_groq" -> addUsage(usages, v.path("usage"));
          case "error" -> {
            StreamError e = v.isObject() ? errorObject(v)
                : v.isString() && !v.asString().isEmpty() ? new StreamError(v.asString(), null,
                    null) : null;
            if (e != null) {
              errors.add(e);
            }
          }
          case "choices" -> {
            for (int i = 0; i < v.size(); i++) {
              JsonNode choice = v.get(i);
              if (!choice.isObject()) {
                continue;
              }
              int index = choice.path("index").isIntegralNumber()
                  ? choice.get("index").asInt() : i;
              JsonNode delta = choice.path("delta");
              if (index == 0 && delta.isObject()) {
                if (delta.path("role").isString() && !delta.get("role").asString().isEmpty()) {
                  role[0] = delta.get("role").asString();
                }
                JsonNode c = delta.path("content");
                if (c.isString()) {
                  append(content, c.asString(), deltas);
                } else if (c.isArray()) {
                  for (JsonNode part : c) {
                    if (part.isString()) {
                      append(content, part.asString(), deltas);
                      continue;
                    }
                    String pt = part.path("type").isString() ? part.get("type").asString() : null;
                    boolean typed = part.has("type");
                    if ((!typed || "text".equals(pt)) && part.path("text").isString()) {
                      append(content, part.get("text").asString(), deltas);
                    }
                    if (!typed || "thinking".equals(pt)) {
                      JsonNode th = part.path("thinking");
                      if (th.isString()) {
                        append(reasoning, th.asString(), deltas);
                      }
                      for (JsonNode inner : th.isArray() ? th : MAPPER.createArrayNode()) {
                        if (inner.isString()) {
                          append(reasoning, inner.asString(), deltas);
                        } else if ((!inner.has("type") || "text".equals(
                            inner.path("type").asString(null))) && inner.path("text").isString()) {
                          append(reasoning, inner.get("text").asString(), deltas);
                        }
                      }
                    }
                  }
                }
                boolean plain = false;
                for (String k : List.of("reasoning_content", "reasoning")) {
                  JsonNode r = delta.path(k).isObject() ? delta.get(k).path("text") : delta.path(k);
                  if (r.isString()) {
                    plain |= !r.asString().isEmpty();
                  }
                }
                // In document order: reasoning_content / reasoning, then details if no plain one.
                for (Map.Entry<String, JsonNode> df : delta.properties()) {
                  if (df.getKey().equals("reasoning_content") || df.getKey().equals("reasoning")) {
                    JsonNode r = df.getValue().isObject() ? df.getValue().path("text")
                        : df.getValue();
                    if (r.isString()) {
                      append(reasoning, r.asString(), deltas);
                    }
                  }
                  if (df.getKey().equals("reasoning_details") && !plain) {
                    for (JsonNode d : df.getValue()) {
                      for (Map.Entry<String, JsonNode> dd : d.properties()) {
                        if ((dd.getKey().equals("text") || dd.getKey().equals("summary"))
                            && dd.getValue().isString()) {
                          append(reasoning, dd.getValue().asString(), deltas);
                        }
                      }
                    }
                  }
                }
                if (delta.path("refusal").isString()) {
                  refusal.append(delta.get("refusal").asString());
                }
                JsonNode calls = delta.path("tool_calls");
                for (int j = 0; calls.isArray() && j < calls.size(); j++) {
                  JsonNode tc = calls.get(j);
                  int ti = tc.path("index").isIntegralNumber() ? tc.get("index").asInt() : j;
                  String[] acc = tools.computeIfAbsent(ti, k -> new String[] {null, null, ""});
                  String id = tc.path("id").asString(null);
                  String fn = tc.path("function").path("name").asString(null);
                  if (acc[0] == null && id != null && !id.isEmpty()) {
                    acc[0] = id;
                  }
                  if (acc[1] == null && fn != null && !fn.isEmpty()) {
                    acc[1] = fn;
                  }
                  JsonNode args = tc.path("function").path("arguments");
                  if (args.isString()) {
                    acc[2] += args.asString();
                  }
                }
              }
              // Document order inside a choice: usage when met, finish at the end.
              for (Map.Entry<String, JsonNode> cf : choice.properties()) {
                if (cf.getKey().equals("usage")) {
                  addUsage(usages, cf.getValue());
                }
              }
              JsonNode finish = choice.path("finish_reason");
              if (finish.isString() && !finish.asString().isEmpty()) {
                finishes.add(index + " " + finish.asString());
              }
            }
          }
          default -> {
            // Not part of a chat chunk.
          }
        }
      }
    }
    List<ToolCall> toolCalls = new ArrayList<>();
    tools.forEach((i, a) -> toolCalls.add(new ToolCall(i, a[0], a[1], a[2])));
    return new Expected(models, role[0], content.toString(), reasoning.toString(),
        refusal.toString(), toolCalls, finishes, usages, errors, done, malformed, deltas[0]);
  }

  private static void append(StringBuilder sb, String s, long[] deltas) {
    if (!s.isEmpty()) {
      sb.append(s);
      deltas[0]++;
    }
  }

  private static void addUsage(List<Usage> usages, JsonNode u) {
    if (u.isObject()) {
      usages.add(new Usage(tokens(u.path("prompt_tokens")), tokens(u.path("completion_tokens")),
          tokens(u.path("total_tokens")),
          tokens(u.path("completion_tokens_details").path("reasoning_tokens"))));
    }
  }

  private static long tokens(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() && n.asLong() >= 0 ? n.asLong() : -1;
    }
    if (n.isFloatingPointNumber()) {
      return n.asDouble() >= 0 ? (long) n.asDouble() : -1;
    }
    return n.isString() && n.asString().matches("[0-9]{1,18}") ? Long.parseLong(n.asString()) : -1;
  }

  private static StreamError errorObject(JsonNode e) {
    if (e.has("error")) {
      JsonNode nested = e.get("error");
      if (nested.isObject() && errorObject(nested) != null) {
        return errorObject(nested);
      }
      if (nested.isValueNode() && !nested.isNull() && !nested.asString().isEmpty()) {
        return new StreamError(nested.asString(), null, null);
      }
    }
    String message = scalar(e.get("message"));
    String type = scalar(e.get("type"));
    String code = scalar(e.get("code"));
    if (message == null && type == null && code == null) {
      return null;
    }
    return new StreamError(message != null ? message : ChatChunkDecoder.NO_MESSAGE, type, code);
  }

  private static String scalar(JsonNode n) {
    if (n == null || !n.isValueNode() || n.isNull() || n.asString().isEmpty()) {
      return null;
    }
    return n.asString();
  }

  private static StreamError errorEventOracle(String data) {
    String text = data.strip();
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n.isObject() && errorObject(n) != null) {
        return errorObject(n);
      }
    } catch (RuntimeException notJson) {
      // fall through to the raw text
    }
    return new StreamError(text.replaceAll("\\p{Cntrl}", " "), null, null);
  }

  private static String jsonTrim(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && " \t\r\n".indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && " \t\r\n".indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }

  /** {@code {type, data}} per dispatched event, by the shared reference parser. */
  static List<String[]> sseEvents(byte[] input) {
    return ReferenceParser.events(input).stream()
        .map(e -> new String[] {e.type(), e.data()}).toList();
  }
}
