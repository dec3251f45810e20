package dev.linli.core.internal;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.linli.core.LinliIoException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

/**
 * The one CSV writer of every module: RFC 4180 rows written by Jackson's CSV module (fields quoted
 * only when they need it), with {@code \n} line ends so the files diff cleanly. Thread-safe.
 *
 * <p>Rows go to a {@link CsvGenerator} as arrays of strings, the calls a {@code CsvMapper}'s
 * writer of {@code String[]} makes, without the mapper: building one is tens of milliseconds of a
 * command-line run that needs none, and its sequence writer flushed the file after every row.
 */
public final class Csv {
  private static final CsvFactory FACTORY = CsvFactory.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();
  private static final CsvSchema LINES = CsvSchema.emptySchema().withLineSeparator("\n");

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
    try (CsvGenerator g = generator(writer)) {
      cells(g, header);
      for (List<?> row : rows) {
        cells(g, row);
      }
    }
    writer.flush();
  }

  private static CsvGenerator generator(Writer writer) throws IOException {
    CsvGenerator g = FACTORY.createGenerator(writer);
    g.setSchema(LINES);
    return g;
  }

  /** One row: an array of strings, as the mapper's serializer of {@code String[]} wrote it. */
  private static void cells(CsvGenerator g, List<?> fields) throws IOException {
    g.writeStartArray();
    for (Object field : fields) {
      g.writeString(field == null ? "" : String.valueOf(field));
    }
    g.writeEndArray();
  }

  private static String line(List<?> fields) {
    StringWriter text = new StringWriter();
    try (CsvGenerator g = generator(text)) {
      cells(g, fields);
    } catch (IOException e) {
      throw new IllegalStateException("a row of strings always writes to a string", e);
    }
    return text.toString();
  }
}
