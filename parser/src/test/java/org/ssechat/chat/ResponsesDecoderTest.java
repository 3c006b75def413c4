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
 * OpenAI Responses streams (fixtures in {@code corpus/dialects/}, and hand-written events), each
 * decoded at every chunking: whole, one byte per read, every split point, seeded random reads.
 */
class ResponsesDecoderTest {

  private static final Dialect D = Dialect.RESPONSES;
  private static final String CREATED = "{\"type\":\"response.created\",\"response\":{\"id\":"
      + "\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"gpt-x\","
      + "\"output\":[],\"usage\":null}}";

  @Test
  void textCompleted() {
    assertThat(lines(D, "responses-text-completed.sse")).containsExactly(
        "model gpt-4.1-2025-04-14", "content 0 Hi", "content 0  there — naïve 🙂",
        "usage 37 11 48 0", "finish 0 completed");
  }

  @Test
  void reasoningSummaryAndTwoFunctionCallsWithCrlf() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = decode(D, fixture("responses-reasoning-tool-call-crlf.sse"), acc);
    assertThat(t.lines).containsExactly("model gpt-5-2025-08-07",
        "reasoning 0 **Checking the weather**\n\nThe user asks",
        "reasoning 0  about Paris; I will call the tool.",
        "tool 0 0 call_DdmO9pD3xa9XTPNJ32zg2hcA get_weather ",
        "tool 0 0 null null {\"location\":", "tool 0 0 null null \"Paris, France\"}",
        "tool 0 1 call_Xq3V0aTz8u4cL2m get_time ", "tool 0 1 null null {\"tz\":\"Europe/Paris\"}",
        "usage 291 156 447 128", "finish 0 completed");
    assertThat(acc.toolCalls()).containsExactly(
        new ToolCall(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather",
            "{\"location\":\"Paris, France\"}"),
        new ToolCall(1, "call_Xq3V0aTz8u4cL2m", "get_time", "{\"tz\":\"Europe/Paris\"}"));
  }

  @Test
  void incompleteFinishesWithItsReason() {
    assertThat(lines(D, "responses-incomplete-max-output-tokens.sse")).containsExactly(
        "model o4-mini-2025-04-16", "reasoning 0 Counting words first",
        "content 0 A long essay begins", "usage 20 64 84 60", "finish 0 max_output_tokens");
  }

  @Test
  void refusalThenFailed() {
    Transcript t = decode(D, fixture("responses-refusal-failed.sse"));
    assertThat(t.lines).containsExactly("model gpt-4o-2024-08-06", "refusal 0 I can't help",
        "refusal 0  with that.",
        "error The server had an error while processing your request. (server_error)");
    assertThat(t.errors).containsExactly(new StreamError(
        "The server had an error while processing your request.", null, "server_error"));
  }

  @Test
  void aStreamCutBeforeItsTerminalEventHasNoFinish() {
    assertThat(lines(D, "responses-cut-no-terminal-event.sse")).containsExactly(
        "model gpt-4.1-mini-2025-04-14", "content 0 Partial ans", "content 0 wer");
  }

  @Test
  void withoutEventLinesTheDataTypeNamesTheEvent() {
    // The error event's own "type" ("error") reads as the error's type, as ErrorObjects does.
    assertThat(lines(D, "responses-error-event-no-sse-types.sse")).containsExactly(
        "model gpt-4.1-nano-2025-04-14", "content 0 Starting",
        "error Something went wrong (error, ERR_SOMETHING)");
  }

  @Test
  void errorEventWithAnEventLine() {
    assertThat(decode(D, sse("error", "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\","
        + "\"message\":\"Slow down\",\"param\":null,\"sequence_number\":3}",
        "error", "not json")).lines).containsExactly(
            "error Slow down (error, rate_limit_exceeded)", "error not json");
  }

  @Test
  void incompleteWithoutDetailsAndFailedWithoutError() {
    assertThat(decode(D, sse(
        "response.incomplete", "{\"response\":{\"status\":\"incomplete\"}}",
        "response.failed", "{\"response\":{\"status\":\"failed\",\"error\":null,"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":0,\"total_tokens\":5}}}")).lines)
        .containsExactly("finish 0 incomplete", "usage 5 0 5 -1",
            "error " + ErrorObjects.NO_MESSAGE);
  }

  @Test
  void otherEventsAreIgnoredButChecked() {
    assertThat(decode(D, sse(
        "response.output_text.done", "{\"text\":\"whole text again\"}",
        "response.content_part.added", "{\"part\":{\"type\":\"output_text\",\"text\":\"\"}}",
        "response.output_text.annotation.added", "{\"annotation\":{\"type\":\"url_citation\"}",
        "response.queued", "{\"response\":{\"model\":\"not read\"}}",
        "response.output_text.delta", "{\"delta\":\"kept\"}")).lines)
        .containsExactly("malformed truncated JSON (the data ends inside the object)",
            "content 0 kept");
  }

  @Test
  void argumentsForAnItemWhoseAddWasNotSeenGetTheNextToolIndex() {
    assertThat(decode(D, sse(
        "response.output_item.added", "{\"output_index\":3,\"item\":{\"type\":\"message\","
            + "\"id\":\"msg_1\",\"content\":[]}}",
        "response.output_item.added", "{\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\","
            + "\"name\":\"a\",\"arguments\":\"\"},\"output_index\":4}",
        "response.function_call_arguments.delta", "{\"delta\":\"{}\",\"output_index\":4}",
        "response.function_call_arguments.delta", "{\"output_index\":9,\"delta\":\"[]\"}",
        "response.function_call_arguments.delta", "{\"output_index\":4,\"delta\":\"\"}"))
        .lines).containsExactly("tool 0 0 fc_1 a ", "tool 0 0 null null {}",
            "tool 0 1 null null []");
  }

  @Test
  void aMalformedEventDeliversNothingAndChangesNothing() {
    assertThat(decode(D, sse("response.created", CREATED,
        "response.output_item.added", "{\"output_index\":0,\"item\":{\"type\":\"function_call\","
            + "\"call_id\":\"c1\",\"name\":\"f\"}} trailing",
        "response.function_call_arguments.delta", "{\"output_index\":0,\"delta\":\"{}\"}",
        "response.completed", "{\"response\":{\"model\":\"gpt-y\",\"usage\":{\"input_tokens\":1}}",
        "response.created", CREATED)).lines)
        .containsExactly("model gpt-x", "malformed unexpected text after the JSON object",
            "tool 0 0 null null {}", "malformed truncated JSON (the data ends inside the object)");
  }

  @Test
  void nonStreamedResponse() {
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = document(D, """
        {"id":"resp_1","object":"response","status":"completed","model":"gpt-5",
         "output":[
           {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Think."}],
            "content":[{"type":"reasoning_text","text":" Deeply."}]},
           {"type":"message","id":"msg_1","role":"assistant","content":[
             {"type":"output_text","text":"Hello","annotations":[]},
             {"type":"refusal","refusal":"Not that."}]},
           {"type":"function_call","id":"fc_1","call_id":"call_1","name":"f",
            "arguments":"{\\"a\\":1}","status":"completed"},
           {"type":"function_call","id":"fc_2","name":"g","arguments":""}],
         "usage":{"input_tokens":10,"output_tokens":20,"total_tokens":30,
                  "output_tokens_details":{"reasoning_tokens":8}}}""");
    assertThat(t.lines).containsExactly("model gpt-5", "reasoning 0 Think.",
        "reasoning 0  Deeply.", "content 0 Hello", "refusal 0 Not that.",
        "tool 0 0 call_1 f {\"a\":1}", "tool 0 1 fc_2 g ", "usage 10 20 30 8",
        "finish 0 completed");
  }

  @Test
  void nonStreamedIncompleteAndFailedAndErrorDocuments() {
    assertThat(document(D, "{\"object\":\"response\",\"status\":\"incomplete\","
        + "\"incomplete_details\":{\"reason\":\"content_filter\"},\"output\":[]}").lines)
        .containsExactly("finish 0 content_filter");
    assertThat(document(D, "{\"object\":\"response\",\"status\":\"failed\",\"error\":"
        + "{\"code\":\"server_error\",\"message\":\"Boom\"},\"output\":[]}").lines)
        .containsExactly("error Boom (server_error)");
    assertThat(document(D, "{\"error\":{\"message\":\"Incorrect API key provided\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")
        .lines).containsExactly(
            "error Incorrect API key provided (invalid_request_error, invalid_api_key)");
    assertThat(document(D, "{\"object\":\"response\",\"status\":\"in_progress\"}").lines)
        .isEmpty();
  }

  @Test
  void theFactoryGivesEachDialectItsDecoder() {
    ChatDeltaListener l = new ChatDeltaListener() {};
    assertThat(ChatStreamDecoder.of(Dialect.CHAT, l)).isInstanceOf(ChatChunkDecoder.class);
    assertThat(ChatStreamDecoder.of(Dialect.MESSAGES, l))
        .isInstanceOf(AnthropicMessagesDecoder.class);
    assertThat(ChatStreamDecoder.of(Dialect.RESPONSES, l)).isInstanceOf(ResponsesDecoder.class);
  }
}
