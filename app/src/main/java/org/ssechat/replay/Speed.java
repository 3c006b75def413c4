package org.ssechat.replay;

/**
 * How fast to replay: {@code 1} is the recorded pacing, {@code 2} twice as fast, {@link #MAX}
 * no delays at all.
 *
 * @param factor the divisor applied to recorded gaps, positive; infinite for {@link #MAX}
 */
public record Speed(double factor) {

  /** The recorded pacing. */
  public static final Speed REALTIME = new Speed(1);
  /** No delays: every read is delivered at once. */
  public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);

  public Speed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed must be positive, or 'max'");
    }
  }

  /**
   * Parses {@code max} or a positive number such as {@code 1}, {@code 2}, {@code 10}, {@code 0.5}.
   *
   * @throws IllegalArgumentException with a one-line message if {@code text} is neither
   */
  public static Speed parse(String text) {
    if ("max".equalsIgnoreCase(text.strip())) {
      return MAX;
    }
    try {
      double f = Double.parseDouble(text.strip());
      if (f > 0 && !Double.isInfinite(f)) {
        return new Speed(f);
      }
    } catch (NumberFormatException e) {
      // fall through to the one-line message
    }
    throw new IllegalArgumentException(
        "bad speed '" + text + "': use a positive number such as 1, 2, 10, or 'max'");
  }

  /** Whether this speed skips all delays. */
  public boolean isMax() {
    return Double.isInfinite(factor);
  }

  /** A recorded time in microseconds as a replay time in nanoseconds (0 at {@link #MAX}). */
  public long scaleMicros(long micros) {
    return isMax() ? 0 : Math.round(micros * 1000.0 / factor);
  }

  @Override
  public String toString() {
    return isMax() ? "max" : (factor == Math.rint(factor) ? Long.toString((long) factor)
        : Double.toString(factor));
  }
}
