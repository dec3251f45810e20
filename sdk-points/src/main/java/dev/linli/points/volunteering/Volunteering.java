package dev.linli.points.volunteering;

import dev.linli.core.internal.Sha256;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.points.timebank.AwardRequest;
import dev.linli.points.timebank.AwardState;
import dev.linli.points.timebank.ServiceCode;
import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.TimeBank;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The volunteering workflow (志愿服务): organisers publish activities, volunteers sign up (a
 * waitlist fills freed places in order), check in and out, the organiser confirms or adjusts the
 * hours, and after the complaint window the hours post as honour minutes and points through the
 * {@link TimeBank}, exactly once, with the activity as the transfers' reference.
 *
 * <p>Confirmed hours are proposed to the time bank as holds at once, so they count against the
 * member's period cap and cannot be spent; {@link #settle()} posts them when the complaint window
 * has passed; a complaint within it, or cancelling the activity, voids them. Award ids are derived
 * from activity and volunteer, so a retried or repeated step can never award twice.
 *
 * <p>Thread-safe: every step runs under one lock. The workflow state (rosters, check-ins) lives in
 * memory; the money-like part (hours and points) lives in the ledger, idempotently.
 *
 * @since 0.1.0
 */
public final class Volunteering {
  /** Volunteers may check in from this long before the start. */
  private static final Duration EARLY_CHECK_IN = Duration.ofHours(1);
  /** Holds outlive the complaint window by this much, so settling late still finds them. */
  private static final Duration SETTLE_GRACE = Duration.ofDays(30);

  private final TimeBank bank;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ActivityRecord> activities = new LinkedHashMap<>();

  /** One activity's mutable state; guarded by the lock. */
  private static final class ActivityRecord {
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

  private Volunteering(TimeBank bank) {
    this.bank = bank;
    this.clock = bank.ledger().clock();
  }

  /**
   * Returns the workflow on {@code bank}, using its ledger's clock.
   *
   * @param bank the community's time bank
   * @return the workflow, with no activities
   */
  public static Volunteering on(TimeBank bank) {
    return new Volunteering(Objects.requireNonNull(bank, "bank"));
  }

  /** Runs under this service's lock; a durable ledger's disk wait comes after it is released. */
  private <T> T locked(java.util.function.Supplier<T> body) {
    return bank.ledger().durably(() -> {
      lock.lock();
      try {
        return body.get();
      } finally {
        lock.unlock();
      }
    });
  }

  private static <S extends Enum<S>> ServiceResult<S> reject(ServiceCode code, String message) {
    return new ServiceResult.Rejected<>(code, message);
  }

  private static ServiceResult<AttendanceState> ok(AttendanceState state, String message) {
    return new ServiceResult.Accepted<>(state, List.of(), message);
  }

  /**
   * Publishes an activity. Publishing the same plan again is accepted and changes nothing.
   *
   * @param plan the activity and its rules
   * @return accepted, or {@code ALREADY_EXISTS} if the id is taken by another plan
   */
  public ServiceResult<ActivityState> publish(ActivityPlan plan) {
    Objects.requireNonNull(plan, "plan");
    return locked(() -> {
      ActivityRecord existing = activities.get(plan.activity().id());
      if (existing != null) {
        return existing.plan.equals(plan)
            ? new ServiceResult.Accepted<>(ActivityState.PUBLISHED, List.of(), "already published",
                true)
            : reject(ServiceCode.ALREADY_EXISTS, "activity " + plan.activity().id()
                + " was published with other details; use a new id");
      }
      activities.put(plan.activity().id(), new ActivityRecord(plan));
      return new ServiceResult.Accepted<>(ActivityState.PUBLISHED, List.of(), "published");
    });
  }

  /**
   * Signs a volunteer up for a role: a place if one is free, else the role's waitlist.
   *
   * @param activityId the activity
   * @param volunteer who signs up
   * @param roleId the role
   * @return accepted as {@code SIGNED_UP} or {@code WAITLISTED}, or why not
   */
  public ServiceResult<AttendanceState> signUp(String activityId, VolunteerProfile volunteer, String roleId) {
    Objects.requireNonNull(volunteer, "volunteer");
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      ServiceResult<AttendanceState> missing = open(a, activityId);
      if (missing != null) {
        return missing;
      }
      Instant now = clock.instant();
      if (now.isAfter(a.plan.signUpDeadline())) {
        return reject(ServiceCode.TOO_LATE, "sign-up closed at "
            + a.plan.signUpDeadline() + "; it is now " + now);
      }
      Role role = a.plan.role(roleId);
      if (role == null) {
        return reject(ServiceCode.UNKNOWN_ROLE, "no role " + roleId + " in "
            + activityId + "; roles: " + a.plan.roles().stream().map(Role::id).toList());
      }
      String refusal = a.plan.eligibility().refusal(volunteer);
      if (refusal != null) {
        return reject(ServiceCode.NOT_ELIGIBLE, refusal);
      }
      Attendance current = a.roster.get(volunteer.id());
      if (current != null && current.state() != AttendanceState.CANCELLED) {
        return reject(ServiceCode.ILLEGAL_TRANSITION, volunteer.id()
            + " is already " + current.state() + " in " + activityId);
      }
      boolean place = a.taken(roleId) < role.places();
      AttendanceState state = place ? AttendanceState.SIGNED_UP : AttendanceState.WAITLISTED;
      a.roster.put(volunteer.id(), new Attendance(activityId, volunteer.id(), roleId, state, now,
          null, null, null, "", null));
      if (!place) {
        a.waitlists.get(roleId).addLast(volunteer.id());
        return ok(state, "all " + role.places() + " places taken; waitlist position "
            + a.waitlists.get(roleId).size());
      }
      bank.enrol(volunteer.id());
      return ok(state, "signed up as " + roleId);
    });
  }

  /**
   * Cancels a sign-up (until the cancel cutoff) or leaves the waitlist (any time); a freed place
   * goes to the first on the role's waitlist.
   *
   * @param who the volunteer and the activity
   * @return accepted as {@code CANCELLED}, or why not
   */
  public ServiceResult<AttendanceState> cancelSignUp(Participant who) {
    Objects.requireNonNull(who, "who");
    String activityId = who.activityId();
    String volunteerId = who.volunteerId();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId, AttendanceState.CANCELLED);
      if (bad != null) {
        return bad;
      }
      Instant cutoff = a.plan.activity().start().minus(a.plan.cancelCutoff());
      if (at.state() != AttendanceState.WAITLISTED && clock.instant().isAfter(cutoff)) {
        return reject(ServiceCode.TOO_LATE, "sign-ups can be cancelled until "
            + cutoff + "; ask the organiser instead");
      }
      if (at.state() != AttendanceState.SIGNED_UP && at.state() != AttendanceState.WAITLISTED) {
        return reject(ServiceCode.ILLEGAL_TRANSITION, volunteerId + " is "
            + at.state() + "; only a sign-up or a waitlist place can be cancelled");
      }
      a.roster.put(volunteerId, at.with(AttendanceState.CANCELLED));
      a.waitlists.get(at.roleId()).remove(volunteerId);
      String promoted = "";
      if (at.state() == AttendanceState.SIGNED_UP) {
        String next = a.waitlists.get(at.roleId()).pollFirst();
        if (next != null) {
          a.roster.put(next, a.roster.get(next).with(AttendanceState.SIGNED_UP));
          bank.enrol(next);
          promoted = "; " + next + " moves up from the waitlist";
        }
      }
      return ok(AttendanceState.CANCELLED, "cancelled" + promoted);
    });
  }

  /**
   * Checks a volunteer in: by the organiser, or by the volunteer with the activity's code; from an
   * hour before the start until the end.
   *
   * @param who the volunteer and the activity
   * @param actorId the organiser's id, or the volunteer's own
   * @param code the check-in code when the volunteer checks themselves in, else ignored
   * @return accepted as {@code CHECKED_IN}, or why not
   */
  public ServiceResult<AttendanceState> checkIn(Participant who, String actorId, String code) {
    Objects.requireNonNull(who, "who");
    String activityId = who.activityId();
    String volunteerId = who.volunteerId();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId, AttendanceState.CHECKED_IN);
      if (bad == null) {
        bad = actor(a, volunteerId, actorId, code);
      }
      if (bad != null) {
        return bad;
      }
      Instant now = clock.instant();
      Instant opens = a.plan.activity().start().minus(EARLY_CHECK_IN);
      if (now.isBefore(opens) || now.isAfter(a.plan.activity().end())) {
        return reject(ServiceCode.TOO_LATE, "check-in is open from " + opens
            + " to the end " + a.plan.activity().end() + "; it is now " + now);
      }
      a.roster.put(volunteerId, new Attendance(activityId, volunteerId, at.roleId(),
          AttendanceState.CHECKED_IN, at.signedUpAt(), now, null, null, at.note(), null));
      return ok(AttendanceState.CHECKED_IN, "checked in at " + now);
    });
  }

  /**
   * Checks a volunteer out, which fixes the time served.
   *
   * @param who the volunteer and the activity
   * @param actorId the organiser's id, or the volunteer's own
   * @param code the check-in code when the volunteer checks themselves out
   * @return accepted as {@code CHECKED_OUT}, or why not
   */
  public ServiceResult<AttendanceState> checkOut(Participant who, String actorId, String code) {
    Objects.requireNonNull(who, "who");
    String activityId = who.activityId();
    String volunteerId = who.volunteerId();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId, AttendanceState.CHECKED_OUT);
      if (bad == null) {
        bad = actor(a, volunteerId, actorId, code);
      }
      if (bad != null) {
        return bad;
      }
      Instant now = clock.instant();
      if (now.isBefore(at.checkedInAt())) {
        return reject(ServiceCode.TOO_LATE, "check-out at " + now
            + " would be before the check-in at " + at.checkedInAt());
      }
      a.roster.put(volunteerId, new Attendance(activityId, volunteerId, at.roleId(),
          AttendanceState.CHECKED_OUT, at.signedUpAt(), at.checkedInAt(), now, null, at.note(),
          null));
      return ok(AttendanceState.CHECKED_OUT, "served "
          + Duration.between(at.checkedInAt(), now).toMinutes() + " min");
    });
  }

  /**
   * The organiser confirms a volunteer's time (as checked in and out, or adjusted with a reason):
   * the award is proposed to the time bank at once and posts by {@link #settle()} after the
   * complaint window. Confirming no time marks the volunteer {@code NOT_COUNTED}.
   *
   * @param who the volunteer and the activity
   * @param organiserId the activity's organiser
   * @param adjusted the time to count instead of the checked time, or null
   * @param reason why the time was adjusted; required when {@code adjusted} is given
   * @return accepted as {@code CONFIRMED} (or {@code NOT_COUNTED}), or why not: the time bank's
   *     code when it refuses the award ({@code CAP_REACHED} if the volunteer's period cap is used
   *     up: confirm {@code Duration.ZERO} to close the attendance)
   */
  public ServiceResult<AttendanceState> confirm(Participant who, String organiserId,
      Duration adjusted, String reason) {
    Objects.requireNonNull(who, "who");
    String activityId = who.activityId();
    String volunteerId = who.volunteerId();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId, AttendanceState.CONFIRMED);
      if (bad != null) {
        return bad;
      }
      if (!a.plan.activity().organiserId().equals(organiserId)) {
        return reject(ServiceCode.NOT_ALLOWED, "only the organiser "
            + a.plan.activity().organiserId() + " confirms hours, not " + organiserId);
      }
      Duration served = Duration.between(at.checkedInAt(), at.checkedOutAt());
      Duration counted = served;
      String note = at.note();
      if (adjusted != null) {
        InvalidValueException.check(!adjusted.isNegative(), "adjusted", adjusted, "must be >= 0");
        if (reason == null || reason.isBlank()) {
          return reject(ServiceCode.NOT_ALLOWED, "an adjustment from "
              + served.toMinutes() + " to " + adjusted.toMinutes() + " min needs a reason");
        }
        counted = adjusted;
        note = "adjusted from " + served.toMinutes() + " min: " + reason.strip();
      }
      Instant now = clock.instant();
      if (counted.toMinutes() == 0) {
        a.roster.put(volunteerId, new Attendance(activityId, volunteerId, at.roleId(),
            AttendanceState.NOT_COUNTED, at.signedUpAt(), at.checkedInAt(), at.checkedOutAt(),
            Duration.ZERO, note, now));
        return ok(AttendanceState.NOT_COUNTED, "no time counted");
      }
      ServiceResult<AwardState> held = bank.propose(new AwardRequest(who.awardId(), volunteerId,
          a.plan.activity().category(), counted, activityId),
          a.plan.complaintWindow().plus(SETTLE_GRACE));
      if (held instanceof ServiceResult.Rejected<AwardState> no) {
        // The time bank held nothing (a refused proposal releases what it held).
        return new ServiceResult.Rejected<>(no.code(), "the time bank refused the award: "
            + no.message(), no.ledgerResults());
      }
      a.roster.put(volunteerId, new Attendance(activityId, volunteerId, at.roleId(),
          AttendanceState.CONFIRMED, at.signedUpAt(), at.checkedInAt(), at.checkedOutAt(), counted,
          note, now));
      return ok(AttendanceState.CONFIRMED, counted.toMinutes() + " min confirmed; posts after "
          + now.plus(a.plan.complaintWindow()) + " unless someone complains");
    });
  }

  /**
   * Marks a signed-up volunteer who did not come, or whose time the organiser does not count.
   *
   * @param who the volunteer and the activity
   * @param organiserId the organiser
   * @return accepted as {@code NOT_COUNTED}, or why not
   */
  public ServiceResult<AttendanceState> markNotCounted(Participant who, String organiserId) {
    Objects.requireNonNull(who, "who");
    String activityId = who.activityId();
    String volunteerId = who.volunteerId();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId, AttendanceState.NOT_COUNTED);
      if (bad != null) {
        return bad;
      }
      if (!a.plan.activity().organiserId().equals(organiserId)) {
        return reject(ServiceCode.NOT_ALLOWED, "only the organiser "
            + a.plan.activity().organiserId() + " may do this, not " + organiserId);
      }
      a.roster.put(volunteerId, at.with(AttendanceState.NOT_COUNTED));
      return ok(AttendanceState.NOT_COUNTED, "not counted");
    });
  }

  /**
   * Records a complaint against confirmed hours; within the complaint window it voids them.
   *
   * @param who the volunteer and the activity
   * @param complaint what the complaint says
   * @return accepted as {@code VOIDED}, or why not ({@code TOO_LATE} after the window)
   */
  public ServiceResult<AttendanceState> complain(Participant who, String complaint) {
    Objects.requireNonNull(who, "who");
    String activityId = who.activityId();
    String volunteerId = who.volunteerId();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId, AttendanceState.VOIDED);
      if (bad != null) {
        return bad;
      }
      Instant closes = at.confirmedAt().plus(a.plan.complaintWindow());
      if (clock.instant().isAfter(closes)) {
        return reject(ServiceCode.TOO_LATE, "complaints about these hours closed at "
            + closes);
      }
      bank.complain(awardId(activityId, volunteerId));
      a.roster.put(volunteerId, new Attendance(activityId, volunteerId, at.roleId(),
          AttendanceState.VOIDED, at.signedUpAt(), at.checkedInAt(), at.checkedOutAt(),
          at.counted(), "complaint: " + complaint, at.confirmedAt()));
      return ok(AttendanceState.VOIDED, "the hours are void");
    });
  }

  /**
   * Posts every confirmed award whose complaint window has passed.
   *
   * @return the attendances awarded by this call
   */
  public List<Attendance> settle() {
    return locked(() -> {
      Instant now = clock.instant();
      List<Attendance> out = new ArrayList<>();
      for (ActivityRecord a : activities.values()) {
        for (Attendance at : new ArrayList<>(a.roster.values())) {
          if (at.state() == AttendanceState.CONFIRMED
              && !now.isBefore(at.confirmedAt().plus(a.plan.complaintWindow()))) {
            if (bank.confirm(awardId(at.activityId(), at.volunteerId())).accepted()) {
              Attendance done = at.with(AttendanceState.AWARDED);
              a.roster.put(at.volunteerId(), done);
              out.add(done);
            }
          }
        }
      }
      return out;
    });
  }

  /**
   * Cancels an activity: every sign-up is cancelled and confirmed hours not yet posted are voided;
   * nothing more will post for it.
   *
   * @param request the activity, its organiser and why
   * @return accepted as {@code CANCELLED}, or why not
   */
  public ServiceResult<ActivityState> cancelActivity(ActivityCancellation request) {
    Objects.requireNonNull(request, "request");
    String activityId = request.activityId();
    String organiserId = request.organiserId();
    String reason = request.reason();
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      ServiceResult<ActivityState> missing = open(a, activityId);
      if (missing != null) {
        return missing;
      }
      if (!a.plan.activity().organiserId().equals(organiserId)) {
        return reject(ServiceCode.NOT_ALLOWED, "only the organiser "
            + a.plan.activity().organiserId() + " may cancel " + activityId);
      }
      if (a.roster.values().stream().anyMatch(at -> at.state() == AttendanceState.AWARDED)) {
        return reject(ServiceCode.ILLEGAL_TRANSITION, activityId
            + " already has posted hours; reverse them in the ledger instead");
      }
      for (Attendance at : new ArrayList<>(a.roster.values())) {
        if (at.state() == AttendanceState.CONFIRMED) {
          bank.complain(awardId(activityId, at.volunteerId()));
        }
        if (!at.state().next().isEmpty()) {
          a.roster.put(at.volunteerId(), at.with(AttendanceState.CANCELLED));
        }
      }
      a.waitlists.values().forEach(ArrayDeque::clear);
      a.cancelled = true;
      return new ServiceResult.Accepted<>(ActivityState.CANCELLED, List.of(), "cancelled: " + reason);
    });
  }

  /**
   * Records how many people an activity served (meals delivered, residents visited).
   *
   * @param activityId the activity
   * @param people how many, {@code >= 0}
   */
  public void recordServed(String activityId, long people) {
    InvalidValueException.check(people >= 0, "people", people, "must be >= 0");
    locked(() -> {
      ActivityRecord a = activities.get(activityId);
      InvalidValueException.check(a != null, "activityId", activityId, "must be a published activity");
      a.peopleServed = people;
      return null;
    });
  }

  /**
   * Returns a volunteer's record in an activity.
   *
   * @param activityId the activity
   * @param volunteerId the volunteer
   * @return the record, or empty
   */
  public Optional<Attendance> attendance(String activityId, String volunteerId) {
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      return Optional.ofNullable(a == null ? null : a.roster.get(volunteerId));
    });
  }

  /**
   * Returns an activity's roster, in sign-up order.
   *
   * @param activityId the activity
   * @return every record, waitlisted and cancelled included
   */
  public List<Attendance> roster(String activityId) {
    return locked(() -> {
      ActivityRecord a = activities.get(activityId);
      return a == null ? List.of() : List.copyOf(a.roster.values());
    });
  }

  /**
   * One activity's summary, for reports.
   *
   * @param plan the plan
   * @param cancelled whether it was cancelled
   * @param peopleServed how many people it served
   * @param roster its records
   */
  public record Summary(ActivityPlan plan, boolean cancelled, long peopleServed,
      List<Attendance> roster) {}

  /**
   * Returns a summary of every activity, in publication order.
   *
   * @return the summaries
   */
  public List<Summary> summaries() {
    return locked(() -> {
      List<Summary> out = new ArrayList<>();
      for (ActivityRecord a : activities.values()) {
        out.add(new Summary(a.plan, a.cancelled, a.peopleServed, List.copyOf(a.roster.values())));
      }
      return out;
    });
  }

  /**
   * Returns the time-bank award id of a volunteer's hours in an activity: at most 48 characters,
   * the same for the same pair, so an award can only ever be made once.
   *
   * @param activityId the activity
   * @param volunteerId the volunteer
   * @return the award id
   */
  public static String awardId(String activityId, String volunteerId) {
    String plain = Id.require(activityId, "activityId") + "." + Id.require(volunteerId,
        "volunteerId");
    if (plain.length() <= 48) {
      return plain;
    }
    return "aw-" + Sha256.hexOf(plain).substring(0, 40);
  }

  private static <S extends Enum<S>> ServiceResult<S> open(ActivityRecord a,
      String activityId) {
    if (a == null) {
      return reject(ServiceCode.NOT_FOUND, "no activity " + activityId);
    }
    if (a.cancelled) {
      return reject(ServiceCode.ILLEGAL_TRANSITION, activityId + " was cancelled");
    }
    return null;
  }

  /** Checks that {@code at} exists and may move to {@code target}; null if it may. */
  private static ServiceResult<AttendanceState> move(ActivityRecord a, String activityId,
      Attendance at, String volunteerId, AttendanceState target) {
    ServiceResult<AttendanceState> missing = open(a, activityId);
    if (missing != null) {
      return missing;
    }
    if (at == null) {
      return reject(ServiceCode.NOT_FOUND, volunteerId + " has not signed up for "
          + activityId);
    }
    if (!at.state().next().contains(target)) {
      return reject(ServiceCode.ILLEGAL_TRANSITION, volunteerId + " is " + at.state()
          + " in " + activityId + " and cannot become " + target + "; allowed next: "
          + at.state().next());
    }
    return null;
  }

  /** Checks that {@code actorId} may check {@code volunteerId} in or out; null if so. */
  private static ServiceResult<AttendanceState> actor(ActivityRecord a, String volunteerId,
      String actorId, String code) {
    if (a.plan.activity().organiserId().equals(actorId)) {
      return null;
    }
    if (volunteerId.equals(actorId) && a.plan.checkInCode().equals(code)) {
      return null;
    }
    return reject(ServiceCode.NOT_ALLOWED, volunteerId.equals(actorId)
        ? "wrong check-in code; ask the organiser for today's code"
        : actorId + " is neither the organiser nor " + volunteerId);
  }
}
