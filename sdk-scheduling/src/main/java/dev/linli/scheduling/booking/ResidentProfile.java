package dev.linli.scheduling.booking;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.place.AgeBand;
import java.util.Set;

/**
 * What eligibility rules may know about a resident: age band, the community they live in and the
 * groups (a dance team, a choir) they belong to. Immutable and thread-safe.
 *
 * @param residentId the resident
 * @param ageBand their age band
 * @param communityId the community they are registered in
 * @param groupIds the groups they belong to
 * @since 0.1.0
 */
public record ResidentProfile(String residentId, AgeBand ageBand, String communityId,
    Set<String> groupIds) {
  /**
   * Validates the profile.
   *
   * @throws InvalidValueException if a field is missing
   */
  public ResidentProfile {
    Id.require(residentId, "residentId");
    InvalidValueException.requirePresent(ageBand, "ageBand");
    Id.require(communityId, "communityId");
    groupIds = groupIds == null ? Set.of() : Set.copyOf(groupIds);
  }
}
