package dev.linli.core.facility;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;

/**
 * A public service facility (公共服务设施): one canteen, gym, health station or parcel point at a place.
 *
 * <p>{@code typeCode} refers to a {@link FacilityType} of the taxonomy in use; readers check it against
 * the taxonomy they are given. {@code capacity} is in the type's {@link FacilityType#capacityUnit()
 * capacity unit}; 0 means not known. Opening hours are wall-clock times in the city's zone (Asia/Shanghai
 * unless the embedder says otherwise). Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param typeCode the facility type's code
 * @param name bilingual name, not null
 * @param location WGS-84 point of its entrance, not null
 * @param capacity how much it serves at once, in the type's unit, {@code >= 0}
 * @param openingHours published weekly hours, not null
 * @param communityId the community it is registered in, or null (for example a district facility)
 * @param siteId the neighbourhood centre that houses it, or null
 * @since 0.1.0
 */
public record Facility(
    String id,
    String typeCode,
    Name name,
    GeoPoint location,
    int capacity,
    OpeningHours openingHours,
    String communityId,
    String siteId) {
  /**
   * Validates the facility.
   *
   * @throws InvalidValueException if a field is missing, malformed or negative
   */
  public Facility {
    Id.require(id, "id");
    FacilityType.requireCode(typeCode, "typeCode");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.requirePresent(location, "location");
    InvalidValueException.check(capacity >= 0, "capacity", capacity, "must be >= 0");
    InvalidValueException.requirePresent(openingHours, "openingHours");
    Id.requireOptional(communityId, "communityId");
    Id.requireOptional(siteId, "siteId");
  }
}
