package org.ssechat.client;

import java.time.Duration;
import java.util.Objects;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParsers;

/**
 * How a {@link ResponseStreamProcessor} decodes one response and what it refuses. Start from
 * {@link #DEFAULTS} and change what differs with the {@code with…} methods.
 *
 * @param parser          the SSE parser ({@link SseParsers#names()})
 * @param limits          SSE line and event size limits
 * @param maxBodyBytes    the most body bytes one answer may have; past it reading stops
 * @param maxCommentsOnly the longest time the stream may send only comments (keep-alives) and no
 *                        event; past it reading stops
 * @param secret          the API key, redacted from every message and warning (null for none)
 * @param dialect         the API dialect the answer is in (which decoder reads it)
 */
public record ResponseOptions(String parser, SseLimits limits, long maxBodyBytes,
    Duration maxCommentsOnly, String secret, Dialect dialect) {

  /** The default cap on one answer's body: {@value} bytes (64 MiB). */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
  /** The default longest run of comments with no event. */
  public static final Duration DEFAULT_MAX_COMMENTS_ONLY = Duration.ofMinutes(5);

  /** The default parser and limits, no secret. */
  public static final ResponseOptions DEFAULTS = new ResponseOptions(SseParsers.DEFAULT,
      SseLimits.DEFAULTS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_COMMENTS_ONLY, null, Dialect.CHAT);

  public ResponseOptions {
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(maxCommentsOnly, "maxCommentsOnly");
    Objects.requireNonNull(dialect, "dialect");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
  }

  public ResponseOptions withParser(String name) {
    return new ResponseOptions(name, limits, maxBodyBytes, maxCommentsOnly, secret, dialect);
  }

  public ResponseOptions withLimits(SseLimits l) {
    return new ResponseOptions(parser, l, maxBodyBytes, maxCommentsOnly, secret, dialect);
  }

  public ResponseOptions withMaxBodyBytes(long max) {
    return new ResponseOptions(parser, limits, max, maxCommentsOnly, secret, dialect);
  }

  public ResponseOptions withMaxCommentsOnly(Duration max) {
    return new ResponseOptions(parser, limits, maxBodyBytes, max, secret, dialect);
  }

  public ResponseOptions withSecret(String key) {
    return new ResponseOptions(parser, limits, maxBodyBytes, maxCommentsOnly, key, dialect);
  }

  public ResponseOptions withDialect(Dialect d) {
    return new ResponseOptions(parser, limits, maxBodyBytes, maxCommentsOnly, secret, d);
  }
}
