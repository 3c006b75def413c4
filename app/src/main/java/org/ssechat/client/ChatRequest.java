package org.ssechat.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One streamed chat completion request.
 *
 * @param model        model name
 * @param messages     the whole conversation so far, system prompt first
 * @param temperature  null to leave it out
 * @param maxTokens    null to leave it out
 * @param includeUsage whether to send {@code stream_options.include_usage} (some relays reject it)
 * @param extra        extra top-level JSON fields, written as given (String, Number, Boolean,
 *                     null, List or Map values)
 */
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature,
    Integer maxTokens, boolean includeUsage, Map<String, Object> extra) {
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public static ChatRequest of(String model, List<ChatMessage> messages) {
    return new ChatRequest(model, messages, null, null, true, Map.of());
  }

  /** The content of the last {@code user} message, or null if there is none. */
  public String lastUserMessage() {
    String last = null;
    for (ChatMessage m : messages) {
      if (m.role().equals("user")) {
        last = m.content();
      }
    }
    return last;
  }
}
