package dev.linli.scheduling.engine;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.Reminders;
import dev.linli.scheduling.rule.RuleContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What happens to a booking after it is accepted: change, cancel, approve or decline, check in,
 * release as a no-show, and blackouts that hit it. Each step reads and writes through the store and
 * records an event in the booking's history; a refused step writes nothing. Runs inside the
 * engine's transaction.
 */
final class Lifecycle {
  private final Setup setup;
  private final BookingStore store;
  private final Admission admission;
  private final Alternatives alternatives;
  private final Locks locks;

  Lifecycle(Setup setup, BookingStore store, Admission admission, Alternatives alternatives,
      Locks locks) {
    this.setup = setup;
    this.store = store;
    this.admission = admission;
    this.alternatives = alternatives;
    this.locks = locks;
  }

  private Optional<Booking> holding(String bookingId) {
    return store.booking(bookingId).filter(b -> b.status().holdsTime());
  }

  private BookingEvent event(String actor, String action, Booking before, Booking after) {
    return new BookingEvent(setup.clock().instant(), actor, action, before, after);
  }

  /** Frees {@code b}'s time and records it as {@code status}. */
  Booking end(Booking b, BookingStatus status, String actor, String action) {
    Booking ended = b.with(status);
    store.update(b, ended, event(actor, action, b, ended));
    return ended;
  }

  /** Moves a booking between statuses (ballot claims and lapses, class drop-outs). */
  Optional<Booking> move(String bookingId, BookingStatus from, BookingStatus to, String actorId,
      String action) {
    Optional<Booking> found = store.booking(bookingId).filter(b -> b.status() == from);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Booking b = found.get();
    locks.forWrite(b.request());
    if (!to.holdsTime()) {
      return Optional.of(end(b, to, actorId, action));
    }
    Booking after = b.with(to);
    store.update(b, after, event(actorId, action, b, after));
    return Optional.of(after);
  }

  Decision change(BookingRequest replacement, String actorId) {
    Optional<Booking> found = holding(replacement.id());
    if (found.isEmpty()) {
      return rejected(unknownBooking(replacement.id()));
    }
    Booking original = found.get();
    if (original.request().equals(replacement)) {
      return new Decision.Accepted(original);
    }
    if (original.status() == BookingStatus.AWAITING_CLAIM) {
      // A ballot place is for the slot that was drawn; moving it would take a place nobody drew.
      return rejected(notInState(replacement.id(), original, BookingStatus.CONFIRMED));
    }
    Resource resource = setup.resources().get(replacement.resourceId());
    if (resource == null) {
      return rejected(unknownResource(setup, replacement.resourceId()));
    }
    locks.forWrite(original.request(), replacement);
    store.foresee(() -> admission.check(resource, replacement, RuleContext.Operation.CHANGE,
        original, Set.of()));
    List<Reason> reasons = admission.check(resource, replacement, RuleContext.Operation.CHANGE,
        original, Set.of());
    if (!reasons.isEmpty()) {
      return new Decision.Rejected(reasons,
          alternatives.find(resource, replacement, reasons, original));
    }
    Booking changed = new Booking(replacement, original.acceptedAt(),
        store.rules(resource.id()).rules().requiresApproval() ? BookingStatus.PENDING_APPROVAL
            : BookingStatus.CONFIRMED);
    store.update(original, changed, event(actorId, "changed", original, changed));
    return new Decision.Accepted(changed);
  }

  Decision cancel(String bookingId, String actorId) {
    Optional<Booking> found = holding(bookingId);
    if (found.isEmpty()) {
      Optional<Booking> done = store.booking(bookingId);
      return done.isPresent() && done.get().status() == BookingStatus.CANCELLED
          ? new Decision.Accepted(done.get()) : rejected(unknownBooking(bookingId));
    }
    Booking b = found.get();
    Resource r = setup.resources().get(b.request().resourceId());
    locks.forWrite(b.request());
    RuleContext ctx = new EngineRuleContext(setup, store, r, setup.clock().instant(),
        RuleContext.Operation.CANCEL, b, null);
    List<Reason> reasons = store.rules(r.id()).rules().check(b.request(), ctx);
    if (!reasons.isEmpty()) {
      return new Decision.Rejected(reasons, List.of());
    }
    return new Decision.Accepted(end(b, BookingStatus.CANCELLED, actorId, "cancelled"));
  }

  boolean cancelNow(String bookingId) {
    Optional<Booking> found = holding(bookingId);
    if (found.isEmpty()) {
      return false;
    }
    Booking b = found.get();
    locks.forWrite(b.request());
    end(b, BookingStatus.CANCELLED, "staff", "cancelled");
    return true;
  }

  Decision approve(String bookingId, String staffId) {
    Optional<Booking> found = holding(bookingId);
    if (found.isEmpty() || found.get().status() != BookingStatus.PENDING_APPROVAL) {
      return rejected(notInState(bookingId, found.orElse(null),
          BookingStatus.PENDING_APPROVAL));
    }
    Booking b = found.get();
    Booking approved = b.with(BookingStatus.CONFIRMED);
    store.update(b, approved, event(staffId, "approved", b, approved));
    return new Decision.Accepted(approved);
  }

  Decision decline(String bookingId, String staffId) {
    Optional<Booking> found = holding(bookingId);
    if (found.isEmpty() || found.get().status() != BookingStatus.PENDING_APPROVAL) {
      return rejected(notInState(bookingId, found.orElse(null),
          BookingStatus.PENDING_APPROVAL));
    }
    Booking b = found.get();
    locks.forWrite(b.request());
    return new Decision.Accepted(end(b, BookingStatus.CANCELLED, staffId, "declined"));
  }

  Decision checkIn(String bookingId, String actorId) {
    Optional<Booking> found = holding(bookingId);
    if (found.isEmpty() || found.get().status() != BookingStatus.CONFIRMED) {
      if (found.isPresent() && found.get().status() == BookingStatus.CHECKED_IN) {
        return new Decision.Accepted(found.get());
      }
      return rejected(notInState(bookingId, found.orElse(null), BookingStatus.CONFIRMED));
    }
    Booking b = found.get();
    Resource r = setup.resources().get(b.request().resourceId());
    Optional<CheckInPolicy> policy = store.rules(r.id()).rules().checkIn();
    Instant now = setup.clock().instant();
    Instant opens = b.request().start().minus(policy.map(CheckInPolicy::opensBefore)
        .orElse(Duration.ofMinutes(30)));
    Instant closes = b.request().start().plus(policy.map(CheckInPolicy::grace)
        .orElse(b.request().duration()));
    if (now.isBefore(opens) || !now.isBefore(closes)) {
      String window = Setup.local(r, opens) + "-" + Setup.local(r, closes);
      return rejected(Reason.of(RejectionCode.CHECK_IN_CLOSED, "check-in", "check-in for "
          + bookingId + " is open " + window + "; it is " + Setup.local(r, now), "签到时间为"
          + window + "，当前为" + Setup.local(r, now), "opens", opens, "closes", closes));
    }
    Booking in = b.with(BookingStatus.CHECKED_IN);
    store.update(b, in, event(actorId, "checked-in", b, in));
    return new Decision.Accepted(in);
  }

  List<Booking> releaseNoShows() {
    Instant now = setup.clock().instant();
    List<Booking> due = new ArrayList<>();
    for (Booking b : store.confirmedStartingBefore(now.plusNanos(1))) {
      Optional<CheckInPolicy> policy = store.rules(b.request().resourceId()).rules().checkIn();
      if (policy.isPresent() && !now.isBefore(b.request().start().plus(policy.get().grace()))) {
        due.add(b);
      }
    }
    due.sort(Comparator.comparing((Booking b) -> b.request().start()).thenComparing(Booking::id));
    List<Booking> out = new ArrayList<>();
    for (Booking b : due) {
      locks.forWrite(b.request());
      out.add(end(b, BookingStatus.NO_SHOW, "system", "no-show"));
      store.addNoShow(b.request().residentId(), b.request().start());
    }
    return out;
  }

  /** One reminder that fell due. */
  private record Due(Booking booking, Duration lead, Instant at) {}

  /**
   * Records and returns the reminders that fell due: for confirmed bookings that have not started,
   * on resources whose rules have {@link Reminders}, each lead time whose instant (start minus lead)
   * has come and came after the booking was accepted. The resources are locked first, so a booking
   * cancelled or moved concurrently is seen as it ends up.
   */
  List<BookingNotice> remindUpcoming() {
    Instant now = setup.clock().instant();
    List<String> ids = Locks.sorted(setup.resources().keySet());
    store.foresee(() -> ids.forEach(store::rules));
    Map<Resource, Reminders> withReminders = new LinkedHashMap<>();
    for (String id : ids) {
      store.rules(id).rules().reminders().ifPresent(r -> withReminders.put(
          setup.resources().get(id), r));
    }
    if (withReminders.isEmpty()) {
      return List.of();
    }
    store.lockResources(Locks.sorted(withReminders.keySet().stream().map(Resource::id).toList()));
    // Starts up to the longest lead time ahead, that one included.
    store.foresee(() -> withReminders.forEach((r, rem) -> store.starting(r, now,
        now.plus(rem.longest()).plusNanos(1))));
    List<Due> due = new ArrayList<>();
    withReminders.forEach((r, rem) -> {
      for (Booking b : store.starting(r, now, now.plus(rem.longest()).plusNanos(1))) {
        Instant start = b.request().start();
        if (b.status() != BookingStatus.CONFIRMED || !start.isAfter(now)) {
          continue;
        }
        for (Duration lead : rem.leadTimes()) {
          Instant at = start.minus(lead);
          if (!at.isAfter(now) && at.isAfter(b.acceptedAt())) {
            due.add(new Due(b, lead, at));
          }
        }
      }
    });
    due.sort(Comparator.comparing(Due::at).thenComparing(d -> d.booking().id()));
    List<BookingNotice> out = new ArrayList<>();
    for (Due d : due) {
      if (store.remind(d.booking(), d.lead(), d.at())) {
        out.add(BookingNotice.of(BookingNotice.Kind.UPCOMING, d.at(), d.booking()));
      }
    }
    return out;
  }

  BookingEngine.BlackoutResult blackout(BookingEngine.Blackout blackout) {
    Resource r = setup.resources().get(blackout.resourceId());
    InvalidValueException.check(r != null, "resourceId", blackout.resourceId(),
        "must be a resource of the engine");
    // The space it closes: the resource, its parts and the wholes it is part of, as admission
    // refuses new bookings of any of them (a closed half court closes the whole court).
    Set<String> ids = new LinkedHashSet<>();
    ids.add(r.id());
    ids.addAll(setup.related().get(r.id()));
    store.lockResources(Locks.sorted(ids));
    store.addBlackout(blackout);
    List<Booking> hit = new ArrayList<>();
    for (String id : ids) {
      hit.addAll(store.overlapping(setup.resources().get(id), blackout.from(), blackout.to()));
    }
    List<Booking> cancelled = new ArrayList<>();
    if (blackout.policy() == BlackoutPolicy.CANCEL) {
      for (Booking b : hit) {
        cancelled.add(end(b, BookingStatus.CANCELLED, "staff", "blackout"));
      }
    }
    return new BookingEngine.BlackoutResult(blackout, hit, cancelled);
  }

  static Decision rejected(Reason reason) {
    return new Decision.Rejected(List.of(reason), List.of());
  }

  static Reason unknownBooking(String id) {
    return Reason.of(RejectionCode.UNKNOWN_BOOKING, "booking", "no booking " + id
        + " holds time now", "没有有效的预约" + id, "id", id);
  }

  static Reason unknownResource(Setup setup, String id) {
    return Reason.of(RejectionCode.UNKNOWN_RESOURCE, "resource", "no resource " + id
        + "; resources are " + setup.resources().keySet(), "没有场地" + id, "resourceId", id);
  }

  private static Reason notInState(String id, Booking b, BookingStatus wanted) {
    if (b == null) {
      return unknownBooking(id);
    }
    return Reason.of(RejectionCode.WRONG_STATUS, "booking", "booking " + id + " is " + b.status()
        + "; this needs it to be " + wanted, "预约" + id + "当前状态为" + b.status() + "，需为"
        + wanted, "status", b.status(), "needed", wanted);
  }
}
