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

  public SseLimitException(Limit limit, long maxBytes, long offset) {
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
