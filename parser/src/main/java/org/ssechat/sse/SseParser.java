package org.ssechat.sse;

import java.nio.ByteBuffer;

/**
 * A push parser for one {@code text/event-stream} body: feed it the bytes as they arrive, in
 * reads of any size, and it calls its {@link SseListener} for each event, comment and retry.
 *
 * <p>The result never depends on how the input is cut into reads: a CRLF pair, a UTF-8
 * sequence, the BOM or a field name may be split anywhere. A CR that ends a read ends the line at
 * once (no lookahead); an LF that starts the next read is then skipped.
 *
 * <p>Not thread-safe: one parser per stream, fed from one thread at a time. Listener callbacks
 * run on the feeding thread, inside {@code feed}, and may not call {@code feed},
 * {@link #endOfInput()} or {@link #reset()} on the same parser (that throws
 * {@link IllegalStateException}); to stop early, stop feeding after the callback returns.
 *
 * <p>End of input never dispatches: per the spec, an event without its terminating blank line is
 * discarded. {@link #endOfInput()} reports what was discarded, so a client can say "truncated".
 */
public interface SseParser {

  /**
   * Parses {@code len} bytes of {@code buf} starting at {@code off}. The parser does not keep a
   * reference to {@code buf} after returning; the caller may reuse it at once.
   *
   * @throws SseLimitException if a line or event exceeds the configured {@link SseLimits};
   *     the parser is then unusable until {@link #reset()}
   * @throws IllegalStateException if an earlier call threw (a limit breach, or an exception from
   *     the listener, which propagates unchanged and also leaves the parser unusable)
   */
  void feed(byte[] buf, int off, int len);

  /** Parses all of {@code buf}'s remaining bytes and advances its position to its limit. */
  void feed(ByteBuffer buf);

  /**
   * Signals end of input (the connection closed). Nothing is dispatched; pending bytes are
   * discarded and described in the result. The parser is then ready for a new stream (a
   * reconnection): the BOM check re-arms, while the last event ID and retry value are kept.
   * After a failed {@code feed} only {@link #reset()} makes the parser usable again.
   */
  SseStreamEnd endOfInput();

  /** Forgets everything, including the last event ID and retry value, and clears a failure. */
  void reset();

  /** Bytes fed since the start of the current stream. */
  long position();

  /** The last event ID string as of the last dispatch; {@code null} if none was ever set. */
  String lastEventId();

  /** The last valid {@code retry} value in milliseconds, or -1 if none was seen. */
  long retryMillis();
}
