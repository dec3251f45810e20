package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A household (户): the people registered at one address, the unit of household booking quotas.
 *
 * <p>The SDK keeps no address beyond the building and no names; {@code unit} is the door label
 * the community uses (for example {@code 2-301}) and may be empty. Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param buildingId the id of its building
 * @param gridId the id of the grid (网格) that serves it, or null
 * @param unit the door label within the building, not null (may be empty), at most 32 characters
 * @param size number of members, {@code >= 1}
 * @since 0.1.0
 */
public record Household(String id, String buildingId, String gridId, String unit, int size) {
  /**
   * Validates the household.
   *
   * @throws InvalidValueException if a field is missing, malformed or out of range
   */
  public Household {
    Id.require(id, "id");
    Id.require(buildingId, "buildingId");
    Id.requireOptional(gridId, "gridId");
    unit = unit == null ? "" : unit.strip();
    InvalidValueException.check(unit.length() <= 32, "unit", unit, "must be at most 32 characters");
    InvalidValueException.check(size >= 1, "size", size, "must be >= 1");
  }
}
