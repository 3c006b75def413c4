package org.ssechat.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SWAR line-end scans agree with a plain byte loop on every alignment and byte value, and
 * {@code copyToEol} copies exactly the bytes it scanned.
 */
class FindEolTest {

  private static int scalar(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void everySingleByteValueAtEveryPosition() {
    for (int v = 0; v < 256; v++) {
      for (int len = 1; len <= 24; len++) {
        for (int at = 0; at < len; at++) {
          byte[] b = new byte[len];
          for (int i = 0; i < len; i++) {
            b[i] = (byte) ('a' + i); // distinct, so a misplaced copy shows
          }
          b[at] = (byte) v;
          for (int p = 0; p <= len; p++) {
            assertThat(ZeroCopySseParser.findEol(b, p, len))
                .as("v=%d len=%d at=%d p=%d", v, len, at, p).isEqualTo(scalar(b, p, len));
            assertCopy(b, p, len, 3);
          }
        }
      }
    }
  }

  @Test
  void randomBuffersDenseWithControlAndHighBytes() {
    Random r = new Random(42);
    byte[] alphabet = {0, 1, 9, 0x0B, 0x0C, '\r', '\n', 0x0E, 0x1F, ' ', 'a', (byte) 0x80,
        (byte) 0xE4, (byte) 0xFF};
    for (int round = 0; round < 20_000; round++) {
      int len = r.nextInt(64);
      byte[] b = new byte[len];
      for (int i = 0; i < len; i++) {
        // Mostly plain text, sometimes a run of control bytes before the line end.
        b[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) 'x';
      }
      int p = len == 0 ? 0 : r.nextInt(len + 1);
      int end = p + (len - p == 0 ? 0 : r.nextInt(len - p + 1));
      assertThat(ZeroCopySseParser.findEol(b, p, end)).isEqualTo(scalar(b, p, end));
      assertCopy(b, p, end, r.nextInt(9));
    }
  }

  /**
   * copyToEol into a buffer with exactly the room it may use ({@code end - p} bytes at {@code d}):
   * same answer as the byte loop, every byte before the line end copied, nothing written outside.
   */
  private static void assertCopy(byte[] b, int p, int end, int d) {
    byte[] dst = new byte[d + (end - p) + 5];
    java.util.Arrays.fill(dst, (byte) '#');
    int eol = ZeroCopySseParser.copyToEol(b, p, end, dst, d);
    assertThat(eol).as("p=%d end=%d", p, end).isEqualTo(scalar(b, p, end));
    int copied = (eol < 0 ? end : eol) - p;
    for (int i = 0; i < copied; i++) {
      assertThat(dst[d + i]).isEqualTo(b[p + i]);
    }
    for (int i = 0; i < d; i++) {
      assertThat(dst[i]).as("before the copy").isEqualTo((byte) '#');
    }
    for (int i = d + (end - p); i < dst.length; i++) {
      assertThat(dst[i]).as("past the room").isEqualTo((byte) '#');
    }
  }
}
