package dev.linli.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Problem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.linli.core.LinliIoException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

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
    try (JsonParser p = JsonMapping.mapper(false).getFactory().createParser(NonClosing.input(in))) {
      return oneValue(p, source, 0);
    } catch (IOException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, 0, "$")));
    }
  }

  /** Reads the one value a parser holds, refusing anything after it. */
  private static JsonNode oneValue(JsonParser p, String source, long line) throws IOException {
    JsonNode tree = p.nextToken() == null ? null : JsonMapping.treeReader(false).readValue(p);
    if (tree == null || tree.isMissingNode()) {
      throw new DataFormatException(List.of(new Problem(source, Math.max(line, 1), "$",
          "is empty; it must hold one JSON value")));
    }
    Problem trailing = trailing(p, source);
    if (trailing != null) {
      throw new DataFormatException(List.of(line == 0 ? trailing
          : new Problem(source, line, trailing.path(), trailing.message())));
    }
    return tree;
  }

  /**
   * Reads one whole document and hands its tree to {@code reader}; every problem the reader
   * reports for this source without a line gets the line of its JSON path (or of the nearest
   * enclosing value), so that tree-based readers name lines as streaming ones do.
   *
   * @param in the bytes; not closed
   * @param source a name for messages
   * @param reader turns the tree into a value, throwing {@link DataFormatException} for problems
   * @param <T> the value's type
   * @return what {@code reader} returns
   * @throws DataFormatException from the syntax or from {@code reader}, with lines
   * @throws dev.linli.core.LinliIoException if {@code in} fails
   */
  public static <T> T parse(InputStream in, String source, Function<JsonNode, T> reader) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new LinliIoException(source, "cannot be read", e);
    }
    JsonNode root = readTree(new ByteArrayInputStream(bytes), source);
    try {
      return reader.apply(root);
    } catch (DataFormatException e) {
      throw located(e, bytes, source);
    }
  }

  private static DataFormatException located(DataFormatException e, byte[] bytes, String source) {
    if (e.problems().stream().noneMatch(p -> p.line() == 0 && p.source().equals(source))) {
      return e;
    }
    Map<String, Long> lines = lineIndex(bytes);
    List<Problem> out = new ArrayList<>();
    for (Problem p : e.problems()) {
      if (p.line() != 0 || !p.source().equals(source) || !p.path().startsWith("$")) {
        out.add(p);
        continue;
      }
      String path = p.path();
      Long line = lines.get(path);
      while (line == null && path.length() > 1) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        path = cut <= 0 ? "$" : path.substring(0, cut);
        line = lines.get(path);
      }
      out.add(new Problem(p.source(), line == null ? 0 : line, p.path(), p.message()));
    }
    DataFormatException located = new DataFormatException(out);
    located.setStackTrace(e.getStackTrace());
    return located;
  }

  /** The line of every JSON path of a document: a field's line is its name's. */
  private static Map<String, Long> lineIndex(byte[] bytes) {
    Map<String, Long> lines = new HashMap<>();
    lines.put("$", 1L);
    try (JsonParser p = JsonMapping.mapper(false).getFactory().createParser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        boolean inArray = p.getParsingContext().inArray()
            || (t.isStructStart() && p.getParsingContext().getParent() != null
                && p.getParsingContext().getParent().inArray());
        if (t == JsonToken.FIELD_NAME || (inArray && !t.isStructEnd())) {
          lines.putIfAbsent(path(p.getParsingContext().pathAsPointer()),
              (long) p.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // the document parsed once already; an index that stops early still serves
    }
    return lines;
  }

  private static String path(JsonPointer pointer) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      if (p.getMatchingIndex() >= 0) {
        sb.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        sb.append('.').append(p.getMatchingProperty());
      }
    }
    return sb.toString();
  }

  /**
   * Checks that nothing but white space follows the JSON value a streaming reader has just read.
   *
   * @param p the parser, at the value's last token
   * @param source a name for messages
   * @return the problem, or null if the input ends there
   * @throws IOException if reading fails
   */
  public static Problem trailing(JsonParser p, String source) throws IOException {
    JsonToken after;
    try {
      after = p.nextToken();
    } catch (JsonProcessingException e) {
      return new Problem(source, p.currentLocation().getLineNr(), "$", JsonErrors.TRAILING);
    }
    return after == null ? null
        : new Problem(source, p.currentTokenLocation().getLineNr(), "$", JsonErrors.TRAILING);
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
    try (JsonParser p = JsonMapping.mapper(false).getFactory().createParser(text)) {
      return oneValue(p, source, line);
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
      throw new LinliIoException(source, "cannot be read", e);
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
   * Adds a problem for every field of an object that is not allowed, for readers that walk a tree
   * by hand.
   *
   * @param node the object (anything else is left to the caller)
   * @param path its JSON path
   * @param allowed the fields it may have
   * @param source a name for messages
   * @param problems where to add the problems
   */
  public static void unknownFields(JsonNode node, String path, Set<String> allowed, String source,
      List<Problem> problems) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String field = it.next();
      if (!allowed.contains(field)) {
        problems.add(new Problem(source, 0, path + "." + Problem.excerpt(field),
            "unknown field; allowed are " + new TreeSet<>(allowed)));
      }
    }
  }

  /**
   * Reads an optional whole-number field of an int's range, for readers that walk a tree by hand
   * (unlike {@link JsonNode#asInt}, a number out of range or a fraction is refused, not wrapped).
   *
   * @param node the object
   * @param field the field
   * @param absent the value when the field is missing or null
   * @return the value
   * @throws InvalidValueException if the field is not a whole number from
   *     {@link Integer#MIN_VALUE} to {@link Integer#MAX_VALUE}
   */
  public static int intField(JsonNode node, String field, int absent) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    InvalidValueException.check(v.isIntegralNumber() && v.canConvertToInt(), field, v,
        "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    return v.intValue();
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
    return parse(in, source, root -> toValue(fields(root, source, format), type, source, 0, "$",
        lenient, true));
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
    return parse(in, source, root -> withDefaults(fields(root, source, format), source, type));
  }

  private static <T extends Record> T withDefaults(ObjectNode fields, String source,
      Class<T> type) {
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
      throw new LinliIoException(resource, "cannot be read", e);
    }
  }
}
