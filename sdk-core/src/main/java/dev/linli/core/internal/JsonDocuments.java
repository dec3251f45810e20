package dev.linli.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.io.DataFormatException;
import dev.linli.core.io.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the small versioned configuration documents ({@code "format"} and
 * {@code "version"} on top, the value's fields beside them): taxonomies, circle standards, weights.
 */
public final class JsonDocuments {
  /** The document version this release reads and writes. */
  public static final int VERSION = 1;

  private JsonDocuments() {}

  /**
   * Reads one document.
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
    ObjectMapper mapper = JsonMapping.mapper(lenient);
    ObjectNode root;
    try {
      JsonNode tree = mapper.readTree(NonClosing.input(in));
      if (tree == null || !tree.isObject()) {
        throw new DataFormatException(List.of(new Problem(source, 1, "$",
            "must be a JSON object with \"format\": \"" + format + "\"")));
      }
      root = (ObjectNode) tree;
    } catch (IOException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, 0, "$")));
    }
    List<Problem> problems = new ArrayList<>();
    JsonNode v = root.remove("version");
    if (v == null || !v.isInt() || v.asInt() != VERSION) {
      problems.add(new Problem(source, 0, "$.version", "must be " + VERSION
          + ", the version this release reads (got " + (v == null ? "nothing" : v) + ")"));
    }
    JsonNode f = root.remove("format");
    if (f == null || !f.isTextual() || !f.asText().equals(format)) {
      problems.add(new Problem(source, 0, "$.format",
          "must be \"" + format + "\" (got " + (f == null ? "nothing" : f) + ")"));
    }
    root.remove("comment");
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    try {
      return mapper.treeToValue(root, type);
    } catch (IOException | IllegalArgumentException | InvalidValueException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, source, 0, "$")));
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
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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
      throw new java.io.UncheckedIOException(e);
    }
  }
}
