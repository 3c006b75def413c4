package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Recorder;
import org.ssechat.sse.testing.ReferenceParser;

/**
 * Hostile and degenerate input: the parser never hangs, never buffers beyond its limits, and
 * fails only with the documented {@link SseLimitException} at the right offset. Big inputs are
 * generated read by read (64 KiB at a time), never materialised. The timeouts are hang guards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {

  private static final int READ = 64 * 1024;

  /** Counts events and the bytes of data they carried. */
  static final class Counter implements SseListener {
    long events;
    long dataBytes;

    @Override
    public void onEvent(SseEvent e) {
      events++;
      dataBytes += e.dataLength();
    }
  }

  /**
   * Feeds {@code prefix} and then {@code pattern} repeated until {@code total} bytes, in reads of
   * {@link #READ}, reusing one array. Returns the bytes fed (stops early only by an exception).
   */
  static long feedGenerated(SseParser p, byte[] prefix, byte[] pattern, long total) {
    byte[] buf = new byte[READ];
    long fed = 0;
    while (fed < total) {
      int n = (int) Math.min(READ, total - fed);
      for (int i = 0; i < n; i++) {
        long at = fed + i;
        buf[i] = at < prefix.length ? prefix[(int) at]
            : pattern[(int) ((at - prefix.length) % pattern.length)];
      }
      p.feed(buf, 0, n);
      fed += n;
    }
    return fed;
  }

  @Test
  void fiftyMegabyteLineFailsAtTheLineLimitWithItsOffset() {
    Counter c = new Counter();
    SseParser p = SseParsers.create(c);
    byte[] prefix = utf8("data: ok\n\ndata: ");
    assertThatThrownBy(() -> feedGenerated(p, prefix, utf8("x"), 50L << 20))
        .isInstanceOfSatisfying(SseLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo(SseLimitException.Limit.LINE);
          assertThat(e.offset()).isEqualTo(10);
          assertThat(e.maxBytes()).isEqualTo(SseLimits.DEFAULT_MAX_LINE_BYTES);
        });
    // It stopped as soon as the line could no longer fit: memory stayed within the limit.
    assertThat(p.position()).isLessThanOrEqualTo(10L + SseLimits.DEFAULT_MAX_LINE_BYTES);
    assertThat(c.events).isEqualTo(1);
  }

  @Test
  void fiftyMegabyteLineAlsoFailsInOneRead() {
    // A single huge read: the in-place path checks the limit when it finds the line end.
    byte[] huge = new byte[9 << 20];
    java.util.Arrays.fill(huge, (byte) 'y');
    huge[huge.length - 1] = '\n';
    SseParser p = SseParsers.create(e -> { });
    assertThatThrownBy(() -> p.feed(huge, 0, huge.length))
        .isInstanceOfSatisfying(SseLimitException.class, e -> assertThat(e.offset()).isZero());
  }

  @Test
  void aMillionEmptyLines() {
    for (String eol : new String[] {"\n", "\r", "\r\n"}) {
      Counter c = new Counter();
      SseParser p = SseParsers.create(c);
      feedGenerated(p, new byte[0], utf8(eol), 1_000_000L * eol.length());
      assertThat(p.endOfInput().truncated()).isFalse();
      assertThat(c.events).isZero();
    }
  }

  @Test
  void aMillionTinyEvents() {
    Counter c = new Counter();
    SseParser p = SseParsers.create(c);
    byte[] event = utf8("data: x\n\n");
    feedGenerated(p, new byte[0], event, 1_000_000L * event.length);
    assertThat(c.events).isEqualTo(1_000_000);
    assertThat(c.dataBytes).isEqualTo(1_000_000);
  }

  @Test
  void nulFloods() {
    // NULs are ordinary characters: a 5 MB NUL line is just a long unknown field...
    Counter c = new Counter();
    SseParser p = SseParsers.create(c);
    feedGenerated(p, new byte[0], new byte[1], 5L << 20);
    assertThat(p.endOfInput()).isEqualTo(new SseStreamEnd(5L << 20, 5L << 20, false));
    // ...a NUL-filled data value is data, and a NUL flood past the limit is a limit error.
    byte[] nulEvent = utf8("data:\0\0\0\0\0\0\0\0\0\0\n\n");
    feedGenerated(p, new byte[0], nulEvent, 10_000L * nulEvent.length);
    assertThat(c.events).isEqualTo(10_000);
    assertThat(c.dataBytes).isEqualTo(100_000);
    SseParser small = SseParsers.create("zero-copy", c, new SseLimits(1000, 1000));
    assertThatThrownBy(() -> feedGenerated(small, utf8("\n\n:"), new byte[1], 1 << 20))
        .isInstanceOfSatisfying(SseLimitException.class, e -> assertThat(e.offset()).isEqualTo(2));
  }

  @Test
  void randomBytesEitherParseLikeTheReferenceOrHitALimit() {
    Random r = new Random(42);
    for (int round = 0; round < 20; round++) {
      byte[] input = new byte[16 * 1024];
      r.nextBytes(input);
      if (round % 2 == 1) {
        // Bias towards SSE structure: many colons, line ends and field names.
        byte[] alphabet = utf8("data:event:id:retry:\n\r\n \0\uFEFF1é");
        for (int i = 0; i < input.length; i++) {
          input[i] = alphabet[Math.floorMod(input[i], alphabet.length)];
        }
      }
      Recorder.Result expected = ReferenceParser.parse(input);
      for (Chunkings.Chunking c : new Chunkings.Chunking[] {
          Chunkings.fixed("whole", input.length, input.length),
          Chunkings.random("random", input.length, r, 100)}) {
        Recorder.Result got = Recorder.run("zero-copy", input, c);
        assertThat(got.events()).containsExactlyElementsOf(expected.events());
        assertThat(got.comments()).containsExactlyElementsOf(expected.comments());
        assertThat(got.retry()).isEqualTo(expected.retry());
      }
      // With tiny limits the only possible failure is the documented one.
      try {
        Recorder.run("zero-copy", input, Chunkings.random("random", input.length, r, 50),
            new SseLimits(64, 128));
      } catch (SseLimitException expectedFailure) {
        assertThat(expectedFailure.offset()).isBetween(0L, (long) input.length);
      }
    }
  }

  @Test
  void hugeEventsAreBoundedByTheEventLimit() {
    Counter c = new Counter();
    SseParser p = SseParsers.create("zero-copy", c, new SseLimits(1024, 64 * 1024));
    byte[] line = utf8("data: 0123456789\n");
    assertThatThrownBy(() -> feedGenerated(p, utf8("data: a\n\n"), line, 100L << 20))
        .isInstanceOfSatisfying(SseLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo(SseLimitException.Limit.EVENT);
          assertThat(e.offset()).isEqualTo(9);
        });
    assertThat(p.position()).isLessThan(64 * 1024 * 2 + READ);
    assertThat(c.events).isEqualTo(1);
  }

  @Test
  void manyLinesInOneEventAtOneByteReadsStayLinear() {
    // 20 000 data lines in one event, fed one byte at a time (catches O(n^2) re-scans/copies).
    Counter c = new Counter();
    SseParser p = SseParsers.create(c);
    byte[] one = new byte[1];
    byte[] line = utf8("data: 0123456789abcdef\n");
    for (int i = 0; i < 20_000; i++) {
      for (byte b : line) {
        one[0] = b;
        p.feed(one, 0, 1);
      }
    }
    p.feed(utf8("\n"), 0, 1);
    assertThat(c.events).isEqualTo(1);
    assertThat(c.dataBytes).isEqualTo(20_000L * 17 - 1);
  }

  @Test
  void longCommentsIdsAndTypesHitTheLineLimit() {
    for (String prefix : new String[] {":", "id: ", "event: ", "retry: 1", "unknown: "}) {
      SseParser p = SseParsers.create("zero-copy", e -> { }, new SseLimits(4096, 1 << 20));
      assertThatThrownBy(() -> feedGenerated(p, utf8("\r\n" + prefix), utf8("1"), 1 << 20))
          .as(prefix).isInstanceOfSatisfying(SseLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(SseLimitException.Limit.LINE);
            assertThat(e.offset()).isEqualTo(2);
          });
    }
  }
}
