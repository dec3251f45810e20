package dev.linli.scheduling.booking;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.rule.BookingRule;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.RuleContext;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Decides booking requests for a set of resources and keeps the bookings and their history.
 *
 * <p><b>Guarantee:</b> at no instant do bookings that hold their time ({@link BookingStatus#holdsTime})
 * use more seats of a resource than it has, counting buffers, and a whole and its parts are never
 * booked at overlapping times. Intervals are half-open: {@code [09:00, 10:00)} and
 * {@code [10:00, 11:00)} abut and do not conflict. Every rejection lists all its reasons, in English
 * and Chinese with the numbers involved, and, when time or place is what is wrong, up to three
 * alternatives that would be accepted: the same time on an equivalent resource of the group, or the
 * nearest free times on the same resource. A retry with the same id and request returns the same
 * acceptance; a rejected request changes nothing.
 *
 * <p>Each resource may carry a {@link RuleSet}: notice windows for create, change and cancel with
 * release times, durations, quotas per resident, household or group (optionally for weekdays or peak
 * hours), caps on active bookings and consecutive slots, eligibility, approval, check-in with no-show
 * bans, and opening hours that follow China's holidays with date overrides. Blackouts close a
 * resource for a time with a policy for the bookings they hit. Every change to a booking is kept in
 * its history (who, when, before and after).
 *
 * <p>Thread-safe: every operation runs under one lock, so two requests for the last seat can never
 * both win. Overlap lookups use a per-resource index of bookings sorted by blocked start; with the
 * longest blocked interval as a bound, a check touches only the bookings near the request.
 *
 * @since 0.1.0
 */
public final class BookingEngine {
  /** How far ahead alternatives are searched. */
  static final Duration ALTERNATIVE_HORIZON = Duration.ofDays(7);
  /** How many alternatives a rejection offers. */
  static final int ALTERNATIVES = 3;
  /** Reasons that another time or resource could cure; only these get alternatives. */
  private static final Set<String> PLACE_OR_TIME = Set.of("conflict", "closed", "blackout");

  private final Clock clock;
  private final Map<String, Resource> resources;
  private final Map<String, RuleSet> rules;
  private final HolidayCalendar calendar;
  private final Function<String, Optional<ResidentProfile>> residents;
  /** For each resource, the resources it may not overlap: its parts and the wholes it is part of. */
  private final Map<String, Set<String>> related;
  /** For each resource, the other resources of its groups, in group order. */
  private final Map<String, List<String>> siblings;
  private final Map<String, NavigableMap<Instant, List<Booking>>> byStart = new HashMap<>();
  private final Map<String, Duration> longestBlock = new HashMap<>();
  /** Bookings that hold their time. */
  private final Map<String, Booking> active = new HashMap<>();
  /** Every booking ever accepted, in its latest status. */
  private final Map<String, Booking> all = new HashMap<>();
  private final Map<String, List<BookingEvent>> history = new HashMap<>();
  private final Map<String, Set<String>> activeByResident = new HashMap<>();
  private final Map<String, List<Instant>> noShows = new HashMap<>();
  private final Map<String, List<Blackout>> blackouts = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final RuleContext.Lookups lookups = new RuleContext.Lookups() {
    @Override
    public Optional<ResidentProfile> resident(String residentId) {
      return residents.apply(residentId);
    }

    @Override
    public List<Booking> activeBookingsOf(String residentId) {
      List<Booking> out = new ArrayList<>();
      for (String id : activeByResident.getOrDefault(residentId, Set.of())) {
        out.add(active.get(id));
      }
      return out;
    }

    @Override
    public List<Instant> noShowsOf(String residentId) {
      return noShows.getOrDefault(residentId, List.of());
    }

    @Override
    public List<Booking> bookingsStarting(String resourceId, String scopedKey, Instant from,
        Instant to) {
      NavigableMap<Instant, List<Booking>> index = byKey.getOrDefault(resourceId, Map.of())
          .get(scopedKey);
      if (index == null) {
        return List.of();
      }
      List<Booking> out = new ArrayList<>();
      index.subMap(from, true, to, false).values().forEach(out::addAll);
      return out;
    }
  };
  /** Per resource, per {@code resident:}, {@code household:} or {@code group:} key, by start. */
  private final Map<String, Map<String, NavigableMap<Instant, List<Booking>>>> byKey =
      new HashMap<>();

  /**
   * A closure of a resource for {@code [from, to)}.
   *
   * @param resourceId the resource
   * @param from first instant closed
   * @param to first instant open again
   * @param policy what was done to the bookings it hit
   * @param reason why, shown to residents
   */
  public record Blackout(String resourceId, Instant from, Instant to, BlackoutPolicy policy,
      String reason) {
    /**
     * Validates the blackout.
     *
     * @throws InvalidValueException if a field is missing or the interval is empty
     */
    public Blackout {
      Id.require(resourceId, "resourceId");
      InvalidValueException.requirePresent(from, "from");
      InvalidValueException.check(to != null && to.isAfter(from), "to", to,
          "must be after from " + from);
      InvalidValueException.requirePresent(policy, "policy");
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * What a blackout did.
   *
   * @param blackout the blackout
   * @param hit the bookings it overlaps, as they were
   * @param cancelled those it cancelled (with {@link BlackoutPolicy#CANCEL})
   */
  public record BlackoutResult(Blackout blackout, List<Booking> hit, List<Booking> cancelled) {
    /** Copies the lists. */
    public BlackoutResult {
      hit = List.copyOf(hit);
      cancelled = List.copyOf(cancelled);
    }
  }

  private BookingEngine(Builder b, Map<String, Resource> resources,
      Map<String, Set<String>> related, Map<String, List<String>> siblings) {
    this.clock = b.clock;
    this.resources = resources;
    this.rules = Map.copyOf(b.rules);
    this.calendar = b.calendar;
    this.residents = b.residents;
    this.related = related;
    this.siblings = siblings;
    for (String id : resources.keySet()) {
      byStart.put(id, new TreeMap<>());
      longestBlock.put(id, Duration.ZERO);
      blackouts.put(id, new ArrayList<>());
    }
  }

  /**
   * Creates an engine for {@code resources} with no rules.
   *
   * @param clock the source of acceptance times
   * @param resources the resources; ids unique, every part an existing exclusive resource without
   *     parts of its own
   * @return the engine
   * @throws InvalidValueException if ids repeat or a part is missing, not exclusive, or nested
   */
  public static BookingEngine create(Clock clock, Collection<Resource> resources) {
    return builder(clock).resources(resources).build();
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
    return builder(clock).resources(resources).rules(rules).calendar(calendar).build();
  }

  /**
   * Returns a builder.
   *
   * @param clock the engine's clock
   * @return a builder with no resources, no rules, the bundled holiday calendar and no residents
   */
  public static Builder builder(Clock clock) {
    return new Builder(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Configures a {@link BookingEngine}. Not thread-safe; build once.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Clock clock;
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, RuleSet> rules = new HashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private HolidayCalendar calendar = HolidayCalendar.bundled();
    private Function<String, Optional<ResidentProfile>> residents = id -> Optional.empty();

    private Builder(Clock clock) {
      this.clock = clock;
    }

    /**
     * Adds resources.
     *
     * @param values the resources
     * @return this builder
     */
    public Builder resources(Collection<Resource> values) {
      resources.addAll(values);
      return this;
    }

    /**
     * Sets rule sets by resource id.
     *
     * @param values resource id to its rules
     * @return this builder
     */
    public Builder rules(Map<String, RuleSet> values) {
      rules.putAll(values);
      return this;
    }

    /**
     * Sets the holiday calendar.
     *
     * @param value the calendar
     * @return this builder
     */
    public Builder calendar(HolidayCalendar value) {
      this.calendar = Objects.requireNonNull(value, "calendar");
      return this;
    }

    /**
     * Sets where eligibility rules look residents up.
     *
     * @param value resident id to profile
     * @return this builder
     */
    public Builder residents(Function<String, Optional<ResidentProfile>> value) {
      this.residents = Objects.requireNonNull(value, "residents");
      return this;
    }

    /**
     * Groups equivalent resources (all meeting rooms of a centre): a rejection offers the same time
     * on the others.
     *
     * @param groupId the group's id
     * @param resourceIds its resources, in the order alternatives are offered
     * @return this builder
     */
    public Builder group(String groupId, List<String> resourceIds) {
      groups.put(Id.require(groupId, "groupId"), List.copyOf(resourceIds));
      return this;
    }

    /**
     * Returns the engine.
     *
     * @return a new engine with no bookings
     * @throws InvalidValueException if ids repeat, a part or group member is missing, a part is not
     *     exclusive or nested, or a rule set names an unknown resource
     */
    public BookingEngine build() {
      Map<String, Resource> byId = new LinkedHashMap<>();
      for (Resource r : resources) {
        InvalidValueException.check(byId.put(r.id(), r) == null, "resources", r.id(),
            "ids must be unique");
      }
      Map<String, Set<String>> related = new HashMap<>();
      byId.keySet().forEach(id -> related.put(id, new TreeSet<>()));
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
      related.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
      for (String id : rules.keySet()) {
        InvalidValueException.check(byId.containsKey(id), "rules", id,
            "names no resource given to the engine");
      }
      Map<String, List<String>> siblings = new HashMap<>();
      groups.forEach((group, members) -> {
        for (String m : members) {
          InvalidValueException.check(byId.containsKey(m), "groups." + group, m,
              "names no resource given to the engine");
        }
        for (String m : members) {
          List<String> list = siblings.computeIfAbsent(m, k -> new ArrayList<>());
          members.stream().filter(o -> !o.equals(m) && !list.contains(o)).forEach(list::add);
        }
      });
      return new BookingEngine(this, byId, frozen, siblings);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Deciding

  /**
   * Decides a request: accepts and keeps it, or rejects it with reasons and alternatives.
   *
   * @param request the request, not null
   * @return the decision
   */
  public Decision decide(BookingRequest request) {
    Objects.requireNonNull(request, "request");
    return locked(() -> create(request, true));
  }

  /**
   * Answers "would this be accepted, and if not, why not?" without booking anything.
   *
   * @param request a hypothetical request, not null
   * @return the decision {@link #decide} would return now; nothing is stored
   */
  public Decision explain(BookingRequest request) {
    Objects.requireNonNull(request, "request");
    return locked(() -> create(request, false));
  }

  /**
   * Decides several requests at once, in order, under one lock: each sees the ones before it. With
   * {@code allOrNothing}, if any is rejected none is kept (the decisions still say which would have
   * been accepted), so a recurring series never stays half-booked.
   *
   * @param requests the requests, in order
   * @param allOrNothing true to keep nothing unless every request is accepted
   * @return one decision per request; with {@code allOrNothing} and a rejection, nothing was stored
   */
  public List<Decision> decideAll(List<BookingRequest> requests, boolean allOrNothing) {
    Objects.requireNonNull(requests, "requests");
    return locked(() -> {
      List<Decision> out = new ArrayList<>(requests.size());
      List<Booking> made = new ArrayList<>();
      boolean failed = false;
      for (BookingRequest r : requests) {
        boolean known = all.containsKey(Objects.requireNonNull(r, "request").id());
        Decision d = create(r, true);
        out.add(d);
        if (d instanceof Decision.Accepted a && !known) {
          made.add(a.booking());
        }
        failed |= d instanceof Decision.Rejected;
      }
      if (failed && allOrNothing) {
        for (Booking b : made) {
          unstore(b);
          all.remove(b.id());
          history.remove(b.id());
        }
      }
      return out;
    });
  }

  private <T> T locked(java.util.function.Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private Decision create(BookingRequest request, boolean book) {
    Booking existing = all.get(request.id());
    if (existing != null) {
      return existing.request().equals(request) && existing.status().holdsTime()
          ? new Decision.Accepted(existing)
          : rejected(Reason.of("id-reused", "idempotency", "booking id " + request.id()
              + " was already used for another request; choose a new id", "预约编号"
              + request.id() + "已被使用，请换一个", "id", request.id()));
    }
    Resource resource = resources.get(request.resourceId());
    if (resource == null) {
      return rejected(unknownResource(request.resourceId()));
    }
    List<Reason> reasons = check(resource, request, RuleContext.Operation.CREATE, null);
    if (!reasons.isEmpty()) {
      return new Decision.Rejected(reasons, alternatives(resource, request, reasons));
    }
    RuleSet ruleSet = rules.getOrDefault(resource.id(), RuleSet.NONE);
    Booking booking = new Booking(request, clock.instant(), ruleSet.requiresApproval()
        ? BookingStatus.PENDING_APPROVAL : BookingStatus.CONFIRMED);
    if (book) {
      store(resource, booking);
      record(booking.id(), request.residentId(), "created", null, booking);
    }
    return new Decision.Accepted(booking);
  }

  private Reason unknownResource(String id) {
    return Reason.of("unknown-resource", "resource", "no resource " + id + "; resources are "
        + resources.keySet(), "没有场地" + id, "resourceId", id);
  }

  /** Every reason {@code request} cannot be booked now (for create or change). */
  private List<Reason> check(Resource resource, BookingRequest request,
      RuleContext.Operation operation, Booking original) {
    List<Reason> reasons = new ArrayList<>();
    if (request.seats() > resource.capacity()) {
      reasons.add(Reason.of("too-many-seats", "capacity", request.seats() + " seats asked, "
          + resource.id() + " has " + resource.capacity(), "申请" + request.seats() + "个座位，"
          + resource.id() + "只有" + resource.capacity() + "个", "asked", request.seats(),
          "capacity", resource.capacity()));
    }
    if (!onGrid(resource, request.start()) || !onGrid(resource, request.end())) {
      String asked = local(resource, request.start()) + "-" + local(resource, request.end());
      reasons.add(Reason.of("off-grid", "slot", "start and end must fall on the "
          + resource.slot().toMinutes() + "-minute grid of " + resource.id() + " in "
          + resource.zone() + " (asked " + asked + ")", "开始和结束时间须对齐"
          + resource.slot().toMinutes() + "分钟时段（申请了" + asked + "）", "slotMinutes",
          resource.slot().toMinutes(), "asked", asked));
    }
    blackoutOf(resource, request.start(), request.end()).ifPresent(reasons::add);
    RuleSet ruleSet = rules.getOrDefault(resource.id(), RuleSet.NONE);
    reasons.addAll(ruleSet.check(request, context(resource, operation, original)));
    conflict(resource, request.start(), request.end(), request.seats()).ifPresent(reasons::add);
    return reasons;
  }

  private Optional<Reason> blackoutOf(Resource r, Instant start, Instant end) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(r.id());
    ids.addAll(related.get(r.id()));
    for (String id : ids) {
      for (Blackout b : blackouts.get(id)) {
        if (b.from().isBefore(end) && start.isBefore(b.to())) {
          String span = local(r, b.from()) + "-" + local(r, b.to());
          return Optional.of(Reason.of("blackout", "blackout", id + " is closed " + span
              + (b.reason().isEmpty() ? "" : ": " + b.reason()), id + "在" + span + "暂停开放"
              + (b.reason().isEmpty() ? "" : "：" + b.reason()), "from", b.from(), "to", b.to()));
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // Changing, cancelling, approving, checking in

  /**
   * Changes a booking to {@code replacement} (another time, length or resource), re-running every
   * rule as a change: the create window for the new time, the change window from the old start,
   * quotas and conflicts without the booking itself. A booking needing approval needs it again.
   *
   * @param replacement the new request, with the booking's id
   * @param actorId who changes it
   * @return accepted with the changed booking, or rejected with reasons (the booking stays as it was)
   */
  public Decision change(BookingRequest replacement, String actorId) {
    Objects.requireNonNull(replacement, "replacement");
    Id.require(actorId, "actorId");
    return locked(() -> {
      Booking original = active.get(replacement.id());
      if (original == null) {
        return rejected(unknownBooking(replacement.id()));
      }
      if (original.request().equals(replacement)) {
        return new Decision.Accepted(original);
      }
      Resource resource = resources.get(replacement.resourceId());
      if (resource == null) {
        return rejected(unknownResource(replacement.resourceId()));
      }
      unstore(original);
      List<Reason> reasons = check(resource, replacement, RuleContext.Operation.CHANGE, original);
      if (!reasons.isEmpty()) {
        List<BookingRequest> alternatives = alternatives(resource, replacement, reasons);
        store(resources.get(original.request().resourceId()), original);
        return new Decision.Rejected(reasons, alternatives);
      }
      RuleSet ruleSet = rules.getOrDefault(resource.id(), RuleSet.NONE);
      Booking changed = new Booking(replacement, original.acceptedAt(),
          ruleSet.requiresApproval() ? BookingStatus.PENDING_APPROVAL : BookingStatus.CONFIRMED);
      store(resource, changed);
      record(changed.id(), actorId, "changed", original, changed);
      return new Decision.Accepted(changed);
    });
  }

  /**
   * Cancels a booking for a resident, within the resource's cancel notice window.
   *
   * @param bookingId the booking
   * @param actorId who cancels it
   * @return accepted with the cancelled booking, or rejected (too late, unknown booking)
   */
  public Decision cancel(String bookingId, String actorId) {
    Id.require(actorId, "actorId");
    return locked(() -> {
      Booking b = active.get(bookingId);
      if (b == null) {
        Booking done = all.get(bookingId);
        return done != null && done.status() == BookingStatus.CANCELLED
            ? new Decision.Accepted(done) : rejected(unknownBooking(bookingId));
      }
      Resource r = resources.get(b.request().resourceId());
      RuleContext ctx = context(r, RuleContext.Operation.CANCEL, b);
      List<Reason> reasons = new ArrayList<>();
      for (BookingRule rule : rules.getOrDefault(r.id(), RuleSet.NONE).rules()) {
        if (rule instanceof NoticeWindow) {
          reasons.addAll(rule.check(b.request(), ctx));
        }
      }
      if (!reasons.isEmpty()) {
        return new Decision.Rejected(reasons, List.of());
      }
      return new Decision.Accepted(end(b, BookingStatus.CANCELLED, actorId, "cancelled"));
    });
  }

  /**
   * A booking a higher-priority request displaced, with where it could go instead.
   *
   * @param booking the bumped booking, now cancelled
   * @param alternatives requests that would be accepted for it now (same time elsewhere in its
   *     group, or the nearest free times), up to three
   */
  public record Bumped(Booking booking, List<BookingRequest> alternatives) {
    /** Copies the list. */
    public Bumped {
      alternatives = List.copyOf(alternatives);
    }
  }

  /**
   * The outcome of a request that may bump lower-priority bookings.
   *
   * @param decision the decision on the request
   * @param bumped the bookings it displaced (empty unless accepted)
   */
  public record BumpResult(Decision decision, List<Bumped> bumped) {
    /** Copies the list. */
    public BumpResult {
      bumped = List.copyOf(bumped);
    }
  }

  /**
   * Decides a request of priority {@code priority} (community public-interest events over private
   * use), bumping overlapping bookings of lower priority if that makes it fit, but only those that
   * start at least {@code notice} from now. All under one lock: if the request still would not fit,
   * nothing is bumped. The bumped bookings are cancelled (history action {@code bumped}) and each
   * comes with alternatives to offer its resident.
   *
   * @param request the request
   * @param priority its priority; higher bumps lower
   * @param priorityOf the priority of an existing booking
   * @param notice how far ahead a booking must start to be bumped, {@code >= 0}
   * @param actorId who bumps (staff)
   * @return the decision and the bumped bookings with alternatives
   */
  public BumpResult bump(BookingRequest request, int priority,
      java.util.function.ToIntFunction<Booking> priorityOf, Duration notice, String actorId) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(priorityOf, "priorityOf");
    InvalidValueException.check(notice != null && !notice.isNegative(), "notice", notice,
        "must be a duration >= 0");
    Id.require(actorId, "actorId");
    return locked(() -> {
      Resource r = resources.get(request.resourceId());
      if (r == null) {
        return new BumpResult(rejected(unknownResource(request.resourceId())), List.of());
      }
      Instant earliest = clock.instant().plus(notice);
      List<Booking> candidates = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      ids.add(r.id());
      ids.addAll(related.get(r.id()));
      for (String id : ids) {
        Resource other = resources.get(id);
        for (Booking b : overlapping(other, request.start().minus(r.bufferBefore()),
            request.end().plus(r.bufferAfter()))) {
          if (priorityOf.applyAsInt(b) < priority && !b.request().start().isBefore(earliest)) {
            candidates.add(b);
          }
        }
      }
      candidates.forEach(this::unstore);
      Decision d = create(request, true);
      if (d instanceof Decision.Rejected) {
        for (Booking b : candidates) {
          store(resources.get(b.request().resourceId()), b);
        }
        return new BumpResult(d, List.of());
      }
      // Keep only what had to go: put back every bumped booking that still fits.
      List<Bumped> out = new ArrayList<>();
      for (Booking b : candidates) {
        Resource br = resources.get(b.request().resourceId());
        if (conflict(br, b.request().start(), b.request().end(), b.request().seats()).isEmpty()) {
          store(br, b);
          continue;
        }
        Booking ended = b.with(BookingStatus.CANCELLED);
        all.put(b.id(), ended);
        record(b.id(), actorId, "bumped", b, ended);
        List<Reason> why = List.of(Reason.of("conflict", "priority", "bumped", "被优先活动占用"));
        out.add(new Bumped(ended, alternatives(br, b.request(), why)));
      }
      return new BumpResult(d, out);
    });
  }

  /**
   * Cancels a booking at once, whatever the notice (staff use).
   *
   * @param bookingId the booking's id
   * @return true if it held its time and is now cancelled; false if there was no such booking
   */
  public boolean cancel(String bookingId) {
    return locked(() -> {
      Booking b = active.get(bookingId);
      if (b == null) {
        return false;
      }
      end(b, BookingStatus.CANCELLED, "staff", "cancelled");
      return true;
    });
  }

  /**
   * Approves a booking that waits for approval.
   *
   * @param bookingId the booking
   * @param staffId who approves
   * @return accepted with the confirmed booking, or rejected if it is not pending
   */
  public Decision approve(String bookingId, String staffId) {
    Id.require(staffId, "staffId");
    return locked(() -> {
      Booking b = active.get(bookingId);
      if (b == null || b.status() != BookingStatus.PENDING_APPROVAL) {
        return rejected(notInState(bookingId, b, BookingStatus.PENDING_APPROVAL));
      }
      Booking approved = b.with(BookingStatus.CONFIRMED);
      replace(b, approved);
      record(bookingId, staffId, "approved", b, approved);
      return new Decision.Accepted(approved);
    });
  }

  /**
   * Declines a booking that waits for approval, freeing its time.
   *
   * @param bookingId the booking
   * @param staffId who declines
   * @return accepted with the cancelled booking, or rejected if it is not pending
   */
  public Decision decline(String bookingId, String staffId) {
    Id.require(staffId, "staffId");
    return locked(() -> {
      Booking b = active.get(bookingId);
      if (b == null || b.status() != BookingStatus.PENDING_APPROVAL) {
        return rejected(notInState(bookingId, b, BookingStatus.PENDING_APPROVAL));
      }
      return new Decision.Accepted(end(b, BookingStatus.CANCELLED, staffId, "declined"));
    });
  }

  /**
   * Checks a resident in, inside the resource's check-in window.
   *
   * @param bookingId the booking
   * @param actorId who checks in (the resident, or staff at the desk)
   * @return accepted with the checked-in booking, or rejected (window, status, unknown)
   */
  public Decision checkIn(String bookingId, String actorId) {
    Id.require(actorId, "actorId");
    return locked(() -> {
      Booking b = active.get(bookingId);
      if (b == null || b.status() != BookingStatus.CONFIRMED) {
        if (b != null && b.status() == BookingStatus.CHECKED_IN) {
          return new Decision.Accepted(b);
        }
        return rejected(notInState(bookingId, b, BookingStatus.CONFIRMED));
      }
      Resource r = resources.get(b.request().resourceId());
      Optional<CheckInPolicy> policy = rules.getOrDefault(r.id(), RuleSet.NONE).checkIn();
      Instant now = clock.instant();
      Instant opens = b.request().start().minus(policy.map(CheckInPolicy::opensBefore)
          .orElse(Duration.ofMinutes(30)));
      Instant closes = b.request().start().plus(policy.map(CheckInPolicy::grace)
          .orElse(b.request().duration()));
      if (now.isBefore(opens) || !now.isBefore(closes)) {
        String window = local(r, opens) + "-" + local(r, closes);
        return rejected(Reason.of("check-in-closed", "check-in", "check-in for " + bookingId
            + " is open " + window + "; it is " + local(r, now), "签到时间为" + window + "，当前为"
            + local(r, now), "opens", opens, "closes", closes));
      }
      Booking in = b.with(BookingStatus.CHECKED_IN);
      replace(b, in);
      record(bookingId, actorId, "checked-in", b, in);
      return new Decision.Accepted(in);
    });
  }

  /**
   * Releases every confirmed booking whose check-in grace has passed without a check-in, on
   * resources with a check-in policy, and records a no-show for its resident.
   *
   * @return the bookings released by this call
   */
  public List<Booking> releaseNoShows() {
    return locked(() -> {
      Instant now = clock.instant();
      List<Booking> due = new ArrayList<>();
      for (Booking b : active.values()) {
        if (b.status() != BookingStatus.CONFIRMED) {
          continue;
        }
        Optional<CheckInPolicy> policy = rules.getOrDefault(b.request().resourceId(),
            RuleSet.NONE).checkIn();
        if (policy.isPresent() && !now.isBefore(b.request().start().plus(policy.get().grace()))) {
          due.add(b);
        }
      }
      due.sort(java.util.Comparator.comparing((Booking b) -> b.request().start())
          .thenComparing(Booking::id));
      List<Booking> out = new ArrayList<>();
      for (Booking b : due) {
        out.add(end(b, BookingStatus.NO_SHOW, "system", "no-show"));
        List<Instant> list = noShows.computeIfAbsent(b.request().residentId(),
            k -> new ArrayList<>());
        list.add(b.request().start());
        Collections.sort(list);
      }
      return out;
    });
  }

  /**
   * Closes a resource (and its parts) for {@code [from, to)}: new requests overlapping it are
   * refused; the bookings it hits are kept, cancelled or kept and reported, by {@code policy}.
   *
   * @param blackout the closure
   * @return the bookings it hit and those it cancelled
   * @throws InvalidValueException if the resource is unknown
   */
  public BlackoutResult blackout(Blackout blackout) {
    Objects.requireNonNull(blackout, "blackout");
    return locked(() -> {
      Resource r = resources.get(blackout.resourceId());
      InvalidValueException.check(r != null, "resourceId", blackout.resourceId(),
          "must be a resource of the engine");
      blackouts.get(r.id()).add(blackout);
      Set<String> ids = new LinkedHashSet<>();
      ids.add(r.id());
      ids.addAll(r.parts());
      List<Booking> hit = new ArrayList<>();
      for (String id : ids) {
        hit.addAll(overlapping(resources.get(id), blackout.from(), blackout.to()));
      }
      List<Booking> cancelled = new ArrayList<>();
      if (blackout.policy() == BlackoutPolicy.CANCEL) {
        for (Booking b : hit) {
          cancelled.add(end(b, BookingStatus.CANCELLED, "staff", "blackout"));
        }
      }
      return new BlackoutResult(blackout, hit, cancelled);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  /**
   * Returns the bookings of a resource that hold their time, by start.
   *
   * @param resourceId the resource
   * @return the bookings
   */
  public List<Booking> bookings(String resourceId) {
    return locked(() -> {
      List<Booking> out = new ArrayList<>();
      byStart.getOrDefault(resourceId, new TreeMap<>()).values().forEach(out::addAll);
      return out;
    });
  }

  /**
   * Returns a booking in its latest status, whatever it is.
   *
   * @param bookingId the booking
   * @return it, or empty if the engine never accepted it
   */
  public Optional<Booking> booking(String bookingId) {
    return locked(() -> Optional.ofNullable(all.get(bookingId)));
  }

  /**
   * Returns a booking's history, oldest first.
   *
   * @param bookingId the booking
   * @return who did what when; empty if the engine never accepted it
   */
  public List<BookingEvent> history(String bookingId) {
    return locked(() -> List.copyOf(history.getOrDefault(bookingId, List.of())));
  }

  /**
   * Returns the resources the engine manages.
   *
   * @return the resources, in the order given
   */
  public List<Resource> resources() {
    return List.copyOf(resources.values());
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private RuleContext context(Resource r, RuleContext.Operation operation, Booking original) {
    // Index keys are blocked starts (start minus the buffer); shift the window to match.
    return new RuleContext(r, clock.instant(), calendar, (from, to) -> {
      List<Booking> out = new ArrayList<>();
      byStart.get(r.id()).subMap(from.minus(r.bufferBefore()), true, to.minus(r.bufferBefore()),
          false).values().forEach(out::addAll);
      return out;
    }, operation, original, lookups);
  }

  private static Decision rejected(Reason reason) {
    return new Decision.Rejected(List.of(reason), List.of());
  }

  private static Reason unknownBooking(String id) {
    return Reason.of("unknown-booking", "booking", "no booking " + id + " holds time now",
        "没有有效的预约" + id, "id", id);
  }

  private static Reason notInState(String id, Booking b, BookingStatus wanted) {
    if (b == null) {
      return unknownBooking(id);
    }
    return Reason.of("wrong-status", "booking", "booking " + id + " is " + b.status() + "; this"
        + " needs it to be " + wanted, "预约" + id + "当前状态为" + b.status() + "，需为" + wanted,
        "status", b.status(), "needed", wanted);
  }

  private void record(String id, String actor, String action, Booking before, Booking after) {
    history.computeIfAbsent(id, k -> new ArrayList<>()).add(new BookingEvent(clock.instant(),
        actor, action, before, after));
  }

  /** Frees {@code b}'s time and records it as {@code status}. */
  private Booking end(Booking b, BookingStatus status, String actor, String action) {
    unstore(b);
    Booking ended = b.with(status);
    all.put(b.id(), ended);
    record(b.id(), actor, action, b, ended);
    return ended;
  }

  /** Swaps a stored booking for the same booking in another holding status. */
  private void replace(Booking before, Booking after) {
    unstore(before);
    store(resources.get(after.request().resourceId()), after);
  }

  private void store(Resource r, Booking b) {
    Instant from = b.request().start().minus(r.bufferBefore());
    Instant to = b.request().end().plus(r.bufferAfter());
    List<Booking> same = byStart.get(r.id()).computeIfAbsent(from, k -> new ArrayList<>(1));
    // Ordered by id, so a booking taken out and put back (a rejected change) lands where it was.
    int at = 0;
    while (at < same.size() && same.get(at).id().compareTo(b.id()) < 0) {
      at++;
    }
    same.add(at, b);
    Duration length = Duration.between(from, to);
    if (length.compareTo(longestBlock.get(r.id())) > 0) {
      longestBlock.put(r.id(), length);
    }
    for (String key : keys(b.request())) {
      byKey.computeIfAbsent(r.id(), k -> new HashMap<>()).computeIfAbsent(key,
          k -> new TreeMap<>()).computeIfAbsent(b.request().start(), k -> new ArrayList<>(1))
          .add(b);
    }
    active.put(b.id(), b);
    all.put(b.id(), b);
    activeByResident.computeIfAbsent(b.request().residentId(), k -> new LinkedHashSet<>())
        .add(b.id());
  }

  private void unstore(Booking b) {
    Resource r = resources.get(b.request().resourceId());
    Instant key = b.request().start().minus(r.bufferBefore());
    List<Booking> list = byStart.get(r.id()).get(key);
    list.removeIf(x -> x.id().equals(b.id()));
    if (list.isEmpty()) {
      byStart.get(r.id()).remove(key);
    }
    for (String k : keys(b.request())) {
      NavigableMap<Instant, List<Booking>> index = byKey.get(r.id()).get(k);
      List<Booking> at = index.get(b.request().start());
      at.removeIf(x -> x.id().equals(b.id()));
      if (at.isEmpty()) {
        index.remove(b.request().start());
      }
      if (index.isEmpty()) {
        byKey.get(r.id()).remove(k);
      }
    }
    active.remove(b.id());
    Set<String> mine = activeByResident.get(b.request().residentId());
    mine.remove(b.id());
    if (mine.isEmpty()) {
      activeByResident.remove(b.request().residentId());
    }
  }

  private static List<String> keys(BookingRequest r) {
    return r.groupId() == null
        ? List.of(RuleContext.scopedKey("resident", r.residentId()),
            RuleContext.scopedKey("household", r.householdId()))
        : List.of(RuleContext.scopedKey("resident", r.residentId()),
            RuleContext.scopedKey("household", r.householdId()),
            RuleContext.scopedKey("group", r.groupId()));
  }

  /** The first reason the blocked interval of a new booking cannot fit, if any. */
  private Optional<Reason> conflict(Resource r, Instant start, Instant end, int seats) {
    Instant from = start.minus(r.bufferBefore());
    Instant to = end.plus(r.bufferAfter());
    for (String otherId : related.get(r.id())) {
      Resource other = resources.get(otherId);
      for (Booking b : overlapping(other, from, to)) {
        String mine = local(r, start) + "-" + local(r, end);
        String theirs = local(other, b.request().start()) + "-" + local(other, b.request().end());
        return Optional.of(Reason.of("conflict", "no-overlap", r.id() + " " + mine
            + " overlaps booking " + b.id() + " of " + other.id() + " (" + theirs
            + "), which shares the same space", r.id() + " " + mine + "与" + other.id() + "的预约"
            + b.id() + "（" + theirs + "）占用同一场地", "booking", b.id(), "resource", other.id()));
      }
    }
    List<Booking> same = overlapping(r, from, to);
    if (same.isEmpty()) {
      return Optional.empty();
    }
    int peak = peakSeats(r, same, from, to);
    if (peak + seats > r.capacity()) {
      Booking first = same.get(0);
      String span = local(r, start) + "-" + local(r, end);
      return Optional.of(Reason.of("conflict", "capacity", r.id() + " has " + r.capacity()
          + (r.capacity() == 1 ? " seat" : " seats") + "; " + peak + " already taken at the busiest "
          + "moment of " + span + " (for example by booking " + first.id() + ")", r.id() + "共"
          + r.capacity() + "个座位，" + span + "最繁忙时已被占用" + peak + "个", "capacity",
          r.capacity(), "taken", peak, "asked", seats));
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

  /**
   * Requests that would be accepted instead: the same time on equivalent resources of the group,
   * then the nearest later times on the same resource, up to {@link #ALTERNATIVES}; only when every
   * reason is about time or place.
   */
  private List<BookingRequest> alternatives(Resource r, BookingRequest request,
      List<Reason> reasons) {
    if (!reasons.stream().allMatch(x -> PLACE_OR_TIME.contains(x.code()))) {
      return List.of();
    }
    List<BookingRequest> out = new ArrayList<>();
    for (String sibling : siblings.getOrDefault(r.id(), List.of())) {
      if (out.size() >= ALTERNATIVES) {
        return out;
      }
      BookingRequest candidate = request.on(sibling);
      if (check(resources.get(sibling), candidate, RuleContext.Operation.CREATE, null)
          .isEmpty()) {
        out.add(candidate);
      }
    }
    Duration length = request.duration();
    Instant limit = request.start().plus(ALTERNATIVE_HORIZON);
    for (Instant s = request.start().plus(r.slot()); s.isBefore(limit) && out.size() < ALTERNATIVES;
        s = s.plus(r.slot())) {
      BookingRequest candidate = request.at(s, s.plus(length));
      if (check(r, candidate, RuleContext.Operation.CREATE, null).isEmpty()) {
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
