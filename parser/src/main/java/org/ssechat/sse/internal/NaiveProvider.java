package org.ssechat.sse.internal;

import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParserProvider;

/** {@code naive}: the relay docs' Python loop, ported as-is; a benchmark baseline, not for use. */
public final class NaiveProvider implements SseParserProvider {
  @Override
  public String name() {
    return "naive";
  }

  @Override
  public String description() {
    return "port of the relay docs' Python loop (String buffer, 'data: ' lines only); baseline";
  }

  /** {@code limits} are ignored: the Python loop has none. */
  @Override
  public SseParser create(SseListener listener, SseLimits limits) {
    return new NaiveSseParser(listener);
  }
}
