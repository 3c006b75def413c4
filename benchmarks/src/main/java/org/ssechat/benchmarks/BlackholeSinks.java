package org.ssechat.benchmarks;

import org.openjdk.jmh.infra.Blackhole;
import org.ssechat.sse.SseEvent;

/** Sinks that hand every result to a JMH {@link Blackhole}, so nothing can be optimised away. */
final class BlackholeSinks {

  private BlackholeSinks() {}

  static EventSink events(Blackhole bh) {
    return new EventSink() {
      @Override
      public void onEvent(SseEvent event) {
        bh.consume(event.dataArray());
        bh.consume(event.dataOffset());
        bh.consume(event.dataLength());
        bh.consume(event.typeLength());
      }

      @Override
      public void onEvent(String type, String data) {
        bh.consume(type);
        bh.consume(data);
      }
    };
  }

  static ChatSink chat(Blackhole bh) {
    return new ChatSink() {
      @Override
      public void content(char[] text, int off, int len) {
        bh.consume(text);
        bh.consume(off + len);
      }

      @Override
      public void reasoning(char[] text, int off, int len) {
        bh.consume(text);
        bh.consume(off + len);
      }

      @Override
      public void finish(String reason) {
        bh.consume(reason);
      }

      @Override
      public void usage(long prompt, long completion, long total) {
        bh.consume(prompt + completion + total);
      }
    };
  }
}
