package dev.linli.core.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV text's rows as arrays of strings, each with the line it was read at, read token by token
 * from Jackson's CSV parser (every row an array, empty lines skipped).
 *
 * <p>The rows, the lines and what is thrown are those of the {@code CsvMapper} reader of
 * {@code String[]} values that {@link Tables} used before ({@code CsvRowsTest} compares them on
 * random texts), without the mapper: building one (its modules, date formats and the locale data
 * they load) and looking up its deserializer were a tenth of a command-line run that reads two CSV
 * files and needs no mapper otherwise. As that reader did, a failure inside a row (a quote left
 * open, bytes that are not UTF-8) is thrown as a {@link JsonProcessingException} with the parser's
 * location and message; a failure between rows as itself. Not thread-safe.
 */
final class CsvRows implements Closeable {
  private static final CsvFactory FACTORY = CsvFactory.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  private final CsvParser parser;
  private final List<String> cells = new ArrayList<>();
  private long line;
  private boolean done;

  /**
   * Starts reading.
   *
   * @param text the CSV text; closed with this
   * @throws IOException if the first token cannot be read
   */
  CsvRows(Reader text) throws IOException {
    parser = FACTORY.createParser(text);
    // The array that wraps the rows, as the mapper's reader took it before the first row.
    JsonToken first = parser.nextToken();
    done = first == null;
    if (first != null && first != JsonToken.START_ARRAY) {
      throw new IllegalStateException("the CSV parser wraps rows in an array, but began with "
          + first);
    }
  }

  /**
   * Reads the next row.
   *
   * @return its cells, or null after the last row
   * @throws IOException as described in the class comment
   */
  String[] next() throws IOException {
    if (done) {
      return null;
    }
    long before = parser.currentLocation().getLineNr();
    JsonToken t = parser.nextToken();
    if (t == null || t == JsonToken.END_ARRAY) {
      done = true;
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw new IllegalStateException("the CSV parser gives a row as an array, not " + t);
    }
    String[] row = cells();
    line = Math.max(before, parser.currentTokenLocation().getLineNr());
    return row;
  }

  /** The line of the row {@link #next} returned last. */
  long line() {
    return line;
  }

  /** The cells of the row begun, to its end; as the mapper's {@code String[]} deserializer. */
  private String[] cells() throws IOException {
    cells.clear();
    try {
      while (true) {
        String cell = parser.nextTextValue();
        if (cell == null) {
          JsonToken t = parser.currentToken();
          if (t == JsonToken.END_ARRAY) {
            break;
          }
          cell = t == JsonToken.VALUE_NULL ? null : parser.getText();
        }
        cells.add(cell);
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (Exception e) {
      // The mapper wrapped anything else thrown inside a row with its message and no location.
      String message = e.getMessage();
      throw new JsonParseException(null, message == null || message.isEmpty()
          ? "(was " + e.getClass().getName() + ")" : message, e);
    }
    return cells.toArray(new String[0]);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
