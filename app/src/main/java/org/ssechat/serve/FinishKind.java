package org.ssechat.serve;

/**
 * What a finish reason means, whichever dialect's words a decoder reported it in (Chat
 * Completions {@code stop}/{@code length}/{@code tool_calls}/{@code content_filter}, Anthropic
 * {@code end_turn}/{@code max_tokens}/{@code tool_use}/{@code refusal}/{@code stop_sequence},
 * Responses {@code completed} or the incomplete reason {@code max_output_tokens}/
 * {@code content_filter}), and how each dialect says it: so a recording in one dialect is served
 * to clients of another with the right ending.
 */
enum FinishKind {
  /** The model finished its answer (or hit a stop sequence). */
  STOP("stop", "end_turn"),
  /** Cut at the token limit. */
  LENGTH("length", "max_tokens"),
  /** Stopped to call tools. */
  TOOL("tool_calls", "tool_use"),
  /** Stopped by a content filter, or refused. */
  FILTER("content_filter", "refusal");

  private final String chat;
  private final String messages;

  FinishKind(String chat, String messages) {
    this.chat = chat;
    this.messages = messages;
  }

  /** The kind of {@code reason} in any dialect's words; unknown reasons count as {@link #STOP}. */
  static FinishKind of(String reason) {
    return switch (reason) {
      case "length", "max_tokens", "max_output_tokens" -> LENGTH;
      case "tool_calls", "function_call", "tool_use" -> TOOL;
      case "content_filter", "refusal" -> FILTER;
      default -> STOP;
    };
  }

  /** {@code reason} in Chat Completions' words: kept if it is one already, else mapped. */
  static String inChatWords(String reason) {
    return switch (reason) {
      case "stop", "length", "tool_calls", "content_filter", "function_call" -> reason;
      default -> of(reason).chat;
    };
  }

  /** Anthropic's {@code stop_reason}. */
  String messages() {
    return messages;
  }
}
