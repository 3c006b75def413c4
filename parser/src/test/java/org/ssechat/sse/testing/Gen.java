package org.ssechat.sse.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A generator of test values from a seeded {@link Random}: the small combinator set the property
 * tests need ({@link #of}, {@link #frequency}, {@link #list}, {@link #map}, {@link #combine},
 * {@link #lazy}). Deterministic: the same {@code Random} state gives the same value.
 *
 * @param <T> the generated type
 */
@FunctionalInterface
public interface Gen<T> {

  /** The next value. */
  T next(Random r);

  /** This generator's values mapped through {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return r -> f.apply(next(r));
  }

  /** A value built from this one by another generator. */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return r -> f.apply(next(r)).next(r);
  }

  /**
   * Only values that pass {@code keep} (drawing again until one does).
   *
   * @throws IllegalStateException after {@value #MAX_FILTER_TRIES} rejections in a row
   */
  default Gen<T> filter(java.util.function.Predicate<? super T> keep) {
    return r -> {
      for (int i = 0; i < MAX_FILTER_TRIES; i++) {
        T v = next(r);
        if (keep.test(v)) {
          return v;
        }
      }
      throw new IllegalStateException("filter rejected " + MAX_FILTER_TRIES + " values in a row");
    };
  }

  /** How often {@link #filter} draws before it gives up. */
  int MAX_FILTER_TRIES = 10_000;

  /** Lists of {@code min..max} values (inclusive), uniformly sized. */
  default Gen<List<T>> list(int min, int max) {
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(next(r));
      }
      return out;
    };
  }

  /** Null with probability {@code p}, else a value. */
  default Gen<T> orNull(double p) {
    return r -> r.nextDouble() < p ? null : next(r);
  }

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> copy = Arrays.asList(values.clone());
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** Always {@code value}. */
  static <T> Gen<T> just(T value) {
    return r -> value;
  }

  /** One of the generators, uniformly. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    return r -> gens[r.nextInt(gens.length)].next(r);
  }

  /** One weighted choice among generators: {@code frequency(3, a, 1, b)}. */
  @SuppressWarnings("unchecked")
  static <T> Gen<T> frequency(Object... weightsAndGens) {
    int n = weightsAndGens.length / 2;
    int[] weights = new int[n];
    Gen<T>[] gens = new Gen[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = (Integer) weightsAndGens[2 * i];
      gens[i] = (Gen<T>) weightsAndGens[2 * i + 1];
      total += weights[i];
    }
    int sum = total;
    return r -> {
      int pick = r.nextInt(sum);
      for (int i = 0; ; i++) {
        pick -= weights[i];
        if (pick < 0) {
          return gens[i].next(r);
        }
      }
    };
  }

  /** Integers in {@code [min, max]}. */
  static Gen<Integer> ints(int min, int max) {
    return r -> min + r.nextInt(max - min + 1);
  }

  /** Doubles in {@code [0, 1)}. */
  static Gen<Double> unit() {
    return Random::nextDouble;
  }

  /** Booleans, fair. */
  static Gen<Boolean> bools() {
    return Random::nextBoolean;
  }

  /** Strings of {@code min..max} characters drawn from {@code chars} (code points). */
  static Gen<String> strings(String chars, int min, int max) {
    int[] cps = chars.codePoints().toArray();
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.appendCodePoint(cps[r.nextInt(cps.length)]);
      }
      return sb.toString();
    };
  }

  /** Strings of {@code min..max} printable and control ASCII characters (0–127). */
  static Gen<String> ascii(int min, int max) {
    return r -> {
      int n = min + r.nextInt(max - min + 1);
      char[] c = new char[n];
      for (int i = 0; i < n; i++) {
        c[i] = (char) r.nextInt(128);
      }
      return new String(c);
    };
  }

  /** Two generators combined. */
  static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b,
      java.util.function.BiFunction<? super A, ? super B, ? extends R> f) {
    return r -> f.apply(a.next(r), b.next(r));
  }

  /** Concatenation of the generated strings, in order. */
  @SafeVarargs
  static Gen<String> concat(Gen<String>... parts) {
    return r -> {
      StringBuilder sb = new StringBuilder();
      for (Gen<String> p : parts) {
        sb.append(p.next(r));
      }
      return sb.toString();
    };
  }

  /** A generator built on first use: for recursive definitions. */
  static <T> Gen<T> lazy(Supplier<Gen<T>> supplier) {
    return r -> supplier.get().next(r);
  }
}
