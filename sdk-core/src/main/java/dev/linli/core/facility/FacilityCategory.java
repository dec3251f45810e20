package dev.linli.core.facility;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;

/**
 * A category of public service (设施类别), such as 养老 elderly care. Hangzhou's health check uses eight:
 * governance, education, elderly care, health, culture, commerce, sports and convenience. Categories are
 * data, loaded with a {@link FacilityTaxonomy}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code stable code, lower-case letters, digits and {@code -}, for example {@code elderly-care}
 * @param name bilingual name, not null
 * @since 0.1.0
 */
public record FacilityCategory(String code, Name name) {
  /**
   * Validates the category.
   *
   * @throws InvalidValueException if the code is malformed or the name missing
   */
  public FacilityCategory {
    FacilityType.requireCode(code, "code");
    InvalidValueException.requirePresent(name, "name");
  }
}
