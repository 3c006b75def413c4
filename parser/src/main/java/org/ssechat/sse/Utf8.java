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
    char[] out = new char[len];
    return new String(out, 0, decodeInto(buf, off, len, out, 0));
  }

  /**
   * Decodes {@code len} bytes of {@code buf} at {@code off} into {@code out} from {@code outOff},
   * step by step as the Encoding Standard does (like {@link #decode(byte[], int, int)}, without
   * allocating); returns the number of chars written, which is never more than {@code len}.
   */
  public static int decodeInto(byte[] buf, int off, int len, char[] out, int outOff) {
    int end = off + len;
    int n = outOff;
    int i = off;
    while (i < end) {
      int lead = buf[i] & 0xFF;
      if (lead < 0x80) {
        out[n++] = (char) lead;
        i++;
        continue;
      }
      int need;
      int lower = 0x80;
      int upper = 0xBF;
      int cp;
      if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
        cp = lead & 0x1F;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        cp = lead & 0x0F;
        lower = lead == 0xE0 ? 0xA0 : 0x80;
        upper = lead == 0xED ? 0x9F : 0xBF;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        cp = lead & 0x07;
        lower = lead == 0xF0 ? 0x90 : 0x80;
        upper = lead == 0xF4 ? 0x8F : 0xBF;
      } else {
        out[n++] = '\uFFFD';
        i++;
        continue;
      }
      int j = i + 1;
      for (int k = 0; k < need; k++, j++) {
        int cont = j < end ? buf[j] & 0xFF : -1;
        if (cont < lower || cont > upper) {
          cp = -1; // the ill-formed subpart ends before this byte, which is decoded afresh
          break;
        }
        lower = 0x80;
        upper = 0xBF;
        cp = cp << 6 | (cont & 0x3F);
      }
      if (cp < 0) {
        out[n++] = '\uFFFD';
      } else if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      } else {
        out[n++] = (char) cp;
      }
      i = j;
    }
    return n - outOff;
  }
}
