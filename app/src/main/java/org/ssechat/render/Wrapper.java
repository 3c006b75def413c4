package org.ssechat.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedStyle;

/**
 * Greedy line breaking of styled text at a display width.
 *
 * <p>Break opportunities, after the parts of UAX #14 a reader notices: after a space (spaces at a
 * line's end are dropped, at a continuation line's start too), and between two characters when
 * either is CJK (ideographs, kana, hangul, fullwidth forms) — except before closing punctuation
 * ({@code 。，、）」』】！？：；} …) and after opening punctuation ({@code （「『【} …), the
 * Chinese and Japanese line-start and line-end rules. A word longer than the line is cut where
 * it must be. {@code \n} in the text is a hard break. Widths are grapheme clusters through
 * {@link DisplayWidth}.
 */
public final class Wrapper {

  private static final String NO_BREAK_BEFORE = "。，、．・：；！？）」』】〕〉》〗〙〛｝］’”ー〜…‥"
      + "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.;:!?)]}%";
  private static final String NO_BREAK_AFTER = "（「『【〔〈《〖〘〚｛［‘“([{$";

  private final DisplayWidth widths;

  public Wrapper(DisplayWidth widths) {
    this.widths = widths;
  }

  /** One grapheme cluster with its style and width. */
  private record Cluster(String text, AttributedStyle style, String link, int width,
      boolean space) {}

  /**
   * Breaks {@code spans} into lines of at most {@code width} cells, the first line after
   * {@code first}, the others after {@code rest} (indents, list bullets, quote bars).
   */
  public List<List<Span>> wrap(List<Span> spans, int width, List<Span> first, List<Span> rest) {
    List<List<Span>> lines = new ArrayList<>();
    List<Cluster> line = new ArrayList<>();
    int used = widthOf(first);
    List<Span> prefix = first;
    int restWidth = widthOf(rest);
    Cluster prev = null;
    for (Cluster c : clusters(spans)) {
      if (c.text().equals("\n")) {
        lines.add(join(prefix, line));
        line = new ArrayList<>();
        prefix = rest;
        used = restWidth;
        prev = null;
        continue;
      }
      boolean canBreak = prev != null && !c.space()
          && (prev.space() || !prev.space() && cjkPair(prev, c));
      if (line.isEmpty() && c.space() && prefix == rest && !lines.isEmpty()) {
        prev = c; // a continuation line does not start with a space
        continue;
      }
      if (used + c.width() > width && !c.space() && !line.isEmpty()) {
        int cut = canBreak ? line.size() : lastBreak(line);
        List<Cluster> carry = new ArrayList<>();
        if (cut > 0) {
          carry.addAll(line.subList(cut, line.size()));
          line = new ArrayList<>(line.subList(0, cut));
        }
        trimTrailingSpaces(line);
        lines.add(join(prefix, line));
        prefix = rest;
        line = new ArrayList<>();
        used = restWidth;
        for (Cluster k : carry) {
          if (!(line.isEmpty() && k.space())) {
            line.add(k);
            used += k.width();
          }
        }
      }
      line.add(c);
      used += c.width();
      prev = c;
    }
    trimTrailingSpaces(line);
    lines.add(join(prefix, line));
    return lines;
  }

  /** The index in {@code line} of the last place a new line may begin, or 0 for none. */
  private static int lastBreak(List<Cluster> line) {
    for (int i = line.size() - 1; i > 0; i--) {
      Cluster c = line.get(i);
      Cluster p = line.get(i - 1);
      if (p.space() && !c.space() || !c.space() && !p.space() && cjkPair(p, c)) {
        return i;
      }
    }
    return 0;
  }

  /** A break between two non-space clusters: one of them CJK, and the line rules allow it. */
  private static boolean cjkPair(Cluster p, Cluster c) {
    return (isCjk(p.text()) || isCjk(c.text())) && NO_BREAK_BEFORE.indexOf(c.text().charAt(0)) < 0
        && NO_BREAK_AFTER.indexOf(p.text().charAt(p.text().length() - 1)) < 0;
  }

  private static boolean isCjk(String cluster) {
    int cp = cluster.codePointAt(0);
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
        || cp >= 0x3000 && cp <= 0x303F || cp >= 0xFF00 && cp <= 0xFFEF;
  }

  private static void trimTrailingSpaces(List<Cluster> line) {
    while (!line.isEmpty() && line.get(line.size() - 1).space()) {
      line.remove(line.size() - 1);
    }
  }

  private List<Cluster> clusters(List<Span> spans) {
    List<Cluster> out = new ArrayList<>();
    for (Span s : spans) {
      String t = s.text();
      for (int start = 0, end; start < t.length(); start = end) {
        end = DisplayWidth.clusterEnd(t, start);
        String c = t.substring(start, end);
        boolean space = c.equals(" ") || c.equals("\t");
        int w = c.equals("\n") ? 0 : c.equals("\t") ? 1 : widths.cluster(t, start, end);
        out.add(new Cluster(c.equals("\t") ? " " : c, s.style(), s.link(), w, space));
      }
    }
    return out;
  }

  /** {@code prefix} then {@code line}, runs of the same style and link merged. */
  private static List<Span> join(List<Span> prefix, List<Cluster> line) {
    List<Span> out = new ArrayList<>(prefix);
    StringBuilder run = new StringBuilder();
    AttributedStyle style = null;
    String link = null;
    for (Cluster c : line) {
      if (style != null && (!c.style().equals(style) || !java.util.Objects.equals(c.link(), link))) {
        out.add(new Span(run.toString(), style, link));
        run.setLength(0);
      }
      style = c.style();
      link = c.link();
      run.append(c.text());
    }
    if (style != null) {
      out.add(new Span(run.toString(), style, link));
    }
    return out;
  }

  /** The cells {@code spans} take. */
  public int widthOf(List<Span> spans) {
    int w = 0;
    for (Span s : spans) {
      w += widths.of(s.text());
    }
    return w;
  }
}
