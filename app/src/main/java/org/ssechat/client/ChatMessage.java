package org.ssechat.client;

import java.util.List;
import java.util.Objects;
import org.ssechat.chat.ToolCall;

/**
 * One message of a conversation as sent to the API.
 *
 * @param role      {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content   the text (never null)
 * @param toolCalls tool calls an assistant message made (empty if none)
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static ChatMessage system(String text) {
    return new ChatMessage("system", text, List.of());
  }

  public static ChatMessage user(String text) {
    return new ChatMessage("user", text, List.of());
  }

  public static ChatMessage assistant(String text) {
    return new ChatMessage("assistant", text, List.of());
  }
}
