package org.ssechat.sse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Smaller versions of a failing input, tried in order by {@link Property}: the first that still
 * fails replaces the input, until none does. Candidates remove pieces (halves, then quarters, …,
 * then single elements), which is what finds the few bytes of a stream that matter.
 *
 * @param <T> the input type
 */
@FunctionalInterface
public interface Shrink<T> {

  /** Candidates strictly smaller than {@code value}, most promising first. */
  Stream<T> candidates(T value);

  /** No shrinking. */
  static <T> Shrink<T> none() {
    return v -> Stream.empty();
  }

  /** Removes runs of bytes: halves, quarters, … single bytes. */
  static Shrink<byte[]> bytes() {
    return b -> removals(b.length).map(r -> {
      byte[] out = new byte[b.length - (r[1] - r[0])];
      System.arraycopy(b, 0, out, 0, r[0]);
      System.arraycopy(b, r[1], out, r[0], b.length - r[1]);
      return out;
    });
  }

  /** Removes runs of characters, like {@link #bytes()}. */
  static Shrink<String> string() {
    return s -> removals(s.length()).map(r -> s.substring(0, r[0]) + s.substring(r[1]));
  }

  /** Removes runs of elements, then shrinks single elements with {@code element}. */
  static <E> Shrink<List<E>> list(Shrink<E> element) {
    return l -> Stream.concat(removals(l.size()).map(r -> {
      List<E> out = new ArrayList<>(l.subList(0, r[0]));
      out.addAll(l.subList(r[1], l.size()));
      return out;
    }), IntStream.range(0, l.size()).boxed().flatMap(i -> element.candidates(l.get(i))
        .map(e -> {
          List<E> out = new ArrayList<>(l);
          out.set(i, e);
          return out;
        })));
  }

  /** Smaller positive integers: 1, then halves. */
  static Shrink<Integer> positive() {
    return n -> n <= 1 ? Stream.empty() : Stream.of(1, n / 2).filter(m -> m >= 1 && m < n)
        .distinct();
  }

  /** Shrinks one part of a composite value: {@code get} reads it, {@code with} rebuilds. */
  static <T, P> Shrink<T> part(Function<T, P> get, BiFunction<T, P, T> with, Shrink<P> shrink) {
    return t -> shrink.candidates(get.apply(t)).map(p -> with.apply(t, p));
  }

  /** The candidates of {@code first}, then those of {@code second}. */
  static <T> Shrink<T> both(Shrink<T> first, Shrink<T> second) {
    return t -> Stream.concat(first.candidates(t), second.candidates(t));
  }

  /** {@code [from, to)} ranges to remove from a sequence of {@code n}: big runs first. */
  private static Stream<int[]> removals(int n) {
    List<int[]> out = new ArrayList<>();
    for (int size = n; size >= 1; size /= 2) {
      for (int from = 0; from + size <= n; from += size) {
        out.add(new int[] {from, from + size});
      }
    }
    return out.stream();
  }
}
