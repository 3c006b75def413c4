package org.ssechat.client;

import java.util.List;
import java.util.Objects;
import org.ssechat.chat.ToolCall;

/**
 * One message of a conversation as sent to the API.
 *
 * @param role      {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content   the text (never null)
 * @param toolCalls   tool calls an assistant message made (empty if none)
 * @param attachments files sent with a user message (empty if none)
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls,
    List<Attachment> attachments) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A message without attachments. */
  public ChatMessage(String role, String content, List<ToolCall> toolCalls) {
    this(role, content, toolCalls, List.of());
  }

  /** A user message with files. */
  public static ChatMessage user(String text, List<Attachment> attachments) {
    return new ChatMessage("user", text, List.of(), attachments);
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
