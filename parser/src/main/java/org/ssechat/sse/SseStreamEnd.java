package org.ssechat.sse;

/**
 * What {@link SseParser#endOfInput()} found pending when the stream ended.
 *
 * @param totalBytes         bytes fed in this stream
 * @param discardedLineBytes bytes of an unterminated last line (0 if the stream ended on a line end)
 * @param discardedEvent     whether a block with {@code data} was pending without its blank line
 */
public record SseStreamEnd(long totalBytes, long discardedLineBytes, boolean discardedEvent) {

  /** Whether anything was discarded: the stream ended inside a line or an event. */
  public boolean truncated() {
    return discardedLineBytes > 0 || discardedEvent;
  }
}
