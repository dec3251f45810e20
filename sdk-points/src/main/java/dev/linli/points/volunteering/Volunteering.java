package dev.linli.points.volunteering;

import dev.linli.core.internal.Sha256;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.points.FactLog;
import dev.linli.points.internal.Decided;
import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.FactStream;
import dev.linli.points.timebank.AwardRequest;
import dev.linli.points.timebank.AwardState;
import dev.linli.points.timebank.ServiceCode;
import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.TimeBank;
import dev.linli.points.volunteering.Desk.ActivityRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
 * <p><b>Durability.</b> The workflow state (activities, rosters, waitlists, check-ins,
 * confirmations) is folded from facts kept in a {@link FactLog}: in memory by default (lost with
 * the process, as before), or with {@link #on(TimeBank, FactLog)} in the journal of a
 * {@code DurableLedger} or in PostgreSQL next to a {@code PostgresLedger}, where each step is
 * stored atomically with the ledger changes it made and replayed when the desk is opened again.
 * On PostgreSQL every application instance opening a desk on the same database shares it: steps
 * are serialised across instances (two instances never both take the last place) and each reads
 * what the others stored first.
 *
 * <p>Thread-safe: steps are serialised by the fact stream's lock. The hours and points live in the
 * ledger, idempotently.
 *
 * @since 0.1.0
 */
public final class Volunteering {
  /** Volunteers may check in from this long before the start. */
  private static final Duration EARLY_CHECK_IN = Duration.ofHours(1);
  /** Holds outlive the complaint window by this much, so settling late still finds them. */
  private static final Duration SETTLE_GRACE = Duration.ofDays(30);

  /** The name of the desk's stream of facts in its log. */
  static final String STREAM = "volunteering";

  private final TimeBank bank;
  private final Clock clock;
  private final FactStream<Desk, VolunteeringFact> stream;

  private Volunteering(TimeBank bank, FactLog log) {
    this.bank = bank;
    this.clock = bank.ledger().clock();
    FactBackend backend = FactBackend.of(log);
    backend.checkLedger(bank.ledger());
    this.stream = backend.open(STREAM, VolunteeringFact.CODEC, Desk::new, Desk::apply);
  }

  /**
   * Returns the workflow on {@code bank}, using its ledger's clock, with its state in memory only.
   *
   * @param bank the community's time bank
   * @return the workflow, with no activities
   */
  public static Volunteering on(TimeBank bank) {
    return on(bank, FactLog.inMemory());
  }

  /**
   * Returns the workflow on {@code bank}, keeping its state in {@code log}, and replays what the
   * log holds: the desk as it was when the last instance using the log stopped (or, on
   * PostgreSQL, as every instance sharing the database left it).
   *
   * @param bank the community's time bank
   * @param log where the state is kept: {@link FactLog#inMemory()}, a {@code DurableLedger}'s
   *     or a {@code PostgresLedger}'s {@code facts()}, belonging to {@code bank}'s ledger
   * @return the workflow
   * @throws IllegalArgumentException if {@code log} belongs to another ledger
   * @throws IllegalStateException if a desk is already open on {@code log}
   * @throws dev.linli.points.FactFormatException if a stored fact cannot be read back
   * @since 0.3.0
   */
  public static Volunteering on(TimeBank bank, FactLog log) {
    return new Volunteering(Objects.requireNonNull(bank, "bank"),
        Objects.requireNonNull(log, "log"));
  }

  /**
   * Runs one step: decides on the desk as stored, then stores and applies the facts decided; a
   * durable ledger's disk wait comes after the desk's lock is released.
   */
  private <T> T step(Function<Desk, Decided<T, VolunteeringFact>> decide) {
    return bank.ledger().durably(() -> stream.step(decide));
  }

  private <T> T read(Function<Desk, T> query) {
    return stream.read(query);
  }

  private static <T> Decided<T, VolunteeringFact> none(T result) {
    return Decided.nothing(result);
  }

  private static <T> Decided<T, VolunteeringFact> fact(T result, VolunteeringFact fact) {
    return Decided.of(result, fact);
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
    return step(d -> {
      ActivityRecord existing = d.activity(plan.activity().id());
      if (existing != null) {
        return none(existing.plan.equals(plan)
            ? new ServiceResult.Accepted<>(ActivityState.PUBLISHED, List.of(), "already published",
                true)
            : reject(ServiceCode.ALREADY_EXISTS, "activity " + plan.activity().id()
                + " was published with other details; use a new id"));
      }
      return fact(new ServiceResult.Accepted<>(ActivityState.PUBLISHED, List.of(), "published"),
          new VolunteeringFact.Published(plan));
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
  public ServiceResult<AttendanceState> signUp(String activityId, VolunteerProfile volunteer,
      String roleId) {
    Objects.requireNonNull(volunteer, "volunteer");
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      ServiceResult<AttendanceState> missing = open(a, activityId);
      if (missing != null) {
        return none(missing);
      }
      Instant now = clock.instant();
      if (now.isAfter(a.plan.signUpDeadline())) {
        return none(reject(ServiceCode.TOO_LATE, "sign-up closed at "
            + a.plan.signUpDeadline() + "; it is now " + now));
      }
      Role role = a.plan.role(roleId);
      if (role == null) {
        return none(reject(ServiceCode.UNKNOWN_ROLE, "no role " + roleId + " in "
            + activityId + "; roles: " + a.plan.roles().stream().map(Role::id).toList()));
      }
      String refusal = a.plan.eligibility().refusal(volunteer);
      if (refusal != null) {
        return none(reject(ServiceCode.NOT_ELIGIBLE, refusal));
      }
      Attendance current = a.roster.get(volunteer.id());
      if (current != null && current.state() != AttendanceState.CANCELLED) {
        return none(reject(ServiceCode.ILLEGAL_TRANSITION, volunteer.id()
            + " is already " + current.state() + " in " + activityId));
      }
      boolean place = a.taken(roleId) < role.places();
      VolunteeringFact signed = new VolunteeringFact.SignedUp(activityId, volunteer.id(), roleId,
          !place, now);
      if (!place) {
        return fact(ok(AttendanceState.WAITLISTED, "all " + role.places()
            + " places taken; waitlist position " + (a.waitlists.get(roleId).size() + 1)), signed);
      }
      bank.enrol(volunteer.id());
      return fact(ok(AttendanceState.SIGNED_UP, "signed up as " + roleId), signed);
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId,
          AttendanceState.CANCELLED);
      if (bad != null) {
        return none(bad);
      }
      Instant cutoff = a.plan.activity().start().minus(a.plan.cancelCutoff());
      if (at.state() != AttendanceState.WAITLISTED && clock.instant().isAfter(cutoff)) {
        return none(reject(ServiceCode.TOO_LATE, "sign-ups can be cancelled until "
            + cutoff + "; ask the organiser instead"));
      }
      if (at.state() != AttendanceState.SIGNED_UP && at.state() != AttendanceState.WAITLISTED) {
        return none(reject(ServiceCode.ILLEGAL_TRANSITION, volunteerId + " is "
            + at.state() + "; only a sign-up or a waitlist place can be cancelled"));
      }
      String next = at.state() == AttendanceState.SIGNED_UP
          ? a.waitlists.get(at.roleId()).peekFirst() : null;
      String promoted = "";
      if (next != null) {
        bank.enrol(next);
        promoted = "; " + next + " moves up from the waitlist";
      }
      return fact(ok(AttendanceState.CANCELLED, "cancelled" + promoted),
          new VolunteeringFact.SignUpCancelled(activityId, volunteerId, next));
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId,
          AttendanceState.CHECKED_IN);
      if (bad == null) {
        bad = actor(a, volunteerId, actorId, code);
      }
      if (bad != null) {
        return none(bad);
      }
      Instant now = clock.instant();
      Instant opens = a.plan.activity().start().minus(EARLY_CHECK_IN);
      if (now.isBefore(opens) || now.isAfter(a.plan.activity().end())) {
        return none(reject(ServiceCode.TOO_LATE, "check-in is open from " + opens
            + " to the end " + a.plan.activity().end() + "; it is now " + now));
      }
      return fact(ok(AttendanceState.CHECKED_IN, "checked in at " + now), changed(
          new Attendance(activityId, volunteerId, at.roleId(), AttendanceState.CHECKED_IN,
              at.signedUpAt(), now, null, null, at.note(), null)));
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId,
          AttendanceState.CHECKED_OUT);
      if (bad == null) {
        bad = actor(a, volunteerId, actorId, code);
      }
      if (bad != null) {
        return none(bad);
      }
      Instant now = clock.instant();
      if (now.isBefore(at.checkedInAt())) {
        return none(reject(ServiceCode.TOO_LATE, "check-out at " + now
            + " would be before the check-in at " + at.checkedInAt()));
      }
      return fact(ok(AttendanceState.CHECKED_OUT, "served "
          + Duration.between(at.checkedInAt(), now).toMinutes() + " min"), changed(
          new Attendance(activityId, volunteerId, at.roleId(), AttendanceState.CHECKED_OUT,
              at.signedUpAt(), at.checkedInAt(), now, null, at.note(), null)));
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId,
          AttendanceState.CONFIRMED);
      if (bad != null) {
        return none(bad);
      }
      if (!a.plan.activity().organiserId().equals(organiserId)) {
        return none(reject(ServiceCode.NOT_ALLOWED, "only the organiser "
            + a.plan.activity().organiserId() + " confirms hours, not " + organiserId));
      }
      Duration served = Duration.between(at.checkedInAt(), at.checkedOutAt());
      Duration counted = served;
      String note = at.note();
      if (adjusted != null) {
        InvalidValueException.check(!adjusted.isNegative(), "adjusted", adjusted, "must be >= 0");
        if (reason == null || reason.isBlank()) {
          return none(reject(ServiceCode.NOT_ALLOWED, "an adjustment from "
              + served.toMinutes() + " to " + adjusted.toMinutes() + " min needs a reason"));
        }
        counted = adjusted;
        note = "adjusted from " + served.toMinutes() + " min: " + reason.strip();
      }
      Instant now = clock.instant();
      if (counted.toMinutes() == 0) {
        return fact(ok(AttendanceState.NOT_COUNTED, "no time counted"), changed(
            new Attendance(activityId, volunteerId, at.roleId(), AttendanceState.NOT_COUNTED,
                at.signedUpAt(), at.checkedInAt(), at.checkedOutAt(), Duration.ZERO, note, now)));
      }
      ServiceResult<AwardState> held = bank.propose(new AwardRequest(who.awardId(), volunteerId,
          a.plan.activity().category(), counted, activityId),
          a.plan.complaintWindow().plus(SETTLE_GRACE));
      if (held instanceof ServiceResult.Rejected<AwardState> no) {
        // The time bank held nothing (a refused proposal releases what it held).
        return none(new ServiceResult.Rejected<>(no.code(), "the time bank refused the award: "
            + no.message(), no.ledgerResults()));
      }
      return fact(ok(AttendanceState.CONFIRMED, counted.toMinutes() + " min confirmed; posts after "
          + now.plus(a.plan.complaintWindow()) + " unless someone complains"), changed(
          new Attendance(activityId, volunteerId, at.roleId(), AttendanceState.CONFIRMED,
              at.signedUpAt(), at.checkedInAt(), at.checkedOutAt(), counted, note, now)));
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId,
          AttendanceState.NOT_COUNTED);
      if (bad != null) {
        return none(bad);
      }
      if (!a.plan.activity().organiserId().equals(organiserId)) {
        return none(reject(ServiceCode.NOT_ALLOWED, "only the organiser "
            + a.plan.activity().organiserId() + " may do this, not " + organiserId));
      }
      return fact(ok(AttendanceState.NOT_COUNTED, "not counted"),
          changed(at.with(AttendanceState.NOT_COUNTED)));
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      Attendance at = a == null ? null : a.roster.get(volunteerId);
      ServiceResult<AttendanceState> bad = move(a, activityId, at, volunteerId,
          AttendanceState.VOIDED);
      if (bad != null) {
        return none(bad);
      }
      Instant closes = at.confirmedAt().plus(a.plan.complaintWindow());
      if (clock.instant().isAfter(closes)) {
        return none(reject(ServiceCode.TOO_LATE,
            "complaints about these hours closed at " + closes));
      }
      bank.complain(awardId(activityId, volunteerId));
      return fact(ok(AttendanceState.VOIDED, "the hours are void"), changed(
          new Attendance(activityId, volunteerId, at.roleId(), AttendanceState.VOIDED,
              at.signedUpAt(), at.checkedInAt(), at.checkedOutAt(), at.counted(),
              "complaint: " + complaint, at.confirmedAt())));
    });
  }

  /**
   * Posts every confirmed award whose complaint window has passed, each as a step of its own (so
   * a crash or a refusal part-way keeps the awards settled so far).
   *
   * @return the attendances awarded by this call
   */
  public List<Attendance> settle() {
    Instant now = clock.instant();
    List<Attendance> due = read(d -> {
      List<Attendance> out = new ArrayList<>();
      for (ActivityRecord a : d.activities.values()) {
        for (Attendance at : a.roster.values()) {
          if (settles(a, at, now)) {
            out.add(at);
          }
        }
      }
      return out;
    });
    List<Attendance> out = new ArrayList<>();
    for (Attendance candidate : due) {
      Attendance done = step(d -> {
        ActivityRecord a = d.activity(candidate.activityId());
        Attendance at = a.roster.get(candidate.volunteerId());
        // Another instance (or thread) may have settled, voided or cancelled it meanwhile.
        if (!settles(a, at, now)) {
          return none(null);
        }
        if (!bank.confirm(awardId(at.activityId(), at.volunteerId())).accepted()) {
          return none(null);
        }
        Attendance awarded = at.with(AttendanceState.AWARDED);
        return fact(awarded, changed(awarded));
      });
      if (done != null) {
        out.add(done);
      }
    }
    return out;
  }

  private static boolean settles(ActivityRecord a, Attendance at, Instant now) {
    return !a.cancelled && at.state() == AttendanceState.CONFIRMED
        && !now.isBefore(at.confirmedAt().plus(a.plan.complaintWindow()));
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
    return step(d -> {
      ActivityRecord a = d.activity(activityId);
      ServiceResult<ActivityState> missing = open(a, activityId);
      if (missing != null) {
        return none(missing);
      }
      if (!a.plan.activity().organiserId().equals(organiserId)) {
        return none(reject(ServiceCode.NOT_ALLOWED, "only the organiser "
            + a.plan.activity().organiserId() + " may cancel " + activityId));
      }
      if (a.roster.values().stream().anyMatch(at -> at.state() == AttendanceState.AWARDED)) {
        return none(reject(ServiceCode.ILLEGAL_TRANSITION, activityId
            + " already has posted hours; reverse them in the ledger instead"));
      }
      for (Attendance at : a.roster.values()) {
        if (at.state() == AttendanceState.CONFIRMED) {
          bank.complain(awardId(activityId, at.volunteerId()));
        }
      }
      return fact(new ServiceResult.Accepted<>(ActivityState.CANCELLED, List.of(), "cancelled: "
          + reason), new VolunteeringFact.ActivityCancelled(activityId, String.valueOf(reason)));
    });
  }

  private static VolunteeringFact changed(Attendance attendance) {
    return new VolunteeringFact.AttendanceChanged(attendance);
  }

  /**
   * Records how many people an activity served (meals delivered, residents visited).
   *
   * @param activityId the activity
   * @param people how many, {@code >= 0}
   */
  public void recordServed(String activityId, long people) {
    InvalidValueException.check(people >= 0, "people", people, "must be >= 0");
    step(d -> {
      InvalidValueException.check(d.activity(activityId) != null, "activityId", activityId,
          "must be a published activity");
      return fact(null, new VolunteeringFact.Served(activityId, people));
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
    return read(d -> {
      ActivityRecord a = d.activity(activityId);
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
    return read(d -> {
      ActivityRecord a = d.activity(activityId);
      return a == null ? List.<Attendance>of() : List.copyOf(a.roster.values());
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
    return read(d -> {
      List<Summary> out = new ArrayList<>();
      for (ActivityRecord a : d.activities.values()) {
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
