package org.ssechat.sse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ways a test cuts one input into reads. Every parser test runs its input through all of them:
 * whole, one byte at a time, every two-way split point (sampled for large inputs) and seeded
 * random chunkings.
 */
public final class Chunkings {

  /** One way to cut an input: the sizes of consecutive reads. */
  public record Chunking(String name, int[] sizes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Chunkings() {}

  /** All chunkings for an input of {@code n} bytes; {@code seed} fixes the random ones. */
  public static List<Chunking> all(int n, long seed) {
    List<Chunking> out = new ArrayList<>();
    out.add(new Chunking("whole", n == 0 ? new int[0] : new int[] {n}));
    if (n > 1) {
      out.add(fixed("1-byte", n, 1));
    }
    // Every split point for small inputs; a spread sample above 4 KiB.
    int step = n <= 4096 ? 1 : Math.max(1, n / 512);
    for (int k = 1; k < n; k += step) {
      out.add(new Chunking("split@" + k, new int[] {k, n - k}));
    }
    if (n > 1 && step > 1) {
      out.add(new Chunking("split@" + (n - 1), new int[] {n - 1, 1}));
    }
    Random r = new Random(seed);
    for (int i = 0; i < 8; i++) {
      out.add(random("random#" + i, n, r, i % 2 == 0 ? 16 : 257));
    }
    return out;
  }

  /** Reads of {@code size} bytes (the last may be shorter). */
  public static Chunking fixed(String name, int n, int size) {
    int count = n == 0 ? 0 : (n + size - 1) / size;
    int[] sizes = new int[count];
    for (int i = 0; i < count; i++) {
      sizes[i] = Math.min(size, n - i * size);
    }
    return new Chunking(name, sizes);
  }

  /** Reads whose sizes repeat {@code pattern} (each entry at least 1) until {@code n} is covered. */
  public static Chunking cycled(String name, int n, List<Integer> pattern) {
    List<Integer> sizes = new ArrayList<>();
    int left = n;
    for (int i = 0; left > 0; i++) {
      int k = Math.min(left, Math.max(1, pattern.get(i % pattern.size())));
      sizes.add(k);
      left -= k;
    }
    return new Chunking(name + sizes, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Random read sizes in {@code [1, maxRead]}. */
  public static Chunking random(String name, int n, Random r, int maxRead) {
    List<Integer> sizes = new ArrayList<>();
    int left = n;
    while (left > 0) {
      int k = Math.min(left, 1 + r.nextInt(maxRead));
      sizes.add(k);
      left -= k;
    }
    return new Chunking(name, sizes.stream().mapToInt(Integer::intValue).toArray());
  }
}
