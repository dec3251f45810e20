package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;

/**
 * A subdistrict (街道), such as 凯旋街道 (Kaixuan), the level below a {@link District}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param districtId the id of the district it belongs to
 * @param name bilingual name, not null
 * @since 0.1.0
 */
public record Subdistrict(String id, String districtId, Name name) {
  /**
   * Validates the subdistrict.
   *
   * @throws InvalidValueException if a field is missing or malformed
   */
  public Subdistrict {
    Id.require(id, "id");
    Id.require(districtId, "districtId");
    InvalidValueException.requirePresent(name, "name");
  }
}
