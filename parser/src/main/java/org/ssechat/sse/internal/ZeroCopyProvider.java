package org.ssechat.sse.internal;

import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParserProvider;

/** {@code zero-copy}: the spec-complete byte-level parser (the default). */
public final class ZeroCopyProvider implements SseParserProvider {
  @Override
  public String name() {
    return "zero-copy";
  }

  @Override
  public String description() {
    return "byte-level WHATWG parser; views into the input, no per-event allocation";
  }

  @Override
  public SseParser create(SseListener listener, SseLimits limits) {
    return new ZeroCopySseParser(listener, limits);
  }
}
