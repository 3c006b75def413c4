package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * Bytes allocated per event in steady state, framing plus decoding, measured with the thread's
 * allocation counter over a long stream made of recorded chunks. Prints the numbers and asserts
 * less than one small object per event (allocation, not time, so it does not depend on the
 * machine's load).
 */
class DecoderAllocationTest {

  /** Counts what it is given, allocating nothing. */
  static final class Sink implements ChatDeltaListener {
    long chars;
    long calls;

    @Override
    public void onContent(int choice, char[] text, int off, int len) {
      chars += len;
    }

    @Override
    public void onReasoning(int choice, char[] text, int off, int len) {
      chars += len;
    }

    @Override
    public void onToolCallFragment(int choice, int index, String id, String name,
        char[] arguments, int off, int len) {
      chars += len;
    }

    @Override
    public void onRole(int choice, String role) {
      calls++;
    }

    @Override
    public void onUsage(Usage usage) {
      calls++;
    }

    @Override
    public void onFinish(int choice, String reason) {
      calls++;
    }
  }

  /** The data lines of the corpus's chat streams (not [DONE]), as one long stream. */
  static byte[] longStream(int repeats) throws IOException {
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    for (String name : List.of("openai-gpt4o-mini-text-usage.sse",
        "deepseek-reasoner-reasoning-content-emoji.sse", "groq-r1-distill-long-reasoning-425k.sse",
        "openai-gpt4o-long-tool-arguments-20k.sse", "dashscope-qwen-plus-chinese-usage.sse",
        "zai-glm47-reasoning-content.sse")) {
      for (String[] e : CorpusDecodeTest.sseEvents(CorpusDecodeTest.read(name))) {
        if (!e[1].equals("[DONE]")) {
          one.write(("data: " + e[1] + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < repeats; i++) {
      one.writeTo(all);
    }
    return all.toByteArray();
  }

  @Test
  void steadyStateAllocationPerEvent() throws IOException {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    byte[] stream = longStream(4);
    long events = CorpusDecodeTest.sseEvents(stream).size();

    Sink sink = new Sink();
    double[] perEvent = bytesPerEvent(stream, new ChatChunkDecoder(sink));
    double total = perEvent[1];
    System.out.printf("events/pass=%d framing=%.1f B/event framing+decoding=%.1f B/event%n",
        events, perEvent[0], total);
    assertThat(sink.chars).isPositive();
    // Usages and model Strings are allocated when they change; nothing else may be per event.
    assertThat(total).isLessThan(24);
  }

  @Test
  void perStreamSetupCost() throws IOException {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    byte[] small = CorpusDecodeTest.read("openai-gpt4o-mini-text-usage.sse");
    for (int i = 0; i < 2000; i++) {
      feed(SseParsers.create("zero-copy", new ChatChunkDecoder(new Sink()), SseLimits.DEFAULTS),
          small);
    }
    long tid = Thread.currentThread().getId();
    long a0 = mx.getThreadAllocatedBytes(tid);
    int n = 1000;
    for (int i = 0; i < n; i++) {
      feed(SseParsers.create("zero-copy", new ChatChunkDecoder(new Sink()), SseLimits.DEFAULTS),
          small);
    }
    long perStream = (mx.getThreadAllocatedBytes(tid) - a0) / n;
    System.out.printf("one %d-byte, 12-event stream with a new parser and decoder: %d B%n",
        small.length, perStream);
    // A generous guard: the non-blocking parser and the decoder's reusable buffers, once per stream.
    assertThat(perStream).isLessThan(32 * 1024);
  }

  /**
   * Bytes allocated per event by framing {@code stream} alone and by framing plus
   * {@code decoder}, each measured over one pass after three warm-up passes.
   */
  static double[] bytesPerEvent(byte[] stream, SseListener decoder) {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long events = CorpusDecodeTest.sseEvents(stream).size();
    SseParser decoding = SseParsers.create("zero-copy", decoder, SseLimits.DEFAULTS);
    long[] framedEvents = {0};
    SseParser framingOnly = SseParsers.create("zero-copy", e -> framedEvents[0]++,
        SseLimits.DEFAULTS);
    for (int i = 0; i < 3; i++) {
      feed(decoding, stream);
      feed(framingOnly, stream);
    }
    long tid = Thread.currentThread().getId();
    long a0 = mx.getThreadAllocatedBytes(tid);
    feed(framingOnly, stream);
    long a1 = mx.getThreadAllocatedBytes(tid);
    feed(decoding, stream);
    long a2 = mx.getThreadAllocatedBytes(tid);
    return new double[] {(a1 - a0) / (double) events, (a2 - a1) / (double) events};
  }

  private static void feed(SseParser parser, byte[] stream) {
    for (int pos = 0; pos < stream.length; pos += 4096) {
      parser.feed(stream, pos, Math.min(4096, stream.length - pos));
    }
  }
}
