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

  /**
   * Component by component, as the record's generated {@code equals}: written out because the
   * generated one builds method handles on its first call, milliseconds of a command-line run
   * that reads a city (every community row is checked against the first of its subdistrict).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Subdistrict s && id.equals(s.id) && districtId.equals(s.districtId)
        && name.equals(s.name);
  }
}
