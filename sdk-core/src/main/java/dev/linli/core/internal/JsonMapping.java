package dev.linli.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import dev.linli.core.InvalidValueException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/** The one place where Linli's JSON mapping is configured, so every reader and writer agrees. */
public final class JsonMapping {
  private JsonMapping() {}

  /**
   * The JSON factory the mappers use, with the same parser features, but without a mapper: a
   * command-line run that only streams JSON in and out (a health check from CSV files) builds no
   * {@code ObjectMapper}, whose first build (its modules, date formats and the locale data they
   * load) is tens of milliseconds of such a run. Writing through it needs no codec (no {@code
   * writeObject} or {@code writeTree}).
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * Returns the shared JSON factory for streaming reads and writes without a mapper.
   *
   * @return the factory; thread-safe
   */
  public static JsonFactory factory() {
    return FACTORY;
  }

  // One holder class per mapper, so that each is built when first used: building one is a few
  // milliseconds of a command-line run's start, and most runs use only the strict one.
  private static final class Strict {
    static final ObjectMapper MAPPER = build(false, true);
  }

  private static final class Lenient {
    static final ObjectMapper MAPPER = build(true, true);
  }

  private static final class Defaulting {
    static final ObjectMapper MAPPER = build(false, false);
  }

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
    return lenient ? Lenient.MAPPER : Strict.MAPPER;
  }

  /**
   * Returns the strict mapper for documents whose number and boolean fields may be left out to
   * take their default (0 or false); the caller refuses an explicit {@code null} itself.
   *
   * @return the mapper; thread-safe
   */
  public static ObjectMapper defaulting() {
    return Defaulting.MAPPER;
  }

  private static ObjectMapper build(boolean lenient, boolean primitivesRequired) {
    return JsonMapper.builder()
        // A key given twice is refused, whichever value a reader would have kept.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .addModule(new JavaTimeModule())
        // Registered after JavaTimeModule, so it wins for Duration: see StrictDurations.
        .addModule(new SimpleModule("linli-strict-durations")
            .addDeserializer(Duration.class, new StrictDurations()))
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

  /**
   * The one written form of a duration in Linli's documents, as the schemas give it: ISO-8601,
   * upper case, unsigned, days, hours, minutes and seconds (up to nine decimals).
   */
  private static final Pattern ISO_DURATION = Pattern.compile(
      "P(?=[0-9]|T[0-9])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]{1,9})?S)?)?");

  /** What a duration must look like, for messages. */
  public static final String DURATION_FORM = "an ISO-8601 duration in upper case without a sign,"
      + " such as PT1H30M or P7D";

  /**
   * Parses a duration in the one form the schemas allow: {@link Duration#parse} alone would also
   * take {@code pt1h}, signs and a decimal comma, which the schemas refuse and no Linli writer
   * produces.
   *
   * @param text the text, not null
   * @param field the field, for the message
   * @return the duration, never negative
   * @throws InvalidValueException naming the field, the value and the form, if it is not one
   */
  public static Duration duration(String text, String field) {
    InvalidValueException.check(text != null && ISO_DURATION.matcher(text).matches(), field, text,
        "must be " + DURATION_FORM);
    return Duration.parse(text);
  }

  /**
   * Reads a duration from ISO-8601 text only: JavaTimeModule would read a number as seconds
   * ({@code 7200} as two hours), which the published schemas refuse and no Linli writer produces,
   * and which neither its coercion nor its leniency settings turn off.
   */
  private static final class StrictDurations extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    StrictDurations() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      String text = p.getText();
      if (!ISO_DURATION.matcher(text).matches()) {
        return (Duration) ctxt.handleWeirdStringValue(Duration.class, text,
            "must be " + DURATION_FORM);
      }
      return DurationDeserializer.INSTANCE.deserialize(p, ctxt);
    }
  }
}
