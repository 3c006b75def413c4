package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssechat.chat.DialectStreams.decode;
import static org.ssechat.chat.DialectStreams.fixture;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatStreamDecoder.Dialect;

/**
 * Streams recorded from the real Anthropic Messages and OpenAI Responses APIs, copied byte for
 * byte from permissively licensed public repositories ({@code corpus/dialects/public-*.sse}; see
 * {@code SOURCES.md} there), each decoded at every chunking. The expected values were read from
 * the fixtures themselves (the deltas concatenated by an independent script, and checked against
 * the final text and arguments the server repeats in its {@code …done} and {@code completed}
 * events), not copied from the decoder's output.
 */
class PublicDialectStreamsTest {

  private static final Dialect MESSAGES = Dialect.MESSAGES;
  private static final Dialect RESPONSES = Dialect.RESPONSES;

  /** What a whole stream added up to, and its transcript. */
  private record Decoded(Transcript transcript, ChatAccumulator acc) {}

  private static Decoded decoded(Dialect dialect, String name) {
    byte[] sse = fixture(name);
    assertThat(ChatStreamDecoder.detect(sse, 0, sse.length)).as(name).isEqualTo(dialect);
    ChatAccumulator acc = new ChatAccumulator();
    Transcript t = decode(dialect, sse, acc);
    assertThat(acc.malformed()).as(name).isEmpty();
    assertThat(acc.errors()).as(name).isEmpty();
    assertThat(acc.role()).as(name).isIn("assistant", null);
    return new Decoded(t, acc);
  }

  private static void assertText(String actual, String start, String end, int length) {
    assertThat(actual).startsWith(start).endsWith(end).hasSize(length);
  }

  // Anthropic Messages (pydantic-ai cassettes; anthropic-sdk-python fixture).

  @Test
  void anthropicThinkingWithSignatureThenLongText() {
    Decoded d = decoded(MESSAGES, "public-anthropic-thinking-text.sse");
    // The thinking block ends with an empty thinking_delta and a signature_delta: neither shows.
    assertThat(d.acc.reasoning()).isEqualTo("This is a straightforward question about pedestrian "
        + "safety. I should provide clear, helpful advice about how to safely cross a street. This "
        + "is basic safety information that could help prevent accidents.");
    assertText(d.acc.content(),
        "Here are the basic steps for safely crossing the street:\n\n**At interse",
        " movements. Always prioritize safety over speed when crossing streets.", 1021);
    assertThat(d.acc.model()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(d.acc.toolCalls()).isEmpty();
    assertThat(d.acc.usage()).isEqualTo(new Usage(43, 282, -1, -1));
    assertThat(d.acc.finishReason()).isEqualTo("end_turn");
    // This recording names the model before the role.
    assertThat(d.transcript.lines).startsWith("model claude-sonnet-4-20250514",
        "role 0 assistant", "reasoning 0 This", "reasoning 0  is a straightforward question about");
    assertThat(d.transcript.lines).endsWith("usage 43 282 -1 -1", "finish 0 end_turn");
  }

  @Test
  void anthropicRedactedThinkingShowsNothingAndPingsAreIgnored() {
    Decoded d = decoded(MESSAGES, "public-anthropic-redacted-thinking.sse");
    assertThat(d.acc.reasoning()).isEmpty();
    assertText(d.acc.content(),
        "I notice that you've sent what appears to be some kind of test string ",
        "honest. How can I assist you today with a legitimate task or question?", 359);
    assertThat(d.acc.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(d.acc.usage()).isEqualTo(new Usage(92, 189, -1, -1));
    assertThat(d.acc.finishReason()).isEqualTo("end_turn");
    assertThat(d.transcript.lines.get(2)).isEqualTo("content 0 I notice that you've sent what");
  }

  @Test
  void anthropicServerToolInputIsNotAClientToolCall() {
    Decoded d = decoded(MESSAGES, "public-anthropic-server-tool-then-tool-use.sse");
    // Block 1 is a server_tool_use (run by Anthropic, its input streamed as input_json_delta),
    // block 4 the only tool_use the client must run.
    assertThat(d.acc.toolCalls()).containsExactly(new ToolCall(0,
        "toolu_01EFn5wTNBYA8Reni8rbmnHT", "get_exchange_rate",
        "{\"from_currency\": \"USD\", \"to_currency\": \"EUR\"}"));
    assertThat(d.transcript.lines).filteredOn(line -> line.startsWith("tool "))
        .noneMatch(line -> line.contains("query") || line.contains("exchange ra"));
    // The two text blocks, around the server tool's blocks, run on without a separator.
    assertThat(d.acc.content()).isEqualTo("Let me search for a tool that can provide current "
        + "exchange rate information.I found the right tool! Let me fetch the current USD to EUR "
        + "exchange rate for you.");
    assertThat(d.acc.model()).isEqualTo("claude-sonnet-4-6");
    // message_delta repeats the counts, input included (1591 there, 702 in message_start).
    assertThat(d.acc.usage()).isEqualTo(new Usage(1591, 175, -1, -1));
    assertThat(d.acc.finishReason()).isEqualTo("tool_use");
  }

  @Test
  void anthropicWebSearchWithCitationsAndThinking() {
    Decoded d = decoded(MESSAGES, "public-anthropic-web-search-citations.sse");
    assertText(d.acc.reasoning(),
        "The user is asking about the weather in San Francisco today. This is c",
        "clude \"today\" in the search query to get the most current information.", 405);
    // Twelve blocks: two server_tool_use searches and their results, citations_delta among the
    // text deltas; only text_delta is content.
    assertText(d.acc.content(),
        "Based on the search results, I can see that the information is a bit d",
        "chance of rain. It's shaping up to be a pleasant day in San Francisco!", 1335);
    assertThat(d.acc.toolCalls()).isEmpty();
    assertThat(d.acc.model()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(d.acc.usage()).isEqualTo(new Usage(22397, 637, -1, -1));
    assertThat(d.acc.finishReason()).isEqualTo("end_turn");
  }

  @Test
  void anthropicCodeExecutionWithEmoji() {
    Decoded d = decoded(MESSAGES, "public-anthropic-code-execution-emoji.sse");
    assertThat(d.acc.reasoning()).isEqualTo("Let me calculate this mathematical expression.");
    assertText(d.acc.content(),
        "I'll calculate that expression for you right away!Following the standa",
        "**`-428,328,955.97745`** |\n\n### ✅ Final Answer: **-428,330,955.97745**", 501);
    assertThat(d.acc.toolCalls()).isEmpty();
    assertThat(d.acc.model()).isEqualTo("claude-sonnet-4-6");
    assertThat(d.acc.usage()).isEqualTo(new Usage(4714, 304, -1, -1));
    assertThat(d.acc.finishReason()).isEqualTo("end_turn");
  }

  @Test
  void anthropicMaxTokensCutsTheToolInputAndTheFileEndsInsideMessageStop() {
    String name = "public-anthropic-max-tokens-unterminated.sse";
    String args = "{\"filename\": \"taxes.txt\", \"lines_of_text\": [\n\"# COMPREHENSIVE TAX GUIDE "
        + "FOR INDIVIDUALS WITH MULTIPLE W-2s\",\n\"\",\n\"## INTRODUCTION\",\n\"\",\n\"Filing taxes";
    String text = "I'll create a comprehensive tax guide for someone with multiple W2s and save "
        + "it in a file called taxes.txt. Let me do that for you now.";
    Decoded d = decoded(MESSAGES, name);
    assertThat(d.acc.content()).isEqualTo(text);
    assertThat(d.acc.toolCalls()).containsExactly(
        new ToolCall(0, "toolu_01EKqbqmZrGRXy18eN7m9kvY", "make_file", args));
    assertThat(d.acc.model()).isEqualTo("claude-3-7-sonnet-20250219");
    assertThat(d.acc.usage()).isEqualTo(new Usage(450, 124, -1, -1));
    // The file has no line end after message_stop's data: an unterminated event is not
    // dispatched, so the stream reads as truncated...
    assertThat(d.acc.finishReason()).isNull();

    // ...and with its blank line, it finishes with max_tokens.
    byte[] whole = (new String(fixture(name), StandardCharsets.UTF_8) + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
    ChatAccumulator acc = new ChatAccumulator();
    decode(MESSAGES, whole, acc);
    assertThat(acc.finishReason()).isEqualTo("max_tokens");
    assertThat(acc.toolCalls()).extracting(ToolCall::arguments).containsExactly(args);
  }

  // OpenAI Responses (pydantic-ai cassettes: OpenAI, and DeepSeek's Responses endpoint).

  @Test
  void responsesFunctionCallArgumentDeltas() {
    Decoded d = decoded(RESPONSES, "public-openai-responses-function-call.sse");
    assertThat(d.acc.toolCalls()).containsExactly(new ToolCall(0,
        "call_kL0PCQV7M2WMoVX8V8OtYSAL", "get_capital", "{\"country\":\"France\"}"));
    assertThat(d.acc.content()).isEmpty();
    assertThat(d.acc.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(d.acc.usage()).isEqualTo(new Usage(255, 16, 271, 0));
    assertThat(d.acc.finishReason()).isEqualTo("completed");
  }

  @Test
  void responsesReasoningSummaryInFourPartsThenText() {
    Decoded d = decoded(RESPONSES, "public-openai-responses-reasoning-summary.sse");
    assertText(d.acc.reasoning(),
        "**Providing street crossing instructions**\n\nThe user is asking how to ",
        "crosswalks whenever possible. It will be clear and easy to understand!", 2022);
    assertText(d.acc.content(),
        "I'm not a road safety professional, but here are some generally accept",
        " familiarize yourself with the rules specific to your area. Stay safe!", 1251);
    assertThat(d.acc.content()).contains("—don’t assume vehicles will see you.");
    assertThat(d.acc.model()).isEqualTo("o3-mini-2025-01-31");
    assertThat(d.acc.usage()).isEqualTo(new Usage(13, 1680, 1693, 1408));
    assertThat(d.acc.finishReason()).isEqualTo("completed");
  }

  @Test
  void responsesTextThenFunctionCall() {
    Decoded d = decoded(RESPONSES, "public-openai-responses-text-then-function-call.sse");
    assertThat(d.acc.content()).isEqualTo("I’ll check the capital lookup tool for “PotatoLand.”");
    assertThat(d.acc.toolCalls()).containsExactly(new ToolCall(0,
        "call_LabG58Uhrq9kZvR52BYKjToD", "get_capital", "{\"country\":\"PotatoLand\"}"));
    assertThat(d.acc.reasoning()).isEmpty();
    assertThat(d.acc.model()).isEqualTo("gpt-5.5-2026-04-23");
    assertThat(d.acc.usage()).isEqualTo(new Usage(63, 69, 132, 26));
    assertThat(d.acc.finishReason()).isEqualTo("completed");
  }

  @Test
  void responsesWebSearchCallsAreNotToolCalls() {
    Decoded d = decoded(RESPONSES, "public-openai-responses-web-search.sse");
    assertThat(d.acc.content()).isEqualTo("San Francisco weather today (Tuesday, September 16, "
        + "2025): Mostly sunny and pleasant. Current conditions around 71°F; expected high near "
        + "73°F and low around 58°F. A light jacket is useful for the cooler evening. ");
    assertThat(d.acc.toolCalls()).isEmpty();
    assertThat(d.acc.model()).isEqualTo("gpt-5-2025-08-07");
    assertThat(d.acc.usage()).isEqualTo(new Usage(9463, 582, 10045, 512));
    assertThat(d.acc.finishReason()).isEqualTo("completed");
  }

  @Test
  void deepSeekResponsesReasoningTextThenFunctionCall() {
    Decoded d = decoded(RESPONSES, "public-deepseek-responses-reasoning-text-function-call.sse");
    assertThat(d.acc.reasoning())
        .isEqualTo("The user asks about temperature in Tokyo. I'll call the tool.");
    assertThat(d.acc.toolCalls()).containsExactly(new ToolCall(0,
        "call_00_xjY8Z2BvSlzgEmmw0DtH0464", "get_temperature", "{\"city\": \"Tokyo\"}"));
    assertThat(d.acc.content()).isEmpty();
    assertThat(d.acc.model()).isEqualTo("deepseek-v4-flash");
    assertThat(d.acc.usage()).isEqualTo(new Usage(366, 59, 425, 14));
    assertThat(d.acc.finishReason()).isEqualTo("completed");
  }
}
