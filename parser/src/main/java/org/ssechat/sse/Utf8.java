package org.ssechat.sse;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding exactly as the WHATWG Encoding Standard's decoder: each maximal ill-formed
 * subpart becomes one U+FFFD.
 *
 * <p>The JDK decoder agrees except for encoded surrogates ({@code ED A0..BF ..}), which it
 * replaces with a single U+FFFD where WHATWG gives one per byte. So the JDK's intrinsic decoder
 * is used unless such a pair is present.
 */
public final class Utf8 {

  private Utf8() {}

  /** Decodes {@code len} bytes of {@code buf} at {@code off}, replacing ill-formed input. */
  public static String decode(byte[] buf, int off, int len) {
    if (len == 0) {
      return "";
    }
    int end = off + len;
    for (int i = off; i < end - 1; i++) {
      if (buf[i] == (byte) 0xED && (buf[i + 1] & 0xE0) == 0xA0) {
        return decodeExact(buf, off, len);
      }
    }
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }

  /** The Encoding Standard's UTF-8 decoder, step by step (the slow reference path). */
  public static String decodeExact(byte[] buf, int off, int len) {
    int end = off + len;
    StringBuilder sb = new StringBuilder(end - off);
    int cp = 0;
    int needed = 0;
    int seen = 0;
    int lower = 0x80;
    int upper = 0xBF;
    for (int i = off; i < end; i++) {
      int b = buf[i] & 0xFF;
      if (needed == 0) {
        if (b <= 0x7F) {
          sb.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
          needed = 1;
          cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          lower = b == 0xE0 ? 0xA0 : 0x80;
          upper = b == 0xED ? 0x9F : 0xBF;
          needed = 2;
          cp = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          lower = b == 0xF0 ? 0x90 : 0x80;
          upper = b == 0xF4 ? 0x8F : 0xBF;
          needed = 3;
          cp = b & 0x7;
        } else {
          sb.append('\uFFFD');
        }
        continue;
      }
      if (b < lower || b > upper) {
        // Ill-formed subpart ends before this byte, which is then decoded afresh.
        cp = needed = seen = 0;
        lower = 0x80;
        upper = 0xBF;
        sb.append('\uFFFD');
        i--;
        continue;
      }
      lower = 0x80;
      upper = 0xBF;
      cp = (cp << 6) | (b & 0x3F);
      if (++seen == needed) {
        sb.appendCodePoint(cp);
        cp = needed = seen = 0;
      }
    }
    if (needed != 0) {
      sb.append('\uFFFD');
    }
    return sb.toString();
  }
}
