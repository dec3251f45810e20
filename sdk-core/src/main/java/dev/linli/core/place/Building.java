package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;

/**
 * A residential building (楼栋) inside an {@link Estate}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param estateId the id of its estate
 * @param name bilingual name, for example {@code 3幢} / {@code Building 3}, not null
 * @param location WGS-84 point, or null if not known
 * @param residents number of residents, {@code >= 0} (0 means not known)
 * @since 0.1.0
 */
public record Building(String id, String estateId, Name name, GeoPoint location, int residents) {
  /**
   * Validates the building.
   *
   * @throws InvalidValueException if a field is missing, malformed or negative
   */
  public Building {
    Id.require(id, "id");
    Id.require(estateId, "estateId");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.check(residents >= 0, "residents", residents, "must be >= 0");
  }
}
