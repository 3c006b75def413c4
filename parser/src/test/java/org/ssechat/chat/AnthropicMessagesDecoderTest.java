package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssechat.chat.DialectStreams.decode;
import static org.ssechat.chat.DialectStreams.document;
import static org.ssechat.chat.DialectStreams.fixture;
import static org.ssechat.chat.DialectStreams.lines;
import static org.ssechat.chat.DialectStreams.sse;

import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatStreamDecoder.Dialect;

/**
 * Anthropic Messages streams (fixtures in {@code corpus/dialects/}, and hand-written events), each
 * decoded at every chunking: whole, one byte per read, every split point, seeded random reads.
 */
class AnthropicMessagesDecoderTest {

  private static final Dialect D = Dialect.MESSAGES;
  private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
      + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-x\","
      + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}";

  @Test
  void textEndTurn() {
    assertThat(lines(D, "anthropic-text-end-turn.sse")).containsExactly("role 0 assistant",
        "model claude-sonnet-4-5-20250929", "content 0 Hello", "content 0 ! Ça va? 👋",
        "usage 25 15 -1 -1", "finish 0 end_turn");
  }

  @Test
  void thinkingAndTwoToolUseBlocks() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = decode(D, fixture("anthropic-thinking-tool-use.sse"), acc);
    // Signature deltas and the empty first input_json_delta show nothing; cache reads count
    // as input (472 + 100).
    assertThat(t.lines).containsExactly("role 0 assistant", "model claude-opus-4-1-20250805",
        "reasoning 0 The user wants the weather in Paris.",
        "reasoning 0  I should call get_weather.", "content 0 Let me check the weather.",
        "tool 0 0 toolu_01T1x1fJ34qAmk2tNTrN7Up6 get_weather ",
        "tool 0 0 null null {\"location\": \"Par",
        "tool 0 0 null null is, France\", \"unit\": \"c\"}",
        "tool 0 1 toolu_01AbCdEfGhIjKlMnOpQrStUv get_time ",
        "tool 0 1 null null {\"tz\":\"Europe/Paris\"}", "usage 572 89 -1 -1", "finish 0 tool_use");
    assertThat(acc.toolCalls()).containsExactly(
        new ToolCall(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather",
            "{\"location\": \"Paris, France\", \"unit\": \"c\"}"),
        new ToolCall(1, "toolu_01AbCdEfGhIjKlMnOpQrStUv", "get_time", "{\"tz\":\"Europe/Paris\"}"));
  }

  @Test
  void redactedThinkingMaxTokensWithCrlf() {
    assertThat(lines(D, "anthropic-redacted-max-tokens-crlf.sse")).containsExactly(
        "role 0 assistant", "model claude-3-7-sonnet-20250219",
        "content 0 Once upon a time,\nin a land", "content 0  far away, there",
        "usage 12 16 -1 -1", "finish 0 max_tokens");
  }

  @Test
  void aStreamCutBeforeMessageStopHasNoFinish() {
    assertThat(lines(D, "anthropic-cut-before-message-stop.sse")).containsExactly(
        "role 0 assistant", "model claude-haiku-4-5-20251001", "content 0 The first",
        "content 0  three primes are");
  }

  @Test
  void messageDeltaWithoutMessageStopIsStillTruncated() {
    assertThat(decode(D, sse("message_start", START, "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":3}}")).lines)
        .containsExactly("role 0 assistant", "model claude-x", "usage 10 3 -1 -1");
  }

  @Test
  void overloadedErrorEvent() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = decode(D, fixture("anthropic-overloaded-error.sse"), acc);
    assertThat(t.lines).containsExactly("role 0 assistant", "model claude-sonnet-4-5-20250929",
        "content 0 Sure, here", "error Overloaded (overloaded_error)");
    assertThat(t.errors).containsExactly(new StreamError("Overloaded", "overloaded_error", null));
  }

  @Test
  void errorEventWithTextIsReportedAsText() {
    assertThat(decode(D, sse("error", "upstream connect error")).lines)
        .containsExactly("error upstream connect error");
  }

  @Test
  void stopSequenceAndRefusalAreFinishReasons() {
    for (String reason : new String[] {"stop_sequence", "refusal", "pause_turn"}) {
      assertThat(decode(D, sse("message_start", START, "message_delta",
          "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + reason
              + "\",\"stop_sequence\":\"###\"},\"usage\":{\"output_tokens\":4}}",
          "message_stop", "{\"type\":\"message_stop\"}")).lines)
          .containsExactly("role 0 assistant", "model claude-x", "usage 10 4 -1 -1",
              "finish 0 " + reason);
    }
  }

  @Test
  void messageStopWithoutAStopReason() {
    assertThat(decode(D, sse("message_stop", "{\"type\":\"message_stop\"}")).lines)
        .containsExactly("finish 0 message_stop");
  }

  @Test
  void theDataTypeNamesTheEventWhenThereIsNoEventLine() {
    assertThat(decode(D, sse(null, START,
        null, "{\"index\":0,\"delta\":{\"text\":\"hi\",\"type\":\"text_delta\"},"
            + "\"type\":\"content_block_delta\"}",
        null, "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}",
        null, "{\"type\":\"message_stop\"}", null, "[DONE]")).lines)
        .containsExactly("role 0 assistant", "model claude-x", "content 0 hi",
            "finish 0 end_turn", "done");
  }

  @Test
  void theEventLineWinsOverTheDataType() {
    assertThat(decode(D, sse("ping",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
            + "\"text\":\"not shown\"}}")).lines).isEmpty();
  }

  @Test
  void deltaTypesDecideTheChannelAndUnknownDeltasAreSkipped() {
    assertThat(decode(D, sse(
        "content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"citations_delta\","
            + "\"citation\":{\"cited_text\":\"x\"},\"text\":\"no\"}}",
        "content_block_delta", "{\"index\":0,\"delta\":{\"thinking\":\"untyped\"}}",
        "content_block_delta", "{\"delta\":{\"type\":\"thinking_delta\",\"text\":\"no\","
            + "\"thinking\":\"yes\"},\"index\":0}")).lines)
        .containsExactly("reasoning 0 untyped", "reasoning 0 yes");
  }

  @Test
  void inputJsonForABlockWhoseStartWasNotSeenGetsTheNextToolIndex() {
    assertThat(decode(D, sse(
        "content_block_start", "{\"index\":1,\"content_block\":{\"type\":\"tool_use\","
            + "\"id\":\"t1\",\"name\":\"a\",\"input\":{}}}",
        "content_block_delta", "{\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
            + "\"{}\"},\"index\":1}",
        "content_block_delta", "{\"index\":7,\"delta\":{\"type\":\"input_json_delta\","
            + "\"partial_json\":\"[1]\"}}")).lines)
        .containsExactly("tool 0 0 t1 a ", "tool 0 0 null null {}", "tool 0 1 null null [1]");
  }

  @Test
  void theInputOfABlockTheServerRunsIsNotAToolCall() {
    assertThat(decode(D, sse(
        "content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"server_tool_use\","
            + "\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}",
        "content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
            + "\"partial_json\":\"{\\\"query\\\": \\\"x\\\"}\"}}",
        "content_block_start", "{\"index\":1,\"content_block\":{\"type\":\"mcp_tool_use\","
            + "\"id\":\"mcptoolu_1\",\"name\":\"ask\",\"input\":{}}}",
        "content_block_delta", "{\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
            + "\"partial_json\":\"{}\"}}",
        "content_block_start", "{\"index\":2,\"content_block\":{\"type\":\"tool_use\","
            + "\"id\":\"toolu_1\",\"name\":\"a\",\"input\":{}}}",
        "content_block_delta", "{\"index\":2,\"delta\":{\"type\":\"input_json_delta\","
            + "\"partial_json\":\"[1]\"}}")).lines)
        .containsExactly("tool 0 0 toolu_1 a ", "tool 0 0 null null [1]");
  }

  @Test
  void aMalformedEventDeliversNothingAndChangesNothing() {
    Transcript t = decode(D, sse("message_start", START,
        // Would start a tool at block 0 and set the stop reason, but is cut.
        "content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"tool_use\","
            + "\"id\":\"t1\",\"name\":\"a\"}",
        "message_delta", "{\"delta\":{\"stop_reason\":\"max_tokens\"}} x",
        "content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
            + "\"partial_json\":\"{}\"}}",
        "ping", "[1]",
        "message_stop", "{}"));
    assertThat(t.lines).containsExactly("role 0 assistant", "model claude-x",
        "malformed truncated JSON (the data ends inside the object)",
        "malformed unexpected text after the JSON object", "tool 0 0 null null {}",
        "malformed not a JSON object", "finish 0 message_stop");
  }

  @Test
  void aNewModelIsReportedOnce() {
    assertThat(decode(D, sse("message_start", START, "message_start", START)).lines)
        .containsExactly("role 0 assistant", "model claude-x", "role 0 assistant");
  }

  @Test
  void nonStreamedMessage() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = document(D, """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"thinking","thinking":"Paris weather.","signature":"EqQB"},
                    {"type":"redacted_thinking","data":"EmwK"},
                    {"type":"text","text":"Checking."},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather",
                     "input":{"location":"Paris","days":[1, 2],"note":"é"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":100,"cache_read_input_tokens":20,"output_tokens":30}}""");
    assertThat(t.lines).containsExactly("role 0 assistant", "model claude-sonnet-4-5",
        "reasoning 0 Paris weather.", "content 0 Checking.",
        "tool 0 0 toolu_1 get_weather {\"location\":\"Paris\",\"days\":[1, 2],\"note\":\"é\"}",
        "usage 120 30 -1 -1", "finish 0 tool_use");
  }

  @Test
  void errorDocument() {
    Transcript t = document(D, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"max_tokens: Field required\"},\"request_id\":\"req_1\"}");
    assertThat(t.lines).containsExactly(
        "error max_tokens: Field required (invalid_request_error)");
  }

  @Test
  void malformedDocument() {
    assertThat(document(D, "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"lost\"}],").lines).containsExactly(
            "malformed truncated JSON (the data ends inside the object)");
  }
}
