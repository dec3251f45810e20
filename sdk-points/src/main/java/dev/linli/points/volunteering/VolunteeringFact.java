package dev.linli.points.volunteering;

import dev.linli.core.InvalidValueException;
import dev.linli.points.internal.FactCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the volunteering desk stores: one fact per change, folded by {@link Desk#apply}. The kind
 * names are stored with each fact (journal record or {@code linli_points_facts} row), so they are
 * never renamed; see {@code docs/formats.md}.
 */
sealed interface VolunteeringFact {

  /** The codec of these facts. */
  FactCodec<VolunteeringFact> CODEC = FactCodec.of(VolunteeringFact.class, Map.of(
      "published", Published.class,
      "signed-up", SignedUp.class,
      "sign-up-cancelled", SignUpCancelled.class,
      "attendance", AttendanceChanged.class,
      "activity-cancelled", ActivityCancelled.class,
      "served", Served.class));

  /** An activity was published. */
  record Published(ActivityPlan plan) implements VolunteeringFact {
    public Published {
      InvalidValueException.requirePresent(plan, "plan");
    }
  }

  /** A volunteer took a place in a role, or its waitlist. */
  record SignedUp(String activityId, String volunteerId, String roleId, boolean waitlisted,
      Instant at) implements VolunteeringFact {
    public SignedUp {
      InvalidValueException.requirePresent(activityId, "activityId");
      InvalidValueException.requirePresent(volunteerId, "volunteerId");
      InvalidValueException.requirePresent(roleId, "roleId");
      InvalidValueException.requirePresent(at, "at");
    }
  }

  /** A sign-up or waitlist place was cancelled; {@code promotedId} moved up into the place. */
  record SignUpCancelled(String activityId, String volunteerId, String promotedId)
      implements VolunteeringFact {
    public SignUpCancelled {
      InvalidValueException.requirePresent(activityId, "activityId");
      InvalidValueException.requirePresent(volunteerId, "volunteerId");
    }
  }

  /** A volunteer's record is now this (check-in, check-out, confirmation, complaint, award). */
  record AttendanceChanged(Attendance attendance) implements VolunteeringFact {
    public AttendanceChanged {
      InvalidValueException.requirePresent(attendance, "attendance");
    }
  }

  /** An activity was cancelled: every open record is cancelled, the waitlists emptied. */
  record ActivityCancelled(String activityId, String reason) implements VolunteeringFact {
    public ActivityCancelled {
      InvalidValueException.requirePresent(activityId, "activityId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** How many people an activity served. */
  record Served(String activityId, long people) implements VolunteeringFact {
    public Served {
      InvalidValueException.requirePresent(activityId, "activityId");
      InvalidValueException.check(people >= 0, "people", people, "must be >= 0");
    }
  }
}
