package dev.linli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class CsvRowsTest {
  /** The reader Tables used before: the mapper's reader of String[] values, line by line. */
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  private static Reader utf8(byte[] bytes) {
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  /** Each row with its line, then how the reading ended, as Tables sees it. */
  static List<String> throughTheMapper(byte[] bytes) {
    List<String> out = new ArrayList<>();
    try (Reader reader = utf8(bytes);
        MappingIterator<String[]> rows = MAPPER.readerFor(String[].class).readValues(reader)) {
      while (true) {
        long line = rows.getCurrentLocation().getLineNr();
        if (!rows.hasNextValue()) {
          break;
        }
        String[] cells = rows.nextValue();
        line = Math.max(line, rows.getParser().currentTokenLocation().getLineNr());
        out.add(line + " " + Arrays.toString(cells));
      }
      out.add("end");
    } catch (JsonProcessingException e) {
      out.add(failure(e));
    } catch (IOException e) {
      out.add(e.getClass().getName() + ": " + e.getMessage());
    }
    return out;
  }

  static List<String> throughCsvRows(byte[] bytes) {
    List<String> out = new ArrayList<>();
    try (Reader reader = utf8(bytes); CsvRows rows = new CsvRows(reader)) {
      for (String[] cells = rows.next(); cells != null; cells = rows.next()) {
        out.add(rows.line() + " " + Arrays.toString(cells));
      }
      out.add("end");
    } catch (JsonProcessingException e) {
      out.add(failure(e));
    } catch (IOException e) {
      out.add(e.getClass().getName() + ": " + e.getMessage());
    }
    return out;
  }

  /** What Tables takes from a CSV syntax error: its line and its message. */
  private static String failure(JsonProcessingException e) {
    return "malformed at line " + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
        + ": " + e.getOriginalMessage();
  }

  /**
   * CSV texts with quoted cells, quotes left open or followed by text, line breaks of every
   * kind inside and between rows, empty lines, spaces, Chinese text, a byte-order mark and bytes
   * that are not UTF-8.
   */
  @Provide
  Arbitrary<byte[]> texts() {
    Arbitrary<String> piece = Arbitraries.of("a", "bc", ",", "\"", "\"\"", "\"x,y\"", "\n",
        "\r\n", "\r", " ", "中文", "\n\n", "1.5", "\"a\nb\"", "\uFEFF");
    return piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces))
        .flatMap(text -> Arbitraries.integers().between(-1, 3).map(bad -> {
          byte[] b = text.getBytes(StandardCharsets.UTF_8);
          if (bad < 0 || b.length == 0) {
            return b;
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          int at = b.length * bad / 4;
          out.write(b, 0, at);
          out.write(0xff);
          out.write(b, at, b.length - at);
          return bad == 0 || bad == 3 ? b : out.toByteArray(); // two fifths: a byte not UTF-8
        }));
  }

  @Property(tries = 3000)
  void sameRowsLinesAndFailures_asTheMappersReader(@ForAll("texts") byte[] text) {
    List<String> expected = throughTheMapper(text);
    assertEquals(expected, throughCsvRows(text));
    String last = expected.get(expected.size() - 1);
    Statistics.label("ending").collect(ending(last));
    Statistics.label("rows").collect(expected.size() > 3 ? "more than 2" : "up to 2");
    Statistics.label("ending").coverage(c -> {
      c.check("end").percentage(p -> p > 20);
      c.check("malformed").percentage(p -> p > 10);
      c.check("not UTF-8").percentage(p -> p > 5);
    });
    Statistics.label("rows").coverage(c -> c.check("more than 2").percentage(p -> p > 10));
  }

  private static String ending(String last) {
    return last.equals("end") ? "end"
        : last.startsWith("malformed at line 0") ? "inside a row, without a line"
        : last.startsWith("malformed") ? "malformed"
        : last.contains("MalformedInput") ? "not UTF-8" : "other";
  }

  /**
   * Texts longer than the reader's buffer with a byte that is not UTF-8 far into them: the
   * decoder then fails while the parser is inside a row as well as between rows.
   */
  @Property(tries = 300)
  void longTexts_sameFailures_insideRowsAndBetween(@ForAll("texts") byte[] rows,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 9_000, max = 40_000) int badAt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] row = rows.length == 0 ? new byte[] {'a', '\n'} : rows;
    while (out.size() < 45_000) {
      out.write(row, 0, row.length);
      out.write('\n');
    }
    byte[] text = out.toByteArray();
    text[badAt] = (byte) 0xff;
    List<String> expected = throughTheMapper(text);
    assertEquals(expected, throughCsvRows(text));
    Statistics.label("ending").collect(ending(expected.get(expected.size() - 1)));
    Statistics.label("ending").coverage(c -> {
      c.check("inside a row, without a line").percentage(p -> p > 5);
      c.check("not UTF-8").percentage(p -> p > 5);
    });
  }

  /** A row with a quoted line break is reported at its last line, as before. */
  @Test
  void linesOfRows_afterQuotedLineBreaksAndEmptyLines() throws IOException {
    byte[] text = "h1,h2\n\n\"a\nb\",c\r\nd,e\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("1 [h1, h2]", "4 [a\nb, c]", "5 [d, e]", "end"), throughCsvRows(text));
  }

  @Test
  void aQuoteLeftOpen_isMalformedWithItsLine() {
    byte[] text = "h1,h2\na,b\n\"c,d\ne,f\n".getBytes(StandardCharsets.UTF_8);
    List<String> read = throughCsvRows(text);
    assertEquals("2 [a, b]", read.get(1));
    assertEquals(3, read.size(), read.toString());
    assertEquals(true, read.get(2).startsWith("malformed at line 5"), read.toString());
  }
}
