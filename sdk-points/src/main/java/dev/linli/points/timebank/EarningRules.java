package dev.linli.points.timebank;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.linli.core.InvalidValueException;
import dev.linli.core.DataFormatException;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collections;
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
 *  "maxPerActivity": "PT2H", "rounding": "HALF_UP",
 *  "periodCap": {"period": "YEAR", "max": "PT200H"}, "referralBonus": 50}
 * }</pre>
 *
 * @param pointsPerHour points for one hour at coefficient 1, {@code >= 0}
 * @param defaultCoefficient coefficient of unlisted categories, as a decimal string {@code >= 0}
 * @param coefficients coefficient per activity category, decimal strings {@code >= 0}
 * @param maxPerActivity most service time counted for one activity, {@code > 0}
 * @param rounding how fractional points round: {@code DOWN}, {@code HALF_UP} or {@code UP}
 * @param periodCap most service time counted per member per calendar period, or null for none
 * @param referralBonus points a member earns once, when someone they referred has their first
 *     award posted; {@code >= 0}, 0 for none
 * @since 0.1.0
 */
public record EarningRules(@JsonProperty(required = true) long pointsPerHour, String defaultCoefficient,
    Map<String, String> coefficients, Duration maxPerActivity, RoundingMode rounding,
    ServiceCap periodCap, long referralBonus) {
  /** The {@code format} of an earning-rules document. */
  public static final String FORMAT = "linli-earning-rules";


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
    InvalidValueException.check(referralBonus >= 0, "referralBonus", referralBonus, "must be >= 0");
  }

  /**
   * Returns rules with no period cap and no referral bonus.
   *
   * @param pointsPerHour points for one hour at coefficient 1
   * @param defaultCoefficient coefficient of unlisted categories
   * @param coefficients coefficient per category
   * @param maxPerActivity most service time counted for one activity
   * @param rounding how fractional points round
   */
  public EarningRules(long pointsPerHour, String defaultCoefficient,
      Map<String, String> coefficients, Duration maxPerActivity, RoundingMode rounding) {
    this(pointsPerHour, defaultCoefficient, coefficients, maxPerActivity, rounding, null, 0);
  }

  private static BigDecimal coefficient(String text, String field) {
    BigDecimal c = plainDecimal(text, field, "1.5");
    InvalidValueException.check(c.signum() >= 0 && c.compareTo(BigDecimal.TEN) <= 0, field, text,
        "must be a decimal between 0 and 10, such as \"1.5\"");
    return c;
  }

  /** Digits with at most one point, optionally signed: what the schemas call a decimal. */
  private static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");

  /**
   * Reads an exact decimal written as plain digits: {@link BigDecimal#BigDecimal(String)} alone
   * would also take exponents ({@code "1E0"}, {@code "15E-1"}), which the schemas refuse and no
   * Linli writer produces.
   *
   * @param text the text
   * @param field the field, for the message
   * @param example a valid value, for the message
   * @return the decimal
   * @throws InvalidValueException if the text is missing or not plain digits with an optional
   *     point and sign
   */
  static BigDecimal plainDecimal(String text, String field, String example) {
    InvalidValueException.requirePresent(text, field);
    InvalidValueException.check(PLAIN_DECIMAL.matcher(text).matches(), field, text,
        "must be a decimal written as a string, such as \"" + example
        + "\" (digits with an optional point: no exponent, no spaces)");
    return new BigDecimal(text);
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
    return JsonDocuments.readWithDefaults(in, source, FORMAT, EarningRules.class);
  }
}
