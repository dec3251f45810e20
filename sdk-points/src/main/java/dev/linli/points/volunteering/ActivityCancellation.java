package dev.linli.points.volunteering;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A request to cancel an activity, for {@link Volunteering#cancelActivity}. Immutable and
 * thread-safe.
 *
 * @param activityId the activity
 * @param organiserId its organiser, who alone may cancel it
 * @param reason why, for the record; not blank
 * @since 0.1.0
 */
public record ActivityCancellation(String activityId, String organiserId, String reason) {
  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id is malformed or the reason is missing or blank
   */
  public ActivityCancellation {
    Id.require(activityId, "activityId");
    Id.require(organiserId, "organiserId");
    InvalidValueException.check(reason != null && !reason.isBlank(), "reason", reason,
        "must say why the activity is cancelled");
  }

  /**
   * Returns the request.
   *
   * @param activityId the activity
   * @param organiserId its organiser
   * @param reason why
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static ActivityCancellation of(String activityId, String organiserId, String reason) {
    return new ActivityCancellation(activityId, organiserId, reason);
  }
}
