package dev.linli.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the line of a JSON path ({@code $.rules[2].colour}) in a document, for messages of readers
 * that name only the path. Stateless and thread-safe.
 */
final class JsonPaths {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonPaths() {}

  /**
   * Maps every path of a document to the line where it starts; a document that stops parsing
   * part-way maps the paths before the error.
   *
   * @param json the document's bytes
   * @return the line (from 1) of each path, such as {@code $.resources[0].capacity}
   */
  static Map<String, Long> lines(byte[] json) {
    Map<String, Long> out = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        long line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
          out.putIfAbsent(path(p.getParsingContext()), line);
        }
      }
    } catch (IOException e) {
      // A malformed document is reported by its reader; the paths read so far still help.
    }
    return out;
  }

  /**
   * Returns the line of {@code path}, or of its nearest enclosing path that the document has (a
   * missing field is reported at the object that lacks it); 0 if none.
   *
   * @param lines the map from {@link #lines}
   * @param path a path such as {@code $.rules.jf-gym.rules[0].type}
   * @return the line, from 1, or 0
   */
  static long lineOf(Map<String, Long> lines, String path) {
    String p = path;
    while (!p.isEmpty()) {
      Long line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        break;
      }
      p = p.substring(0, cut);
    }
    Long root = lines.get("$");
    return root == null ? 0 : root;
  }

  private static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    return "$" + String.join("", parts);
  }
}
