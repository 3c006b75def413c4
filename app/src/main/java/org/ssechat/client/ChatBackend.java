package org.ssechat.client;

import java.util.List;
import org.ssechat.chat.ChatDeltaListener;

/**
 * Something that answers chat requests by streaming: an HTTP endpoint, or the offline provider.
 * Implementations are thread-safe; each {@link #stream} call is independent.
 */
public interface ChatBackend {

  /**
   * Sends {@code request} and streams the answer: deltas go to {@code listener} as they arrive
   * (on the calling thread), and the call returns when the response ends. Never throws for
   * network, HTTP or stream problems: they become {@link Outcome#ERROR} with a one-line message.
   *
   * @param cancel lets another thread stop the call; the result then has {@link Outcome#CANCELLED}
   */
  ChatResult stream(ChatRequest request, ChatDeltaListener listener, Cancellation cancel);

  /** Model names the backend offers ({@code GET /v1/models}); may throw {@link ChatException}. */
  List<String> models();

  /** Short description for banners, e.g. {@code openai (https://api.openai.com/v1)}. */
  String describe();
}
