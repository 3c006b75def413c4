package org.ssechat.sse.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Property tests on plain JUnit 5: {@code tries} cases, each generated from its own seed, checked;
 * a failure is shrunk ({@link Shrink}) and reported with its seed and the smallest failing input
 * found. Deterministic: the seeds derive from the property's name, so every run checks the same
 * cases; {@code -Dssechat.seed=0x…} re-runs exactly one failing case, and
 * {@code -Dssechat.seeds=random} draws new seeds (for a longer local hunt).
 */
public final class Property {
  /** Shrinking stops after this many candidate checks. */
  static final int MAX_SHRINK_STEPS = 2000;

  private Property() {}

  /**
   * Checks {@code check} on {@code tries} generated inputs.
   *
   * @param name  identifies the property (its seeds derive from it); the test method's name
   * @param check throws (an {@link AssertionError} usually) when the property does not hold
   * @throws AssertionError naming the case seed, the shrunk input, and the failure as its cause
   */
  public static <T> void forAll(String name, int tries, Gen<T> gen, Shrink<T> shrink,
      Consumer<T> check) {
    String only = System.getProperty("ssechat.seed");
    if (only != null && !only.isBlank()) {
      run(name, Long.decode(only.strip()), gen, shrink, check);
      return;
    }
    long base = "random".equals(System.getProperty("ssechat.seeds")) ? System.nanoTime()
        : name.hashCode();
    for (int i = 0; i < tries; i++) {
      run(name, mix(base + i), gen, shrink, check);
    }
  }

  private static <T> void run(String name, long seed, Gen<T> gen, Shrink<T> shrink,
      Consumer<T> check) {
    T input = gen.next(new Random(seed));
    Throwable failure = failure(check, input);
    if (failure == null) {
      return;
    }
    T smallest = input;
    int steps = 0;
    boolean progress = true;
    while (progress && steps < MAX_SHRINK_STEPS) {
      progress = false;
      for (T candidate : (Iterable<T>) shrink.candidates(smallest)::iterator) {
        if (++steps > MAX_SHRINK_STEPS) {
          break;
        }
        Throwable f = failure(check, candidate);
        if (f != null) {
          smallest = candidate;
          failure = f;
          progress = true;
          break;
        }
      }
    }
    throw new AssertionError(name + " failed for seed 0x" + Long.toHexString(seed)
        + " (re-run it alone: -Dssechat.seed=0x" + Long.toHexString(seed) + ")\n"
        + "smallest failing input (" + steps + " shrink steps): " + show(smallest) + "\n"
        + failure.getMessage(), failure);
  }

  private static <T> Throwable failure(Consumer<T> check, T input) {
    try {
      check.accept(input);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  /** A splitmix64 step: neighbouring indexes give unrelated seeds. */
  static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A readable form of an input: byte arrays as escaped text, lists and records as usual. */
  public static String show(Object value) {
    if (value instanceof byte[] b) {
      return "\"" + escape(new String(b, StandardCharsets.ISO_8859_1)) + "\" (" + b.length
          + " bytes, shown as Latin-1)";
    }
    if (value instanceof String s) {
      return "\"" + escape(s) + "\"";
    }
    if (value instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : l) {
        sb.append(sb.length() > 1 ? ", " : "").append(show(o));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
