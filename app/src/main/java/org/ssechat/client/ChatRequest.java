package org.ssechat.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One streamed chat completion request. Made with {@link #of} and the {@code with…} methods
 * (the canonical constructor is for those only).
 *
 * @param model        model name
 * @param messages     the whole conversation so far, system prompt first
 * @param temperature  null to leave it out
 * @param maxTokens    null to leave it out
 * @param includeUsage whether to send {@code stream_options.include_usage} (some relays reject it)
 * @param extra        extra top-level JSON fields, written as given (String, Number, Boolean,
 *                     null, List or Map values)
 * @param reasoningSummary whether an OpenAI Responses request asks for reasoning summaries
 *                     ({@code reasoning.summary: auto}); models that take none refuse it, and the
 *                     request is sent again without it
 */
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature,
    Integer maxTokens, boolean includeUsage, Map<String, Object> extra,
    boolean reasoningSummary) {
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * A request for the conversation {@code messages}: usage asked for, reasoning summaries asked
   * for where the dialect has them, no temperature, no token limit, no extra fields. The
   * {@code with…} methods change one thing each.
   */
  public static ChatRequest of(String model, List<ChatMessage> messages) {
    return new ChatRequest(model, messages, null, null, true, Map.of(), true);
  }

  /** This request with {@code temperature} (null leaves it out). */
  public ChatRequest withTemperature(Double t) {
    return new ChatRequest(model, messages, t, maxTokens, includeUsage, extra, reasoningSummary);
  }

  /** This request with a token limit (null leaves it out). */
  public ChatRequest withMaxTokens(Integer n) {
    return new ChatRequest(model, messages, temperature, n, includeUsage, extra,
        reasoningSummary);
  }

  /** This request with extra top-level JSON fields. */
  public ChatRequest withExtra(Map<String, Object> fields) {
    return new ChatRequest(model, messages, temperature, maxTokens, includeUsage, fields,
        reasoningSummary);
  }

  /** This request without {@code reasoning.summary}. */
  public ChatRequest withoutReasoningSummary() {
    return new ChatRequest(model, messages, temperature, maxTokens, includeUsage, extra, false);
  }

  /** This request without {@code stream_options} (so without usage in the stream). */
  public ChatRequest withoutUsage() {
    return new ChatRequest(model, messages, temperature, maxTokens, false, extra,
        reasoningSummary);
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
