package org.ssechat.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * Durations in microseconds, to 3 significant digits (HdrHistogram): an early event counts as on
 * time (0), and a percentile is read as the highest value its bucket stands for, never better
 * than measured. Not thread-safe: one per thread, then {@link #add(LatencyHistogram)}.
 */
final class LatencyHistogram {
  private final Histogram micros = new Histogram(3); // grows with the largest value recorded

  void record(long nanos) {
    micros.recordValue(Math.max(0, nanos / 1000));
  }

  void add(LatencyHistogram other) {
    micros.add(other.micros);
  }

  long count() {
    return micros.getTotalCount();
  }

  long maxNanos() {
    return micros.getMaxValue() * 1000;
  }

  /** The {@code p}th percentile in nanoseconds (0 when empty). */
  long percentileNanos(double p) {
    return micros.getValueAtPercentile(p) * 1000;
  }
}
