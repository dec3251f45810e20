package dev.linli.points.volunteering;

import dev.linli.core.InvalidValueException;
import dev.linli.core.people.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A published activity with its volunteering rules: roles and places, who may sign up, until when,
 * how late a volunteer may cancel, the self check-in code, and how long residents have to complain
 * before the hours post. Immutable and thread-safe.
 *
 * @param activity the activity (title, category of the earning rules, place, time, organiser)
 * @param roles the roles; their places add up to at most the activity's capacity
 * @param eligibility who may sign up
 * @param signUpDeadline last instant a sign-up is accepted, at or before the start
 * @param cancelCutoff how long before the start a volunteer may still cancel, {@code >= 0}
 * @param checkInCode the code volunteers type to check themselves in and out
 * @param complaintWindow how long after the organiser confirms hours a complaint voids them, {@code >
 *     0}; the hours post when it has passed
 * @since 0.1.0
 */
public record ActivityPlan(Activity activity, List<Role> roles, Eligibility eligibility,
    Instant signUpDeadline, Duration cancelCutoff, String checkInCode, Duration complaintWindow) {
  /**
   * Validates the plan.
   *
   * @throws InvalidValueException if a field is missing, role ids repeat, places exceed capacity or a
   *     time is out of order
   */
  public ActivityPlan {
    InvalidValueException.requirePresent(activity, "activity");
    roles = List.copyOf(InvalidValueException.requirePresent(roles, "roles"));
    InvalidValueException.check(!roles.isEmpty(), "roles", roles, "must name at least one role");
    Set<String> ids = new HashSet<>();
    int places = 0;
    for (Role r : roles) {
      InvalidValueException.check(ids.add(r.id()), "roles", r.id(), "role ids must be unique");
      places += r.places();
    }
    InvalidValueException.check(places <= activity.capacity(), "roles", places,
        "places must add up to at most the activity's capacity " + activity.capacity());
    eligibility = eligibility == null ? Eligibility.ANYONE : eligibility;
    InvalidValueException.requirePresent(signUpDeadline, "signUpDeadline");
    InvalidValueException.check(!signUpDeadline.isAfter(activity.start()), "signUpDeadline",
        signUpDeadline, "must be at or before the start " + activity.start());
    InvalidValueException.check(cancelCutoff != null && !cancelCutoff.isNegative(), "cancelCutoff",
        cancelCutoff, "must be a duration >= 0");
    InvalidValueException.check(checkInCode != null && checkInCode.matches("[0-9A-Za-z]{4,12}"),
        "checkInCode", checkInCode, "must be 4-12 letters or digits");
    InvalidValueException.check(complaintWindow != null && !complaintWindow.isNegative()
        && !complaintWindow.isZero(), "complaintWindow", complaintWindow,
        "must be a positive duration, such as P3D");
  }

  /**
   * Returns the role with {@code id}.
   *
   * @param id a role id
   * @return the role, or null
   */
  Role role(String id) {
    return roles.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }
}
