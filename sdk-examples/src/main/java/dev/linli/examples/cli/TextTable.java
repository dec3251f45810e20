package dev.linli.examples.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns; counts CJK characters as two columns wide so that Chinese
 * names line up in a terminal.
 */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final List<Object[]> values = new ArrayList<>();
  private final boolean[] rightAligned;

  /**
   * Creates a table with a header row.
   *
   * @param header column titles; a title starting with {@code >} is right-aligned (numbers)
   */
  TextTable(String... header) {
    rightAligned = new boolean[header.length];
    String[] titles = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      rightAligned[i] = header[i].startsWith(">");
      titles[i] = rightAligned[i] ? header[i].substring(1) : header[i];
    }
    rows.add(titles);
  }

  TextTable row(Object... cells) {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = String.valueOf(cells[i]);
    }
    rows.add(text);
    values.add(cells.clone());
    return this;
  }

  /** The column titles, without the {@code >} of right-aligned ones. */
  List<String> header() {
    return List.of(rows.get(0));
  }

  /** The rows as given to {@link #row}, numbers still numbers. */
  List<Object[]> values() {
    return values;
  }

  String render() {
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], width(r[i]));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        String pad = " ".repeat(widths[i] - width(r[i]));
        line.append(rightAligned[i] ? pad + r[i] : r[i] + pad).append("  ");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      if (n == 0) {
        StringBuilder rule = new StringBuilder("  ");
        for (int w : widths) {
          rule.append("-".repeat(w)).append("  ");
        }
        sb.append(rule.toString().stripTrailing()).append('\n');
      }
    }
    return sb.toString();
  }

  private static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // CJK ideographs, full-width forms and CJK punctuation take two terminal columns.
      w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00
          && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f)
          || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
    }
    return w;
  }
}
