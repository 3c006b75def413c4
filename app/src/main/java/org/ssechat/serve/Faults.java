package org.ssechat.serve;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fault injection for gateway testing ({@code serve --faults … --seed N}): per request, at most
 * one fault, drawn from the request's number and the seed alone, so a run with the same seed and
 * request order misbehaves the same way.
 *
 * <pre>--faults drop=1%,stall=0.5%,status429=2%,status500=1%,midstream-error=1%,slow-first-byte=200ms</pre>
 *
 * <ul>
 *   <li>{@code status429}, {@code status500}: answered at once with that status (429 with
 *       {@code Retry-After: 1}) and an OpenAI-style error body;</li>
 *   <li>{@code drop}: the connection is closed part-way through the stream (no last chunk);</li>
 *   <li>{@code stall}: the stream stops part-way and the connection stays open, silent;</li>
 *   <li>{@code midstream-error}: part-way, an in-stream error event, then the stream ends;</li>
 *   <li>{@code slow-first-byte=D}: every response waits D before its first byte (not drawn).</li>
 * </ul>
 *
 * @param drop             probability of each fault, 0 to 1
 * @param slowFirstByteMs  delay before every response's first byte
 */
public record Faults(double drop, double stall, double status429, double status500,
    double midstreamError, long slowFirstByteMs, long seed) {

  /** No faults. */
  public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0);

  /** What happens to one request. */
  public enum Kind {
    NONE(null), DROP("drop"), STALL("stall"), STATUS_429("status429"), STATUS_500("status500"),
    MIDSTREAM_ERROR("midstream-error");

    private final String spelling;

    Kind(String spelling) {
      this.spelling = spelling;
    }

    /** As {@code --faults} spells it (null for {@link #NONE}). */
    public String spelling() {
      return spelling;
    }
  }

  /**
   * The fault for request {@code n}, and where in the stream it strikes (a fraction of the reads,
   * 0.1 to 0.9).
   */
  public record Draw(Kind kind, double at) {}

  public Faults {
    for (double p : new double[] {drop, stall, status429, status500, midstreamError}) {
      if (p < 0 || p > 1) {
        throw new IllegalArgumentException("a fault's probability is 0% to 100%");
      }
    }
    if (drop + stall + status429 + status500 + midstreamError > 1 + 1e-9) {
      throw new IllegalArgumentException("fault probabilities add up to more than 100%");
    }
  }

  /** Parses {@code name=P%,…,slow-first-byte=200ms}; an unknown name is a usage error. */
  public static Faults parse(String spec, long seed) {
    double[] p = new double[5];
    long slow = 0;
    for (String part : spec.split(",")) {
      String t = part.strip().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("fault '" + t + "' needs a value, e.g. drop=1%");
      }
      String name = t.substring(0, eq);
      String v = t.substring(eq + 1);
      if (name.equals("slow-first-byte")) {
        slow = ServeOptions.millis("faults slow-first-byte", v);
        continue;
      }
      Kind kind = null;
      for (Kind k : Kind.values()) {
        if (name.equals(k.spelling)) {
          kind = k;
        }
      }
      if (kind == null) {
        throw new IllegalArgumentException("unknown fault '" + name + "' (drop, stall,"
            + " status429, status500, midstream-error, slow-first-byte)");
      }
      p[kind.ordinal() - 1] = percent(v);
    }
    return new Faults(p[0], p[1], p[2], p[3], p[4], slow, seed);
  }

  private static double percent(String v) {
    try {
      return Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v) / 100;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad probability '" + v + "': use e.g. 1% or 0.5%");
    }
  }

  /** The probability of {@code kind} (0 for {@link Kind#NONE}). */
  private double probability(Kind kind) {
    return switch (kind) {
      case NONE -> 0;
      case DROP -> drop;
      case STALL -> stall;
      case STATUS_429 -> status429;
      case STATUS_500 -> status500;
      case MIDSTREAM_ERROR -> midstreamError;
    };
  }

  /** As {@code --faults} spells it, with the seed: {@code midstream-error=1%, seed 3}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Kind k : Kind.values()) {
      if (probability(k) > 0) {
        sb.append(sb.length() == 0 ? "" : ",").append(k.spelling).append('=')
            .append(java.math.BigDecimal.valueOf(probability(k)).movePointRight(2)
                .stripTrailingZeros().toPlainString()).append('%');
      }
    }
    if (slowFirstByteMs > 0) {
      sb.append(sb.length() == 0 ? "" : ",").append("slow-first-byte=").append(slowFirstByteMs)
          .append("ms");
    }
    return (sb.length() == 0 ? "none" : sb) + ", seed " + seed;
  }

  /** Whether any fault can happen. */
  public boolean any() {
    return drop + stall + status429 + status500 + midstreamError > 0 || slowFirstByteMs > 0;
  }

  /** The fault for the {@code n}-th request (from 0): a function of the seed and {@code n}. */
  public Draw draw(long n) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
    double x = r.nextDouble();
    double at = 0.1 + 0.8 * r.nextDouble();
    double[] p = {status429, status500, drop, stall, midstreamError};
    Kind[] k = {Kind.STATUS_429, Kind.STATUS_500, Kind.DROP, Kind.STALL, Kind.MIDSTREAM_ERROR};
    for (int i = 0; i < p.length; i++) {
      if (x < p[i]) {
        return new Draw(k[i], at);
      }
      x -= p[i];
    }
    return new Draw(Kind.NONE, at);
  }
}
