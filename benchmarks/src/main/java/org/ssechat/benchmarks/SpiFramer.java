package org.ssechat.benchmarks;

import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/** A parser found through the SSE SPI ({@code zero-copy}, {@code naive}), reused across streams.
 * Delivery through this class costs one interface call per event, the same for every sink. */
final class SpiFramer implements Framer, SseListener {

  private final SseParser parser;
  private final EventSink sink;
  private final SseListener listener;
  private int events;

  SpiFramer(String name, EventSink sink) {
    this.parser = SseParsers.create(name, this, SseLimits.DEFAULTS);
    this.sink = sink;
    this.listener = null;
  }

  /** Delivers to a listener of the parser's own kind (e.g. the chat decoder). */
  SpiFramer(String name, SseListener listener) {
    this.parser = SseParsers.create(name, this, SseLimits.DEFAULTS);
    this.sink = null;
    this.listener = listener;
  }

  @Override
  public int parse(byte[] stream, int readSize) {
    events = 0;
    for (int off = 0; off < stream.length; off += readSize) {
      parser.feed(stream, off, Math.min(readSize, stream.length - off));
    }
    parser.endOfInput();
    return events;
  }

  @Override
  public void onEvent(SseEvent event) {
    events++;
    if (sink != null) {
      sink.onEvent(event);
    } else {
      listener.onEvent(event);
    }
  }
}
