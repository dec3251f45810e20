package dev.linli.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;

/** The one place where Linli's JSON mapping is configured, so every reader and writer agrees. */
public final class JsonMapping {
  private static final ObjectMapper STRICT = build(false, true);
  private static final ObjectMapper LENIENT = build(true, true);
  private static final ObjectMapper DEFAULTING = build(false, false);

  private JsonMapping() {}

  /**
   * Returns a reader of one JSON value as a tree from a parser positioned inside a larger document.
   *
   * @param lenient whether unknown fields are ignored later, when the tree is mapped
   * @return the reader; thread-safe
   */
  public static ObjectReader treeReader(boolean lenient) {
    return mapper(lenient).readerFor(JsonNode.class)
        .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Returns the shared mapper; it is configured once and thread-safe.
   *
   * @param lenient whether unknown fields are ignored
   * @return the mapper
   */
  public static ObjectMapper mapper(boolean lenient) {
    return lenient ? LENIENT : STRICT;
  }

  /**
   * Returns the strict mapper for documents whose number and boolean fields may be left out to
   * take their default (0 or false); the caller refuses an explicit {@code null} itself.
   *
   * @return the mapper; thread-safe
   */
  public static ObjectMapper defaulting() {
    return DEFAULTING;
  }

  private static ObjectMapper build(boolean lenient, boolean primitivesRequired) {
    return JsonMapper.builder()
        // A key given twice is refused, whichever value a reader would have kept.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .addModule(new JavaTimeModule())
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, !lenient)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, primitivesRequired)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, lenient)
        // Exact decimals (coefficients, rates) are written as strings so no reader rounds them.
        .withCoercionConfig(BigDecimal.class,
            c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
        .build();
  }
}
