package org.ssechat.sse;

/**
 * Bounds on what a parser will buffer, so a hostile or broken server cannot make it grow without
 * bound.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code maxLineBytes}</td><td>{@value #DEFAULT_MAX_LINE_BYTES}</td>
 *       <td>longest line (without its line end), any field or comment</td></tr>
 *   <tr><td>{@code maxEventBytes}</td><td>{@value #DEFAULT_MAX_EVENT_BYTES}</td>
 *       <td>largest event: joined data plus event type</td></tr>
 * </table>
 *
 * <p>Exceeding one throws {@link SseLimitException} with the stream offset where the line, or the
 * event (its first {@code data} or {@code event} line), began.
 *
 * @param maxLineBytes  positive
 * @param maxEventBytes positive
 */
public record SseLimits(int maxLineBytes, int maxEventBytes) {

  public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
  public static final int DEFAULT_MAX_EVENT_BYTES = 32 * 1024 * 1024;

  /** 8 MiB lines, 32 MiB events: far above any real chat stream, far below trouble. */
  public static final SseLimits DEFAULTS =
      new SseLimits(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_EVENT_BYTES);

  public SseLimits {
    if (maxLineBytes <= 0 || maxEventBytes <= 0) {
      throw new IllegalArgumentException(
          "limits must be positive: line=" + maxLineBytes + " event=" + maxEventBytes);
    }
  }
}
