package org.ssechat.benchmarks;

/**
 * Counts of durations in buckets: 10 µs wide below 100 ms, 1 ms wide below 1000 s, one bucket
 * beyond. Percentiles are read as a bucket's upper edge (never better than measured). Not
 * thread-safe: one per thread, then {@link #add(LatencyHistogram)}.
 */
final class LatencyHistogram {
  private static final long FINE_US = 100_000;
  private static final int FINE = (int) (FINE_US / 10);
  private static final int COARSE = 1_000_000 - 100;
  private final long[] counts = new long[FINE + COARSE + 1];
  private long total;
  private long maxNanos;

  void record(long nanos) {
    long us = Math.max(0, nanos / 1000);
    int b = us < FINE_US ? (int) (us / 10) : (int) Math.min(FINE + (us - FINE_US) / 1000,
        FINE + COARSE);
    counts[b]++;
    total++;
    maxNanos = Math.max(maxNanos, nanos);
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    maxNanos = Math.max(maxNanos, other.maxNanos);
  }

  long count() {
    return total;
  }

  long maxNanos() {
    return maxNanos;
  }

  /** The {@code p}th percentile in nanoseconds (0 when empty). */
  long percentileNanos(double p) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
    long seen = 0;
    for (int b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen >= rank) {
        long upperUs = b < FINE ? (b + 1) * 10L : FINE_US + (b - FINE + 1) * 1000L;
        return Math.min(upperUs * 1000, maxNanos);
      }
    }
    return maxNanos;
  }
}
