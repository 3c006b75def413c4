package org.ssechat.sse;

/**
 * The SPI for a named parser implementation, found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/org.ssechat.sse.SseParserProvider}.
 */
public interface SseParserProvider {

  /** Short unique name, e.g. {@code zero-copy}. */
  String name();

  /** One line for listings. */
  String description();

  /** A new parser for one stream. */
  SseParser create(SseListener listener, SseLimits limits);
}
