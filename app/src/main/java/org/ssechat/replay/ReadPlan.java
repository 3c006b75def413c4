package org.ssechat.replay;

import java.util.ArrayList;
import java.util.List;
import org.ssechat.record.Recording;

/**
 * How a body is delivered: the reads (cuts of the body, in order, covering it exactly) and when
 * each is due, in nanoseconds after the replay starts.
 *
 * @param chunks the reads, in body order
 */
public record ReadPlan(List<Chunk> chunks) {

  /** Read size used when a recording has no sidecar and no chunk size was asked for. */
  public static final int DEFAULT_CHUNK_SIZE = 4096;

  public ReadPlan {
    chunks = List.copyOf(chunks);
  }

  /**
   * One read.
   *
   * @param offset  where it starts in the body
   * @param length  how many bytes, positive
   * @param atNanos when it is due, nanoseconds after the start (non-decreasing along the plan)
   */
  public record Chunk(int offset, int length, long atNanos) {}

  /**
   * The recorded reads with their recorded times divided by {@code speed}. A recording without
   * timing gets {@link #DEFAULT_CHUNK_SIZE} reads, all due at once.
   */
  public static ReadPlan original(Recording rec, Speed speed) {
    if (!rec.hasTiming()) {
      return fixed(rec, DEFAULT_CHUNK_SIZE, speed);
    }
    long t0 = rec.reads().get(0).tUs();
    List<Chunk> out = new ArrayList<>(rec.reads().size());
    for (Recording.Read r : rec.reads()) {
      out.add(new Chunk((int) r.offset(), r.size(), speed.scaleMicros(r.tUs() - t0)));
    }
    return new ReadPlan(out);
  }

  /**
   * Reads of {@code size} bytes (the last may be shorter). With timing, each read is due when the
   * recorded read holding its last byte arrived (a byte is never delivered before it was
   * received); without timing all are due at once.
   */
  public static ReadPlan fixed(Recording rec, int size, Speed speed) {
    if (size <= 0) {
      throw new IllegalArgumentException("chunk size must be positive: " + size);
    }
    byte[] body = rec.body();
    List<Chunk> out = new ArrayList<>(body.length / size + 1);
    List<Recording.Read> reads = rec.reads();
    long t0 = reads.isEmpty() ? 0 : reads.get(0).tUs();
    int r = 0;
    for (int off = 0; off < body.length; off += size) {
      int len = Math.min(size, body.length - off);
      long at = 0;
      if (!reads.isEmpty()) {
        long last = off + len - 1L;
        while (reads.get(r).offset() + reads.get(r).size() <= last) {
          r++;
        }
        at = speed.scaleMicros(reads.get(r).tUs() - t0);
      }
      out.add(new Chunk(off, len, at));
    }
    return new ReadPlan(out);
  }

  /**
   * One read per SSE event (cut after each blank line: {@link EventBoundary}), due every
   * {@code gapNanos}. For recordings without timing that should still visibly stream.
   */
  public static ReadPlan perEvent(byte[] body, long gapNanos) {
    List<Chunk> out = new ArrayList<>();
    int start = 0;
    for (int end : EventBoundary.ends(body)) {
      if (end > start) {
        out.add(new Chunk(start, end - start, out.size() * gapNanos));
        start = end;
      }
    }
    if (start < body.length) {
      out.add(new Chunk(start, body.length - start, out.size() * gapNanos));
    }
    return new ReadPlan(out);
  }

  /** When the last read is due (0 for an empty plan). */
  public long durationNanos() {
    return chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).atNanos();
  }

  /** This plan, with every time scaled down so that it lasts at most {@code maxNanos}. */
  public ReadPlan fitWithin(long maxNanos) {
    long d = durationNanos();
    if (d <= maxNanos) {
      return this;
    }
    double f = (double) maxNanos / d;
    List<Chunk> out = new ArrayList<>(chunks.size());
    for (Chunk c : chunks) {
      out.add(new Chunk(c.offset(), c.length(), Math.round(c.atNanos() * f)));
    }
    return new ReadPlan(out);
  }
}
