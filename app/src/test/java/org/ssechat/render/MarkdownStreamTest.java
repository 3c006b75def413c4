package org.ssechat.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/**
 * Golden screens of streamed Markdown, each answer fed whole, one character at a time and at
 * seeded random splits: the final screen is the same every way, and no line is wider than the
 * terminal.
 */
class MarkdownStreamTest {

  /** The final screen for {@code md} streamed in pieces of {@code sizes} at {@code width}. */
  static VirtualScreen stream(String md, int width, List<Integer> sizes, boolean ansi) {
    StringWriter sw = new StringWriter();
    MarkdownStream m = new MarkdownStream(new PrintWriter(sw), ansi,
        new MarkdownStream.Look(() -> width, () -> 40, DisplayWidth.NARROW, true),
        AttributedStyle.DEFAULT);
    int at = 0;
    for (int n : sizes) {
      int end = Math.min(md.length(), at + n);
      if (end < md.length() && Character.isHighSurrogate(md.charAt(end - 1))) {
        end++; // deltas arrive as whole code points
      }
      m.append(md.substring(at, end));
      at = end;
      if (at >= md.length()) {
        break;
      }
    }
    if (at < md.length()) {
      m.append(md.substring(at));
    }
    m.finish();
    VirtualScreen screen = new VirtualScreen(width, DisplayWidth.NARROW);
    screen.feed(sw.toString());
    return screen;
  }

  /** The screen, checked to be the same at every chunking and never wider than the terminal. */
  static String screen(String md, int width) {
    VirtualScreen whole = stream(md, width, List.of(md.length()), true);
    String expected = whole.text();
    assertThat(whole.overflow).as("lines wider than %d", width).isZero();
    List<List<Integer>> chunkings = new ArrayList<>();
    chunkings.add(java.util.Collections.nCopies(md.length(), 1));
    Random rnd = new Random(Long.getLong("ssechat.seed", 0x5EEDL) ^ md.hashCode());
    for (int k = 0; k < 8; k++) {
      List<Integer> sizes = new ArrayList<>();
      for (int left = md.length(); left > 0; ) {
        int n = 1 + rnd.nextInt(Math.max(1, Math.min(40, left)));
        sizes.add(n);
        left -= n;
      }
      chunkings.add(sizes);
    }
    for (List<Integer> sizes : chunkings) {
      VirtualScreen s = stream(md, width, sizes, true);
      assertThat(s.text()).as("chunking %s", sizes.size() > 30 ? sizes.size() + " pieces"
          : sizes).isEqualTo(expected);
      assertThat(s.overflow).isZero();
    }
    return expected;
  }

  @Test
  void headingsEmphasisAndInlineCodeLoseTheirMarkup() {
    assertThat(screen("# Title\n\nSome **bold**, *italic*, ~~gone~~ and `code`.\n\n### Small\n",
        40)).isEqualTo("""
        Title

        Some bold, italic, gone and code.

        ### Small
        """);
  }

  @Test
  void paragraphsWrapOnWordsAtTheWidth() {
    assertThat(screen("The quick brown fox jumps over the lazy dog and keeps on running far.\n",
        20)).isEqualTo("""
        The quick brown fox
        jumps over the lazy
        dog and keeps on
        running far.
        """);
  }

  @Test
  void chineseWrapsBetweenCharactersButNotBeforeClosingPunctuation() {
    String s = screen("鲁迅是周树人的笔名，他的兄弟是周作人和周建人。\n", 12);
    assertThat(s).isEqualTo("""
        鲁迅是周树人
        的笔名，他的
        兄弟是周作人
        和周建人。
        """);
    // a full stop never starts a line: 和周建人 + 。 moves together
    assertThat(screen("一二三四五。\n", 10)).isEqualTo("""
        一二三四
        五。
        """);
  }

  @Test
  void listsKeepTheirIndentWhenWrapped() {
    assertThat(screen("- first item that is long enough to wrap\n- second\n  - nested one\n"
        + "1. one\n2. two\n", 24)).isEqualTo("""
        • first item that is
          long enough to wrap
        • second
          ◦ nested one

        1. one
        2. two
        """);
  }

  @Test
  void taskListsQuotesAndRules() {
    assertThat(screen("- [ ] todo\n- [x] done\n\n> quoted words\n\n---\n", 30)).isEqualTo("""
        • ☐ todo
        • ☑ done

        │ quoted words

        ──────────────────────────────
        """);
  }

  @Test
  void fencedCodeIsFramedLabelledAndNeverWrapped() {
    String md = "Look:\n\n```java\nclass A { String s = \"a very long string literal here\"; }\n"
        + "int x = 1;\n```\nafter\n";
    assertThat(screen(md, 30)).isEqualTo("""
        Look:

        ── java ──────────────────────
        class A { String s = "a very …
        int x = 1;
        ──────────────────────────────

        after
        """);
  }

  @Test
  void tablesAlignTheirColumnsAndWrapCellsWhenNarrow() {
    String md = "| Method | Safe | Notes |\n|:--|:-:|--:|\n| GET | yes | reads |\n"
        + "| POST | no | creates things on the server |\n";
    assertThat(screen(md, 80)).isEqualTo("""
        Method │ Safe │                        Notes
        ───────┼──────┼─────────────────────────────
        GET    │ yes  │                        reads
        POST   │  no  │ creates things on the server
        """);
    assertThat(screen(md, 30)).isEqualTo("""
        Method │ Safe │          Notes
        ───────┼──────┼───────────────
        GET    │ yes  │          reads
        POST   │  no  │ creates things
               │      │  on the server
        """);
  }

  @Test
  void linksAreHyperlinksOrTextWithTheirUrl() {
    VirtualScreen s = stream("See [the docs](https://example.com/d).\n", 60, List.of(99), true);
    assertThat(s.text()).isEqualTo("See the docs.\n");
    assertThat(s.hyperlinks).isEqualTo(1);
    StringWriter sw = new StringWriter();
    MarkdownStream m = new MarkdownStream(new PrintWriter(sw), true,
        new MarkdownStream.Look(() -> 60, () -> 40, DisplayWidth.NARROW, false),
        AttributedStyle.DEFAULT);
    m.append("See [the docs](https://example.com/d).\n");
    m.finish();
    VirtualScreen plain = new VirtualScreen(60, DisplayWidth.NARROW);
    plain.feed(sw.toString());
    assertThat(plain.text()).isEqualTo("See the docs (https://example.com/d).\n");
  }

  @Test
  void emojiAndWideCharactersCountTwoCells() {
    assertThat(DisplayWidth.NARROW.of("a👨‍👩‍👧b")).isEqualTo(4);
    assertThat(DisplayWidth.NARROW.of("🇫🇷")).isEqualTo(2);
    assertThat(DisplayWidth.NARROW.of("❤️")).isEqualTo(2);
    assertThat(DisplayWidth.NARROW.of("e\u0301")).isEqualTo(1);
    assertThat(DisplayWidth.NARROW.of("中文")).isEqualTo(4);
    assertThat(DisplayWidth.NARROW.of("±°")).isEqualTo(2);
    assertThat(DisplayWidth.WIDE_AMBIGUOUS.of("±°")).isEqualTo(4);
    assertThat(screen("🙂🙂🙂 ok 👨‍👩‍👧 fine\n", 8)).isEqualTo("""
        🙂🙂🙂
        ok 👨‍👩‍👧
        fine
        """);
  }

  @Test
  void theLiveLineIsTheOnlyThingRedrawn() {
    StringWriter sw = new StringWriter();
    MarkdownStream m = new MarkdownStream(new PrintWriter(sw), true,
        new MarkdownStream.Look(() -> 20, () -> 40, DisplayWidth.NARROW, true),
        AttributedStyle.DEFAULT);
    m.append("Hello wor");
    assertThat(sw.toString()).isEqualTo("\r\u001b[KHello wor");
    m.append("ld, this line is long");
    assertThat(sw.toString()).endsWith("\r\u001b[K…this line is long");
    m.append("\n\nNext");
    String after = sw.toString();
    // the paragraph is printed once the blank line arrives; only the live line was erased
    assertThat(after).contains("\r\u001b[KHello world, this\nline is long\n");
    m.finish();
  }

  /**
   * The live line, fed one character at a time and at random splits, in a styled base (faint, as
   * reasoning is): always the line's own end, in the base style, at most the terminal's width
   * less one, led by {@code …} when cut, and never starting inside a cluster or with a space.
   */
  @Test
  void theLiveLineIsTheLinesEndInTheBaseStyleAtEveryChunking() {
    String text = "思考中 a café e\u0301 👨\u200d👩\u200d👧 family 中文宽字符 and spaces   x"
        .repeat(3);
    AttributedStyle faint = AttributedStyle.DEFAULT.faint();
    StringWriter probe = new StringWriter();
    MarkdownStream styled = new MarkdownStream(new PrintWriter(probe), true,
        new MarkdownStream.Look(() -> 20, () -> 40, DisplayWidth.NARROW, true), faint);
    styled.append("x");
    String shown = probe.toString().substring("\r\u001b[K".length());
    String on = shown.substring(0, shown.indexOf('x'));
    String off = shown.substring(shown.indexOf('x') + 1);
    assertThat(on).isNotEmpty();
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      StringWriter sw = new StringWriter();
      MarkdownStream m = new MarkdownStream(new PrintWriter(sw), true,
          new MarkdownStream.Look(() -> 20, () -> 40, DisplayWidth.NARROW, true), faint);
      int at = 0;
      while (at < text.length()) {
        int n = round == 0 ? 1 : 1 + random.nextInt(7);
        int end = Math.min(text.length(), at + n);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
          end++;
        }
        m.append(text.substring(at, end));
        at = end;
        String out = sw.toString();
        String live = out.substring(out.lastIndexOf("\r\u001b[K") + 4);
        assertThat(live).startsWith(on).endsWith(off);
        String visible = live.substring(on.length(), live.length() - off.length());
        String sofar = text.substring(0, at);
        String tail = visible.startsWith("…") ? visible.substring(1) : visible;
        assertThat(sofar).as("round %d at %d", round, at).endsWith(tail);
        assertThat(DisplayWidth.NARROW.of(visible)).isLessThanOrEqualTo(19);
        if (visible.startsWith("…")) {
          assertThat(tail).isNotEmpty().doesNotStartWith(" ").doesNotStartWith("\u0301")
              .doesNotStartWith("\u200d");
        } else {
          assertThat(tail).isEqualTo(sofar);
        }
      }
      m.finish();
    }
  }

  @Test
  void withoutAnsiThereIsNoLiveLineAndNoStyling() {
    StringWriter sw = new StringWriter();
    MarkdownStream m = new MarkdownStream(new PrintWriter(sw), false,
        new MarkdownStream.Look(() -> 20, () -> 40, DisplayWidth.NARROW, true),
        AttributedStyle.DEFAULT);
    m.append("**Hi** the");
    assertThat(sw.toString()).isEmpty();
    m.append("re\n");
    m.finish();
    assertThat(sw.toString()).isEqualTo("Hi there\n");
  }

  /** A resize applies from the next block on; what is printed stays as it was. */
  @Test
  void aResizeTakesEffectAtTheNextBlock() {
    int[] width = {30};
    StringWriter sw = new StringWriter();
    MarkdownStream m = new MarkdownStream(new PrintWriter(sw), true,
        new MarkdownStream.Look(() -> width[0], () -> 40, DisplayWidth.NARROW, true),
        AttributedStyle.DEFAULT);
    m.append("one two three four five six seven eight\n\n");
    width[0] = 12;
    m.append("one two three four five six seven eight\n");
    m.finish();
    VirtualScreen screen = new VirtualScreen(30, DisplayWidth.NARROW);
    screen.feed(sw.toString());
    assertThat(screen.text()).isEqualTo("""
        one two three four five six
        seven eight

        one two
        three four
        five six
        seven eight
        """);
  }

  /** Every bundled answer, as Markdown, at every chunking (the property {@link #screen} checks). */
  @Test
  void everyBundledAnswerRendersTheSameAtEveryChunking() {
    for (String name : org.ssechat.replay.RecordingLibrary.bundled().names()) {
      String content = org.ssechat.replay.Expected.of(name).content();
      if (!content.isEmpty()) {
        assertThat(screen(content.endsWith("\n") ? content : content + "\n", 64)).as(name)
            .isNotBlank();
      }
    }
  }

  @Test
  void indentedCodeAutolinksAndListsThatStartLater() {
    assertThat(screen("Run:\n\n    make all\n    make test\n\nsee https://example.com/x now\n\n"
        + "3. third\n4. fourth\n\n> outer\n>\n> > inner\n", 40)).isEqualTo("""
        Run:

        ────────────────────────────────────────
        make all
        make test
        ────────────────────────────────────────

        see https://example.com/x now

        3. third
        4. fourth

        │ outer
        │
        │ │ inner
        """);
  }

  /** A table taller than the screen is printed in parts as its rows come, without its head. */
  @Test
  void aTableTallerThanTheScreenIsShownBeforeItEnds() {
    StringBuilder md = new StringBuilder("| n | square |\n|---|---|\n");
    for (int i = 1; i <= 12; i++) {
      md.append("| ").append(i).append(" | ").append(i * i).append(" |\n");
    }
    StringWriter sw = new StringWriter();
    MarkdownStream m = new MarkdownStream(new PrintWriter(sw), true,
        new MarkdownStream.Look(() -> 40, () -> 8, DisplayWidth.NARROW, true),
        AttributedStyle.DEFAULT);
    m.append(md.substring(0, md.indexOf("| 9 | 81")));
    VirtualScreen early = new VirtualScreen(40, DisplayWidth.NARROW);
    early.feed(sw.toString());
    assertThat(early.text()).contains("n │ square").contains("4 │ 16"); // before the end
    m.append(md.substring(md.indexOf("| 9 | 81")));
    m.finish();
    VirtualScreen all = new VirtualScreen(40, DisplayWidth.NARROW);
    all.feed(sw.toString());
    assertThat(all.text().split("square", -1)).hasSize(2); // the head once
    assertThat(all.text()).contains("12 │ 144");
  }
}
