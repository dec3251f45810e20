package dev.linli.points.volunteering;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;

/**
 * A role in an activity and how many volunteers it takes (6 meal deliverers, 2 drivers). Immutable
 * and thread-safe.
 *
 * @param id stable id within the activity, such as {@code deliverer}
 * @param name display name
 * @param places how many volunteers the role takes, {@code >= 1}
 * @since 0.1.0
 */
public record Role(String id, Name name, int places) {
  /**
   * Validates the role.
   *
   * @throws InvalidValueException if a field is missing or {@code places < 1}
   */
  public Role {
    Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.check(places >= 1, "places", places, "must be >= 1");
  }
}
