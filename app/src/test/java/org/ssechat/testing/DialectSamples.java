package org.ssechat.testing;

/**
 * Two small answers in the other dialects, shaped like the providers' documented streams (see
 * {@code parser/src/test/resources/corpus/dialects/SOURCES.md} for real and longer ones).
 */
public final class DialectSamples {
  private DialectSamples() {}

  /**
   * Anthropic Messages: model {@code claude-x}; thinking {@code 用户问笔名。}; text
   * {@code 鲁迅是周树人的笔名。}; {@code end_turn}; 9 input and 12 output tokens.
   */
  public static final String MESSAGES = """
      event: message_start
      data: {"type":"message_start","message":{"model":"claude-x","usage":{"input_tokens":9}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"用户问笔名。"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: content_block_start
      data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

      event: ping
      data: {"type":"ping"}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"鲁迅是"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"周树人的笔名。"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":1}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":12}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  /** The text of {@link #MESSAGES}. */
  public static final String MESSAGES_TEXT = "鲁迅是周树人的笔名。";

  /**
   * OpenAI Responses: model {@code gpt-r}; reasoning summary {@code Short.}; text
   * {@code Rayleigh scattering.}; {@code completed}; 9 input, 5 output, 14 total tokens.
   */
  public static final String RESPONSES = """
      event: response.created
      data: {"type":"response.created","response":{"model":"gpt-r","status":"in_progress"}}

      event: response.reasoning_summary_text.delta
      data: {"type":"response.reasoning_summary_text.delta","output_index":0,"summary_index":0,"delta":"Short."}

      event: response.output_text.delta
      data: {"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"Rayleigh "}

      event: response.output_text.delta
      data: {"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"scattering."}

      event: response.completed
      data: {"type":"response.completed","response":{"model":"gpt-r","status":"completed","usage":{"input_tokens":9,"output_tokens":5,"total_tokens":14}}}

      """;

  /** The text of {@link #RESPONSES}. */
  public static final String RESPONSES_TEXT = "Rayleigh scattering.";
}
