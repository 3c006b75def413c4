package org.ssechat.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Renders a streamed Markdown answer as it arrives, append-only.
 *
 * <p>Text is split into source lines. A top-level block (paragraph, heading, quote, table, one
 * list item) is handed to commonmark-java and printed once, when it is complete: at a blank line,
 * at the line that starts the next block, at the next top-level list item, at the end. Fenced
 * code is printed line by line as each line completes, highlighted. The unfinished line is shown
 * in a <em>live line</em> — the one place that is re-drawn ({@code \r}, erase line) — and is
 * cleared before anything is committed above it. Nothing printed is ever re-drawn, the cursor
 * position is never asked for, and the width is read again for every block (so a resize applies
 * from the next block on).
 *
 * <p>Without ANSI (a dumb terminal) there is no live line: blocks appear when complete.
 *
 * <p>States: {@code NONE} between blocks; {@code PARAGRAPH} (also quotes and HTML),
 * {@code LIST}, {@code TABLE} collecting lines; {@code FENCE} inside fenced code.
 *
 * <p>Text must already be sanitized ({@code TerminalText}): styles and hyperlinks are ours alone.
 * Not thread-safe.
 */
public final class MarkdownStream {

  /** How answers are drawn: the terminal's width, widths of characters, hyperlinks. */
  public record Look(IntSupplier width, IntSupplier height, DisplayWidth widths,
      boolean hyperlinks) {}

  private enum State { NONE, PARAGRAPH, LIST, TABLE, FENCE }

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
      StrikethroughExtension.create(), AutolinkExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})(.*)$");
  private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}(\\s.*)?$");
  private static final Pattern BREAK = Pattern.compile("^ {0,3}([-*_])(\\s*\\1){2,}\\s*$");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)\\s*$");
  private static final Pattern ITEM = Pattern.compile("^ ?([-*+]|\\d{1,9}[.)])(\\s.*|)$");
  private static final String ERASE_LINE = "\r\u001b[K";

  private final PrintWriter out;
  private final boolean ansi;
  private final Look look;
  private final AttributedStyle base;
  private final BlockRenderer renderer;
  private final CodeBlocks code;

  /** The SGR codes of {@code base}, or null when it needs none (plain style, or no ANSI). */
  private final String[] baseCodes;
  private final StringBuilder line = new StringBuilder();
  /** Where the live line's text is copied to be written. */
  private char[] chars = new char[256];
  private final StringBuilder block = new StringBuilder();
  private State state = State.NONE;
  private boolean gap;
  private boolean liveShown;
  private char listKind;
  private int tableRows;
  private String tableHead;
  private int headLines;

  private String fence;
  private int fenceIndent;
  private Highlighter highlighter;
  private int highlightState;

  /**
   * @param out  where lines go
   * @param ansi whether to style, and to show the live line
   * @param look width, height and character widths
   * @param base the base style (faint for reasoning)
   */
  public MarkdownStream(PrintWriter out, boolean ansi, Look look, AttributedStyle base) {
    this.out = out;
    this.ansi = ansi;
    this.look = look;
    this.base = base;
    this.renderer = new BlockRenderer(look.widths(), ansi && look.hyperlinks());
    this.code = new CodeBlocks(look.widths());
    this.baseCodes = ansi && !base.equals(AttributedStyle.DEFAULT) ? sgr(base) : null;
  }

  /** The fenced and indented code blocks of a Markdown text, in order (for {@code /copy N}). */
  public static List<String> codeBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    PARSER.parse(markdown).accept(new org.commonmark.node.AbstractVisitor() {
      @Override
      public void visit(org.commonmark.node.FencedCodeBlock b) {
        blocks.add(b.getLiteral());
      }

      @Override
      public void visit(org.commonmark.node.IndentedCodeBlock b) {
        blocks.add(b.getLiteral());
      }
    });
    return blocks;
  }

  /** More of the answer. */
  public void append(CharSequence text) {
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line.append(text, start, i);
        String complete = line.toString();
        line.setLength(0);
        clearLive();
        completed(complete.endsWith("\r") ? complete.substring(0, complete.length() - 1)
            : complete);
        start = i + 1;
      }
    }
    line.append(text, start, text.length());
    showLive();
    out.flush();
  }

  /** The answer ended: prints what is still open. */
  public void finish() {
    clearLive();
    if (line.length() > 0) {
      String rest = line.toString();
      line.setLength(0);
      completed(rest);
    }
    if (state == State.FENCE) {
      emit(code.bottom(width()));
      state = State.NONE;
    }
    flush();
    out.flush();
  }

  private void completed(String l) {
    if (state == State.FENCE) {
      fenceLine(l);
      return;
    }
    if (l.isBlank()) {
      flush();
      return;
    }
    var f = FENCE.matcher(l);
    if (f.matches() && !(f.group(2).charAt(0) == '`' && f.group(3).contains("`"))) {
      flush();
      openFence(f.group(1).length(), f.group(2), f.group(3));
      return;
    }
    if (state == State.PARAGRAPH && SETEXT.matcher(l).matches()) {
      block.append(l).append('\n');
      flush();
      return;
    }
    if (ATX.matcher(l).matches() || BREAK.matcher(l).matches()) {
      flush();
      block.append(l).append('\n');
      flush();
      return;
    }
    if (ITEM.matcher(l).matches() && (state != State.PARAGRAPH || bulletOrOne(l))) {
      char kind = listKind(l);
      if (state == State.LIST && kind == listKind) {
        flushItem();
      } else {
        flush(); // another kind of marker starts another list (CommonMark 5.3)
      }
      listKind = kind;
      state = State.LIST;
      block.append(l).append('\n');
      return;
    }
    if (state == State.TABLE) {
      if (l.contains("|")) {
        block.append(l).append('\n');
        tableRows++;
        if (tableRows > Math.max(4, look.height().getAsInt() - 3) && headLines > 0) {
          flushTablePart();
        } else if (tableRows == 2 && tableHead == null) {
          tableHead = block.toString();
          headLines = 2;
        }
        return;
      }
      flush();
    }
    if (state == State.NONE) {
      state = l.stripLeading().startsWith("|") ? State.TABLE : State.PARAGRAPH;
      tableRows = state == State.TABLE ? 1 : 0;
      tableHead = null;
      headLines = 0;
    }
    block.append(l).append('\n');
  }

  /** The bullet character, or the delimiter of an ordered item. */
  private static char listKind(String l) {
    String t = l.stripLeading();
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    return t.charAt(i);
  }

  /** An item may interrupt a paragraph if it is a bullet or starts at 1 (CommonMark 5.2). */
  private static boolean bulletOrOne(String l) {
    String t = l.stripLeading();
    return !Character.isDigit(t.charAt(0)) || t.startsWith("1.") || t.startsWith("1)");
  }

  private void openFence(int indent, String marker, String info) {
    fence = marker;
    fenceIndent = indent;
    highlighter = Highlighter.forLanguage(info.strip());
    highlightState = Highlighter.START;
    gapBefore();
    emit(code.top(highlighter, width()));
    state = State.FENCE;
  }

  private void fenceLine(String l) {
    String t = l.stripLeading();
    if (l.length() - t.length() <= 3 && t.startsWith(fence) && t.chars().allMatch(
        c -> c == fence.charAt(0) || c == ' ' || c == '\t')) {
      emit(code.bottom(width()));
      state = State.NONE;
      gap = true;
      return;
    }
    emit(code.cut(highlightLine(l), width()));
  }

  private List<Span> highlightLine(String l) {
    int strip = 0;
    while (strip < fenceIndent && strip < l.length() && l.charAt(strip) == ' ') {
      strip++;
    }
    List<Span> spans = new ArrayList<>();
    highlightState = highlighter.highlight(l.substring(strip), highlightState, spans);
    return spans;
  }

  /** Renders and prints the collected block; a blank line goes before the next one. */
  private void flush() {
    if (block.length() > 0) {
      gapBefore();
      String text = block.toString();
      if (state == State.TABLE && tableHead != null && !text.startsWith(tableHead)) {
        render(tableHead + text, headLines); // the last rows of a table printed in parts
      } else {
        render(text, 0);
      }
      block.setLength(0);
      gap = true;
    }
    state = State.NONE;
  }

  /** The next top-level list item begins: print the finished one, no gap (a tight list). */
  private void flushItem() {
    gapBefore();
    render(block.toString(), 0);
    block.setLength(0);
  }

  /** A table taller than the screen: print its rows so far; later rows keep its head. */
  private void flushTablePart() {
    gapBefore();
    String text = block.toString();
    boolean continuation = !text.startsWith(tableHead);
    render(continuation ? tableHead + text : text, continuation ? headLines : 0);
    block.setLength(0);
    tableRows = 0;
  }

  private void render(String markdown, int skipHeadRows) {
    Node doc = PARSER.parse(markdown);
    List<List<Span>> lines = renderer.blocks(doc, width(), base);
    int skip = skipHeadRows;
    for (List<Span> l : lines) {
      if (skip-- > 0) {
        continue;
      }
      emit(l);
    }
  }

  private void gapBefore() {
    if (gap) {
      out.println();
      gap = false;
    }
  }

  private int width() {
    int w = look.width().getAsInt();
    return w <= 0 ? 80 : w;
  }

  private void emit(List<Span> spans) {
    out.print(toText(spans));
    out.println();
  }

  /** {@code spans} as ANSI (styles, OSC 8 hyperlinks) or as plain text. */
  String toText(List<Span> spans) {
    StringBuilder sb = new StringBuilder();
    for (Span s : spans) {
      if (!ansi) {
        sb.append(s.text());
        continue;
      }
      if (s.link() != null) {
        sb.append("\u001b]8;;").append(s.link()).append("\u001b\\");
      }
      if (s.style().equals(AttributedStyle.DEFAULT)) {
        sb.append(s.text());
      } else {
        String[] codes = sgr(s.style());
        sb.append(codes[0]).append(s.text()).append(codes[1]);
      }
      if (s.link() != null) {
        sb.append("\u001b]8;;\u001b\\");
      }
    }
    return sb.toString();
  }

  private static final java.util.Map<AttributedStyle, String[]> SGR =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The SGR codes that start and end {@code style}, from JLine (its {@code toAnsi} would also
   * turn box-drawing characters into ASCII, so it styles a placeholder and the text goes between).
   */
  private static String[] sgr(AttributedStyle style) {
    return SGR.computeIfAbsent(style, st -> {
      String a = new AttributedString("X", st).toAnsi(256, AttributedCharSequence.ForceMode.None);
      int x = a.indexOf('X');
      return new String[] {a.substring(0, x), a.substring(x + 1)};
    });
  }

  /** Draws the unfinished line: its last cells, if it is wider than the terminal. */
  private void showLive() {
    if (!ansi || line.length() == 0) {
      return;
    }
    int room = width() - 1;
    out.print(ERASE_LINE);
    if (state == State.FENCE) {
      int saved = highlightState;
      out.print(toText(code.cut(highlightLine(line.toString()), room + 1)));
      highlightState = saved;
    } else {
      showTail(room);
    }
    liveShown = true;
  }

  /**
   * Writes the end of the live line that fits {@code room} cells, led by {@code …} if cut, in
   * the base style: walked from the end, so it costs the width of the terminal however long the
   * line is, and written straight from the line, with nothing allocated per delta.
   */
  private void showTail(int room) {
    StringBuilder s = line;
    DisplayWidth widths = look.widths();
    int used = 0;
    int i = s.length();
    while (i > 0) {
      int cp = Character.codePointBefore(s, i);
      int w = Math.max(0, widths.codePoint(cp));
      if (used + w > room) {
        break;
      }
      used += w;
      i -= Character.charCount(cp);
    }
    int start = i;
    if (i > 0) {
      // make room for the ellipsis, and do not start inside a cluster (a mark, a ZWJ sequence)
      while (used > room - 1 && start < s.length()) {
        int cp = Character.codePointAt(s, start);
        used -= Math.max(0, widths.codePoint(cp));
        start += Character.charCount(cp);
      }
      while (start < s.length() && (widths.codePoint(Character.codePointAt(s, start)) <= 0
          || Character.isWhitespace(Character.codePointAt(s, start)))) {
        start += Character.charCount(Character.codePointAt(s, start));
      }
    }
    if (baseCodes != null) {
      out.print(baseCodes[0]);
    }
    if (i > 0) {
      out.print('…');
    }
    int n = s.length() - start;
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    s.getChars(start, s.length(), chars, 0);
    out.write(chars, 0, n);
    if (baseCodes != null) {
      out.print(baseCodes[1]);
    }
  }

  private void clearLive() {
    if (liveShown) {
      out.print(ERASE_LINE);
      liveShown = false;
    }
  }
}
