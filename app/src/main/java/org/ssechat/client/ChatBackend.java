package org.ssechat.client;

import java.util.List;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.failure.ChatException;

/**
 * Something that answers chat requests by streaming: an HTTP endpoint, or the offline provider.
 * A backend is a source of response bytes: it pushes them into the
 * {@link ResponseStreamProcessor} it is given, which decodes them, taps them (recording) and
 * decides the outcome. Implementations are thread-safe; each {@link #stream} call is independent.
 */
public interface ChatBackend {

  /**
   * Sends {@code request} and pushes the response into {@code response} as it arrives (on the
   * calling thread), then ends it and returns its result. Never throws for network, HTTP or stream
   * problems: they become {@link Outcome#ERROR} with a one-line message.
   *
   * @param cancel lets another thread stop the call; the result then has {@link Outcome#CANCELLED}
   */
  ChatResult stream(ChatRequest request, ResponseStreamProcessor response, Cancellation cancel);

  /**
   * A processor for one response of this backend, timed from now, whose deltas go to
   * {@code listener}: the default SSE parser and limits unless the backend is configured
   * otherwise.
   */
  default ResponseStreamProcessor newResponse(ChatRequest request, ChatDeltaListener listener) {
    return ResponseStreamProcessor.forRequest(request, listener);
  }

  /** {@link #stream(ChatRequest, ResponseStreamProcessor, Cancellation)} into a
   * {@link #newResponse new response} whose deltas go to {@code listener}. */
  default ChatResult stream(ChatRequest request, ChatDeltaListener listener,
      Cancellation cancel) {
    return stream(request, newResponse(request, listener), cancel);
  }

  /** Model names the backend offers ({@code GET /v1/models}); may throw {@link ChatException}. */
  List<String> models();

  /** Short description for banners, e.g. {@code openai (https://api.openai.com/v1)}. */
  String describe();
}
