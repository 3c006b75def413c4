package org.ssechat.render;

import org.jline.utils.WCWidth;

/**
 * How many terminal cells text takes: the one display-width helper of the renderer.
 *
 * <p>Per grapheme cluster (user-perceived character, {@link #clusterEnd}),
 * not per code point as JLine's {@link WCWidth} measures: an emoji ZWJ sequence (👨‍👩‍👧), a flag
 * (two regional indicators), a keycap or a character with the emoji variation selector U+FE0F
 * (❤️) is one wide cell pair; a combining mark adds nothing. East Asian Wide and Fullwidth
 * characters are 2; East Asian <em>Ambiguous</em> ones (·, °, ×, Greek, Cyrillic, box drawing,
 * circled digits, …) are 1, or 2 with {@code ambiguousWide} for terminals in CJK locales that
 * draw them wide ({@code ssechat.ambiguous-width=2}). Control characters count 0 (the sanitizer
 * has replaced them before text gets here). ASCII takes a fast path.
 *
 * <p>Immutable and thread-safe.
 */
public final class DisplayWidth {

  /** Narrow ambiguous characters (the default, as most terminals draw them). */
  public static final DisplayWidth NARROW = new DisplayWidth(false);
  /** Wide ambiguous characters (CJK-locale terminals). */
  public static final DisplayWidth WIDE_AMBIGUOUS = new DisplayWidth(true);

  private static final int ZWJ = 0x200D;
  private static final int VS16 = 0xFE0F;

  private final boolean ambiguousWide;

  private DisplayWidth(boolean ambiguousWide) {
    this.ambiguousWide = ambiguousWide;
  }

  /** {@link #NARROW} for 1, {@link #WIDE_AMBIGUOUS} for 2. */
  public static DisplayWidth ofAmbiguous(int cells) {
    return cells == 2 ? WIDE_AMBIGUOUS : NARROW;
  }

  /** The cells {@code s} takes. */
  public int of(CharSequence s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) < 0x7F) {
      i++;
    }
    if (i == n) {
      return n;
    }
    int width = i;
    while (i < n) {
      int end = clusterEnd(s, i);
      width += cluster(s, i, end);
      i = end;
    }
    return width;
  }

  /**
   * The end of the grapheme cluster that starts at {@code start}: a code point with the marks,
   * variation selectors, emoji modifiers and tags after it, joined by ZWJ to the next, or a pair
   * of regional indicators (a flag). The JDK's {@link java.text.BreakIterator} before JDK 20 does
   * not join emoji sequences, so this is done here.
   */
  public static int clusterEnd(CharSequence s, int start) {
    int n = s.length();
    int first = Character.codePointAt(s, start);
    int i = start + Character.charCount(first);
    if (first == '\r' && i < n && s.charAt(i) == '\n') {
      return i + 1;
    }
    if (isRegionalIndicator(first) && i < n) {
      int next = Character.codePointAt(s, i);
      return isRegionalIndicator(next) ? i + Character.charCount(next) : i;
    }
    while (i < n) {
      int cp = Character.codePointAt(s, i);
      if (cp == ZWJ) {
        i += 1;
        if (i < n) {
          i += Character.charCount(Character.codePointAt(s, i));
        }
        continue;
      }
      if (!extends_(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** Whether {@code cp} belongs to the cluster before it. */
  private static boolean extends_(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK || cp >= 0xFE00 && cp <= 0xFE0F
        || cp >= 0x1F3FB && cp <= 0x1F3FF || cp >= 0xE0020 && cp <= 0xE007F;
  }

  /** The cells of the grapheme cluster {@code s[start, end)}. */
  public int cluster(CharSequence s, int start, int end) {
    int first = Character.codePointAt(s, start);
    if (end - start == 1 && first >= 0x20 && first < 0x7F) {
      return 1;
    }
    int w = codePoint(first);
    if (w == 2) {
      return 2;
    }
    for (int i = start + Character.charCount(first); i < end; ) {
      int cp = Character.codePointAt(s, i);
      if (cp == VS16 || cp == ZWJ || isRegionalIndicator(cp) && isRegionalIndicator(first)
          || cp == 0x20E3) { // keycap
        return 2;
      }
      i += Character.charCount(cp);
    }
    return Math.max(w, 0);
  }

  /** The cells of one code point on its own (-1 for controls). */
  public int codePoint(int cp) {
    if (cp >= 0x20 && cp < 0x7F) {
      return 1;
    }
    if (cp < 0x20 || cp >= 0x7F && cp < 0xA0) {
      return -1;
    }
    if (ambiguousWide && isAmbiguous(cp)) {
      return 2;
    }
    return WCWidth.wcwidth(cp);
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  /**
   * The most common East Asian Ambiguous ranges (Unicode EastAsianWidth.txt, class A): Latin-1
   * symbols, Greek, Cyrillic, general punctuation, letterlike symbols, arrows, math operators,
   * enclosed alphanumerics, box drawing, geometric shapes and miscellaneous symbols.
   */
  static boolean isAmbiguous(int cp) {
    if (cp < 0xA1) {
      return false;
    }
    if (cp <= 0xFF) {
      return cp == 0xA1 || cp == 0xA4 || cp == 0xA7 || cp == 0xA8 || cp == 0xAA || cp == 0xAD
          || cp == 0xAE || cp >= 0xB0 && cp <= 0xB4 || cp >= 0xB6 && cp <= 0xBA
          || cp >= 0xBC && cp <= 0xBF || cp == 0xC6 || cp == 0xD0 || cp == 0xD7 || cp == 0xD8
          || cp >= 0xDE && cp <= 0xE1 || cp == 0xE6 || cp >= 0xE8 && cp <= 0xEA
          || cp == 0xEC || cp == 0xED || cp == 0xF0 || cp == 0xF2 || cp == 0xF3
          || cp >= 0xF7 && cp <= 0xFA || cp == 0xFC || cp == 0xFE;
    }
    return cp >= 0x391 && cp <= 0x3A9 || cp >= 0x3B1 && cp <= 0x3C9 // Greek
        || cp == 0x401 || cp >= 0x410 && cp <= 0x44F || cp == 0x451 // Cyrillic
        || cp == 0x2010 || cp >= 0x2013 && cp <= 0x2016 || cp == 0x2018 || cp == 0x2019
        || cp == 0x201C || cp == 0x201D || cp >= 0x2020 && cp <= 0x2022
        || cp >= 0x2024 && cp <= 0x2027 || cp == 0x2030 || cp == 0x2032 || cp == 0x2033
        || cp == 0x2035 || cp == 0x203B || cp == 0x203E || cp == 0x20AC
        || cp == 0x2103 || cp == 0x2109 || cp == 0x2116 || cp == 0x2121 || cp == 0x2122
        || cp >= 0x2153 && cp <= 0x2154 || cp >= 0x2160 && cp <= 0x216B
        || cp >= 0x2170 && cp <= 0x2179 || cp >= 0x2190 && cp <= 0x2199 // arrows
        || cp == 0x21D2 || cp == 0x21D4 || cp >= 0x2200 && cp <= 0x22FF // math
        || cp >= 0x2460 && cp <= 0x24E9 || cp >= 0x24EB && cp <= 0x254B // enclosed, box
        || cp >= 0x2550 && cp <= 0x2573 || cp >= 0x2580 && cp <= 0x258F
        || cp >= 0x2592 && cp <= 0x2595 || cp >= 0x25A0 && cp <= 0x25FD // shapes
        || cp >= 0x2605 && cp <= 0x2606 || cp == 0x2609 || cp == 0x260E || cp == 0x260F
        || cp == 0x261C || cp == 0x261E || cp == 0x2640 || cp == 0x2642
        || cp >= 0x2660 && cp <= 0x266F || cp == 0x273D || cp >= 0x2776 && cp <= 0x277F
        || cp >= 0xE000 && cp <= 0xF8FF // private use
        || cp == 0xFFFD;
  }
}
