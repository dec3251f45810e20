package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;

/**
 * A grid (网格): a slice of a {@link Community} looked after by one grid worker (网格员), who visits
 * households, relays wishes and confirms services on residents' behalf. 景芳 builds one consultation
 * corner per grid ("一格一坊").
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param communityId the id of its community
 * @param name bilingual name, not null
 * @param workerId the id of the grid worker's account (a {@code Volunteer} or staff id), or null
 * @since 0.1.0
 */
public record Grid(String id, String communityId, Name name, String workerId) {
  /**
   * Validates the grid.
   *
   * @throws InvalidValueException if a field is missing or malformed
   */
  public Grid {
    Id.require(id, "id");
    Id.require(communityId, "communityId");
    InvalidValueException.requirePresent(name, "name");
    Id.requireOptional(workerId, "workerId");
  }
}
