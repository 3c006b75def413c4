package org.ssechat.client.http;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.ChatRequest;

/**
 * Optional request fields ssechat sends by default that some models or servers refuse, naming
 * the field in a {@code 400}/{@code 422} answer, and how to ask again without them. A refused
 * field is dropped at most once per request: the request sent again no longer has it, so a
 * second refusal is the answer.
 */
enum RefusedField {
  /** {@code reasoning.summary} (Responses): models without reasoning summaries refuse it. */
  REASONING_SUMMARY("reasoning.summary", Dialect.RESPONSES, ChatRequest::reasoningSummary,
      ChatRequest::withoutReasoningSummary),
  /** {@code stream_options} (chat completions): older servers and relays reject the field. */
  STREAM_OPTIONS("stream_options", Dialect.CHAT, ChatRequest::includeUsage,
      ChatRequest::withoutUsage);

  private final String field;
  private final Dialect dialect;
  private final Predicate<ChatRequest> sent;
  private final UnaryOperator<ChatRequest> without;

  RefusedField(String field, Dialect dialect, Predicate<ChatRequest> sent,
      UnaryOperator<ChatRequest> without) {
    this.field = field;
    this.dialect = dialect;
    this.sent = sent;
    this.without = without;
  }

  /**
   * The field an error answer refuses: one {@code request} sent in {@code dialect}, named in
   * {@code message}, with a status that means "bad request"; or null.
   */
  static RefusedField named(int status, String message, ChatRequest request, Dialect dialect) {
    if (status != 400 && status != 422) {
      return null;
    }
    for (RefusedField f : values()) {
      if (f.dialect == dialect && f.sent.test(request) && message.contains(f.field)) {
        return f;
      }
    }
    return null;
  }

  /** {@code request} without this field. */
  ChatRequest without(ChatRequest request) {
    return without.apply(request);
  }

  /** The warning shown when the request goes again without it. */
  String warning(int status) {
    return "HTTP " + status + ": " + refused() + " asked again without it";
  }

  /** Whether a result's warnings say this field was dropped ({@link #warning}). */
  boolean droppedIn(List<String> warnings) {
    return warnings.stream().anyMatch(w -> w.contains(refused()));
  }

  private String refused() {
    return "the server refused " + field + ";";
  }
}
