package dev.linli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class CsvTest {
  /** Cells that need quoting (commas, quotes, line breaks, edge spaces) as well as plain ones. */
  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> cell = Arbitraries.strings().withChars("ab ,\"\n\r;中-1.").ofMaxLength(6);
    return cell.list().ofMinSize(1).ofMaxSize(5).list().ofMaxSize(6);
  }

  @Property(tries = 1000)
  void write_isTheRowsWrittenOneByOne(@ForAll("tables") List<List<String>> rows)
      throws IOException {
    StringWriter whole = new StringWriter();
    Csv.write(whole, List.of("h1", "h,2"), rows);
    StringBuilder oneByOne = new StringBuilder();
    Csv.row(oneByOne, List.of("h1", "h,2"));
    rows.forEach(r -> Csv.row(oneByOne, r));
    assertEquals(oneByOne.toString(), whole.toString());
    boolean quoted = whole.toString().indexOf('"', 8) >= 0;
    Statistics.label("quoted").collect(quoted);
    Statistics.label("quoted").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  /** What the mapper's writer of {@code String[]} wrote, the way Csv wrote rows before. */
  private static String throughTheMapper(List<String> header, List<List<String>> rows)
      throws IOException {
    StringWriter out = new StringWriter();
    try (com.fasterxml.jackson.databind.SequenceWriter lines =
        new com.fasterxml.jackson.dataformat.csv.CsvMapper().writerFor(String[].class)
            .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema()
                .withLineSeparator("\n"))
            .with(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature
                .STRICT_CHECK_FOR_QUOTING)
            .writeValues(out)) {
      lines.write(header.toArray(new String[0]));
      for (List<String> row : rows) {
        lines.write(row.toArray(new String[0]));
      }
    }
    return out.toString();
  }

  @Property(tries = 1000)
  void write_isWhatTheMappersWriterWrote(@ForAll("tables") List<List<String>> rows)
      throws IOException {
    StringWriter whole = new StringWriter();
    Csv.write(whole, List.of("h1", "h,2"), rows);
    assertEquals(throughTheMapper(List.of("h1", "h,2"), rows), whole.toString());
    StringBuilder oneRow = new StringBuilder();
    Csv.row(oneRow, rows.isEmpty() ? List.of() : rows.get(0));
    assertEquals(throughTheMapper(rows.isEmpty() ? List.of() : rows.get(0), List.of()),
        oneRow.toString());
  }

  @Test
  void write_flushes_andLeavesTheWriterOpen() throws IOException {
    List<String> events = new ArrayList<>();
    Writer writer = new StringWriter() {
      @Override
      public void flush() {
        events.add("flush");
      }

      @Override
      public void close() {
        events.add("close");
      }
    };
    Csv.write(writer, List.of("a"), List.of(List.of("x y"), java.util.Arrays.asList("z", null)));
    assertEquals("a\nx y\nz,\n", writer.toString());
    assertFalse(events.contains("close"), events.toString());
    assertEquals("flush", events.get(events.size() - 1));
  }
}
