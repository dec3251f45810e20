package dev.linli.core.facility;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import java.util.regex.Pattern;

/**
 * A kind of facility (重点服务设施), such as a community canteen (社区食堂) or a public gym (百姓健身房),
 * in one {@link FacilityCategory}. Types are data, loaded with a {@link FacilityTaxonomy}, so that a
 * city or researcher can use its own list.
 *
 * <p>{@code capacityUnit} says what a facility's {@code capacity} counts for this type (seats, beds,
 * places, square metres), because supply-and-demand measures compare capacities within a type only.
 * {@code key} marks the types a health check scores (Hangzhou's 20 重点服务设施); other types, such as a
 * stage or a rooftop farm in a neighbourhood centre, can be booked and listed but are not scored.
 * Immutable and thread-safe.
 *
 * @param code stable code, lower-case letters, digits and {@code -}, for example {@code community-canteen}
 * @param categoryCode the code of its category
 * @param name bilingual name, not null
 * @param capacityUnit what capacity counts, for example {@code seats}; lower-case words, not null
 * @param key true if health checks score this type
 * @since 0.1.0
 */
public record FacilityType(
    String code, String categoryCode, Name name, String capacityUnit, boolean key) {
  /** What a category or type code may look like, for error messages. */
  public static final String CODE_RULE = "lower-case letters, digits and '-' (1-48 characters)";

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
  private static final Pattern UNIT = Pattern.compile("[a-z][a-z ]{0,31}");

  /**
   * Validates the type.
   *
   * @throws InvalidValueException if a code is malformed or a field missing
   */
  public FacilityType {
    requireCode(code, "code");
    requireCode(categoryCode, "categoryCode");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.check(capacityUnit != null && UNIT.matcher(capacityUnit).matches(),
        "capacityUnit", capacityUnit, "must be 1-32 lower-case letters or spaces, such as \"seats\"");
  }

  static String requireCode(String code, String field) {
    InvalidValueException.check(isCode(code), field, code, "must be " + CODE_RULE);
    return code;
  }

  /**
   * Whether {@code code} follows {@link #CODE_RULE}. A loop rather than the rule's regex: every
   * facility of a city checks its type code (FacilityTypeTest checks that both agree).
   */
  static boolean isCode(String code) {
    if (code == null || code.isEmpty() || code.length() > 48) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code code} matches the rule's regex: the reference {@link #isCode} is tested by. */
  static boolean matchesCodeRule(String code) {
    return code != null && CODE.matcher(code).matches();
  }
}
