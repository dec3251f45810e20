package dev.linli.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import dev.linli.core.Problem;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.internal.JsonMapping;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The strict JSON reader behind every Linli document, for applications that read JSON files of
 * their own (request lines, ballots, their own versioned documents) with the same rules: a key
 * given twice, anything after the value, bytes that are not UTF-8 and numbers out of range are
 * refused; a UTF-8 byte-order mark is accepted; every problem is a {@link Problem} naming the
 * source, the line and the JSON path. Stateless and thread-safe; streams passed in are not closed.
 *
 * <pre>{@code
 * List<StrictJson.Line> lines = StrictJson.readLines(in, "requests.jsonl");
 * for (StrictJson.Line line : lines) {
 *   problems.addAll(StrictJson.unknownFields(line.value(), Set.of("op", "resource"),
 *       "requests.jsonl", line.number()));
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class StrictJson {
  private StrictJson() {}

  /**
   * One value of a JSON-lines file.
   *
   * @param number the 1-based line number
   * @param value the line's JSON value, not null
   * @since 0.2.0
   */
  public record Line(long number, JsonNode value) {
    /**
     * Validates the fields.
     *
     * @throws InvalidValueException if {@code number} is below 1
     */
    public Line {
      InvalidValueException.check(number >= 1, "number", number, "must be a line number >= 1");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Reads one whole JSON document as a tree.
   *
   * @param in the UTF-8 bytes, not null; not closed
   * @param source a name for messages, such as the file name, not null
   * @return the root, never null
   * @throws DataFormatException if the bytes are not exactly one JSON value, naming the line
   * @throws LinliIoException if the stream cannot be read
   */
  public static JsonNode readTree(InputStream in, String source) {
    return JsonDocuments.readTree(Objects.requireNonNull(in, "in"),
        Objects.requireNonNull(source, "source"));
  }

  /**
   * Reads a JSON-lines file: one JSON value a line, blank lines skipped, a UTF-8 byte-order mark
   * before the first line allowed. Every bad line is reported, not only the first.
   *
   * @param in the UTF-8 bytes, not null; not closed
   * @param source a name for messages, not null
   * @return the values with their line numbers, in file order
   * @throws DataFormatException naming the line of every value that is not JSON
   * @throws LinliIoException if the stream cannot be read
   */
  public static List<Line> readLines(InputStream in, String source) {
    List<Line> out = new ArrayList<>();
    for (JsonDocuments.Line line : JsonDocuments.readLines(Objects.requireNonNull(in, "in"),
        Objects.requireNonNull(source, "source"))) {
      out.add(new Line(line.number(), line.value()));
    }
    return List.copyOf(out);
  }

  /**
   * Checks a versioned document's header, {@code "format": format} and
   * {@code "version": 1}, and that no field is an explicit {@code null}.
   *
   * @param root the document, not null
   * @param source a name for messages, not null
   * @param format the expected {@code format}, such as {@code "linli-ballot"}, not null
   * @return a copy of the object without {@code format}, {@code version} and {@code comment}
   * @throws DataFormatException naming each field at fault
   */
  public static ObjectNode versioned(JsonNode root, String source, String format) {
    return JsonDocuments.fields(Objects.requireNonNull(root, "root"),
        Objects.requireNonNull(source, "source"), Objects.requireNonNull(format, "format"));
  }

  /**
   * Returns a problem for every field of an object that is not allowed, each naming the field
   * and the allowed ones; nothing for a value that is not an object (left to the caller).
   *
   * @param node the value, not null
   * @param allowed the fields it may have, not null
   * @param source a name for messages, not null
   * @param line the line to report, or 0 for none
   * @return the problems, empty if none
   */
  public static List<Problem> unknownFields(JsonNode node, Set<String> allowed, String source,
      long line) {
    List<Problem> found = new ArrayList<>();
    JsonDocuments.unknownFields(Objects.requireNonNull(node, "node"),
        "$", Objects.requireNonNull(allowed, "allowed"), Objects.requireNonNull(source, "source"),
        found);
    List<Problem> out = new ArrayList<>();
    for (Problem p : found) {
      out.add(new Problem(p.source(), line, p.path(), p.message()));
    }
    return List.copyOf(out);
  }

  /**
   * Reads an optional whole-number field of an int's range: a fraction or a number out of range
   * is refused, never rounded or wrapped as {@link JsonNode#asInt()} would, and so is an explicit
   * {@code null} (leave the field out instead).
   *
   * @param node the object, not null
   * @param field the field, not null
   * @param absent the value when the field is missing
   * @return the value
   * @throws InvalidValueException if the field is not a whole number from
   *     {@link Integer#MIN_VALUE} to {@link Integer#MAX_VALUE}
   */
  public static int intField(JsonNode node, String field, int absent) {
    Objects.requireNonNull(field, "field");
    JsonNode v = Objects.requireNonNull(node, "node").get(field);
    InvalidValueException.check(v == null || !v.isNull(), field, "null",
        "must not be null; leave the field out instead");
    return JsonDocuments.intField(node, field, absent);
  }

  /**
   * Parses a duration in the one form Linli's documents and schemas use: ISO-8601, upper case,
   * unsigned, with days, hours, minutes and seconds (up to nine decimals), such as {@code PT1H30M}
   * or {@code P7D}. {@link Duration#parse} alone would also take {@code pt1h}, {@code -PT1H} and
   * {@code PT1,5S}.
   *
   * @param text the text, not null
   * @param field the field, for the message, not null
   * @return the duration, never negative
   * @throws InvalidValueException naming the field, the value and the form allowed
   */
  public static Duration duration(String text, String field) {
    return JsonMapping.duration(Objects.requireNonNull(text, "text"),
        Objects.requireNonNull(field, "field"));
  }
}
