package org.ssechat.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sanitizing deltas one by one gives what sanitizing their concatenation gives, so an escape
 * sequence or a CRLF split across deltas is treated as a whole one is.
 */
class TerminalTextChunkingTest {

  static final String[] FIXTURES = {
      "\u001b]0;pwned\u0007 then \u001b]52;c;ZXZpbA==\u0007, \u001b[2J\u001b[H cleared",
      "line one\r\nline two\r\n\r\nCR\ronly\u009b2J\u009d8;;x\u009c",
      "family 👨‍👩‍👧‍👦, heart ❤️, flag 🇫🇷, café\u0301, 中文，日本語",
      "Trojan \u202eSource\u202c \u2066isolate\u2069 \u200fmark\u200e",
      "\u0000\u0001\b\t\n\u000b\f\r\u001b\u007f\u0080\u009f\u00a0",
  };

  /** The StringBuilder sink, cutting {@code s} at the given ascending points. */
  static String inPieces(String s, int... cuts) throws IOException {
    char[] a = s.toCharArray();
    StringBuilder sb = new StringBuilder();
    StringWriter w = new StringWriter();
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : a.length;
      TerminalText.sanitize(a, from, to - from, sb);
      TerminalText.sanitize(a, from, to - from, w);
      from = to;
    }
    assertThat(w.toString()).isEqualTo(sb.toString());
    return sb.toString();
  }

  @Test
  void everySplitPoint() throws IOException {
    for (String s : FIXTURES) {
      String whole = TerminalText.sanitize(s);
      for (int i = 0; i <= s.length(); i++) {
        assertThat(inPieces(s, i)).as("%s cut at %d", s, i).isEqualTo(whole);
      }
    }
  }

  @Test
  void everyPairOfSplitPoints() throws IOException {
    for (String s : FIXTURES) {
      String whole = TerminalText.sanitize(s);
      for (int i = 0; i <= s.length(); i++) {
        for (int j = i; j <= s.length(); j++) {
          assertThat(inPieces(s, i, j)).as("%s cut at %d, %d", s, i, j).isEqualTo(whole);
        }
      }
    }
  }

  @Test
  void oneCharAtATime() throws IOException {
    for (String s : FIXTURES) {
      int[] cuts = new int[s.length()];
      for (int i = 0; i < cuts.length; i++) {
        cuts[i] = i;
      }
      assertThat(inPieces(s, cuts)).isEqualTo(TerminalText.sanitize(s));
    }
  }

  @Test
  void randomTextRandomSplits() throws IOException {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    // Weighted toward the interesting chars: controls, C1, bidi, surrogates, CJK.
    char[] alphabet = ("aZ 中😀\u200d\ufe0f\u0301\t\n\r\u0000\u0007\b\u001b\u007f[];"
        + "\u0085\u009b\u009d\u202a\u202e\u2066\u2069\u200e\ud800\udfff").toCharArray();
    for (int round = 0; round < 2_000; round++) {
      char[] text = new char[rnd.nextInt(200)];
      for (int i = 0; i < text.length; i++) {
        text[i] = rnd.nextInt(4) == 0 ? (char) rnd.nextInt(0x10000)
            : alphabet[rnd.nextInt(alphabet.length)];
      }
      String s = new String(text);
      int[] cuts = rnd.ints(rnd.nextInt(8), 0, text.length + 1).sorted().toArray();
      assertThat(inPieces(s, cuts)).as("seed %d, round %d", seed, round)
          .isEqualTo(TerminalText.sanitize(s));
    }
  }
}
