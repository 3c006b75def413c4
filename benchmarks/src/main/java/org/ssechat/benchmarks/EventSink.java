package org.ssechat.benchmarks;

import org.ssechat.sse.SseEvent;

/**
 * Where a {@link Framer} hands each dispatched event. Parsers behind the SSE SPI pass their
 * borrowed view; the other contenders pass the {@code String}s their API makes anyway.
 */
public interface EventSink {

  /** An event from an {@link org.ssechat.sse.SseParser}; the view is valid until return. */
  void onEvent(SseEvent event);

  /**
   * An event from a contender whose API produces strings.
   *
   * @param type the event type, or {@code null} for the default {@code message}
   */
  void onEvent(String type, String data);
}
