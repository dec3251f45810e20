package dev.linli.points.volunteering;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.place.AgeBand;
import java.util.Set;

/**
 * What the sign-up rules need to know about a volunteer. Immutable and thread-safe.
 *
 * @param id the volunteer's member id (their time-bank accounts are {@code <id>.points} and
 *     {@code <id>.minutes})
 * @param ageBand their age band
 * @param teamIds the teams they belong to
 * @since 0.1.0
 */
public record VolunteerProfile(String id, AgeBand ageBand, Set<String> teamIds) {
  /**
   * Validates the profile.
   *
   * @throws InvalidValueException if the id or age band is missing
   */
  public VolunteerProfile {
    Id.require(id, "id");
    InvalidValueException.requirePresent(ageBand, "ageBand");
    teamIds = teamIds == null ? Set.of() : Set.copyOf(teamIds);
  }
}
