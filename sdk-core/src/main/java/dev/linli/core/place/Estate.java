package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;

/**
 * An estate or residential compound (小区) inside a {@link Community}.
 *
 * <p>When estates carry a location and a head count, service-circle measures weight by them instead
 * of using the community centroid. Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param communityId the id of its community
 * @param name bilingual name, not null
 * @param location WGS-84 point of its main entrance or centre, or null if not known
 * @param residents number of residents, {@code >= 0} (0 means not known)
 * @since 0.1.0
 */
public record Estate(String id, String communityId, Name name, GeoPoint location, int residents) {
  /**
   * Validates the estate.
   *
   * @throws InvalidValueException if a field is missing, malformed or negative
   */
  public Estate {
    Id.require(id, "id");
    Id.require(communityId, "communityId");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.check(residents >= 0, "residents", residents, "must be >= 0");
  }
}
