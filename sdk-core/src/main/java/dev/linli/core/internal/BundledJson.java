package dev.linli.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.LinliIoException;
import dev.linli.core.Name;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents bundled in the jar (the GB 50180 standard, the Hangzhou taxonomy, the default
 * rating and weights) read as trees without an {@code ObjectMapper}, for their records to be built
 * field by field: every health check loads them, and a command-line run from CSV files needs no
 * mapper otherwise (building one and its record deserializers was about a tenth of such a run).
 *
 * <p>Only for those documents, which ship with Linli: a field missing or of the wrong kind is a
 * defect of the jar and fails with {@link IllegalStateException}; each record's reading is tested
 * to equal what {@link JsonDocuments#bundled} (the mapper) reads from the same resource. Files a
 * user gives are read by the mapper, with its messages. Thread-safe (no state).
 */
public final class BundledJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BundledJson() {}

  /**
   * Reads a bundled document's fields, as {@link JsonDocuments#fields} gives them (without
   * {@code format}, {@code version} and {@code comment}, checked).
   *
   * @param anchor a class in the resource's package
   * @param resource the resource name
   * @param format the expected format
   * @return the fields
   */
  public static ObjectNode fields(Class<?> anchor, String resource, String format) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource missing: " + resource);
      }
      try (JsonParser p = JsonMapping.factory().createParser(NonClosing.input(in))) {
        if (p.nextToken() == null) {
          throw new IllegalStateException("bundled resource is empty: " + resource);
        }
        return JsonDocuments.fields(tree(p), resource, format);
      }
    } catch (IOException e) {
      throw new LinliIoException(resource, "cannot be read", e);
    }
  }

  /** The value the parser is at, as the mapper's tree reader builds it. */
  private static JsonNode tree(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          object.set(field, tree(p));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(tree(p));
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected " + p.currentToken() + " in a bundled document");
    }
  }

  private static JsonNode field(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalStateException("a bundled document lacks \"" + field + "\" in " + node);
    }
    return v;
  }

  /**
   * A text field.
   *
   * @param node an object
   * @param field its field
   * @return the text
   */
  public static String text(JsonNode node, String field) {
    JsonNode v = field(node, field);
    if (!v.isTextual()) {
      throw new IllegalStateException("\"" + field + "\" is not text in a bundled document");
    }
    return v.textValue();
  }

  /**
   * A number field.
   *
   * @param node an object
   * @param field its field
   * @return the number
   */
  public static double number(JsonNode node, String field) {
    JsonNode v = field(node, field);
    if (!v.isNumber()) {
      throw new IllegalStateException("\"" + field + "\" is not a number in a bundled document");
    }
    return v.doubleValue();
  }

  /**
   * A whole-number field.
   *
   * @param node an object
   * @param field its field
   * @return the number
   */
  public static int integer(JsonNode node, String field) {
    JsonNode v = field(node, field);
    if (!v.isInt()) {
      throw new IllegalStateException("\"" + field + "\" is not a whole number in a bundled"
          + " document");
    }
    return v.intValue();
  }

  /**
   * A whole-number field that may be left out.
   *
   * @param node an object
   * @param field its field
   * @return the number, or null if absent
   */
  public static Integer optionalInteger(JsonNode node, String field) {
    return node.has(field) ? integer(node, field) : null;
  }

  /**
   * A true-or-false field; false when left out, as the mapper reads a primitive left out.
   *
   * @param node an object
   * @param field its field
   * @return the value
   */
  public static boolean flag(JsonNode node, String field) {
    if (!node.has(field)) {
      return false;
    }
    JsonNode v = field(node, field);
    if (!v.isBoolean()) {
      throw new IllegalStateException("\"" + field + "\" is not true or false in a bundled"
          + " document");
    }
    return v.booleanValue();
  }

  /**
   * A bilingual name field ({@code zh}, {@code en}).
   *
   * @param node an object
   * @param field its field
   * @return the name
   */
  public static Name name(JsonNode node, String field) {
    JsonNode v = field(node, field);
    return new Name(v.has("zh") ? text(v, "zh") : null, v.has("en") ? text(v, "en") : null);
  }

  /**
   * An array field's elements.
   *
   * @param node an object
   * @param field its field
   * @return the elements in order
   */
  public static List<JsonNode> elements(JsonNode node, String field) {
    JsonNode v = field(node, field);
    if (!v.isArray()) {
      throw new IllegalStateException("\"" + field + "\" is not an array in a bundled document");
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  /**
   * An array field of texts.
   *
   * @param node an object
   * @param field its field
   * @return the texts in order
   */
  public static List<String> texts(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : elements(node, field)) {
      if (!e.isTextual()) {
        throw new IllegalStateException("\"" + field + "\" holds a value that is not text in a"
            + " bundled document");
      }
      out.add(e.textValue());
    }
    return out;
  }

  /**
   * An object field's members in document order, as the mapper reads a map.
   *
   * @param node an object
   * @param field its field
   * @return the members
   */
  public static Map<String, JsonNode> members(JsonNode node, String field) {
    JsonNode v = field(node, field);
    if (!v.isObject()) {
      throw new IllegalStateException("\"" + field + "\" is not an object in a bundled document");
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
