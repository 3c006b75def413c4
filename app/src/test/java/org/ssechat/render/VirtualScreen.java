package org.ssechat.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal terminal screen model for golden tests: prints grapheme clusters into cells
 * (wide ones take two), and understands {@code \n}, {@code \r}, erase-to-end-of-line
 * ({@code ESC [ K}), SGR ({@code ESC [ … m}, not kept) and OSC sequences such as OSC 8 hyperlinks
 * (not kept; their count is). Lines never wrap: a test fails if a line is wider than
 * {@code width} (the renderer must wrap, not the terminal).
 */
final class VirtualScreen {
  private final int width;
  private final DisplayWidth widths;
  private final List<StringBuilder> rows = new ArrayList<>();
  private final List<Integer> rowWidths = new ArrayList<>();
  private int col;
  int hyperlinks;
  int overflow;
  final List<String> overflowRows = new ArrayList<>();

  VirtualScreen(int width, DisplayWidth widths) {
    this.width = width;
    this.widths = widths;
    rows.add(new StringBuilder());
    rowWidths.add(0);
  }

  void feed(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\u001b') {
        i = escape(s, i);
        continue;
      }
      if (c == '\n') {
        rows.add(new StringBuilder());
        rowWidths.add(0);
        col = 0;
        i++;
        continue;
      }
      if (c == '\r') {
        col = 0;
        i++;
        continue;
      }
      int end = DisplayWidth.clusterEnd(s, i);
      int esc = s.indexOf('\u001b', i);
      int nl = indexOfAny(s, i);
      end = Math.min(end, Math.min(esc < 0 ? end : esc, nl < 0 ? end : nl));
      String cluster = s.substring(i, Math.max(end, i + 1));
      put(cluster, widths.cluster(cluster, 0, cluster.length()));
      i += cluster.length();
    }
  }

  private static int indexOfAny(String s, int from) {
    for (int k = from; k < s.length(); k++) {
      if (s.charAt(k) == '\n' || s.charAt(k) == '\r') {
        return k;
      }
    }
    return -1;
  }

  private int escape(String s, int i) {
    if (i + 1 >= s.length()) {
      return s.length();
    }
    char k = s.charAt(i + 1);
    if (k == '[') {
      int j = i + 2;
      while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7E)) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == 'K') {
        StringBuilder row = current();
        // cut the row at the cursor column
        String kept = cutAt(row.toString(), col);
        row.setLength(0);
        row.append(kept);
        rowWidths.set(rowWidths.size() - 1, col);
      }
      return j + 1;
    }
    if (k == ']') {
      if (s.startsWith("\u001b]8;;", i) && !s.startsWith("\u001b]8;;\u001b", i)) {
        hyperlinks++;
      }
      int st = s.indexOf("\u001b\\", i + 2);
      int bel = s.indexOf('\u0007', i + 2);
      int end = st < 0 ? bel : bel < 0 ? st + 1 : Math.min(st + 1, bel);
      return end < 0 ? s.length() : end + 1;
    }
    return i + 2;
  }

  private String cutAt(String row, int cells) {
    int w = 0;
    int i = 0;
    while (i < row.length() && w < cells) {
      int cp = row.codePointAt(i);
      w += Math.max(0, widths.codePoint(cp));
      i += Character.charCount(cp);
    }
    return row.substring(0, i);
  }

  private StringBuilder current() {
    return rows.get(rows.size() - 1);
  }

  private void put(String cluster, int w) {
    StringBuilder row = current();
    if (col < rowWidths.get(rowWidths.size() - 1)) {
      String kept = cutAt(row.toString(), col); // overwrite from the cursor on
      row.setLength(0);
      row.append(kept);
    }
    row.append(cluster);
    col += w;
    rowWidths.set(rowWidths.size() - 1, col);
    if (col > width) {
      overflow++;
      overflowRows.add(row.toString());
    }
  }

  /** The screen's text, trailing spaces and the empty last line dropped. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (StringBuilder r : rows) {
      sb.append(r.toString().stripTrailing()).append('\n');
    }
    String t = sb.toString();
    while (t.endsWith("\n\n")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
