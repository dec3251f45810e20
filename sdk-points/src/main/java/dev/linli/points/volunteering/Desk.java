package dev.linli.points.volunteering;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The volunteering desk's state: every activity with its roster and waitlists, in publication
 * order. Changed only by {@link #apply}, so replaying the stored facts rebuilds it. Not
 * thread-safe: its fact stream's lock guards it.
 */
final class Desk {
  final Map<String, ActivityRecord> activities = new LinkedHashMap<>();

  /** One activity's state. */
  static final class ActivityRecord {
    final ActivityPlan plan;
    final Map<String, Attendance> roster = new LinkedHashMap<>();
    final Map<String, ArrayDeque<String>> waitlists = new LinkedHashMap<>();
    boolean cancelled;
    long peopleServed;

    ActivityRecord(ActivityPlan plan) {
      this.plan = plan;
      plan.roles().forEach(r -> waitlists.put(r.id(), new ArrayDeque<>()));
    }

    long taken(String roleId) {
      return roster.values().stream().filter(a -> a.roleId().equals(roleId)
          && a.state() != AttendanceState.WAITLISTED && a.state() != AttendanceState.CANCELLED)
          .count();
    }
  }

  ActivityRecord activity(String id) {
    return activities.get(id);
  }

  /** Folds one fact in; facts were checked when decided, so a misfit is a damaged stream. */
  void apply(VolunteeringFact fact) {
    if (fact instanceof VolunteeringFact.Published p) {
      activities.put(p.plan().activity().id(), new ActivityRecord(p.plan()));
    } else if (fact instanceof VolunteeringFact.SignedUp s) {
      ActivityRecord a = existing(s.activityId());
      AttendanceState state = s.waitlisted() ? AttendanceState.WAITLISTED
          : AttendanceState.SIGNED_UP;
      a.roster.put(s.volunteerId(), new Attendance(s.activityId(), s.volunteerId(),
          s.roleId(), state, s.at(), null, null, null, "", null));
      if (s.waitlisted()) {
        a.waitlists.get(s.roleId()).addLast(s.volunteerId());
      }
    } else if (fact instanceof VolunteeringFact.SignUpCancelled c) {
      ActivityRecord a = existing(c.activityId());
      Attendance at = a.roster.get(c.volunteerId());
      a.roster.put(c.volunteerId(), at.with(AttendanceState.CANCELLED));
      a.waitlists.get(at.roleId()).remove(c.volunteerId());
      if (c.promotedId() != null) {
        a.waitlists.get(at.roleId()).remove(c.promotedId());
        a.roster.put(c.promotedId(), a.roster.get(c.promotedId())
            .with(AttendanceState.SIGNED_UP));
      }
    } else if (fact instanceof VolunteeringFact.AttendanceChanged c) {
      existing(c.attendance().activityId()).roster.put(c.attendance().volunteerId(),
          c.attendance());
    } else if (fact instanceof VolunteeringFact.ActivityCancelled c) {
      ActivityRecord a = existing(c.activityId());
      for (Attendance at : a.roster.values().toArray(new Attendance[0])) {
        if (!at.state().next().isEmpty()) {
          a.roster.put(at.volunteerId(), at.with(AttendanceState.CANCELLED));
        }
      }
      a.waitlists.values().forEach(ArrayDeque::clear);
      a.cancelled = true;
    } else if (fact instanceof VolunteeringFact.Served s) {
      existing(s.activityId()).peopleServed = s.people();
    } else {
      throw new IllegalStateException("unknown volunteering fact " + fact);
    }
  }

  private ActivityRecord existing(String id) {
    ActivityRecord a = activities.get(id);
    if (a == null) {
      throw new IllegalStateException("a fact names activity " + id + ", never published");
    }
    return a;
  }
}
