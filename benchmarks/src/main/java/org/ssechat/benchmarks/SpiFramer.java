package org.ssechat.benchmarks;

import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/** A parser found through the SSE SPI ({@code zero-copy}, {@code naive}), reused across streams. */
final class SpiFramer implements Framer, SseListener {

  private final SseParser parser;
  private final EventSink sink;
  private int events;

  SpiFramer(String name, EventSink sink) {
    this.parser = SseParsers.create(name, this, SseLimits.DEFAULTS);
    this.sink = sink;
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
    sink.onEvent(event);
  }
}
