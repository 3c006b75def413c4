package org.ssechat.render;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.jline.utils.AttributedStyle;

/**
 * Renders parsed Markdown blocks (commonmark-java nodes) to terminal lines at a width: headings,
 * paragraphs with emphasis, strong, strikethrough, inline code and links, block quotes with a
 * bar, bullet, ordered, nested and task lists with hanging indents, thematic breaks, code blocks
 * ({@link CodeBlocks}) and tables ({@link TableLayout}). Stateless apart from its settings.
 */
final class BlockRenderer {

  static final AttributedStyle H1 = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA)
      .underline();
  static final AttributedStyle H2 = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
  static final AttributedStyle H3 = AttributedStyle.BOLD;
  static final AttributedStyle CODE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  static final AttributedStyle LINK = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE)
      .underline();
  static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final String[] BULLETS = {"• ", "◦ ", "▪ "};

  private final Wrapper wrapper;
  private final CodeBlocks code;
  private final TableLayout tables;
  private final boolean hyperlinks;

  /** @param hyperlinks whether links become OSC 8 hyperlinks (else {@code text (url)}) */
  BlockRenderer(DisplayWidth widths, boolean hyperlinks) {
    this.wrapper = new Wrapper(widths);
    this.code = new CodeBlocks(widths);
    this.tables = new TableLayout(widths, this);
    this.hyperlinks = hyperlinks;
  }

  /** The lines of every child block of {@code parent}, separated by blank lines. */
  List<List<Span>> blocks(Node parent, int width, AttributedStyle base) {
    List<List<Span>> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (!out.isEmpty()) {
        out.add(List.of());
      }
      out.addAll(block(n, width, base));
    }
    return out;
  }

  /** The lines of one block. */
  List<List<Span>> block(Node n, int width, AttributedStyle base) {
    width = Math.max(width, 8);
    if (n instanceof Heading h) {
      AttributedStyle s = h.getLevel() == 1 ? H1 : h.getLevel() == 2 ? H2 : H3;
      List<Span> prefix = h.getLevel() <= 2 ? List.of()
          : List.of(Span.of("#".repeat(h.getLevel()) + " ", DIM));
      return wrapper.wrap(inline(h, merge(base, s)), width, prefix, List.of());
    }
    if (n instanceof Paragraph p) {
      return wrapper.wrap(inline(p, base), width, List.of(), List.of());
    }
    if (n instanceof BlockQuote q) {
      List<List<Span>> inner = blocks(q, width - 2, merge(base, AttributedStyle.DEFAULT.italic()));
      List<List<Span>> out = new ArrayList<>();
      for (List<Span> line : inner) {
        List<Span> l = new ArrayList<>();
        l.add(Span.of("│ ", DIM));
        l.addAll(line);
        out.add(l);
      }
      return out;
    }
    if (n instanceof BulletList || n instanceof OrderedList) {
      return list(n, width, base, 0);
    }
    if (n instanceof ThematicBreak) {
      return List.of(List.of(Span.of("─".repeat(Math.min(width, 80)), DIM)));
    }
    if (n instanceof FencedCodeBlock f) {
      return code.render(f.getInfo(), f.getLiteral(), width);
    }
    if (n instanceof IndentedCodeBlock c) {
      return code.render(null, c.getLiteral(), width);
    }
    if (n instanceof TableBlock t) {
      return tables.render(t, width, base);
    }
    if (n instanceof HtmlBlock h) {
      List<List<Span>> out = new ArrayList<>();
      for (String line : h.getLiteral().split("\n", -1)) {
        if (!line.isEmpty() || out.isEmpty()) {
          out.add(List.of(Span.of(line, merge(base, DIM))));
        }
      }
      return out;
    }
    return wrapper.wrap(inline(n, base), width, List.of(), List.of());
  }

  private List<List<Span>> list(Node list, int width, AttributedStyle base, int depth) {
    List<List<Span>> out = new ArrayList<>();
    int number = list instanceof OrderedList o ? o.getStartNumber() : 0;
    boolean tight = ((org.commonmark.node.ListBlock) list).isTight();
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      String marker = list instanceof OrderedList o
          ? (number++) + String.valueOf(o.getDelimiter() == 0 ? '.' : o.getDelimiter()) + " "
          : BULLETS[Math.min(depth, BULLETS.length - 1)];
      if (!tight && !out.isEmpty()) {
        out.add(List.of());
      }
      out.addAll(item(item, width, base, depth, marker));
    }
    return out;
  }

  private List<List<Span>> item(Node item, int width, AttributedStyle base, int depth,
      String marker) {
    String indent = " ".repeat(marker.length());
    List<List<Span>> out = new ArrayList<>();
    boolean first = true;
    for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
      List<List<Span>> lines;
      if (child instanceof BulletList || child instanceof OrderedList) {
        lines = list(child, width - indent.length(), base, depth + 1);
      } else if (child instanceof Paragraph p && first) {
        List<Span> text = inline(p, base);
        String task = taskMarker(text);
        if (task != null) {
          text = dropPrefix(text, 4);
          List<Span> firstPrefix = List.of(Span.of(marker, DIM), Span.of(task, base));
          return withRest(wrapper.wrap(text, width, firstPrefix,
              List.of(Span.plain(indent + "  "))), item, p, width, base, depth, indent);
        }
        lines = wrapper.wrap(text, width, List.of(Span.of(marker, DIM)),
            List.of(Span.plain(indent)));
        out.addAll(lines);
        first = false;
        continue;
      } else {
        lines = block(child, width - indent.length(), base);
      }
      boolean markerLine = first;
      for (List<Span> line : lines) {
        List<Span> l = new ArrayList<>();
        l.add(markerLine ? Span.of(marker, DIM) : Span.plain(indent));
        markerLine = false;
        l.addAll(line);
        out.add(l);
      }
      first = false;
    }
    if (out.isEmpty()) {
      out.add(List.of(Span.of(marker, DIM)));
    }
    return out;
  }

  /** A task item's first paragraph, then the item's other children indented. */
  private List<List<Span>> withRest(List<List<Span>> head, Node item, Node firstPara, int width,
      AttributedStyle base, int depth, String indent) {
    List<List<Span>> out = new ArrayList<>(head);
    for (Node child = firstPara.getNext(); child != null; child = child.getNext()) {
      List<List<Span>> lines = child instanceof BulletList || child instanceof OrderedList
          ? list(child, width - indent.length(), base, depth + 1)
          : block(child, width - indent.length(), base);
      for (List<Span> line : lines) {
        List<Span> l = new ArrayList<>();
        l.add(Span.plain(indent));
        l.addAll(line);
        out.add(l);
      }
    }
    return out;
  }

  /** {@code ☐ } or {@code ☑ } for a GFM task item ({@code [ ] }, {@code [x] }), else null. */
  private static String taskMarker(List<Span> text) {
    if (text.isEmpty()) {
      return null;
    }
    String t = text.get(0).text();
    if (t.startsWith("[ ] ")) {
      return "☐ ";
    }
    if (t.startsWith("[x] ") || t.startsWith("[X] ")) {
      return "☑ ";
    }
    return null;
  }

  private static List<Span> dropPrefix(List<Span> text, int chars) {
    List<Span> out = new ArrayList<>(text);
    Span s = out.get(0);
    out.set(0, new Span(s.text().substring(chars), s.style(), s.link()));
    return out;
  }

  /** The inline content of {@code parent} as spans; hard breaks as {@code \n}. */
  List<Span> inline(Node parent, AttributedStyle base) {
    List<Span> out = new ArrayList<>();
    inline(parent, base, null, out);
    return out;
  }

  private void inline(Node parent, AttributedStyle style, String link, List<Span> out) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        out.add(new Span(t.getLiteral(), style, link));
      } else if (n instanceof Code c) {
        out.add(new Span(c.getLiteral(), merge(style, CODE), link));
      } else if (n instanceof Emphasis) {
        inline(n, style.italic(), link, out);
      } else if (n instanceof StrongEmphasis) {
        inline(n, style.bold(), link, out);
      } else if (n instanceof Strikethrough) {
        inline(n, style.crossedOut(), link, out);
      } else if (n instanceof SoftLineBreak) {
        out.add(new Span(" ", style, link));
      } else if (n instanceof HardLineBreak) {
        out.add(new Span("\n", style, null));
      } else if (n instanceof Link l) {
        link(l, l.getDestination(), style, out);
      } else if (n instanceof Image i) {
        out.add(new Span("[image: ", merge(style, DIM), null));
        inline(i, style, null, out);
        out.add(new Span("] (" + i.getDestination() + ")", merge(style, DIM), null));
      } else if (n instanceof HtmlInline h) {
        out.add(new Span(h.getLiteral(), merge(style, DIM), link));
      } else {
        inline(n, style, link, out);
      }
    }
  }

  private void link(Link l, String url, AttributedStyle style, List<Span> out) {
    int before = out.size();
    inline(l, merge(style, LINK), hyperlinks ? url : null, out);
    String text = new StringBuilder().append(out.subList(before, out.size()).stream()
        .map(Span::text).reduce("", String::concat)).toString();
    if (!hyperlinks && !text.equals(url) && !("mailto:" + text).equals(url)) {
      out.add(new Span(" (" + url + ")", merge(style, DIM), null));
    }
  }

  /** JLine's attribute bits (bold, faint, italic, underline, blink, inverse, conceal, crossed). */
  private static final long ATTRIBUTES = 0xFF;

  /**
   * {@code base} with {@code extra}'s attributes added; {@code extra}'s colours replace
   * {@code base}'s where it has any.
   */
  static AttributedStyle merge(AttributedStyle base, AttributedStyle extra) {
    long attrs = (base.getStyle() | extra.getStyle()) & ATTRIBUTES;
    boolean extraColours = (extra.getMask() & ~ATTRIBUTES) != 0;
    AttributedStyle colours = extraColours ? extra : base;
    return new AttributedStyle(attrs | colours.getStyle() & ~ATTRIBUTES,
        (base.getMask() | extra.getMask()) & ATTRIBUTES | colours.getMask() & ~ATTRIBUTES);
  }
}
