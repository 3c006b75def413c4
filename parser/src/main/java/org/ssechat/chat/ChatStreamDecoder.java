package org.ssechat.chat;

import org.ssechat.sse.SseListener;

/**
 * Decodes one API dialect's streamed answer (SSE events) into {@link ChatDeltaListener}
 * callbacks, and the same dialect's non-streamed answer ({@link #onDocument}). Every dialect
 * reports through the same callbacks (content, reasoning, refusal, tool-call fragments, usage,
 * finish, errors), so everything after the decoder is dialect-free. Implementations are
 * allocation-free in the steady state, hand out borrowed text like {@link ChatChunkDecoder}, and
 * are not thread-safe (one per stream).
 *
 * <p>Finish rule, for every dialect: {@link ChatDeltaListener#onFinish} is reported only when the
 * dialect's terminal event says the answer ended (so a stream cut before it is truncated).
 */
public interface ChatStreamDecoder extends SseListener {

  /**
   * Decodes one JSON document that did not come as an SSE event (a server that ignored
   * {@code stream: true}); {@code buf} is read only during the call.
   */
  void onDocument(byte[] buf, int off, int len);

  /** The API dialects ssechat speaks. */
  enum Dialect {
    /** OpenAI Chat Completions: {@code POST /v1/chat/completions}. */
    CHAT,
    /** Anthropic Messages: {@code POST /v1/messages}. */
    MESSAGES,
    /** OpenAI Responses: {@code POST /v1/responses}. */
    RESPONSES
  }

  /** How far into a recorded body {@link #detect} looks. */
  int DETECT_BYTES = 8192;

  /**
   * The dialect a recorded event stream is in, from its first events: Anthropic's
   * {@code message_start}, a Responses {@code response.*} event, else Chat Completions.
   */
  static Dialect detect(byte[] body, int off, int len) {
    String head = new String(body, off, Math.min(len, DETECT_BYTES),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    if (head.contains("event: message_start") || head.contains("event:message_start")
        || head.contains("\"type\":\"message_start\"")) {
      return Dialect.MESSAGES;
    }
    if (head.contains("event: response.") || head.contains("event:response.")
        || head.contains("\"type\":\"response.")) {
      return Dialect.RESPONSES;
    }
    return Dialect.CHAT;
  }

  /** A decoder for {@code dialect} whose callbacks go to {@code listener}. */
  static ChatStreamDecoder of(Dialect dialect, ChatDeltaListener listener) {
    return switch (dialect) {
      case CHAT -> new ChatChunkDecoder(listener);
      case MESSAGES -> new AnthropicMessagesDecoder(listener);
      case RESPONSES -> new ResponsesDecoder(listener);
    };
  }
}
