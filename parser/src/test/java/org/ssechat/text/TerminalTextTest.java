package org.ssechat.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  /** The mapping table of the class javadoc, written out independently: null means dropped. */
  static String expected(char c) {
    if (c == '\n' || c == '\t') {
      return String.valueOf(c);
    }
    if (c == '\r') {
      return "";
    }
    if (c < 0x20) {
      return String.valueOf((char) (0x2400 + c));
    }
    if (c == 0x7F) {
      return "\u2421";
    }
    if ((c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)) {
      return "\uFFFD";
    }
    return String.valueOf(c);
  }

  /** All four ways in; asserts they agree and returns the result. */
  static String viaAll(String s) throws IOException {
    String whole = TerminalText.sanitize(s);
    char[] padded = ("<<" + s + ">>").toCharArray();
    StringBuilder sb = new StringBuilder("x");
    TerminalText.sanitize(padded, 2, s.length(), sb);
    StringWriter w = new StringWriter();
    TerminalText.sanitize(padded, 2, s.length(), w);
    StringBuilder app = new StringBuilder();
    TerminalText.sanitize("<<" + s + ">>", 2, 2 + s.length(), app);
    assertThat(sb.substring(1)).as("StringBuilder sink").isEqualTo(whole);
    assertThat(w.toString()).as("Writer sink").isEqualTo(whole);
    assertThat(app.toString()).as("Appendable sink").isEqualTo(whole);
    return whole;
  }

  @Test
  void everyCharMapsAsTheTableSays() throws IOException {
    StringBuilder all = new StringBuilder();
    StringBuilder want = new StringBuilder();
    for (int c = 0; c <= 0xFFFF; c++) {
      String one = String.valueOf((char) c);
      assertThat(TerminalText.sanitize(one)).as("U+%04X", c).isEqualTo(expected((char) c));
      assertThat(TerminalText.isUnsafe((char) c)).as("U+%04X", c)
          .isEqualTo(!expected((char) c).equals(one));
      all.append((char) c);
      want.append(expected((char) c));
    }
    assertThat(viaAll(all.toString())).isEqualTo(want.toString());
  }

  @Test
  void everyUnsafeClassAtEveryPosition() throws IOException {
    String base = "a中😀\u0301\tb\n";
    for (char u : new char[] {0, 7, 8, '\r', 0x1B, 0x1F, 0x7F, 0x85, 0x9B, 0x9D, 0x202E, 0x2066,
        0x2069}) {
      for (int at = 0; at <= base.length(); at++) {
        String s = base.substring(0, at) + u + base.substring(at);
        assertThat(viaAll(s)).as("U+%04X at %d", (int) u, at)
            .isEqualTo(base.substring(0, at) + expected(u) + base.substring(at));
        assertThat(TerminalText.indexOfUnsafe(s.toCharArray(), 0, s.length())).isEqualTo(at);
        assertThat(TerminalText.indexOfUnsafe(s, 0, s.length())).isEqualTo(at);
      }
    }
  }

  @Test
  void indexOfUnsafeLooksOnlyInsideTheRange() {
    char[] a = "\u001bclean\u001b".toCharArray();
    assertThat(TerminalText.indexOfUnsafe(a, 1, 5)).isEqualTo(-1);
    assertThat(TerminalText.indexOfUnsafe(a, 1, 6)).isEqualTo(6);
    assertThat(TerminalText.indexOfUnsafe(a, 0, 7)).isEqualTo(0);
    assertThat(TerminalText.indexOfUnsafe(a, 3, 0)).isEqualTo(-1);
  }

  @Test
  void attacksComeOutInert() throws IOException {
    assertThat(viaAll("\u001b]0;pwned\u0007")).isEqualTo("␛]0;pwned␇");
    assertThat(viaAll("\u001b]52;c;ZXZpbA==\u0007")).isEqualTo("␛]52;c;ZXZpbA==␇");
    assertThat(viaAll("\u001b]52;c;ZXZpbA==\u001b\\")).isEqualTo("␛]52;c;ZXZpbA==␛\\");
    assertThat(viaAll("\u001b[2J\u001b[H")).isEqualTo("␛[2J␛[H");
    assertThat(viaAll("\u009b2J")).isEqualTo("\uFFFD2J");
    assertThat(viaAll("\u009d0;title\u009c")).isEqualTo("\uFFFD0;title\uFFFD");
    assertThat(viaAll("\u0090qpayload\u009c")).isEqualTo("\uFFFDqpayload\uFFFD");
    assertThat(viaAll("\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\"))
        .isEqualTo("␛]8;;https://evil.example/␛\\click␛]8;;␛\\");
    assertThat(viaAll("\u001bP+q544e\u001b\\")).isEqualTo("␛P+q544e␛\\");
    // Trojan Source (CVE-2021-42574): an RLO/LRI pair hides what the text really says.
    assertThat(viaAll("access = \"user\u202e \u2066// admin\u2069 \u2066\""))
        .isEqualTo("access = \"user\uFFFD \uFFFD// admin\uFFFD \uFFFD\"");
    assertThat(viaAll("/*\u202b } \u2067if (isAdmin)\u2069 \u2066 begin*/"))
        .isEqualTo("/*\uFFFD } \uFFFDif (isAdmin)\uFFFD \uFFFD begin*/");
    // BS and CR overwrite what was printed; DEL and NUL become visible.
    assertThat(viaAll("rm -rf /\b\b\b\b\b\b\b\bls     ")).isEqualTo("rm -rf /␈␈␈␈␈␈␈␈ls     ");
    assertThat(viaAll("Safe to run: rm -rf ~\rSafe to run: ls    "))
        .isEqualTo("Safe to run: rm -rf ~Safe to run: ls    ");
    assertThat(viaAll("a\u0000b\u007fc")).isEqualTo("a␀b␡c");
  }

  @Test
  void outputNeverHoldsAControl() throws IOException {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= 0xFFFF; c++) {
      all.append((char) c);
    }
    String out = viaAll(all.toString());
    assertThat(out.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F
        && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)))
        .isEmpty();
    assertThat(out.length()).isLessThanOrEqualTo(all.length());
  }

  @Test
  void crlfBecomesLf() throws IOException {
    assertThat(viaAll("one\r\ntwo\r\n\r\nthree\n")).isEqualTo("one\ntwo\n\nthree\n");
  }

  @Test
  void ordinaryTextPassesAsTheSameInstance() throws IOException {
    for (String s : new String[] {
        "",
        "Plain English, with punctuation: ~!@#$%^&*()_+{}|[]\\;':\",./<>?`",
        "巴黎是法国的首都，也是最大的城市。",
        "日本語のテキスト、한국어 텍스트",
        "👨‍👩‍👧‍👦 family (ZWJ), ❤️ (VS16), 👍🏽 (skin tone), 🇫🇷 (flag), 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (tags)",
        "e\u0301 a\u0308 (combining), zero\u200bwidth, non\u200cjoiner, \u00a0nbsp",
        "שלום \u200fעולם\u200e, مرحبا\u061c (bidi marks pass)",
        "tabs\tand\nnewlines\n",
        "\u2028line and paragraph separators\u2029",
        "\ud83d lone surrogates \ude00 pass",
        "\u00a0\u00ff\u0100 Latin-1 and beyond (U+00A0 up is printable)"}) {
      assertThat(TerminalText.sanitize(s)).as(s).isSameAs(s);
      assertThat(viaAll(s)).isEqualTo(s);
      assertThat(TerminalText.indexOfUnsafe(s.toCharArray(), 0, s.length())).isEqualTo(-1);
    }
  }

  @Test
  void sanitizeOfANonStringReturnsItsString() {
    assertThat(TerminalText.sanitize(new StringBuilder("ok"))).isEqualTo("ok");
    assertThat(TerminalText.sanitize(new StringBuilder("o\u001bk"))).isEqualTo("o␛k");
  }

  @Test
  void oneLineCollapsesWhiteSpaceAndTrims() {
    assertThat(TerminalText.oneLine("  upstream\r\n error:\t\tbad   gateway \n", 100))
        .isEqualTo("upstream error: bad gateway");
    assertThat(TerminalText.oneLine("a\rb", 100)).isEqualTo("a b");
    assertThat(TerminalText.oneLine("a\u00a0\u3000\u2003b", 100)).isEqualTo("a b");
    assertThat(TerminalText.oneLine("a\u000b\u000c\u001cb\u2028c\u2029", 100)).isEqualTo("a b c");
    assertThat(TerminalText.oneLine(" \n\t ", 100)).isEmpty();
    assertThat(TerminalText.oneLine("", 100)).isEmpty();
  }

  @Test
  void oneLineSanitizes() {
    assertThat(TerminalText.oneLine("\u001b]0;pwned\u0007 model\u009b2J", 100))
        .isEqualTo("␛]0;pwned␇ model\uFFFD2J");
    assertThat(TerminalText.oneLine("x\ud800y\udc00z", 100)).isEqualTo("x\uFFFDy\uFFFDz");
    assertThat(TerminalText.oneLine("😀\ud83d", 100)).isEqualTo("😀\uFFFD");
    assertThat(TerminalText.oneLine("RLO\u202eevil", 100)).isEqualTo("RLO\uFFFDevil");
  }

  @Test
  void oneLineCutsOnACodePointBoundary() {
    assertThat(TerminalText.oneLine("abcdef", 6)).isEqualTo("abcdef");
    assertThat(TerminalText.oneLine("abcdefg", 6)).isEqualTo("abcde…");
    assertThat(TerminalText.oneLine("abcd😀", 6)).isEqualTo("abcd😀");
    assertThat(TerminalText.oneLine("abcd😀fgh", 6)).isEqualTo("abcd…");
    assertThat(TerminalText.oneLine("abcde😀", 6)).isEqualTo("abcde…");
    assertThat(TerminalText.oneLine("abcd   efgh", 6)).isEqualTo("abcd…");
    assertThat(TerminalText.oneLine("abcdef   \n", 6)).isEqualTo("abcdef");
    assertThat(TerminalText.oneLine("abcdef", 1)).isEqualTo("…");
    assertThat(TerminalText.oneLine("a", 1)).isEqualTo("a");
    assertThat(TerminalText.oneLine("x".repeat(10_000), 80)).hasSize(80).endsWith("x…");
    assertThatThrownBy(() -> TerminalText.oneLine("a", 0))
        .isInstanceOf(IllegalArgumentException.class);
    // "no limit" is Integer.MAX_VALUE: the buffer size must not overflow
    assertThat(TerminalText.oneLine("a \u001b b", Integer.MAX_VALUE)).isEqualTo("a \u241b b");
  }

  @Test
  void oneLineReturnsTheSameInstanceWhenNothingChanges() {
    String s = "already one line, short enough";
    assertThat(TerminalText.oneLine(s, 80)).isSameAs(s);
    assertThat(TerminalText.oneLine(s, 10)).isEqualTo("already o…");
  }
}
