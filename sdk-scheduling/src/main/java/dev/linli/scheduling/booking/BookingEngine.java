package dev.linli.scheduling.booking;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.rule.RuleContext;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides booking requests for a set of resources and keeps the accepted bookings.
 *
 * <p><b>Guarantee:</b> at no instant do accepted bookings use more seats of a resource than it has,
 * counting buffers, and a whole and its parts are never booked at overlapping times. Intervals are
 * half-open: {@code [09:00, 10:00)} and {@code [10:00, 11:00)} abut and do not conflict. Every
 * rejection lists all its reasons and, for conflicts, the nearest free intervals of the same length
 * on the same resource. A retry with the same id and request returns the same acceptance.
 *
 * <p>Each resource may carry a {@link RuleSet} (notice windows, durations, quotas, opening hours
 * that follow China's holidays); a request must satisfy every rule, and a rejection lists the
 * reasons of every rule it breaks together with any conflict.
 *
 * <p>Thread-safe: decisions and cancellations run under one lock, so two requests for the last seat
 * can never both win. Lookups of overlapping bookings use a per-resource index sorted by start.
 *
 * @since 0.1.0
 */
public final class BookingEngine {
  /** How far ahead alternatives are searched. */
  static final Duration ALTERNATIVE_HORIZON = Duration.ofDays(7);
  /** How many alternatives a rejection offers. */
  static final int ALTERNATIVES = 3;

  private final Clock clock;
  private final Map<String, Resource> resources;
  private final Map<String, RuleSet> rules;
  private final HolidayCalendar calendar;
  /** For each resource, the resources it may not overlap: its parts and the wholes it is part of. */
  private final Map<String, Set<String>> related;
  private final Map<String, NavigableMap<Instant, List<Booking>>> byStart = new HashMap<>();
  private final Map<String, Duration> longestBlock = new HashMap<>();
  private final Map<String, Booking> byId = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  private BookingEngine(Clock clock, Map<String, Resource> resources,
      Map<String, Set<String>> related, Map<String, RuleSet> rules, HolidayCalendar calendar) {
    this.clock = clock;
    this.resources = resources;
    this.rules = rules;
    this.calendar = calendar;
    this.related = related;
    for (String id : resources.keySet()) {
      byStart.put(id, new TreeMap<>());
      longestBlock.put(id, Duration.ZERO);
    }
  }

  /**
   * Creates an engine for {@code resources}.
   *
   * @param clock the source of acceptance times
   * @param resources the resources; ids unique, every part an existing exclusive resource without
   *     parts of its own
   * @return the engine
   * @throws InvalidValueException if ids repeat or a part is missing, not exclusive, or nested
   */
  public static BookingEngine create(Clock clock, Collection<Resource> resources) {
    return create(clock, resources, Map.of(), HolidayCalendar.bundled());
  }

  /**
   * Creates an engine whose resources follow booking rules.
   *
   * @param clock the source of "now" for notice windows and of acceptance times
   * @param resources the resources, as for {@link #create(Clock, Collection)}
   * @param rules the rule set of each resource id; resources not listed have no rules
   * @param calendar public holidays and make-up workdays for opening-hours rules
   * @return the engine
   * @throws InvalidValueException if a rule set names an unknown resource, or as for
   *     {@link #create(Clock, Collection)}
   */
  public static BookingEngine create(Clock clock, Collection<Resource> resources,
      Map<String, RuleSet> rules, HolidayCalendar calendar) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(calendar, "calendar");
    Map<String, Resource> byId = new LinkedHashMap<>();
    for (Resource r : resources) {
      InvalidValueException.check(byId.put(r.id(), r) == null, "resources", r.id(),
          "ids must be unique");
    }
    Map<String, Set<String>> related = new HashMap<>();
    byId.keySet().forEach(id -> related.put(id, new java.util.TreeSet<>()));
    for (Resource whole : byId.values()) {
      for (String partId : whole.parts()) {
        Resource part = byId.get(partId);
        InvalidValueException.check(part != null, whole.id() + ".parts", partId,
            "must be the id of another resource given to the engine");
        InvalidValueException.check(part.capacity() == 1 && part.parts().isEmpty(),
            whole.id() + ".parts", partId, "a part must be exclusive (capacity 1) with no parts");
        related.get(whole.id()).add(partId);
        related.get(partId).add(whole.id());
      }
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    // Sorted, so that the first conflict reported is the same on every run.
    related.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSortedSet(
        new java.util.TreeSet<>(v))));
    for (String id : rules.keySet()) {
      InvalidValueException.check(byId.containsKey(id), "rules", id,
          "names no resource given to the engine");
    }
    return new BookingEngine(clock, byId, frozen, Map.copyOf(rules), calendar);
  }

  /**
   * Decides a request: accepts and keeps it, or rejects it with reasons and alternatives.
   *
   * @param request the request, not null
   * @return the decision
   */
  public Decision decide(BookingRequest request) {
    return evaluate(request, true);
  }

  /**
   * Answers "would this be accepted, and if not, why not?" without booking anything.
   *
   * @param request a hypothetical request, not null
   * @return the decision {@link #decide} would return now; nothing is stored
   */
  public Decision explain(BookingRequest request) {
    return evaluate(request, false);
  }

  private Decision evaluate(BookingRequest request, boolean book) {
    Objects.requireNonNull(request, "request");
    lock.lock();
    try {
      Booking existing = byId.get(request.id());
      if (existing != null) {
        return existing.request().equals(request) ? new Decision.Accepted(existing)
            : rejected(new Reason("id-reused", "idempotency", "booking id " + request.id()
                + " was already used for another request; choose a new id"));
      }
      Resource resource = resources.get(request.resourceId());
      if (resource == null) {
        return rejected(new Reason("unknown-resource", "resource", "no resource "
            + request.resourceId() + "; resources are " + resources.keySet()));
      }
      List<Reason> reasons = new ArrayList<>();
      if (request.seats() > resource.capacity()) {
        reasons.add(new Reason("too-many-seats", "capacity", request.seats() + " seats asked, "
            + resource.id() + " has " + resource.capacity()));
      }
      if (!onGrid(resource, request.start()) || !onGrid(resource, request.end())) {
        reasons.add(new Reason("off-grid", "slot", "start and end must fall on the "
            + resource.slot().toMinutes() + "-minute grid of " + resource.id() + " in "
            + resource.zone() + " (asked " + local(resource, request.start()) + "-"
            + local(resource, request.end()) + ")"));
      }
      RuleSet ruleSet = rules.getOrDefault(resource.id(), RuleSet.NONE);
      reasons.addAll(ruleSet.check(request, context(resource)));
      Optional<Reason> conflict = conflict(resource, request.start(), request.end(),
          request.seats());
      conflict.ifPresent(reasons::add);
      if (!reasons.isEmpty()) {
        return new Decision.Rejected(reasons, conflict.isPresent() && reasons.size() == 1
            ? alternatives(resource, request) : List.of());
      }
      Booking booking = new Booking(request, clock.instant());
      if (book) {
        store(resource, booking);
      }
      return new Decision.Accepted(booking);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels a booking, freeing its time.
   *
   * @param bookingId the booking's id
   * @return true if it existed and is now cancelled; false if there was no such booking
   */
  public boolean cancel(String bookingId) {
    lock.lock();
    try {
      Booking b = byId.remove(bookingId);
      if (b == null) {
        return false;
      }
      Resource r = resources.get(b.request().resourceId());
      Instant key = b.request().start().minus(r.bufferBefore());
      List<Booking> list = byStart.get(r.id()).get(key);
      list.remove(b);
      if (list.isEmpty()) {
        byStart.get(r.id()).remove(key);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the bookings of a resource, by start.
   *
   * @param resourceId the resource
   * @return the bookings
   */
  public List<Booking> bookings(String resourceId) {
    lock.lock();
    try {
      return bookingsOf(resourceId);
    } finally {
      lock.unlock();
    }
  }

  private RuleContext context(Resource r) {
    // Index keys are blocked starts (start minus the buffer); shift the window to match.
    return new RuleContext(r, clock.instant(), calendar, (from, to) -> {
      List<Booking> out = new ArrayList<>();
      byStart.get(r.id()).subMap(from.minus(r.bufferBefore()), true, to.minus(r.bufferBefore()),
          false).values().forEach(out::addAll);
      return out;
    });
  }

  private List<Booking> bookingsOf(String resourceId) {
    List<Booking> out = new ArrayList<>();
    byStart.getOrDefault(resourceId, new TreeMap<>()).values().forEach(out::addAll);
    return out;
  }

  private static Decision rejected(Reason reason) {
    return new Decision.Rejected(List.of(reason), List.of());
  }

  private void store(Resource r, Booking b) {
    Instant from = b.request().start().minus(r.bufferBefore());
    Instant to = b.request().end().plus(r.bufferAfter());
    byStart.get(r.id()).computeIfAbsent(from, k -> new ArrayList<>()).add(b);
    Duration length = Duration.between(from, to);
    if (length.compareTo(longestBlock.get(r.id())) > 0) {
      longestBlock.put(r.id(), length);
    }
    byId.put(b.id(), b);
  }

  /** The first reason the blocked interval of a new booking cannot fit, if any. */
  private Optional<Reason> conflict(Resource r, Instant start, Instant end, int seats) {
    Instant from = start.minus(r.bufferBefore());
    Instant to = end.plus(r.bufferAfter());
    for (String otherId : related.get(r.id())) {
      Resource other = resources.get(otherId);
      for (Booking b : overlapping(other, from, to)) {
        return Optional.of(new Reason("conflict", "no-overlap", r.id() + " " + local(r, start)
            + "-" + local(r, end) + " overlaps booking " + b.id() + " of " + other.id() + " ("
            + local(other, b.request().start()) + "-" + local(other, b.request().end())
            + "), which shares the same space"));
      }
    }
    List<Booking> same = overlapping(r, from, to);
    if (same.isEmpty()) {
      return Optional.empty();
    }
    int peak = peakSeats(r, same, from, to);
    if (peak + seats > r.capacity()) {
      Booking first = same.get(0);
      return Optional.of(new Reason("conflict", "capacity", r.id() + " has " + r.capacity()
          + (r.capacity() == 1 ? " seat" : " seats") + "; " + peak + " already taken at the busiest "
          + "moment of " + local(r, start) + "-" + local(r, end) + " (for example by booking "
          + first.id() + ")"));
    }
    return Optional.empty();
  }

  /** Bookings of {@code r} whose blocked interval overlaps {@code [from, to)}. */
  private List<Booking> overlapping(Resource r, Instant from, Instant to) {
    List<Booking> out = new ArrayList<>();
    Instant lowest = from.minus(longestBlock.get(r.id()));
    for (List<Booking> list : byStart.get(r.id()).subMap(lowest, true, to, false).values()) {
      for (Booking b : list) {
        Instant bFrom = b.request().start().minus(r.bufferBefore());
        Instant bTo = b.request().end().plus(r.bufferAfter());
        if (bFrom.isBefore(to) && from.isBefore(bTo)) {
          out.add(b);
        }
      }
    }
    return out;
  }

  /** Most seats used at one instant inside {@code [from, to)} by {@code bookings}. */
  private static int peakSeats(Resource r, List<Booking> bookings, Instant from, Instant to) {
    TreeMap<Instant, Integer> delta = new TreeMap<>();
    for (Booking b : bookings) {
      Instant s = max(b.request().start().minus(r.bufferBefore()), from);
      Instant e = min(b.request().end().plus(r.bufferAfter()), to);
      delta.merge(s, b.request().seats(), Integer::sum);
      delta.merge(e, -b.request().seats(), Integer::sum);
    }
    int current = 0;
    int peak = 0;
    for (int d : delta.values()) {
      current += d;
      peak = Math.max(peak, current);
    }
    return peak;
  }

  private List<BookingRequest> alternatives(Resource r, BookingRequest request) {
    List<BookingRequest> out = new ArrayList<>();
    Duration length = request.duration();
    Instant limit = request.start().plus(ALTERNATIVE_HORIZON);
    for (Instant s = request.start().plus(r.slot()); s.isBefore(limit) && out.size() < ALTERNATIVES;
        s = s.plus(r.slot())) {
      Instant e = s.plus(length);
      BookingRequest candidate = new BookingRequest(request.id(), r.id(), request.residentId(),
          request.householdId(), s, e, request.seats());
      if (onGrid(r, s) && onGrid(r, e) && conflict(r, s, e, request.seats()).isEmpty()
          && rules.getOrDefault(r.id(), RuleSet.NONE).check(candidate, context(r)).isEmpty()) {
        out.add(candidate);
      }
    }
    return out;
  }

  private static boolean onGrid(Resource r, Instant t) {
    LocalTime local = t.atZone(r.zone()).toLocalTime();
    return local.getSecond() == 0 && local.getNano() == 0
        && (local.getHour() * 60 + local.getMinute()) % r.slot().toMinutes() == 0;
  }

  private static String local(Resource r, Instant t) {
    return t.atZone(r.zone()).toLocalDateTime().toString().replace('T', ' ');
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
