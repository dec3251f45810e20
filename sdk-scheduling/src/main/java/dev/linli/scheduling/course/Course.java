package dev.linli.scheduling.course;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.internal.EngineAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a {@link ClassOffering} on a {@link BookingEngine}: enrolment books every session that has
 * not started, all or none, through the engine (every rule of the resource applies to each
 * session); a full class puts the resident on its waitlist; a drop-out frees every future session
 * (history action {@code dropped-out}) and enrols the first waiting resident whose sessions the
 * engine accepts; attendance is the check-in of each session's booking.
 *
 * <p><b>Guarantees.</b> An enrolment is all remaining sessions or none; no session ever holds more
 * enrolments than the class's places (nor more seats than the resource has). Each step is one
 * transaction of the engine that first locks the class's resource, so steps are serial: in memory
 * under the engine's lock; in PostgreSQL across instances, with the waitlist in
 * {@code linli_class_waitlist} committed together with the bookings.
 *
 * <p>Session bookings have ids {@code <class id>:<resident id>:<session number from 1>}; a resident
 * who dropped out cannot enrol in the same class again (the ids are taken), which the refusal says.
 * Thread-safe as far as the engine is. Sessions are local times of the resource's zone; instants
 * are UTC from the class's clock, which should be the engine's.
 *
 * @since 0.2.0
 */
public final class Course {
  private final BookingEngine engine;
  private final Clock clock;
  private final ClassOffering offering;
  private final Resource resource;
  private final ClassQueue queue;
  private final List<Instant> starts;

  /**
   * Someone waiting for a place.
   *
   * @param residentId who
   * @param householdId their household
   * @param joinedAt when they joined
   * @param sequence join order
   */
  public record Waiting(String residentId, String householdId, Instant joinedAt, long sequence) {}

  /**
   * What a drop-out did.
   *
   * @param cancelled the sessions freed, in order
   * @param enrolledFromWaitlist residents enrolled into the freed place, with their sessions
   */
  public record DropOut(List<Booking> cancelled, Map<String, List<Booking>> enrolledFromWaitlist) {
    /** Copies the collections. */
    public DropOut {
      cancelled = List.copyOf(cancelled);
      enrolledFromWaitlist = java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(enrolledFromWaitlist));
    }
  }

  private Course(BookingEngine engine, Clock clock, ClassOffering offering, Resource resource,
      ClassQueue queue) {
    this.engine = engine;
    this.clock = clock;
    this.offering = offering;
    this.resource = resource;
    this.queue = queue;
    List<Instant> s = new ArrayList<>();
    for (int i = 0; i < offering.sessions().size(); i++) {
      s.add(BookingRequest.instantOf(offering.sessions().get(i), resource.zone(),
          "sessions[" + i + "]"));
    }
    this.starts = List.copyOf(s);
  }

  /**
   * Returns the class on {@code engine}. On an engine over a {@link PostgresBookingStore} its
   * waitlist lives in the database under the offering's id, so every instance (and a restart) sees
   * the same queue.
   *
   * @param engine the booking engine
   * @param clock the clock (the engine's)
   * @param offering the class
   * @return the class
   * @throws InvalidValueException if the resource is not the engine's, or a session's local start
   *     does not exist in its zone
   */
  public static Course of(BookingEngine engine, Clock clock, ClassOffering offering) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(offering, "offering");
    Resource r = engine.resources().stream().filter(x -> x.id().equals(offering.resourceId()))
        .findFirst().orElseThrow(() -> new InvalidValueException("resourceId",
            offering.resourceId(), "must be a resource of the engine"));
    EngineAccess access = EngineAccess.get();
    ClassQueue queue = access.onDatabase(engine) ? new JdbcClassQueue(offering.id())
        : new MemoryClassQueue();
    return new Course(engine, clock, offering, r, queue);
  }

  /**
   * Returns the class's offering.
   *
   * @return the offering
   */
  public ClassOffering offering() {
    return offering;
  }

  /**
   * Returns the booking id of a resident's session.
   *
   * @param residentId the resident
   * @param session the session number, from 1
   * @return {@code <class id>:<resident id>:<session>}
   * @throws InvalidValueException if the session number is out of range or the id too long
   */
  public String bookingId(String residentId, int session) {
    InvalidValueException.check(session >= 1 && session <= starts.size(), "session", session,
        "must be from 1 to " + starts.size());
    return Id.require(offering.id() + ":" + residentId + ":" + session, "residentId");
  }

  private BookingRequest request(String residentId, String householdId, int session) {
    Instant start = starts.get(session - 1);
    return new BookingRequest(bookingId(residentId, session), resource.id(), residentId,
        householdId, start, start.plus(offering.length()), offering.seatsPerPlace());
  }

  /** The first session (from 1) that has not started at {@code now}, or 0 if all have. */
  private int firstFuture(Instant now) {
    for (int i = 0; i < starts.size(); i++) {
      if (starts.get(i).isAfter(now)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Runs a step: locks the class's resource over all sessions, then does the work. */
  private <T> T step(java.util.function.BiFunction<EngineAccess.Tx, Map<Integer, Set<String>>, T>
      work) {
    return EngineAccess.get().inTransaction(engine, tx -> work.apply(tx, enrolled(tx)));
  }

  /** Session number to the residents holding that session, read under the resource's lock. */
  private Map<Integer, Set<String>> enrolled(EngineAccess.Tx tx) {
    Map<Integer, Set<String>> out = new TreeMap<>();
    String prefix = offering.id() + ":";
    // Session by session: a term of weekly sessions spans weeks of other people's bookings.
    for (int i = 0; i < starts.size(); i++) {
      for (Booking b : tx.holding(resource.id(), starts.get(i),
          starts.get(i).plus(offering.length()))) {
        String id = b.id();
        if (id.startsWith(prefix) && id.endsWith(":" + (i + 1))) {
          out.computeIfAbsent(i + 1, k -> new LinkedHashSet<>()).add(b.request().residentId());
        }
      }
    }
    return out;
  }

  /**
   * Enrols a resident in every session that has not started, all or none. A resident already
   * enrolled gets their bookings back.
   *
   * @param residentId who
   * @param householdId their household
   * @return enrolled, waitlisted (the class is full) or refused with the engine's reasons
   */
  public Enrolment enrol(String residentId, String householdId) {
    Id.require(residentId, "residentId");
    Id.require(householdId, "householdId");
    return step((tx, enrolled) -> {
      Instant now = queue.precise(clock.instant());
      int first = firstFuture(now);
      if (first == 0) {
        return new Enrolment.Refused(List.of(ended(now)));
      }
      Optional<Booking> mine = tx.booking(bookingId(residentId, first))
          .filter(b -> b.status().holdsTime());
      if (mine.isPresent()) {
        return new Enrolment.Enrolled(sessionsOf(tx, residentId, first));
      }
      int taken = 0;
      for (int s = first; s <= starts.size(); s++) {
        taken = Math.max(taken, enrolled.getOrDefault(s, Set.of()).size());
      }
      if (taken >= offering.places()) {
        List<Waiting> waiting = queue.waiting(tx);
        if (waiting.stream().noneMatch(w -> w.residentId().equals(residentId))) {
          queue.join(tx, residentId, householdId, now);
          waiting = queue.waiting(tx);
        }
        int position = 1;
        for (Waiting w : waiting) {
          if (w.residentId().equals(residentId)) {
            break;
          }
          position++;
        }
        return new Enrolment.Waitlisted(position, List.of(full(taken)));
      }
      Enrolment e = book(tx, residentId, householdId, first);
      if (e instanceof Enrolment.Enrolled) {
        queue.end(tx, residentId, ClassQueue.Ending.LEFT, now);
      }
      return e;
    });
  }

  private Enrolment book(EngineAccess.Tx tx, String residentId, String householdId, int first) {
    List<BookingRequest> requests = new ArrayList<>();
    for (int s = first; s <= starts.size(); s++) {
      requests.add(request(residentId, householdId, s));
    }
    List<Decision> decisions = tx.decideAll(requests, true);
    List<Booking> booked = new ArrayList<>();
    Map<String, Reason> reasons = new LinkedHashMap<>();
    for (Decision d : decisions) {
      if (d instanceof Decision.Accepted a) {
        booked.add(a.booking());
      } else {
        // Twelve sessions refused for one quota say the same thing twelve times: keep each once.
        for (Reason r : ((Decision.Rejected) d).reasons()) {
          reasons.putIfAbsent(r.code() + " " + r.rule() + " " + r.message(), r);
        }
      }
    }
    return reasons.isEmpty() ? new Enrolment.Enrolled(booked)
        : new Enrolment.Refused(List.copyOf(reasons.values()));
  }

  private List<Booking> sessionsOf(EngineAccess.Tx tx, String residentId, int first) {
    List<Booking> out = new ArrayList<>();
    for (int s = first; s <= starts.size(); s++) {
      tx.booking(bookingId(residentId, s)).filter(b -> b.status().holdsTime()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Drops a resident out: every session of theirs that has not started is cancelled (sessions
   * already held stay in their history with their attendance), then the freed place goes to the
   * first waiting resident the engine accepts for every remaining session. A resident on the
   * waitlist only is taken off it.
   *
   * @param residentId who drops out
   * @param actorId who acts (the resident, or staff)
   * @return the freed sessions and who was enrolled from the waitlist
   */
  public DropOut drop(String residentId, String actorId) {
    Id.require(residentId, "residentId");
    Id.require(actorId, "actorId");
    return step((tx, enrolled) -> {
      Instant now = queue.precise(clock.instant());
      queue.end(tx, residentId, ClassQueue.Ending.LEFT, now);
      int first = firstFuture(now);
      List<Booking> cancelled = new ArrayList<>();
      Map<String, List<Booking>> promoted = new LinkedHashMap<>();
      if (first == 0) {
        return new DropOut(cancelled, promoted);
      }
      for (Booking b : sessionsOf(tx, residentId, first)) {
        tx.move(b.id(), b.status(), BookingStatus.CANCELLED, actorId, "dropped-out")
            .ifPresent(cancelled::add);
      }
      if (!cancelled.isEmpty()) {
        promote(tx, now, first, promoted);
      }
      return new DropOut(cancelled, promoted);
    });
  }

  /** Enrols waiting residents, in order, while places are free. */
  private void promote(EngineAccess.Tx tx, Instant now, int first,
      Map<String, List<Booking>> promoted) {
    Map<Integer, Set<String>> enrolled = enrolled(tx);
    int taken = 0;
    for (int s = first; s <= starts.size(); s++) {
      taken = Math.max(taken, enrolled.getOrDefault(s, Set.of()).size());
    }
    for (Waiting w : queue.waiting(tx)) {
      if (taken >= offering.places()) {
        return;
      }
      if (book(tx, w.residentId(), w.householdId(), first) instanceof Enrolment.Enrolled e) {
        queue.end(tx, w.residentId(), ClassQueue.Ending.ENROLLED, now);
        promoted.put(w.residentId(), e.sessions());
        taken++;
      }
    }
  }

  /**
   * Records a resident's attendance at a session: checks their booking in (the resource's check-in
   * window applies).
   *
   * @param residentId who attended
   * @param session the session number, from 1
   * @param actorId who records it (the instructor, or the resident)
   * @return the engine's decision on the check-in
   */
  public Decision attend(String residentId, int session, String actorId) {
    return engine.checkIn(bookingId(residentId, session), actorId);
  }

  /**
   * Returns the attendance of a session: every resident enrolled in the class at any session,
   * with the status of their booking for this one ({@code CHECKED_IN} attended, {@code NO_SHOW}
   * missed, {@code CONFIRMED} not recorded yet, {@code CANCELLED} dropped out before it).
   *
   * @param session the session number, from 1
   * @return resident id to status, by resident id; residents with no booking for it left out
   */
  public Map<String, BookingStatus> attendance(int session) {
    InvalidValueException.check(session >= 1 && session <= starts.size(), "session", session,
        "must be from 1 to " + starts.size());
    return step((tx, enrolled) -> {
      Set<String> everyone = new java.util.TreeSet<>();
      enrolled.values().forEach(everyone::addAll);
      Map<String, BookingStatus> out = new TreeMap<>();
      for (String r : everyone) {
        tx.booking(bookingId(r, session)).ifPresent(b -> out.put(r, b.status()));
      }
      return out;
    });
  }

  /**
   * Returns the residents enrolled now: those holding a session that has not started.
   *
   * @return resident ids, in the order their bookings start
   */
  public List<String> roster() {
    return step((tx, enrolled) -> {
      int first = firstFuture(clock.instant());
      Set<String> out = new LinkedHashSet<>();
      for (int s = Math.max(first, 1); first > 0 && s <= starts.size(); s++) {
        out.addAll(enrolled.getOrDefault(s, Set.of()));
      }
      return List.copyOf(out);
    });
  }

  /**
   * Returns who waits for a place, in order.
   *
   * @return a snapshot
   */
  public List<Waiting> waiting() {
    return step((tx, enrolled) -> List.copyOf(queue.waiting(tx)));
  }

  private Reason full(int taken) {
    return Reason.of(RejectionCode.CLASS_FULL, "class", "class " + offering.id() + " ("
        + offering.name().en() + ") has " + offering.places() + " places and all are taken;"
        + " you are on its waitlist", "课程" + offering.name().zh() + "共" + offering.places()
        + "个名额，已满，已为您登记候补", "places", offering.places(), "taken", taken);
  }

  private Reason ended(Instant now) {
    return Reason.of(RejectionCode.CLOSED, "class", "every session of class " + offering.id()
        + " has started (now " + now.atZone(resource.zone()).toLocalDateTime() + " in "
        + resource.zone() + "); there is nothing left to enrol in", "课程" + offering.name().zh()
        + "的课时均已开始，无法报名", "sessions", starts.size());
  }
}
