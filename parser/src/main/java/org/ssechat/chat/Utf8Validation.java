package org.ssechat.chat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whether bytes are well-formed UTF-8 (Unicode Table 3-7): no overlongs, no encoded surrogates,
 * nothing above U+10FFFF. Jackson's parser accepts some of these (an overlong {@code C0 80}
 * becomes U+0000), so the decoder checks first. ASCII is skipped sixteen bytes at a time.
 */
final class Utf8Validation {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Validation() {}

  static boolean isValid(byte[] buf, int start, int end) {
    int i = start;
    while (true) {
      // An ASCII run: 16 bytes at a time, then byte by byte up to the next non-ASCII byte.
      while (i + 16 <= end
          && (((long) LONGS.get(buf, i) | (long) LONGS.get(buf, i + 8)) & HIGH_BITS) == 0) {
        i += 16;
      }
      while (i < end && buf[i] >= 0) {
        i++;
      }
      if (i >= end) {
        return true;
      }
      int b = buf[i] & 0xFF;
      int need;
      int lower = 0x80;
      int upper = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        lower = b == 0xE0 ? 0xA0 : 0x80;
        upper = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        lower = b == 0xF0 ? 0x90 : 0x80;
        upper = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return false;
      }
      if (i + need >= end) {
        return false;
      }
      int second = buf[i + 1] & 0xFF;
      if (second < lower || second > upper) {
        return false;
      }
      for (int k = 2; k <= need; k++) {
        if ((buf[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += need + 1;
    }
  }
}
