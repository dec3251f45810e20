package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;

/**
 * A city district (区), such as 上城区 (Shangcheng): the top of the place hierarchy
 * district › subdistrict › community › estate › building › household.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param name bilingual name, not null
 * @since 0.1.0
 */
public record District(String id, Name name) {
  /**
   * Validates the district.
   *
   * @throws InvalidValueException if a field is missing or malformed
   */
  public District {
    Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
  }

  /**
   * Component by component, as the record's generated {@code equals}: written out because the
   * generated one builds method handles on its first call, milliseconds of a command-line run
   * that reads a city (every community row is checked against the first of its district).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof District d && id.equals(d.id) && name.equals(d.name);
  }
}
