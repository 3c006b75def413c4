package org.ssechat.sse;

/**
 * A line or event exceeded its {@link SseLimits}. The message names the limit and the stream
 * offset where the line or event began, e.g.
 * {@code "SSE line longer than 8388608 bytes (max line) at byte 1024"}.
 */
public final class SseLimitException extends RuntimeException {

  /** Which limit was exceeded. */
  public enum Limit {
    LINE("line"),
    EVENT("event");

    private final String label;

    Limit(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final Limit limit;
  private final long maxBytes;
  private final long offset;

  /** A line longer than {@code maxBytes}, begun at stream offset {@code offset}. */
  public static SseLimitException lineTooLong(long maxBytes, long offset) {
    return new SseLimitException(Limit.LINE, maxBytes, offset);
  }

  /** An event (data and type) larger than {@code maxBytes}, begun at {@code offset}. */
  public static SseLimitException eventTooLarge(long maxBytes, long offset) {
    return new SseLimitException(Limit.EVENT, maxBytes, offset);
  }

  private SseLimitException(Limit limit, long maxBytes, long offset) {
    super("SSE " + limit + " longer than " + maxBytes + " bytes (max " + limit + ") at byte "
        + offset);
    this.limit = limit;
    this.maxBytes = maxBytes;
    this.offset = offset;
  }

  public Limit limit() {
    return limit;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Stream offset of the start of the line or event that broke the limit. */
  public long offset() {
    return offset;
  }
}
