package dev.linli.points.volunteering;

import dev.linli.core.Id;
import dev.linli.core.place.AgeBand;
import java.util.Set;

/**
 * Who may sign up for an activity: age bands (empty = any) and, optionally, only members of one
 * team. Immutable and thread-safe.
 *
 * @param ageBands the age bands allowed, empty for any
 * @param teamId the team whose members alone may sign up, or null for anyone
 * @since 0.1.0
 */
public record Eligibility(Set<AgeBand> ageBands, String teamId) {
  /** Anyone may sign up. */
  public static final Eligibility ANYONE = new Eligibility(Set.of(), null);

  /**
   * Copies the bands and validates the team id.
   */
  public Eligibility {
    ageBands = ageBands == null ? Set.of() : Set.copyOf(ageBands);
    Id.requireOptional(teamId, "teamId");
  }

  /**
   * Returns why {@code volunteer} may not sign up, or null if they may.
   *
   * @param volunteer who asks
   * @return a message naming the rule, or null
   */
  String refusal(VolunteerProfile volunteer) {
    if (!ageBands.isEmpty() && !ageBands.contains(volunteer.ageBand())) {
      return "this activity is for age bands " + new java.util.TreeSet<>(ageBands) + "; "
          + volunteer.id() + " is " + volunteer.ageBand();
    }
    if (teamId != null && !volunteer.teamIds().contains(teamId)) {
      return "only members of team " + teamId + " may sign up; " + volunteer.id() + " is not one";
    }
    return null;
  }
}
