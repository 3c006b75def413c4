package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ssechat.sse.testing.Fixtures.bytes;
import static org.ssechat.sse.testing.Fixtures.collected;
import static org.ssechat.sse.testing.Fixtures.concat;
import static org.ssechat.sse.testing.Fixtures.msg;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Recorder;

/**
 * The default parser's contract beyond the spec rules: stream end reporting, reconnect and reset,
 * ByteBuffer feeding, limit errors with offsets, failure state and buffer ownership.
 */
class ZeroCopySseParserTest {

  private final Recorder rec = new Recorder();

  private SseParser parser(int maxLine, int maxEvent) {
    return SseParsers.create("zero-copy", rec, new SseLimits(maxLine, maxEvent));
  }

  private static void feed(SseParser p, String s) {
    byte[] b = utf8(s);
    p.feed(b, 0, b.length);
  }

  // ---- endOfInput -------------------------------------------------------------------------

  @Test
  void endOfInputReportsWhatWasDiscarded() {
    SseParser p = SseParsers.create(rec);
    assertThat(p.endOfInput()).isEqualTo(new SseStreamEnd(0, 0, false));
    feed(p, "data: a\n\n");
    SseStreamEnd clean = p.endOfInput();
    assertThat(clean).isEqualTo(new SseStreamEnd(9, 0, false));
    assertThat(clean.truncated()).isFalse();

    feed(p, "data: a\ndata: par");
    SseStreamEnd cut = p.endOfInput();
    assertThat(cut).isEqualTo(new SseStreamEnd(17, 9, true));
    assertThat(cut.truncated()).isTrue();

    feed(p, "event: x\nid: 1\n");
    assertThat(p.endOfInput()).isEqualTo(new SseStreamEnd(15, 0, false));
    // A held partial BOM is an unterminated line.
    p.feed(bytes(0xEF, 0xBB), 0, 2);
    assertThat(p.endOfInput()).isEqualTo(new SseStreamEnd(2, 2, false));
    assertThat(rec.events).containsExactly(msg("a"));
    assertThat(p.lastEventId()).as("the undispatched id never took effect").isNull();
  }

  @Test
  void endOfInputStartsANewStreamKeepingLastIdAndRetry() {
    SseParser p = SseParsers.create(rec);
    feed(p, "\uFEFFid: 1\nretry: 50\ndata: a\n\nid: 2\ndata: lost\n");
    p.endOfInput();
    assertThat(p.position()).isZero();
    // The BOM check re-arms; the id from the undispatched block is forgotten; id 1 is kept.
    feed(p, "\uFEFFdata: b\n\n");
    assertThat(rec.events).containsExactly(new SseMessage("message", "a", "1"),
        new SseMessage("message", "b", "1"));
    assertThat(p.retryMillis()).isEqualTo(50);
    // A pending CR does not leak into the next stream: its first LF is an empty line there.
    feed(p, "data: c\r");
    p.endOfInput();
    feed(p, "data: d\n\n");
    assertThat(rec.events).hasSize(3).last().isEqualTo(new SseMessage("message", "d", "1"));
  }

  @Test
  void resetForgetsEverything() {
    SseParser p = SseParsers.create(rec);
    feed(p, "id: 1\nretry: 50\ndata: a\n\ndata: half");
    p.reset();
    assertThat(p.lastEventId()).isNull();
    assertThat(p.retryMillis()).isEqualTo(-1);
    assertThat(p.position()).isZero();
    feed(p, "\uFEFFdata: b\n\n");
    assertThat(rec.events).containsExactly(new SseMessage("message", "a", "1"), msg("b"));
  }

  // ---- ByteBuffer -------------------------------------------------------------------------

  @Test
  void feedsHeapDirectSlicedAndReadOnlyBuffers() {
    byte[] input = utf8("\uFEFFevent: é\r\ndata: 中\r\nid: 1\r\n\r\n" + "data: x".repeat(3000) + "\n\n");
    List<ByteBuffer> kinds = new ArrayList<>();
    kinds.add(ByteBuffer.wrap(concat(utf8("junk"), input, utf8("junk")), 4, input.length).slice());
    kinds.add(ByteBuffer.allocateDirect(input.length).put(input).flip());
    kinds.add(ByteBuffer.wrap(input).asReadOnlyBuffer());
    String big = "x".repeat(3000).replace("x", "data: x").substring(6);
    for (ByteBuffer whole : kinds) {
      for (int read : new int[] {1, 3, 8192, input.length}) {
        Recorder r = new Recorder();
        SseParser p = SseParsers.create(r);
        ByteBuffer b = whole.duplicate();
        while (b.hasRemaining()) {
          ByteBuffer part = b.slice();
          part.limit(Math.min(read, b.remaining()));
          p.feed(part);
          assertThat(part.hasRemaining()).isFalse();
          b.position(b.position() + part.limit());
        }
        assertThat(r.events).as("%s at %d", whole, read).containsExactly(
            new SseMessage("é", "中", "1"), new SseMessage("message", big, "1"));
        assertThat(p.position()).isEqualTo(input.length);
      }
    }
  }

  // ---- limits -----------------------------------------------------------------------------

  @Test
  void lineLimitNamesTheOffsetOfTheLineAtEveryChunking() {
    byte[] input = utf8("data: ok\n\n:0123456789\ndata: 12345\n\n");
    for (Chunkings.Chunking c : Chunkings.all(input.length, 1)) {
      assertThatThrownBy(() -> Recorder.run("zero-copy", input, c, new SseLimits(10, 100)))
          .as("%s", c).isInstanceOfSatisfying(SseLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(SseLimitException.Limit.LINE);
            assertThat(e.offset()).isEqualTo(10);
            assertThat(e.maxBytes()).isEqualTo(10);
            assertThat(e).hasMessage("SSE line longer than 10 bytes (max line) at byte 10");
          });
    }
    // Exactly at the limit is fine (the line end does not count).
    Recorder.run("zero-copy", utf8("data: 1234\r\n\r\n"), Chunkings.fixed("1", 14, 1),
        new SseLimits(10, 100));
  }

  @Test
  void lineLimitCountsAHeldBomPrefixFromOffsetZero() {
    SseParser p = parser(3, 100);
    p.feed(bytes(0xEF, 0xBB), 0, 2);
    assertThatThrownBy(() -> p.feed(utf8("ab\n"), 0, 3))
        .isInstanceOfSatisfying(SseLimitException.class, e -> assertThat(e.offset()).isZero());
  }

  @Test
  void eventLimitNamesTheOffsetOfTheEventAtEveryChunking() {
    byte[] input = utf8("data: a\n\n: c\nevent: t\ndata: 1234\ndata: 5\n\n");
    for (Chunkings.Chunking c : Chunkings.all(input.length, 2)) {
      assertThatThrownBy(() -> Recorder.run("zero-copy", input, c, new SseLimits(100, 6)))
          .as("%s", c).isInstanceOfSatisfying(SseLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(SseLimitException.Limit.EVENT);
            assertThat(e.offset()).as("the event: line").isEqualTo(13);
          });
    }
    // data 1234 + type t = 5 bytes; the second data line adds 2 more: 7 > 6. At 7 it fits.
    Recorder.Result ok = Recorder.run("zero-copy", input, Chunkings.fixed("1", input.length, 1),
        new SseLimits(100, 7));
    assertThat(ok.events()).containsExactly(msg("a"), new SseMessage("t", "1234\n5", null));
  }

  @Test
  void anEventStartsAtItsFirstEventLineEvenAnEmptyOne() {
    for (String input : List.of("event:\ndata: 1234567\n\n", "event: t\nevent:\ndata: 1234567\n\n",
        "event\r\nid: 1\r\ndata: 1234567\r\n\r\n")) {
      byte[] in = utf8(input);
      for (Chunkings.Chunking c : Chunkings.all(in.length, 3)) {
        assertThatThrownBy(() -> Recorder.run("zero-copy", in, c, new SseLimits(100, 5)))
            .as("%s at %s", input, c).isInstanceOfSatisfying(SseLimitException.class,
                e -> assertThat(e.offset()).isZero());
      }
    }
  }

  @Test
  void afterAFailureOnlyResetRecovers() {
    SseParser p = parser(4, 100);
    assertThatThrownBy(() -> feed(p, "data: long\n")).isInstanceOf(SseLimitException.class);
    assertThatThrownBy(() -> feed(p, "data\n\n")).isInstanceOf(IllegalStateException.class);
    ByteBuffer direct = ByteBuffer.allocateDirect(8).put(utf8("data\n\n")).flip();
    assertThatThrownBy(() -> p.feed(direct)).isInstanceOf(IllegalStateException.class);
    assertThat(direct.position()).as("a refused feed consumes nothing").isZero();
    p.reset();
    feed(p, "data\n\n");
    assertThat(rec.events).containsExactly(msg(""));
  }

  @Test
  void aThrowingListenerPropagatesAndFailsTheParser() {
    SseParser p = SseParsers.create(e -> {
      throw new IllegalArgumentException("boom " + e.data());
    });
    assertThatThrownBy(() -> feed(p, "data: 1\n\ndata: 2\n\n")).hasMessage("boom 1");
    assertThatThrownBy(() -> feed(p, "\n")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aListenerThrowingAnErrorAlsoFailsTheParser() {
    // Not only RuntimeExceptions: an Error (an assertion in a test listener, a StackOverflowError)
    // leaves the rest of the read unparsed just the same, so the parser must not carry on.
    List<String> seen = new ArrayList<>();
    SseParser p = SseParsers.create(e -> {
      seen.add(e.data());
      if (seen.size() == 1) {
        throw new AssertionError("boom");
      }
    });
    assertThatThrownBy(() -> feed(p, "data: 1\n\ndata: 2\n\n")).hasMessage("boom");
    assertThatThrownBy(() -> feed(p, "data: 3\n\n")).isInstanceOf(IllegalStateException.class);
    assertThat(seen).containsExactly("1");
  }

  // ---- ownership --------------------------------------------------------------------------

  @Test
  void noViewOfTheCallersArrayOutlivesFeed() {
    SseParser p = SseParsers.create(rec);
    // Pending data, a pending type, and an empty pending type: all views into the read.
    for (String pending : List.of("data: x\n", "event: t\n", "event:\n", "event\n", "data\n")) {
      byte[] read = utf8(pending);
      WeakReference<byte[]> ref = new WeakReference<>(read);
      p.feed(read, 0, read.length);
      read = null;
      assertThat(collected(ref)).as("parser still holds the read after '%s'", pending.strip())
          .isTrue();
    }
    feed(p, "\n");
    assertThat(rec.events).containsExactly(new SseMessage("message", "x\n", null));
  }

  @Test
  void noViewOfTheCallersArrayOutlivesAFailedFeed() {
    SseParser p = parser(100, 3);
    WeakReference<byte[]> ref = new WeakReference<>(utf8("event: ab\ndata: toolong\n"));
    assertThatThrownBy(() -> p.feed(ref.get(), 0, 24)).isInstanceOf(SseLimitException.class);
    assertThat(collected(ref)).isTrue();
  }

  @ParameterizedTest(name = "reads of {0} bytes")
  @ValueSource(ints = {4093, 16, 1})
  void steadyStateAllocatesNothingPerEvent(int read) {
    assumeTrue(ManagementFactory.getThreadMXBean()
        instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    // Named events with ids, keep-alive comments, multi-line data, lines cut by the reads.
    byte[] input = utf8(("id: 1\nevent: delta\ndata: {\"x\":\"é\"}\n\n: ka\n"
        + "data: a\ndata: b\n\ndata: [DONE]\r\n\r\n").repeat(1000));
    byte[] done = utf8("[DONE]");
    long[] sink = new long[1];
    SseParser p = SseParsers.create(e -> sink[0] += e.dataLength() + e.typeLength()
        + (e.dataEquals(done) ? 1 : 0));
    Runnable round = () -> {
      for (int off = 0; off < input.length; off += read) {
        p.feed(input, off, Math.min(read, input.length - off));
      }
    };
    for (int i = 0; i < 30; i++) {
      round.run(); // warm up
    }
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 20; i++) {
      round.run();
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertThat(sink[0]).isPositive();
    // 60 000 events: even one object per event would be ~1 MB.
    assertThat(allocated).as("bytes allocated for 60 000 events").isLessThan(64 * 1024);
  }

  // ---- re-entrancy ------------------------------------------------------------------------

  @Test
  void callbacksMayNotReenterTheParser() {
    SseParser[] self = new SseParser[1];
    List<Throwable> seen = new ArrayList<>();
    self[0] = SseParsers.create(e -> {
      for (Runnable r : List.<Runnable>of(self[0]::endOfInput, self[0]::reset,
          () -> self[0].feed(new byte[1], 0, 1))) {
        try {
          r.run();
        } catch (IllegalStateException ex) {
          seen.add(ex);
        }
      }
    });
    feed(self[0], "data: a\n\ndata: b\n\n");
    assertThat(seen).hasSize(6);
    assertThat(self[0].position()).isEqualTo(18);
  }

  @Test
  void aCallbackFeedingADirectBufferIsRefusedWithoutTouchingTheReadInProgress() {
    // Direct buffers go through the parser's bounce array, which holds the read being parsed.
    List<String> data = new ArrayList<>();
    SseParser[] self = new SseParser[1];
    self[0] = SseParsers.create(e -> {
      data.add(e.data());
      ByteBuffer nested = ByteBuffer.allocateDirect(16).put(utf8("data: nested\n\n")).flip();
      assertThatThrownBy(() -> self[0].feed(nested)).isInstanceOf(IllegalStateException.class);
      assertThat(nested.position()).as("a refused feed consumes nothing").isZero();
    });
    self[0].feed(ByteBuffer.allocateDirect(64).put(utf8("data: a\n\ndata: bbbbbbbb\n\n")).flip());
    assertThat(data).containsExactly("a", "bbbbbbbb");
  }

  // ---- offsets ----------------------------------------------------------------------------

  @Test
  void eventsCarryTheOffsetOfTheirBlankLine() {
    List<Long> ends = new ArrayList<>();
    SseParser p = SseParsers.create(e -> ends.add(e.endOffset()));
    byte[] in = utf8("\uFEFFdata: a\n\ndata: b\r\n\r\n");
    for (byte b : in) {
      p.feed(new byte[] {b}, 0, 1);
    }
    assertThat(ends).containsExactly(11L, 21L);
  }
}
