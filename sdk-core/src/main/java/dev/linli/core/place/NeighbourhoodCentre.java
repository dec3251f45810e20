package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;

/**
 * A neighbourhood centre (邻里中心, 幸福邻里坊): one site that groups many facilities, such as 景芳's
 * centre with a gym, kids' play area, reading corner, stage and rooftop farm.
 *
 * <p>Facilities point to their centre through {@code Facility.siteId}. Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param communityId the id of the community that runs it
 * @param name bilingual name, not null
 * @param location WGS-84 point of its entrance, not null
 * @param floorAreaSquareMetres built floor area in square metres, {@code >= 0} (0 means not known)
 * @since 0.1.0
 */
public record NeighbourhoodCentre(
    String id, String communityId, Name name, GeoPoint location, int floorAreaSquareMetres) {
  /**
   * Validates the centre.
   *
   * @throws InvalidValueException if a field is missing, malformed or negative
   */
  public NeighbourhoodCentre {
    Id.require(id, "id");
    Id.require(communityId, "communityId");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.requirePresent(location, "location");
    InvalidValueException.check(floorAreaSquareMetres >= 0, "floorAreaSquareMetres",
        floorAreaSquareMetres, "must be >= 0");
  }
}
