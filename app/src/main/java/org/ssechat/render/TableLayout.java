package org.ssechat.render;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;
import org.jline.utils.AttributedStyle;

/**
 * GFM tables: columns as wide as their widest cell; when the table is wider than the terminal,
 * the widest columns give up cells first and cell text wraps inside its column (never cut, so
 * nothing is lost). Header bold, a rule under it, {@code │} between columns, cells aligned as the
 * delimiter row says.
 */
final class TableLayout {
  private static final AttributedStyle RULE = AttributedStyle.DEFAULT.faint();
  private static final String SEP = " │ ";
  private static final int MIN_COLUMN = 3;

  private final Wrapper wrapper;
  private final BlockRenderer inline;

  TableLayout(DisplayWidth widths, BlockRenderer inline) {
    this.wrapper = new Wrapper(widths);
    this.inline = inline;
  }

  private record Cell(List<Span> text, TableCell.Alignment align) {}

  List<List<Span>> render(Node table, int width, AttributedStyle base) {
    List<List<Cell>> rows = new ArrayList<>();
    int headerRows = 0;
    for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        List<Cell> cells = new ArrayList<>();
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
          TableCell tc = (TableCell) c;
          AttributedStyle s = tc.isHeader() ? base.bold() : base;
          cells.add(new Cell(inline.inline(tc, s), tc.getAlignment()));
        }
        rows.add(cells);
        if (section instanceof TableHead) {
          headerRows++;
        }
      }
    }
    int cols = rows.stream().mapToInt(List::size).max().orElse(0);
    if (cols == 0) {
      return List.of();
    }
    int[] w = new int[cols];
    for (List<Cell> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        w[i] = Math.max(w[i], Math.max(1, wrapper.widthOf(row.get(i).text())));
      }
    }
    shrink(w, width - SEP.length() * (cols - 1));
    List<List<Span>> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      out.addAll(row(rows.get(r), w));
      if (r == headerRows - 1) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols; i++) {
          rule.append(i == 0 ? "" : "─┼─").append("─".repeat(w[i]));
        }
        out.add(List.of(Span.of(rule.toString(), RULE)));
      }
    }
    return out;
  }

  /** Narrows the widest columns, one cell at a time, until the row fits {@code room}. */
  private static void shrink(int[] w, int room) {
    int total = 0;
    for (int x : w) {
      total += x;
    }
    while (total > room) {
      int widest = 0;
      for (int i = 1; i < w.length; i++) {
        if (w[i] > w[widest]) {
          widest = i;
        }
      }
      if (w[widest] <= MIN_COLUMN) {
        return; // as narrow as it goes: the terminal wraps what is left
      }
      w[widest]--;
      total--;
    }
  }

  private List<List<Span>> row(List<Cell> cells, int[] w) {
    List<List<List<Span>>> wrapped = new ArrayList<>();
    int height = 1;
    for (int i = 0; i < w.length; i++) {
      List<List<Span>> lines = i < cells.size()
          ? wrapper.wrap(cells.get(i).text(), w[i], List.of(), List.of()) : List.of(List.of());
      wrapped.add(lines);
      height = Math.max(height, lines.size());
    }
    List<List<Span>> out = new ArrayList<>();
    for (int line = 0; line < height; line++) {
      List<Span> l = new ArrayList<>();
      for (int i = 0; i < w.length; i++) {
        if (i > 0) {
          l.add(Span.of(SEP, RULE));
        }
        List<Span> text = line < wrapped.get(i).size() ? wrapped.get(i).get(line) : List.of();
        int pad = Math.max(0, w[i] - wrapper.widthOf(text));
        TableCell.Alignment a = i < cells.size() ? cells.get(i).align() : null;
        int left = a == TableCell.Alignment.RIGHT ? pad : a == TableCell.Alignment.CENTER
            ? pad / 2 : 0;
        if (left > 0) {
          l.add(Span.plain(" ".repeat(left)));
        }
        l.addAll(text);
        if (pad - left > 0 && i < w.length - 1) {
          l.add(Span.plain(" ".repeat(pad - left)));
        }
      }
      out.add(l);
    }
    return out;
  }
}
