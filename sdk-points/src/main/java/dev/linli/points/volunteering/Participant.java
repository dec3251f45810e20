package dev.linli.points.volunteering;

import dev.linli.core.Id;

/**
 * A volunteer in an activity: the pair every step of {@link Volunteering} after sign-up names.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Participant chen = Participant.of("act-1205", "v-chen");
 * desk.checkIn(chen, "v-chen", "A7K2");
 * }</pre>
 *
 * @param activityId the activity
 * @param volunteerId the volunteer
 * @since 0.1.0
 */
public record Participant(String activityId, String volunteerId) {
  /**
   * Validates the pair.
   *
   * @throws dev.linli.core.InvalidValueException if an id is malformed
   */
  public Participant {
    Id.require(activityId, "activityId");
    Id.require(volunteerId, "volunteerId");
  }

  /**
   * Returns the pair.
   *
   * @param activityId the activity
   * @param volunteerId the volunteer
   * @return the participant
   * @throws dev.linli.core.InvalidValueException if an id is malformed
   */
  public static Participant of(String activityId, String volunteerId) {
    return new Participant(activityId, volunteerId);
  }

  /**
   * Returns the time-bank award id of this volunteer's hours in this activity.
   *
   * @return {@link Volunteering#awardId(String, String)} of the pair
   */
  public String awardId() {
    return Volunteering.awardId(activityId, volunteerId);
  }
}
