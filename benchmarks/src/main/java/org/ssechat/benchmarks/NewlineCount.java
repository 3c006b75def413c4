package org.ssechat.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scan bound: counting LF bytes is the least any SSE parser must do with every input byte.
 */
public final class NewlineCount {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  private NewlineCount() {}

  /** One byte at a time. */
  public static int scalar(byte[] b, int off, int len) {
    int n = 0;
    for (int i = off, end = off + len; i < end; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Eight bytes at a time: exact zero-byte detection, then a popcount. */
  public static int swar(byte[] b, int off, int len) {
    int n = 0;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(b, i) ^ LFS;
      // High bit set in each byte of x that is zero (no borrow across bytes, so no false hits).
      long zero = ~(((x & LOW7) + LOW7) | x | LOW7);
      n += Long.bitCount(zero);
    }
    for (; i < end; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
