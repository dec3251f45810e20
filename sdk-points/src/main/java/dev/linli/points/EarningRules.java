package dev.linli.points;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.linli.core.InvalidValueException;
import dev.linli.core.io.DataFormatException;
import dev.linli.core.io.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How volunteering earns points, as data: {@code points = hours × pointsPerHour × coefficient of the
 * category}, with hours capped per activity and the result rounded to whole points as configured.
 *
 * <p>Coefficients are exact decimals written as strings ({@code "1.5"}), never binary floating point,
 * so 1 h 20 min of elderly care at 100 points an hour and 1.5 is exactly 200 points. Categories not
 * listed use {@code defaultCoefficient}. Immutable and thread-safe.
 *
 * <pre>{@code
 * {"format": "linli-earning-rules", "version": 1, "pointsPerHour": 100,
 *  "defaultCoefficient": "1.0", "coefficients": {"elderly-care": "1.5", "child-care": "1.2"},
 *  "maxPerActivity": "PT2H", "rounding": "HALF_UP"}
 * }</pre>
 *
 * @param pointsPerHour points for one hour at coefficient 1, {@code >= 0}
 * @param defaultCoefficient coefficient of unlisted categories, as a decimal string {@code >= 0}
 * @param coefficients coefficient per activity category, decimal strings {@code >= 0}
 * @param maxPerActivity most service time counted for one activity, {@code > 0}
 * @param rounding how fractional points round: {@code DOWN}, {@code HALF_UP} or {@code UP}
 * @since 0.1.0
 */
public record EarningRules(long pointsPerHour, String defaultCoefficient,
    Map<String, String> coefficients, Duration maxPerActivity, RoundingMode rounding) {
  /** The {@code format} of an earning-rules document. */
  public static final String FORMAT = "linli-earning-rules";

  private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * Validates the rules.
   *
   * @throws InvalidValueException if a rate, coefficient, cap or rounding is out of range
   */
  public EarningRules {
    InvalidValueException.check(pointsPerHour >= 0, "pointsPerHour", pointsPerHour, "must be >= 0");
    coefficient(defaultCoefficient, "defaultCoefficient");
    Map<String, String> copy = new TreeMap<>();
    if (coefficients != null) {
      coefficients.forEach((k, v) -> {
        coefficient(v, "coefficients." + k);
        copy.put(k, v);
      });
    }
    coefficients = Collections.unmodifiableMap(copy);
    InvalidValueException.check(maxPerActivity != null && !maxPerActivity.isNegative()
        && !maxPerActivity.isZero(), "maxPerActivity", maxPerActivity,
        "must be a positive duration, such as PT2H");
    InvalidValueException.check(rounding == RoundingMode.DOWN || rounding == RoundingMode.HALF_UP
        || rounding == RoundingMode.UP, "rounding", rounding, "must be DOWN, HALF_UP or UP");
  }

  private static BigDecimal coefficient(String text, String field) {
    try {
      BigDecimal c = new BigDecimal(InvalidValueException.requirePresent(text, field));
      InvalidValueException.check(c.signum() >= 0 && c.compareTo(BigDecimal.TEN) <= 0, field, text,
          "must be a decimal between 0 and 10, such as \"1.5\"");
      return c;
    } catch (NumberFormatException e) {
      throw new InvalidValueException(field, text, "must be a decimal written as a string, such as \"1.5\"");
    }
  }

  /**
   * Returns the service time an activity counts: {@code served}, capped at {@link #maxPerActivity}.
   *
   * @param served time served, {@code >= 0}
   * @return the counted time
   */
  public Duration counted(Duration served) {
    InvalidValueException.check(!served.isNegative(), "served", served, "must be >= 0");
    return served.compareTo(maxPerActivity) > 0 ? maxPerActivity : served;
  }

  /**
   * Returns the points earned for {@code served} time in {@code category}, exactly, then rounded.
   *
   * @param category the activity category
   * @param served time served, {@code >= 0}; capped per activity
   * @return whole points
   */
  public long points(String category, Duration served) {
    BigDecimal seconds = BigDecimal.valueOf(counted(served).getSeconds());
    BigDecimal c = coefficient(coefficients.getOrDefault(category, defaultCoefficient), "coefficient");
    return seconds.multiply(BigDecimal.valueOf(pointsPerHour)).multiply(c)
        .divide(BigDecimal.valueOf(3600), 0, rounding).longValueExact();
  }

  /**
   * Reads an earning-rules document.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the rules
   * @throws DataFormatException naming the JSON path of each problem
   */
  public static EarningRules parse(InputStream in, String source) {
    try {
      JsonNode root = MAPPER.readTree(new java.io.FilterInputStream(in) {
        @Override
        public void close() {
          // the caller owns the stream
        }
      });
      if (root == null || !FORMAT.equals(root.path("format").asText())
          || root.path("version").asInt(-1) != 1) {
        throw new DataFormatException(List.of(new Problem(source, 0, "$",
            "must be a document with \"format\": \"" + FORMAT + "\" and \"version\": 1")));
      }
      com.fasterxml.jackson.databind.node.ObjectNode fields =
          ((com.fasterxml.jackson.databind.node.ObjectNode) root).deepCopy();
      fields.remove("format");
      fields.remove("version");
      return MAPPER.treeToValue(fields, EarningRules.class);
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
