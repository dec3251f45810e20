package dev.linli.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Where the demo tells its story: as readable text with aligned tables, or (for {@code --json}) the
 * same content as JSON lines, one object per sentence or table row, each naming its section:
 * {@code {"section":"bookings","type":"text","text":"..."}} and
 * {@code {"section":"bookings","type":"row","table":"bookings","who":"...",...}}. Table cells
 * that were numbers stay numbers. Not thread-safe.
 */
final class Narration {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;
  private String section = "intro";

  Narration(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** Starts a section: the {@code section} of the JSON lines that follow. */
  void section(String name) {
    section = name;
  }

  /** One sentence (or several lines of one). */
  void println(String text) {
    if (!json) {
      out.println(text);
      return;
    }
    // A sentence wrapped over several lines for the terminal is one sentence in JSON.
    String sentence = text.replaceAll("\\s*\\n\\s*", " ").strip();
    if (!sentence.isEmpty()) {
      write(JSON.createObjectNode().put("section", section).put("type", "text")
          .put("text", sentence));
    }
  }

  /** A blank line between parts of the text; nothing in JSON. */
  void println() {
    if (!json) {
      out.println();
    }
  }

  /** A formatted sentence, {@link Locale#ROOT} formats; a trailing {@code %n} ends it. */
  void printf(Locale locale, String format, Object... args) {
    String text = String.format(locale, format, args);
    if (!json) {
      out.print(text);
    } else {
      println(text);
    }
  }

  /** A table: aligned text, or one JSON line per row with the header titles as keys. */
  void table(String name, TextTable table) {
    if (!json) {
      out.print(table.render());
      return;
    }
    List<String> header = table.header();
    for (Object[] row : table.values()) {
      ObjectNode o = JSON.createObjectNode().put("section", section).put("type", "row")
          .put("table", name);
      for (int i = 0; i < row.length; i++) {
        String key = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_")
            .replaceAll("^_|_$", "");
        Object v = row[i];
        if (v instanceof Integer || v instanceof Long) {
          o.put(key, ((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
          o.put(key, ((Number) v).doubleValue());
        } else {
          o.put(key, String.valueOf(v));
        }
      }
      write(o);
    }
  }

  void flush() {
    out.flush();
  }

  private void write(ObjectNode o) {
    try {
      out.println(JSON.writeValueAsString(o));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }
}
