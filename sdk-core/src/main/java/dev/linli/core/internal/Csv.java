package dev.linli.core.internal;

import dev.linli.core.LinliIoException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The one CSV writer of every module: RFC 4180 rows written by Jackson's CSV module (fields quoted
 * only when they need it), with {@code \n} line ends so the files diff cleanly. Thread-safe.
 */
public final class Csv {
  private static final ObjectWriter ROW = new CsvMapper().writerFor(String[].class)
      .with(CsvSchema.emptySchema().withLineSeparator("\n"))
      .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);

  private Csv() {}

  /**
   * Writes one row.
   *
   * @param out where to write
   * @param fields the fields, each written with {@link String#valueOf(Object)}, null as empty
   * @throws LinliIoException if {@code out} fails
   */
  public static void row(Appendable out, List<?> fields) {
    try {
      out.append(line(fields));
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Writes a header and rows, then flushes.
   *
   * @param writer where to write; flushed, not closed
   * @param header the column names
   * @param rows the cells of each row
   * @throws IOException if writing fails
   */
  public static void write(Writer writer, List<String> header, List<? extends List<?>> rows)
      throws IOException {
    // One generator for the whole file: a generator per row (as row() makes) cost more than the
    // row's text in a report of thousands of rows.
    try (SequenceWriter lines = ROW.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValues(writer)) {
      lines.write(cells(header));
      for (List<?> row : rows) {
        lines.write(cells(row));
      }
    }
    writer.flush();
  }

  private static String[] cells(List<?> fields) {
    String[] cells = new String[fields.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = fields.get(i) == null ? "" : String.valueOf(fields.get(i));
    }
    return cells;
  }

  private static String line(List<?> fields) {
    String[] cells = cells(fields);
    try {
      return ROW.writeValueAsString(cells);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a row of strings always serialises", e);
    }
  }
}
