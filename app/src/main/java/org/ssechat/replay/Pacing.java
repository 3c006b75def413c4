package org.ssechat.replay;

import java.util.Objects;
import org.ssechat.record.Recording;

/**
 * How recordings are paced when they are played back: the recorded reads at a speed, and, for a
 * recording without timing (no sidecar), a gap between its events so that it still streams.
 *
 * @param speed           the divisor of recorded gaps ({@link Speed#MAX}: everything at once)
 * @param untimedGapNanos the gap between the events of a recording without timing, before the
 *                        speed divides it; 0 sends such a recording all at once
 */
public record Pacing(Speed speed, long untimedGapNanos) {

  /** The gap between the events of a recording without timing, unless asked otherwise. */
  public static final long DEFAULT_UNTIMED_GAP_MS = 25;

  public Pacing {
    Objects.requireNonNull(speed, "speed");
    if (untimedGapNanos < 0) {
      throw new IllegalArgumentException("negative gap: " + untimedGapNanos);
    }
  }

  /** {@code speed}, with the default gap for recordings without timing. */
  public static Pacing of(Speed speed) {
    return new Pacing(speed, DEFAULT_UNTIMED_GAP_MS * 1_000_000);
  }

  public Pacing withUntimedGapNanos(long nanos) {
    return new Pacing(speed, nanos);
  }

  /**
   * The plan {@code rec} is played by: its recorded reads at this speed; without timing, one
   * read per SSE event every gap (divided by the speed); at {@link Speed#MAX}, all due at once.
   */
  public ReadPlan plan(Recording rec) {
    if (rec.hasTiming() || speed.isMax() || untimedGapNanos == 0) {
      return ReadPlan.original(rec, speed);
    }
    return ReadPlan.perEvent(rec.body(), Math.round(untimedGapNanos / speed.factor()));
  }

  @Override
  public String toString() {
    return "speed " + speed + (untimedGapNanos == DEFAULT_UNTIMED_GAP_MS * 1_000_000 ? ""
        : ", untimed gap " + untimedGapNanos / 1_000_000 + " ms");
  }
}
