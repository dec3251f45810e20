package dev.linli.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON document reader of every module: reads a document into a tree, checks the
 * {@code "format"} and {@code "version"} of Linli's versioned documents (taxonomies, standards,
 * weights, earning rules, booking rules and configurations…) and maps trees to records, turning
 * every failure into a {@link DataFormatException} naming the file and the JSON path. Thread-safe.
 */
public final class JsonDocuments {
  /** The document version this release reads and writes. */
  public static final int VERSION = 1;

  /** What every reader says of bytes that are not UTF-8. */
  public static final String NOT_UTF8 =
      "is not valid UTF-8; save the file as UTF-8 (Excel: \"CSV UTF-8\"), not GBK";
  private static final String BOM = "\uFEFF";

  private JsonDocuments() {}

  /**
   * Reads one whole JSON document as a tree.
   *
   * @param in the bytes; not closed
   * @param source a name for messages
   * @return the root, never null
   * @throws DataFormatException if the bytes are not one JSON value
   */
  public static JsonNode readTree(InputStream in, String source) {
    try {
      JsonNode tree = JsonMapping.mapper(false).readTree(NonClosing.input(in));
      if (tree == null || tree.isMissingNode()) {
        throw new DataFormatException(List.of(new Problem(source, 1, "$",
            "the file is empty; it must hold one JSON document")));
      }
      return tree;
    } catch (IOException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, 0, "$")));
    }
  }

  /**
   * Reads one JSON value from one line of a JSON-lines file.
   *
   * @param text the line
   * @param source the file name
   * @param line the 1-based line number
   * @return the value, never null
   * @throws DataFormatException if the line is not one JSON value
   */
  public static JsonNode readLine(String text, String source, long line) {
    try {
      return JsonMapping.mapper(false).readTree(text);
    } catch (IOException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, line, "$")));
    }
  }

  /**
   * One value of a JSON-lines file.
   *
   * @param number the 1-based line number
   * @param value the line's JSON value
   */
  public record Line(long number, JsonNode value) {}

  /**
   * Reads a JSON-lines file: one JSON value a line, blank lines skipped, a UTF-8 byte-order mark
   * before the first line allowed. Every bad line is reported, not only the first.
   *
   * @param in UTF-8 bytes; not closed
   * @param source the file name
   * @return the values with their line numbers, in file order
   * @throws DataFormatException naming the line of every value that is not JSON
   */
  public static List<Line> readLines(InputStream in, String source) {
    List<Line> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(NonClosing.input(in),
        StandardCharsets.UTF_8.newDecoder()))) {
      String text;
      long n = 0;
      while ((text = r.readLine()) != null) {
        n++;
        if (n == 1 && text.startsWith(BOM)) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        try {
          out.add(new Line(n, readLine(text, source, n)));
        } catch (DataFormatException e) {
          problems.addAll(e.problems());
        }
      }
    } catch (CharacterCodingException e) {
      problems.add(new Problem(source, 0, "", NOT_UTF8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return out;
  }

  /**
   * Checks a versioned document's {@code format} and {@code version} and returns its other fields.
   *
   * @param root the document
   * @param source a name for messages
   * @param format the expected {@code format}
   * @return a copy of the object without {@code format}, {@code version} and {@code comment}
   * @throws DataFormatException naming each header field at fault
   */
  public static ObjectNode fields(JsonNode root, String source, String format) {
    if (!root.isObject()) {
      throw new DataFormatException(List.of(new Problem(source, 1, "$",
          "must be a JSON object with \"format\": \"" + format + "\" and \"version\": " + VERSION)));
    }
    ObjectNode copy = ((ObjectNode) root).deepCopy();
    List<Problem> problems = new ArrayList<>();
    JsonNode v = copy.remove("version");
    if (v == null || !v.isInt() || v.asInt() != VERSION) {
      problems.add(new Problem(source, 0, "$.version", "must be " + VERSION
          + ", the version this release reads (got " + (v == null ? "nothing" : v) + ")"));
    }
    JsonNode f = copy.remove("format");
    if (f == null || !f.isTextual() || !f.asText().equals(format)) {
      problems.add(new Problem(source, 0, "$.format",
          "must be \"" + format + "\" (got " + (f == null ? "nothing" : f) + ")"));
    }
    copy.remove("comment");
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return copy;
  }

  /**
   * Maps a tree to a value.
   *
   * @param node the tree
   * @param type the value's class
   * @param source a name for messages
   * @param line the line to report, or 0
   * @param path the JSON path of {@code node}, such as {@code $.rules[2]}
   * @param lenient whether unknown fields are ignored
   * @param <T> the value's type
   * @return the value
   * @throws DataFormatException naming the JSON path of the problem
   */
  public static <T> T toValue(JsonNode node, Class<T> type, String source, long line, String path,
      boolean lenient) {
    return toValue(node, type, source, line, path, lenient, false);
  }

  private static <T> T toValue(JsonNode node, Class<T> type, String source, long line, String path,
      boolean lenient, boolean lenientReadOffered) {
    try {
      return JsonMapping.mapper(lenient).treeToValue(node, type);
    } catch (IOException | IllegalArgumentException | InvalidValueException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, line, path,
          lenientReadOffered)));
    }
  }

  /**
   * Reads one versioned document.
   *
   * @param in the bytes; not closed
   * @param source a name for messages
   * @param format the expected {@code format}
   * @param type the value's class
   * @param lenient whether unknown fields are ignored
   * @param <T> the value's type
   * @return the value
   * @throws DataFormatException naming the JSON path of each problem
   */
  public static <T> T read(InputStream in, String source, String format, Class<T> type,
      boolean lenient) {
    return toValue(fields(readTree(in, source), source, format), type, source, 0, "$", lenient,
        true);
  }

  /**
   * Reads one versioned document whose number and boolean fields may be left out, taking 0 or
   * false; an explicit {@code null} for one of them is refused.
   *
   * @param in the bytes; not closed
   * @param source a name for messages
   * @param format the expected {@code format}
   * @param type the record's class
   * @param <T> the record's type
   * @return the value
   * @throws DataFormatException naming the JSON path of each problem
   */
  public static <T extends Record> T readWithDefaults(InputStream in, String source, String format,
      Class<T> type) {
    ObjectNode fields = fields(readTree(in, source), source, format);
    List<Problem> problems = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      JsonNode v = fields.get(c.getName());
      if (c.getType().isPrimitive() && v != null && v.isNull()) {
        problems.add(new Problem(source, 0, "$." + c.getName(), "must be "
            + (c.getType() == boolean.class ? "true or false" : "a number")
            + "; leave the field out for the default"));
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    try {
      return JsonMapping.defaulting().treeToValue(fields, type);
    } catch (IOException | IllegalArgumentException | InvalidValueException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, 0, "$", false)));
    }
  }

  /**
   * Writes one document, indented.
   *
   * @param value the value
   * @param format its {@code format}
   * @return the JSON text
   */
  public static String write(Object value, String format) {
    ObjectMapper mapper = JsonMapping.mapper(false);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", format);
    root.put("version", VERSION);
    root.setAll((ObjectNode) mapper.valueToTree(value));
    return write(root);
  }

  /**
   * Writes a tree, indented, with a final line end.
   *
   * @param root the tree
   * @return the JSON text
   */
  public static String write(JsonNode root) {
    try {
      return JsonMapping.mapper(false).writerWithDefaultPrettyPrinter().writeValueAsString(root)
          + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Reads a document bundled next to {@code anchor}.
   *
   * @param anchor a class in the resource's package
   * @param resource the resource name
   * @param format the expected format
   * @param type the value's class
   * @param <T> the value's type
   * @return the value
   */
  public static <T> T bundled(Class<?> anchor, String resource, String format, Class<T> type) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource missing: " + resource);
      }
      return read(in, resource, format, type, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
