package org.ssechat.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes a secret (the API key a server echoed back) from a recorded body in place: each
 * occurrence of its UTF-8 bytes is overwritten with as many {@value #MARK} bytes, so every other
 * byte keeps its offset and the recorded reads stay exact. The sidecar lists the ranges
 * ({@code redacted}: {@code [[offset, length], …]}, see {@code docs/recording-format.md}).
 */
final class BodyRedactor {
  /** What a redacted byte becomes. */
  static final byte MARK = '*';
  /** Secrets shorter than this are not searched for (they would match ordinary text). */
  static final int MIN_SECRET = 8;
  private static final int BLOCK = 64 * 1024;

  private BodyRedactor() {}

  /**
   * Overwrites every occurrence of {@code secret} in {@code file}.
   *
   * @return the redacted ranges as {@code {offset, length}} pairs, in order (empty if none)
   */
  static List<long[]> redact(Path file, String secret) throws IOException {
    List<long[]> ranges = new ArrayList<>();
    if (secret == null || secret.length() < MIN_SECRET) {
      return ranges;
    }
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = ch.size();
      // Blocks overlap by needle.length - 1 bytes so a secret cut by a block edge is found.
      ByteBuffer buf = ByteBuffer.allocate(BLOCK + needle.length);
      long pos = 0;
      long nextFree = 0; // matches never overlap
      while (pos < size) {
        buf.clear();
        int n = 0;
        while (buf.hasRemaining()) {
          int r = ch.read(buf, pos + n);
          if (r < 0) {
            break;
          }
          n += r;
        }
        byte[] a = buf.array();
        for (int i = 0; i + needle.length <= n; i++) {
          long at = pos + i;
          if (at >= nextFree && a[i] == needle[0]
              && Arrays.equals(a, i, i + needle.length, needle, 0, needle.length)) {
            ranges.add(new long[] {at, needle.length});
            nextFree = at + needle.length;
          }
        }
        if (pos + n >= size) {
          break;
        }
        pos += Math.max(1, n - (needle.length - 1));
      }
      byte[] marks = new byte[needle.length];
      Arrays.fill(marks, MARK);
      for (long[] r : ranges) {
        ch.write(ByteBuffer.wrap(marks), r[0]);
      }
    }
    return ranges;
  }
}
