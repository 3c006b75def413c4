package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.sse.Utf8;
import org.ssechat.sse.testing.Fixtures;

/** One test per decoder feature, on hand-written events. */
class ChatChunkDecoderTest {

  /** One {@code data:} event per argument; line breaks are dropped (pretty JSON in text blocks). */
  private static String sse(String... data) {
    StringBuilder sb = new StringBuilder();
    for (String d : data) {
      sb.append("data: ").append(d.replace("\n", "")).append("\n\n");
    }
    return sb.toString();
  }

  private static String delta(String deltaJson) {
    return "{\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":null}]}";
  }

  @Test
  void plainStream() {
    Transcript t = Transcript.decode(sse(
        "{\"id\":\"x\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
        "{\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}",
        "{\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}",
        "{\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}",
        "[DONE]"));
    assertThat(t.lines).containsExactly("model gpt-4o", "role 0 assistant", "content 0 Hel",
        "content 0 lo", "finish 0 stop", "done");
  }

  @Test
  void modelIsReportedWhenItFirstAppearsAndWhenItChanges() {
    Transcript t = Transcript.decode(sse(
        "{\"model\":\"a\"}", "{\"model\":\"a\"}", "{}", "{\"model\":\"b\"}", "{\"model\":\"a\"}"));
    assertThat(t.lines).containsExactly("model a", "model b", "model a");
  }

  @Test
  void contentPartsTextAndThinking() {
    Transcript t = Transcript.decode(sse(delta("""
        {"content":[
          {"type":"thinking","thinking":[{"type":"text","text":"let me think"}]},
          {"type":"thinking","thinking":" more"},
          {"type":"text","text":"Answer"},
          {"type":"image_url","image_url":{"url":"data:..."},"text":"not content"},
          {"text":" untyped","type":"text"},
          "bare"
        ]}""")));
    assertThat(t.lines).containsExactly("reasoning 0 let me think", "reasoning 0  more",
        "content 0 Answer", "content 0  untyped", "content 0 bare");
  }

  @Test
  void contentPartTypeMayComeAfterTheText() {
    Transcript t = Transcript.decode(sse(delta("""
        {"content":[{"text":"skip me","type":"reference"},{"text":"keep","type":"text"}]}""")));
    assertThat(t.lines).containsExactly("content 0 keep");
  }

  @Test
  void reasoningVariants() {
    Transcript t = Transcript.decode(sse(
        delta("{\"reasoning_content\":\"deepseek\"}"),
        delta("{\"reasoning\":\"groq\"}"),
        delta("{\"reasoning\":null,\"reasoning_details\":[{\"type\":\"reasoning.encrypted\","
            + "\"data\":\"gAAAA\",\"id\":\"rs_1\"},{\"type\":\"reasoning.text\",\"text\":\"det\"},"
            + "{\"type\":\"reasoning.summary\",\"summary\":\"sum\"}]}"),
        delta("{\"reasoning_content\":\"\",\"content\":null}"),
        delta("{\"role\":\"assistant\",\"reasoning_content\":{\"text\":\"bedrock\","
            + "\"signature\":\"sig\"}}")));
    assertThat(t.lines).containsExactly("reasoning 0 deepseek", "reasoning 0 groq",
        "reasoning 0 det", "reasoning 0 sum", "role 0 assistant", "reasoning 0 bedrock");
  }

  @Test
  void reasoningDetailsDuplicatingReasoningAreNotCountedTwice() {
    // OpenRouter sends the same text in "reasoning" and "reasoning_details", in either order.
    Transcript t = Transcript.decode(sse(
        delta("{\"reasoning\":\"once\",\"reasoning_details\":[{\"type\":\"reasoning.text\","
            + "\"text\":\"once\"}]}"),
        delta("{\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"twice\"}],"
            + "\"reasoning\":\"twice\"}")));
    assertThat(t.lines).containsExactly("reasoning 0 once", "reasoning 0 twice");
  }

  @Test
  void refusal() {
    Transcript t = Transcript.decode(sse(delta("{\"refusal\":\"I can't\"}"),
        delta("{\"refusal\":\"\"}"), delta("{\"refusal\":null}")));
    assertThat(t.lines).containsExactly("refusal 0 I can't");
  }

  @Test
  void toolFragmentsMergeByIndexStartingAtOne() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(sse(
        delta("{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"read\",\"arguments\":\"\"}}]}"),
        delta("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"pa\"}}]}"),
        // Index after the function (Groq order), and a second call interleaved.
        delta("{\"tool_calls\":[{\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"},"
            + "\"id\":\"toolu_2\",\"index\":2}]}"),
        delta("{\"tool_calls\":[{\"index\":1,\"id\":\"\",\"function\":{\"name\":\"\","
            + "\"arguments\":\"th\\\": \\\"a.txt\\\"}\"}}]}"),
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"), acc);
    assertThat(t.lines).containsExactly(
        "tool 0 1 toolu_1 read ", "tool 0 1 null null {\"pa", "tool 0 2 toolu_2 ls {}",
        "tool 0 1 null null th\": \"a.txt\"}", "finish 0 tool_calls");
    assertThat(acc.toolCalls()).containsExactly(
        new ToolCall(1, "toolu_1", "read", "{\"path\": \"a.txt\"}"),
        new ToolCall(2, "toolu_2", "ls", "{}"));
    assertThat(acc.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void toolCallIndexDefaultsToArrayPosition() {
    Transcript t = Transcript.decode(sse(delta("""
        {"tool_calls":[{"id":"a","function":{"name":"f","arguments":"1"}},
                       {"id":"b","function":{"name":"g","arguments":"2"}}]}""")));
    assertThat(t.lines).containsExactly("tool 0 0 a f 1", "tool 0 1 b g 2");
  }

  @Test
  void usageAtTopLevelWithEmptyChoices() {
    Transcript t = Transcript.decode(sse("""
        {"choices":[],"usage":{"prompt_tokens":78,"completion_tokens":9,"total_tokens":87,
         "prompt_tokens_details":{"cached_tokens":0},
         "completion_tokens_details":{"reasoning_tokens":3,"audio_tokens":0}}}"""));
    assertThat(t.usages).containsExactly(new Usage(78, 9, 87, 3));
  }

  @Test
  void usageInsideAChoiceAndInXGroq() {
    Transcript t = Transcript.decode(sse(
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\","
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}]}",
        "{\"choices\":[],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"queue_time\":0.01,"
            + "\"prompt_tokens\":304,\"completion_tokens\":49,\"total_tokens\":353,"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":23}}}}"));
    assertThat(t.usages).containsExactly(new Usage(1, 2, 3, -1), new Usage(304, 49, 353, 23));
  }

  @Test
  void usageOnEveryChunkIsReportedEachTimeAndTheAccumulatorKeepsTheLast() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(sse(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}",
        "{\"choices\":[],\"usage\":null}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}"), acc);
    assertThat(t.usages).containsExactly(new Usage(5, 1, -1, -1), new Usage(5, 2, -1, -1));
    assertThat(acc.usage()).isEqualTo(new Usage(5, 2, -1, -1));
  }

  @Test
  void anEmptyUsageObjectNeverReplacesRealCounts() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(sse(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}",
        "{\"choices\":[],\"usage\":{}}",
        "{\"choices\":[],\"usage\":{\"cost\":0.001}}"), acc);
    assertThat(t.usages).containsExactly(new Usage(7, 3, -1, -1));
    assertThat(acc.usage()).isEqualTo(new Usage(7, 3, -1, -1));
  }

  @Test
  void tokenCountsBeyondTwoToThe53AreExact() {
    Transcript t = Transcript.decode(sse(
        "{\"usage\":{\"prompt_tokens\":9007199254740993,\"completion_tokens\":"
            + "9223372036854775807,\"total_tokens\":99999999999999999999,"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":\"12\"}}}",
        "{\"usage\":{\"prompt_tokens\":12.0,\"completion_tokens\":null,\"total_tokens\":"
            + "{\"x\":1}}}",
        "{\"usage\":{\"total_tokens\":-3,\"prompt_tokens\":1e2,\"completion_tokens\":\"x\"}}"));
    assertThat(t.usages).containsExactly(
        new Usage(9007199254740993L, Long.MAX_VALUE, -1, 12), new Usage(12, -1, -1, -1),
        new Usage(100, -1, -1, -1));
  }

  @Test
  void noFinishReasonKeyMeansNoFinish() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(sse(
        "{\"choices\":[{\"delta\":{\"content\":\"a\"},\"index\":0}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"b\"},\"index\":0,\"finish_reason\":\"\"}]}",
        "[DONE]"), acc);
    assertThat(t.lines).containsExactly("content 0 a", "content 0 b", "done");
    assertThat(acc.finishReason()).isNull();
    assertThat(acc.doneSeen()).isTrue();
  }

  @Test
  void finishReasonBeforeTheDeltaIsStillDeliveredAfterIt() {
    Transcript t = Transcript.decode(sse(
        "{\"choices\":[{\"finish_reason\":\"stop\",\"delta\":{\"content\":\"end\"},"
            + "\"index\":0}]}"));
    assertThat(t.lines).containsExactly("content 0 end", "finish 0 stop");
  }

  @Test
  void choiceIndexAfterTheDeltaAndSeveralChoices() {
    Transcript t = Transcript.decode(sse("""
        {"choices":[{"delta":{"content":"one"},"index":1,"finish_reason":"length"},
                    {"delta":{"role":"assistant","content":"zero"},"index":0},
                    {"delta":{"content":"third, no index"}}]}"""));
    assertThat(t.lines).containsExactly("content 1 one", "finish 1 length",
        "role 0 assistant", "content 0 zero", "content 2 third, no index");
  }

  @Test
  void errorObjectWithAndWithoutChoices() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(sse(
        delta("{\"content\":\"partial\"}"),
        "{\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}",
        "{\"id\":\"gen\",\"error\":{\"code\":502,\"message\":\"Provider returned error\","
            + "\"metadata\":{\"raw\":\"x\"}},\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"\"},\"finish_reason\":\"error\"}]}",
        "[DONE]"), acc);
    assertThat(t.errors).containsExactly(
        new StreamError("The server had an error", "server_error", null),
        new StreamError("Provider returned error", null, "502"));
    assertThat(t.lines).containsExactly("content 0 partial",
        "error The server had an error (server_error)", "error Provider returned error (502)",
        "finish 0 error", "done");
    assertThat(acc.content()).isEqualTo("partial");
    assertThat(acc.errors()).hasSize(2);
  }

  @Test
  void errorAsPlainStringAndErrorCodes() {
    Transcript t = Transcript.decode(sse(
        "{\"error\":\"quota exceeded\"}",
        "{\"error\":{\"type\":\"rate_limit\",\"code\":\"rate_limit_exceeded\"}}",
        "{\"error\":{\"message\":\"m\",\"code\":1.5}}",
        "{\"error\":null}",
        "{\"error\":{}}"));
    assertThat(t.errors).containsExactly(
        new StreamError("quota exceeded", null, null),
        new StreamError(ChatChunkDecoder.NO_MESSAGE, "rate_limit", "rate_limit_exceeded"),
        new StreamError("m", null, "1.5"));
  }

  @Test
  void errorEventWithJson() {
    Transcript t = Transcript.decode(
        "event: error\ndata: {\"error\":{\"message\":\"tool_use_failed\",\"type\":"
            + "\"invalid_request_error\",\"code\":\"tool_use_failed\"}}\n\n"
            + "event: error\ndata: {\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}\n\n");
    assertThat(t.errors).containsExactly(
        new StreamError("tool_use_failed", "invalid_request_error", "tool_use_failed"),
        new StreamError("Overloaded", "overloaded_error", null));
  }

  @Test
  void errorEventWithPlainText() {
    Transcript t = Transcript.decode(
        "event: error\ndata: upstream timed out\ndata: after 30s\n\n"
            + "event: error\ndata: {\"unrelated\":1}\n\n"
            + "event: error\ndata: {broken\n\n");
    assertThat(t.errors).containsExactly(
        new StreamError("upstream timed out after 30s", null, null),
        new StreamError("{\"unrelated\":1}", null, null),
        new StreamError("{broken", null, null));
    assertThat(t.lines).noneMatch(l -> l.startsWith("malformed"));
  }

  @Test
  void malformedEventsAreSkippedAndTheStreamGoesOn() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = Transcript.decode(sse(
        delta("{\"content\":\"a\"}"),
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lost\"",
        delta("{\"content\":\"b\"}"),
        "{\"choices\": nope}",
        delta("{\"content\":\"c\"}"),
        "[1,2]",
        "42",
        "\"text\"",
        delta("{\"content\":\"lost too\"}") + "{\"x\":1}",
        delta("{\"content\":\"d\"}") + " \"tail",
        delta("{\"content\":\"e\"}"),
        "{\"a\":[1,2}",
        delta("{\"content\":\"f\"}")), acc);
    assertThat(acc.content()).isEqualTo("abcef");
    assertThat(acc.malformed()).hasSize(8);
    assertThat(t.lines.stream().filter(l -> l.startsWith("malformed")).toList()).containsExactly(
        "malformed truncated JSON (the data ends inside the object)",
        t.lines.get(3), "malformed not a JSON object", "malformed not a JSON object",
        "malformed not a JSON object", "malformed unexpected text after the JSON object",
        "malformed unexpected text after the JSON object", t.lines.get(t.lines.size() - 2));
    assertThat(t.lines.get(3)).startsWith("malformed invalid JSON: ");
    assertThat(t.excerpts.get(0)).isEqualTo(
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lost\"");
    assertThat(t.excerpts).allMatch(e -> e.length() <= 80);
  }

  @Test
  void excerptIsAtMost80CharsOnOneLine() {
    Transcript t = Transcript.decode(sse("{\"x\":\"" + "é".repeat(200))
        + "data: {\"a\":\ndata: \t1,\ndata: \"b\"\n\n");
    assertThat(t.excerpts).containsExactly("{\"x\":\"" + "é".repeat(74), "{\"a\":  1, \"b\"");
  }

  @Test
  void invalidUtf8InContentBecomesReplacementCharacters() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(sse(delta("{\"content\":\"ok\"}")).getBytes(StandardCharsets.UTF_8));
    b.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a".getBytes(
        StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xFF, 'b', (byte) 0xE2, (byte) 0x82});
    b.write("\"}}]}\n\n".getBytes(StandardCharsets.UTF_8));
    b.write(sse(delta("{\"content\":\"!\"}")).getBytes(StandardCharsets.UTF_8));
    byte[] input = b.toByteArray();
    ChatAccumulator acc = new ChatAccumulator();
    Transcript.decode(input, input.length, acc);
    assertThat(acc.content()).isEqualTo("oka\uFFFDb\uFFFD!");
    assertThat(acc.malformed()).isEmpty();
  }

  @Test
  void overlongsSurrogatesAndOutOfRangeSequencesAreReplaced() throws Exception {
    // Overlong NUL, overlong 3-byte, encoded surrogate, above U+10FFFF, truncated at the end.
    byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
        (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
    String[] expected = {"\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD",
        "\uFFFD\uFFFD\uFFFD\uFFFD", "\uFFFD"};
    for (int i = 0; i < bad.length; i++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write("data: {\"choices\":[{\"delta\":{\"content\":\"<".getBytes(
          StandardCharsets.UTF_8));
      b.write(bad[i]);
      b.write(">😊\"}}]}\n\n".getBytes(StandardCharsets.UTF_8));
      ChatAccumulator acc = new ChatAccumulator();
      Transcript.decode(b.toByteArray(), 3, acc);
      assertThat(acc.content()).as("case %d", i).isEqualTo("<" + expected[i] + ">😊");
    }
  }

  @Test
  void textOfEveryShortByteStringDecodesExactlyAsTheSseLayerDoes() throws Exception {
    // Every byte string of length 1..3 over an alphabet of UTF-8 boundary bytes, as the content
    // of a delta, must come out exactly as Utf8.decode (WHATWG) decodes those bytes.
    int[] alphabet = {0x20, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
        0xDF, 0xE0, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    byte[] head = "data: {\"choices\":[{\"delta\":{\"content\":\"".getBytes(
        StandardCharsets.UTF_8);
    byte[] tail = "\"}}]}\n\n".getBytes(StandardCharsets.UTF_8);
    for (int a : alphabet) {
      for (int b2 : alphabet) {
        for (int c : alphabet) {
          byte[] bytes = {(byte) a, (byte) b2, (byte) c};
          for (int n = 1; n <= 3; n++) {
            ByteArrayOutputStream event = new ByteArrayOutputStream();
            event.write(head);
            event.write(bytes, 0, n);
            event.write(tail);
            ChatAccumulator acc = new ChatAccumulator();
            SseParser parser = SseParsers.create(new ChatChunkDecoder(acc));
            byte[] input = event.toByteArray();
            parser.feed(input, 0, input.length);
            assertThat(acc.content()).as("%02x %02x %02x /%d", a, b2, c, n)
                .isEqualTo(Utf8.decode(bytes, 0, n));
          }
        }
      }
    }
  }

  @Test
  void unknownFieldsAreSkippedAtAnyDepth() {
    Transcript t = Transcript.decode(sse("""
        {"obfuscation":"abc","moderation":{"content":"not a delta","choices":[{"delta":
          {"content":"nested decoy"}}],"deep":[[[{"a":{"b":[{"c":null}]}}]]]},
         "choices":[{"index":0,"logprobs":{"content":[{"token":"x","bytes":[1,2]}]},
           "delta":{"executed_tools":[{"output":"{\\"content\\":1}"}],"channel":"analysis",
             "content":"real","annotations":[{"type":"url","text":"decoy"}]},
           "native_finish_reason":"completed","finish_reason":null}],
         "x_groq":{"id":"req","seed":1},"candidates":[{"content":{"parts":[{"text":"g"}]}}]}"""));
    assertThat(t.lines).containsExactly("content 0 real");
  }

  @Test
  void doneAndBlankData() {
    Transcript t = Transcript.decode("data: [DONE]\n\ndata:\n\ndata:  [DONE] \n\n");
    assertThat(t.lines).containsExactly("done", "done");
  }

  @Test
  void escapesAndSurrogatePairsInText() {
    Transcript t = Transcript.decode(sse(delta(
        "{\"content\":\"\\u003cthink\\u003e \\ud83d\\ude0a \\\"q\\\" \\n 😊\"}")));
    assertThat(t.lines).containsExactly("content 0 <think> 😊 \"q\" \n 😊");
  }

  @Test
  void noEventArrayOutlivesItsEvent() {
    // The SSE parser keeps no view of the caller's read; the decoder must not either.
    SseParser parser = SseParsers.create(new ChatChunkDecoder(new ChatAccumulator()));
    for (String event : List.of(delta("{\"content\":\"a\"}"), "{\"broken\":", "[DONE]")) {
      byte[] read = sse(event).getBytes(StandardCharsets.UTF_8);
      WeakReference<byte[]> ref = new WeakReference<>(read);
      parser.feed(read, 0, read.length);
      read = null;
      assertThat(Fixtures.collected(ref)).as("decoder still holds the read of %s", event).isTrue();
    }
  }

  @Test
  void decoderSurvivesManyEventsOnOneStreamingParser() {
    StringBuilder sb = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append(sse(delta("{\"content\":\"" + i + ",\"}")));
      expected.append(i).append(',');
      if (i % 500 == 7) {
        sb.append(sse("{\"broken\":"));
      }
    }
    ChatAccumulator acc = new ChatAccumulator();
    Transcript.decode(sb.toString(), acc);
    assertThat(acc.content()).isEqualTo(expected.toString());
    assertThat(acc.malformed()).hasSize(4);
    assertThat(acc.contentDeltas()).isEqualTo(2000);
  }
}
