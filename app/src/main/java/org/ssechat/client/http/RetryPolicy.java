package org.ssechat.client.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * When to retry an HTTP 429 or 5xx answer: after the server's {@code Retry-After} (seconds or an
 * HTTP date) if it sent one, else after an exponential backoff ({@value #FIRST_BACKOFF_MS} ms,
 * doubling, at most {@value #MAX_DOUBLINGS} doublings); never longer than the configured cap.
 * A retry only ever happens before any output: the status arrives before the body.
 */
final class RetryPolicy {
  /** The first backoff without a {@code Retry-After}. */
  static final long FIRST_BACKOFF_MS = 500;
  /** Backoff stops growing after this many doublings (500 ms → 32 s). */
  static final int MAX_DOUBLINGS = 6;

  /**
   * What to do about one failed attempt.
   *
   * @param waitMillis how long to wait before the next attempt, or -1 for no retry
   * @param note       why there is no retry although the server asked for one, or null
   */
  record Decision(long waitMillis, String note) {
    boolean retry() {
      return waitMillis >= 0;
    }
  }

  private static final Decision NO = new Decision(-1, null);

  private final int maxRetries;
  private final Duration maxWait;

  RetryPolicy(int maxRetries, Duration maxWait) {
    this.maxRetries = maxRetries;
    this.maxWait = maxWait;
  }

  /**
   * @param status     the HTTP status of attempt {@code attemptNo} (0 for the first)
   * @param retryAfter its {@code Retry-After} header, or null
   */
  Decision decide(int status, String retryAfter, int attemptNo, long nowMillis) {
    if (attemptNo >= maxRetries || !(status == 429 || status / 100 == 5)) {
      return NO;
    }
    long wait = retryAfterMillis(retryAfter, nowMillis);
    long cap = maxWait.toMillis();
    if (wait > cap) {
      return new Decision(-1, "server asks to retry after " + (wait / 1000) + "s");
    }
    return new Decision(wait >= 0 ? wait
        : Math.min(cap, FIRST_BACKOFF_MS << Math.min(MAX_DOUBLINGS, attemptNo)), null);
  }

  /** Milliseconds to wait from a {@code Retry-After} value (seconds or HTTP date), or -1. */
  static long retryAfterMillis(String value, long nowMillis) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    try {
      return Math.max(0, (long) (Double.parseDouble(v) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
            .toEpochMilli();
        return Math.max(0, at - nowMillis);
      } catch (RuntimeException notDate) {
        return -1;
      }
    }
  }
}
