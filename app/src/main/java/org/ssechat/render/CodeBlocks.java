package org.ssechat.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedStyle;

/**
 * Code blocks: a dim rule with the language label above, the code highlighted line by line
 * ({@link Highlighter}) with no prefix or margin (so selecting it with the mouse copies the
 * code alone), and a dim rule below. Code is never wrapped: a line wider than the terminal is cut
 * and ends in a dim {@code …} ({@code /copy N} copies the block whole).
 */
final class CodeBlocks {
  private static final AttributedStyle RULE = AttributedStyle.DEFAULT.faint();
  private static final int MAX_RULE = 60;

  private final DisplayWidth widths;

  CodeBlocks(DisplayWidth widths) {
    this.widths = widths;
  }

  /** A whole block: its rules and highlighted lines. */
  List<List<Span>> render(String info, String literal, int width) {
    Highlighter h = Highlighter.forLanguage(info);
    List<List<Span>> out = new ArrayList<>();
    out.add(top(h, width));
    int state = Highlighter.START;
    String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    for (String line : body.split("\n", -1)) {
      List<Span> spans = new ArrayList<>();
      state = h.highlight(line, state, spans);
      out.add(cut(spans, width));
    }
    out.add(bottom(width));
    return out;
  }

  /** The rule above a block: {@code ── java ─────}. */
  List<Span> top(Highlighter h, int width) {
    String label = h.label() == null ? "" : " " + h.label() + " ";
    int rule = Math.max(2, Math.min(width, MAX_RULE) - 2 - widths.of(label));
    return List.of(Span.of("──" + label + "─".repeat(rule), RULE));
  }

  /** The rule below a block. */
  List<Span> bottom(int width) {
    return List.of(Span.of("─".repeat(Math.min(width, MAX_RULE)), RULE));
  }

  /** {@code spans} cut to {@code width} cells, the cut marked with a dim {@code …}. */
  List<Span> cut(List<Span> spans, int width) {
    int total = 0;
    for (Span s : spans) {
      total += widths.of(s.text());
    }
    if (total <= width) {
      return spans;
    }
    List<Span> out = new ArrayList<>();
    int room = width - 1;
    for (Span s : spans) {
      int w = widths.of(s.text());
      if (w <= room) {
        out.add(s);
        room -= w;
        continue;
      }
      StringBuilder part = new StringBuilder();
      for (int a = 0, b; a < s.text().length(); a = b) {
        b = DisplayWidth.clusterEnd(s.text(), a);
        int cw = widths.cluster(s.text(), a, b);
        if (cw > room) {
          break;
        }
        part.append(s.text(), a, b);
        room -= cw;
      }
      if (part.length() > 0) {
        out.add(new Span(part.toString(), s.style(), s.link()));
      }
      break;
    }
    out.add(Span.of("…", RULE));
    return out;
  }
}
