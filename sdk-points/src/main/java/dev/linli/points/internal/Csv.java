package dev.linli.points.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * RFC 4180 output for the ledger's reports: fields quoted only when they need it, CRLF-free
 * ({@code \n}) lines so the files diff cleanly. Stateless.
 */
public final class Csv {
  private Csv() {}

  /**
   * Writes one row.
   *
   * @param out where to write
   * @param fields the fields, each written with {@link String#valueOf(Object)}
   * @throws UncheckedIOException if {@code out} fails
   */
  public static void row(Appendable out, List<?> fields) {
    try {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(quote(fields.get(i) == null ? "" : String.valueOf(fields.get(i))));
      }
      out.append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Quotes a field if it holds a comma, quote, newline, or leading/trailing space.
   *
   * @param field the text
   * @return the text as a CSV field
   */
  public static String quote(String field) {
    boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
        || field.indexOf('\r') >= 0 || (!field.isEmpty()
            && (Character.isWhitespace(field.charAt(0))
                || Character.isWhitespace(field.charAt(field.length() - 1))));
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
