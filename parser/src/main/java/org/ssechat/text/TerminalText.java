package org.ssechat.text;

import java.io.IOException;
import java.io.Writer;

/**
 * The one sanitizer for untrusted text that reaches a terminal or a log: it makes sure no
 * terminal control sequence (CSI, OSC, DCS, ...; window title, OSC 52 clipboard, clear screen,
 * OSC 8 links) and no bidi reordering ("Trojan Source") can come from text a server sent.
 *
 * <h2>Mapping</h2>
 *
 * Each {@code char} is mapped on its own, with no state:
 *
 * <table>
 *   <caption>What each character becomes</caption>
 *   <tr><th>Input</th><th>Output</th><th>Why</th></tr>
 *   <tr><td>{@code \n} U+000A, {@code \t} U+0009</td><td>unchanged</td>
 *       <td>text layout; they cannot start a sequence</td></tr>
 *   <tr><td>{@code \r} U+000D</td><td>dropped</td>
 *       <td>CRLF becomes LF, and a lone CR cannot return to the start of a printed line and
 *       overwrite it</td></tr>
 *   <tr><td>other C0 U+0000&ndash;U+001F (NUL, BEL, BS, ESC, ...)</td>
 *       <td>its Control Picture U+2400 + c ({@code ␀ ␇ ␈ ␛})</td>
 *       <td>ESC never passes; the user sees that something was there</td></tr>
 *   <tr><td>DEL U+007F</td><td>{@code ␡} U+2421</td><td>as C0</td></tr>
 *   <tr><td>C1 U+0080&ndash;U+009F (8-bit CSI U+009B, OSC U+009D, DCS U+0090, ...)</td>
 *       <td>{@code �} U+FFFD</td><td>some terminals act on them; Unicode has no pictures for
 *       them</td></tr>
 *   <tr><td>bidi embeddings and overrides U+202A&ndash;U+202E (LRE, RLE, PDF, LRO, RLO) and
 *       isolates U+2066&ndash;U+2069 (LRI, RLI, FSI, PDI)</td><td>{@code �} U+FFFD</td>
 *       <td>they reorder the text that follows, so shown text differs from what was sent</td></tr>
 *   <tr><td>everything else, including bidi marks U+200E, U+200F, U+061C, ZWJ U+200D,
 *       ZWNJ U+200C, variation selectors (U+FE0F), combining marks, U+2028/U+2029 and
 *       surrogates</td><td>unchanged</td><td>see below</td></tr>
 * </table>
 *
 * <p>Bidi <em>marks</em> (LRM, RLM, ALM) pass: they act like one invisible strong letter, have
 * no scope to close and cannot reorder more than a real Hebrew or Arabic letter could, and
 * right-to-left text needs them. Emoji need ZWJ and VS16. Surrogates pass as they are, paired
 * or not: a pair may be split across two deltas, and pairing them would need state; a lone
 * surrogate cannot form a control sequence, and the output encoder replaces it ({@code ?} for
 * the JDK's UTF-8 encoders). {@link #oneLine} sees whole strings and replaces lone surrogates.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>The output holds no C0 control other than {@code \n} and {@code \t}, no DEL, no C1 and
 *       no bidi embedding, override or isolate, so no escape sequence and no 8-bit control
 *       sequence can be formed from it, whatever came before or after.
 *   <li>Chunking invariant: sanitizing deltas one by one and concatenating gives exactly what
 *       sanitizing their concatenation gives, so a sequence split across deltas is as harmless
 *       as a whole one.
 *   <li>The output is never longer than the input (every char becomes at most one char).
 * </ul>
 *
 * <p>The guarantee is about the text as Unicode. It holds for the bytes a terminal sees when
 * the output charset is UTF-8 (or any charset that encodes no printable character into the
 * C0/C1 byte ranges).
 *
 * <h2>Threads and allocation</h2>
 *
 * Stateless static methods, safe from any thread. The streaming methods ({@link
 * #indexOfUnsafe}, the {@code sanitize(..., out)} overloads) allocate nothing: they append
 * clean runs straight from the caller's array to {@code out}, plus one char per replacement
 * (only the sink itself may grow). {@link #sanitize(CharSequence)} returns the same
 * {@code String} when nothing changes.
 *
 * <p>There is no bypass here: passing the model's text through unchanged ({@code --raw}) is
 * the caller's decision, made by not calling this class.
 */
public final class TerminalText {

  /** What C1 controls and bidi overrides and isolates become. */
  public static final char REPLACEMENT = '\uFFFD';

  /** The Control Picture for DEL. */
  private static final char DEL_PICTURE = '\u2421';

  /** Bit c set: C0 control c changes ({@code \t} and {@code \n} clear). */
  private static final int C0_UNSAFE = ~((1 << '\t') | (1 << '\n'));

  /** First char of the 64-char window that holds every bidi control we replace. */
  private static final int BIDI_BASE = 0x202A;

  /** Bit (c - BIDI_BASE) set: U+202A..U+202E and U+2066..U+2069. */
  private static final long BIDI_UNSAFE = 0x1FL | (0xFL << (0x2066 - BIDI_BASE));

  private TerminalText() {}

  /**
   * Whether sanitizing changes {@code c} (replaces or drops it).
   *
   * @return false for every char that passes unchanged
   */
  public static boolean isUnsafe(char c) {
    if (c < 0x20) {
      return (C0_UNSAFE >>> c & 1) != 0;
    }
    if (c < 0x7F) {
      return false;
    }
    int bidi = c - BIDI_BASE;
    return c <= 0x9F || (bidi >>> 6 == 0 && (BIDI_UNSAFE >>> bidi & 1) != 0);
  }

  /**
   * The index of the first char in {@code text[off, off + len)} that sanitizing changes, or -1
   * when the range is clean (the common case: then write it as it is).
   */
  public static int indexOfUnsafe(char[] text, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      if (isUnsafe(text[i])) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first char in {@code text[start, end)} that sanitizing changes, or -1. */
  public static int indexOfUnsafe(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (isUnsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Appends {@code text[off, off + len)} sanitized to {@code out}: clean runs with
   * {@link StringBuilder#append(char[], int, int)}, one char per replacement.
   */
  public static void sanitize(char[] text, int off, int len, StringBuilder out) {
    int from = off;
    int end = off + len;
    int i;
    while ((i = indexOfUnsafe(text, from, end - from)) >= 0) {
      out.append(text, from, i - from);
      char r = replacement(text[i]);
      if (r != 0) {
        out.append(r);
      }
      from = i + 1;
    }
    out.append(text, from, end - from);
  }

  /**
   * Writes {@code text[off, off + len)} sanitized to {@code out}: clean runs with
   * {@link Writer#write(char[], int, int)}, one char per replacement.
   *
   * @throws IOException from {@code out}
   */
  public static void sanitize(char[] text, int off, int len, Writer out) throws IOException {
    int from = off;
    int end = off + len;
    int i;
    while ((i = indexOfUnsafe(text, from, end - from)) >= 0) {
      out.write(text, from, i - from);
      char r = replacement(text[i]);
      if (r != 0) {
        out.write(r);
      }
      from = i + 1;
    }
    out.write(text, from, end - from);
  }

  /**
   * Appends {@code text[start, end)} sanitized to {@code out}: clean runs with
   * {@link Appendable#append(CharSequence, int, int)}, one char per replacement. For sinks such
   * as JLine's {@code AttributedStringBuilder}; allocation-free when {@code out}'s methods are.
   *
   * @throws IOException from {@code out}
   */
  public static void sanitize(CharSequence text, int start, int end, Appendable out)
      throws IOException {
    int from = start;
    int i;
    while ((i = indexOfUnsafe(text, from, end)) >= 0) {
      out.append(text, from, i);
      char r = replacement(text.charAt(i));
      if (r != 0) {
        out.append(r);
      }
      from = i + 1;
    }
    out.append(text, from, end);
  }

  /**
   * {@code text} sanitized, for paths that are not per token (names, messages, history).
   *
   * @return {@code text.toString()} when nothing changes (the same instance for a String)
   */
  public static String sanitize(CharSequence text) {
    int first = indexOfUnsafe(text, 0, text.length());
    if (first < 0) {
      return text.toString();
    }
    StringBuilder sb = new StringBuilder(text.length());
    sb.append(text, 0, first);
    try {
      sanitize(text, first, text.length(), sb);
    } catch (IOException e) {
      throw new AssertionError(e); // StringBuilder does not throw
    }
    return sb.toString();
  }

  /**
   * {@code text} as one line for a log or an error message: sanitized, every run of white space
   * ({@code \n}, {@code \t}, {@code \r}, VT, FF, U+001C&ndash;U+001F, U+2028, U+2029, spaces
   * including no-break and ideographic ones) made one space, trimmed, lone surrogates replaced by {@link #REPLACEMENT}, and cut to at most
   * {@code maxChars} chars, ending in {@code …} when cut. The cut never splits a surrogate pair
   * (it may split a grapheme cluster, such as a ZWJ emoji sequence).
   *
   * <p>Redact secrets before calling this: the cut may otherwise hide where a secret was.
   *
   * @param maxChars at least 1; the result's {@code length()} never exceeds it
   * @return {@code text.toString()} when that is already such a line
   */
  public static String oneLine(CharSequence text, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, got " + maxChars);
    }
    int n = text.length();
    StringBuilder sb = new StringBuilder((int) Math.min(n, maxChars + 1L));
    boolean space = false;
    for (int i = 0; i < n && sb.length() <= maxChars; i++) {
      char c = text.charAt(i);
      if (c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        sb.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append(REPLACEMENT);
      } else if (isUnsafe(c)) {
        sb.append(replacement(c));
      } else {
        sb.append(c);
      }
    }
    if (sb.length() > maxChars) {
      int cut = maxChars - 1;
      if (cut > 0 && Character.isHighSurrogate(sb.charAt(cut - 1))) {
        cut--;
      }
      while (cut > 0 && sb.charAt(cut - 1) == ' ') {
        cut--;
      }
      sb.setLength(cut);
      sb.append('…');
    }
    if (sb.length() == n) {
      String same = text.toString();
      if (same.contentEquals(sb)) {
        return same;
      }
    }
    return sb.toString();
  }

  /** What unsafe {@code c} becomes, or 0 when it is dropped. */
  private static char replacement(char c) {
    if (c == '\r') {
      return 0;
    }
    if (c < 0x20) {
      return (char) (0x2400 + c);
    }
    return c == 0x7F ? DEL_PICTURE : REPLACEMENT;
  }
}
