package dev.linli.points.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.linli.core.InvalidValueException;
import dev.linli.core.io.DataFormatException;
import dev.linli.core.io.Problem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a versioned rules document ({@code {"format": F, "version": 1, ...fields}}) into a record,
 * turning every failure into a {@link DataFormatException} that names the source and the JSON path
 * of the field at fault. Thread-safe.
 */
public final class RulesJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private RulesJson() {}

  /**
   * Reads one document.
   *
   * @param <T> the record type
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages, such as the file name
   * @param format the expected {@code format}
   * @param type the record to build from the remaining fields
   * @return the record
   * @throws DataFormatException naming the JSON path of the problem
   */
  public static <T> T read(InputStream in, String source, String format, Class<T> type) {
    try {
      JsonNode root = MAPPER.readTree(new FilterInputStream(in) {
        @Override
        public void close() {
          // the caller owns the stream
        }
      });
      if (!(root instanceof ObjectNode fields) || !format.equals(root.path("format").asText())
          || root.path("version").asInt(-1) != 1) {
        throw new DataFormatException(List.of(new Problem(source, 0, "$",
            "must be a document with \"format\": \"" + format + "\" and \"version\": 1")));
      }
      ObjectNode copy = fields.deepCopy();
      copy.remove("format");
      copy.remove("version");
      return MAPPER.treeToValue(copy, type);
    } catch (IOException | IllegalArgumentException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InvalidValueException ive) {
          throw new DataFormatException(List.of(new Problem(source, 0, "$." + ive.field(),
              ive.allowed() + " (got " + ive.value() + ")")));
        }
      }
      String message = String.valueOf(e.getMessage());
      throw new DataFormatException(List.of(new Problem(source, 0, "$",
          message.lines().findFirst().orElse(message))));
    }
  }
}
