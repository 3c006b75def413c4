package org.ssechat.sse;

/**
 * Receives what an {@link SseParser} finds, in stream order, on the thread that called
 * {@code feed}. Only {@link #onEvent} is required; the other callbacks default to no-ops.
 *
 * <p>Every array handed to a callback is borrowed: it is valid only until the callback returns,
 * and the callee must not modify it.
 */
@FunctionalInterface
public interface SseListener {

  /**
   * An event was dispatched (a blank line ended a block that had at least one {@code data} field).
   *
   * @param event a view that is valid only until this method returns
   */
  void onEvent(SseEvent event);

  /**
   * A comment line ({@code :text}) was read. Servers send these as keep-alives, so a client can
   * treat them as a sign of life. Comments never affect events.
   *
   * @param buf borrowed bytes, valid until return
   * @param off offset of the text after the leading colon (nothing else is stripped)
   * @param len length of that text, possibly 0
   */
  default void onComment(byte[] buf, int off, int len) {}

  /**
   * A valid {@code retry} field set the reconnection time. Called when the line is read, not at
   * dispatch (as the spec says), so it may fire for a block that is never dispatched.
   *
   * @param millis the new reconnection time in milliseconds, never negative
   */
  default void onRetry(long millis) {}
}
