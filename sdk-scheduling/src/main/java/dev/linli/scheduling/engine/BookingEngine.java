package dev.linli.scheduling.engine;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.Actor;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.internal.EngineAccess;
import dev.linli.scheduling.internal.ZoneSpans;
import dev.linli.scheduling.rule.RuleContext;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;

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
  private final Setup setup;
  private final BookingStore store;
  private final Admission admission;
  private final Alternatives alternatives;
  private final Locks locks;
  private final Lifecycle lifecycle;
  private final BookingNotice.Listener listener;
  /** Groups of equivalent resources by id, as built: what an availability query may name. */
  private final Map<String, List<String>> groups;
  private final Permissions permissions;

  static {
    EngineAccess.install(new Access());
  }

  /** Lets waitlists run their steps inside the engine's transactions (see {@link EngineAccess}). */
  private static final class Access extends EngineAccess {
    @Override
    public boolean onDatabase(BookingEngine engine) {
      return engine.store.inTransaction(() -> engine.store.transactionConnection().isPresent());
    }

    @Override
    public <T> T inTransaction(BookingEngine engine, Function<EngineAccess.Tx, T> work) {
      Objects.requireNonNull(work, "work");
      BookingStore store = engine.store;
      EngineAccess.Tx tx = new EngineAccess.Tx() {
        @Override
        public Optional<java.sql.Connection> connection() {
          return store.transactionConnection();
        }

        @Override
        public Decision explain(BookingRequest request) {
          return engine.create(Objects.requireNonNull(request, "request"), false);
        }

        @Override
        public Decision decide(BookingRequest request) {
          return engine.create(Objects.requireNonNull(request, "request"), true);
        }

        @Override
        public int ruleVersion(String resourceId) {
          return store.rules(resourceId).version();
        }

        @Override
        public List<Decision> decideAll(List<BookingRequest> requests, boolean allOrNothing) {
          return engine.decideAll(requests, allOrNothing);
        }

        @Override
        public Decision place(BookingRequest request, BookingStatus status, String actorId,
            String action, Set<RejectionCode> waived) {
          return engine.place(request, status, actorId, action, waived);
        }

        @Override
        public Optional<Booking> move(String bookingId, BookingStatus from, BookingStatus to,
            String actorId, String action) {
          return engine.lifecycle.move(bookingId, from, to, actorId, action);
        }

        @Override
        public Optional<Booking> booking(String bookingId) {
          return store.booking(bookingId);
        }

        @Override
        public List<Booking> holding(String resourceId, Instant from, Instant to) {
          engine.requireResource(resourceId);
          Resource r = engine.setup.resources().get(resourceId);
          List<String> ids = new ArrayList<>(engine.setup.related().get(resourceId));
          ids.add(resourceId);
          store.lockResources(Locks.sorted(ids));
          return List.copyOf(store.overlapping(r, from, to));
        }
      };
      return store.inTransaction(() -> work.apply(tx));
    }
  }

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

  private BookingEngine(Setup setup, BookingStore store, BookingNotice.Listener listener,
      Map<String, List<String>> groups, Set<String> adminRoles) {
    this.setup = setup;
    this.groups = groups;
    this.permissions = new Permissions(adminRoles);
    this.listener = listener;
    this.store = store;
    this.admission = new Admission(setup, store);
    this.alternatives = new Alternatives(setup, admission);
    this.locks = new Locks(setup, store);
    this.lifecycle = new Lifecycle(setup, store, admission, alternatives, locks);
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
    private boolean allowPastStarts;
    private BookingNotice.Listener listener = BookingNotice.Listener.NONE;
    private Function<Map<String, Resource>, BookingStore> store = InMemoryBookingStore::new;
    private boolean storeSet;
    private Set<String> adminRoles = Set.of("admin");

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
     * Lets bookings start before the engine's clock says "now" (staff entering yesterday's
     * walk-ins). Off by default: a request that starts in the past is refused with
     * {@link RejectionCode#IN_THE_PAST}, whatever the resource's rules.
     *
     * @param value true to allow back-dating
     * @return this builder
     */
    public Builder allowPastStarts(boolean value) {
      this.allowPastStarts = value;
      return this;
    }

    /**
     * Sets who hears about confirmed, changed, cancelled, bumped and no-show bookings (and the
     * waitlist offers of waitlists on this engine), to send residents messages.
     *
     * @param value the listener; {@link BookingNotice.Listener#NONE} by default
     * @return this builder
     */
    public Builder listener(BookingNotice.Listener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Sets the roles whose actors may change and cancel anyone's booking through
     * {@link BookingEngine#change(BookingRequest, Actor)} and
     * {@link BookingEngine#cancel(String, Actor)}; everyone else may act only on their own or their
     * household's bookings.
     *
     * @param roles the admin roles, at least one; {@code ["admin"]} by default
     * @return this builder
     * @throws InvalidValueException if {@code roles} is empty or a role is not an id
     */
    public Builder adminRoles(Collection<String> roles) {
      InvalidValueException.check(roles != null && !roles.isEmpty(), "adminRoles", roles,
          "must name at least one role, such as [\"admin\"]");
      this.adminRoles = Set.copyOf(Id.requireAll(roles, "adminRoles"));
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
     * Keeps the engine's state in PostgreSQL instead of this JVM's memory, so that it survives
     * restarts and is shared by every engine on the same database (see
     * {@link PostgresBookingStore}). Without it the engine keeps everything in memory.
     *
     * @param value the store
     * @return this builder
     * @throws InvalidValueException if a store was already set
     */
    public Builder store(PostgresBookingStore value) {
      Objects.requireNonNull(value, "store");
      return store(value::open);
    }

    /** Sets the store from the engine's resources; tests pass stores of their own. */
    Builder store(Function<Map<String, Resource>, BookingStore> factory) {
      InvalidValueException.check(!storeSet, "store", "a second store",
          "a builder takes one store; it was already given one");
      this.store = Objects.requireNonNull(factory, "store");
      this.storeSet = true;
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
      rules.forEach((id, set) -> CentreQuotas.check(id, set, byId.keySet()));
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
      Map<String, Resource> resourcesById = Collections.unmodifiableMap(byId);
      // A database keeps microseconds: read the clock at that precision, so that what a decision
      // returns equals what a later read of the same booking returns.
      Clock read = storeSet ? Clock.tick(clock, Duration.ofNanos(1_000)) : clock;
      Setup setup = new Setup(read, resourcesById, Map.copyOf(rules), calendar, residents,
          Map.copyOf(frozen), Map.copyOf(siblings), allowPastStarts, new OpeningHoursCache(),
          new ZoneSpans());
      BookingStore opened = store.apply(resourcesById);
      seed(opened, setup);
      return new BookingEngine(setup, listener == BookingNotice.Listener.NONE ? opened
          : new NotifyingStore(opened, listener), listener, Map.copyOf(groups), adminRoles);
    }

    /**
     * Stores the rules given to the builder as version 1 of each resource that has none yet; a store
     * that already holds rules (a restart, another instance) keeps its latest version.
     */
    private static void seed(BookingStore store, Setup setup) {
      if (setup.rules().isEmpty()) {
        return;
      }
      List<String> ids = Locks.sorted(setup.rules().keySet());
      store.inTransaction(() -> {
        store.lockResources(ids);
        for (String id : ids) {
          if (store.rules(id).version() == 0) {
            store.saveRules(id, setup.rules().get(id), setup.clock().instant());
          }
        }
        return null;
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rules

  /**
   * Replaces a resource's rules from now on, as a new version; bookings already accepted stay as
   * they are. With a {@link PostgresBookingStore} the new version is stored, and every engine on the
   * database uses it from its next decision.
   *
   * @param resourceId the resource
   * @param rules its new rules, not null
   * @return the new version (the first rules an engine was built with are version 1)
   * @throws InvalidValueException if the resource is unknown
   */
  public int updateRules(String resourceId, RuleSet rules) {
    Objects.requireNonNull(rules, "rules");
    requireResource(resourceId);
    CentreQuotas.check(resourceId, rules, setup.resources().keySet());
    return store.inTransaction(() -> {
      store.lockResources(List.of(resourceId));
      return store.saveRules(resourceId, rules, setup.clock().instant());
    });
  }

  /**
   * Returns the rules a resource's decisions use now.
   *
   * @param resourceId the resource
   * @return the rules, {@link RuleSet#NONE} if it never had any
   * @throws InvalidValueException if the resource is unknown
   */
  public RuleSet rules(String resourceId) {
    requireResource(resourceId);
    return store.inTransaction(() -> store.rules(resourceId).rules());
  }

  /**
   * Returns the version of a resource's rules in force now, as recorded on every decision made
   * under them.
   *
   * @param resourceId the resource
   * @return the version; 0 if it never had rules
   * @throws InvalidValueException if the resource is unknown
   */
  public int ruleVersion(String resourceId) {
    requireResource(resourceId);
    return store.inTransaction(() -> store.rules(resourceId).version());
  }

  private void requireResource(String resourceId) {
    InvalidValueException.check(setup.resources().containsKey(resourceId), "resourceId",
        resourceId, "must be a resource of the engine " + setup.resources().keySet());
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
    return store.inTransaction(() -> create(request, true));
  }

  /**
   * Answers "would this be accepted, and if not, why not?" without booking anything.
   *
   * @param request a hypothetical request, not null
   * @return the decision {@link #decide} would return now; nothing is stored
   */
  public Decision explain(BookingRequest request) {
    Objects.requireNonNull(request, "request");
    return store.inTransaction(() -> create(request, false));
  }

  /**
   * Decides several requests at once, in order, under one lock: each sees the ones before it, and
   * all are judged at the same instant, read from the engine's clock once (a notice window cannot
   * close between two occurrences of a series). With {@code allOrNothing}, if any is rejected none
   * is kept (the decisions still say which would have been accepted), so a recurring series never
   * stays half-booked.
   *
   * @param requests the requests, in order
   * @param allOrNothing true to keep nothing unless every request is accepted
   * @return one decision per request; with {@code allOrNothing} and a rejection, nothing was stored
   */
  public List<Decision> decideAll(List<BookingRequest> requests, boolean allOrNothing) {
    Objects.requireNonNull(requests, "requests");
    requests.forEach(r -> Objects.requireNonNull(r, "request"));
    return store.inTransaction(() -> {
      locks.forWrite(requests.toArray(BookingRequest[]::new));
      List<Decision> out = new ArrayList<>(requests.size());
      List<Booking> made = new ArrayList<>();
      boolean failed = false;
      Batch batch = new Batch(setup.clock().instant());
      for (BookingRequest r : requests) {
        boolean known = store.booking(r.id()).isPresent();
        // Every lock the batch needs was asked for above, in one sorted call.
        Decision d = create(r, true, batch);
        out.add(d);
        if (d instanceof Decision.Accepted a && !known) {
          made.add(a.booking());
          batch.wrote();
        }
        failed |= d instanceof Decision.Rejected;
      }
      if (failed && allOrNothing) {
        made.forEach(store::delete);
      }
      return out;
    });
  }

  private Decision create(BookingRequest request, boolean book) {
    return create(request, book, null);
  }

  /**
   * Decides (and with {@code book} keeps) one request.
   *
   * @param batch the {@link #decideAll} batch the request belongs to, which already asked for its
   *     locks; or null
   */
  private Decision create(BookingRequest request, boolean book, Batch batch) {
    Resource resource = setup.resources().get(request.resourceId());
    if (book && batch == null && resource != null) {
      // Asked for before the id is read, so that a store with a server takes the locks and makes
      // every read of the decision in one round trip (a retried id just holds them a little).
      locks.forWrite(request);
    }
    store.foresee(() -> {
      store.booking(request.id());
      if (resource != null) {
        admission.check(resource, request, RuleContext.Operation.CREATE, null, Set.of());
      }
    });
    Optional<Booking> existing = store.booking(request.id());
    if (existing.isPresent()) {
      return idempotent(existing.get(), request);
    }
    if (resource == null) {
      return Lifecycle.rejected(Lifecycle.unknownResource(setup, request.resourceId()));
    }
    List<Reason> reasons = batch == null
        ? admission.check(resource, request, RuleContext.Operation.CREATE, null, Set.of())
        : admission.check(resource, request, batch);
    if (!reasons.isEmpty()) {
      return new Decision.Rejected(reasons, alternatives.find(resource, request, reasons, null));
    }
    return accept(resource, request, book);
  }

  /** A decision kept in {@code status} with some checks waived (ballots: see {@link EngineAccess}). */
  private Decision place(BookingRequest request, BookingStatus status, String actorId,
      String action, Set<RejectionCode> waived) {
    Resource resource = setup.resources().get(request.resourceId());
    if (resource == null) {
      return Lifecycle.rejected(Lifecycle.unknownResource(setup, request.resourceId()));
    }
    locks.forWrite(request);
    store.foresee(() -> {
      store.booking(request.id());
      admission.check(resource, request, RuleContext.Operation.CREATE, null, Set.of());
    });
    Optional<Booking> existing = store.booking(request.id());
    if (existing.isPresent()) {
      return idempotent(existing.get(), request);
    }
    List<Reason> reasons = new ArrayList<>(admission.check(resource, request,
        RuleContext.Operation.CREATE, null, Set.of()));
    reasons.removeIf(r -> waived.contains(r.code()));
    if (!reasons.isEmpty()) {
      return new Decision.Rejected(reasons, List.of());
    }
    Booking booking = new Booking(request, setup.clock().instant(), status);
    store.insert(booking, new BookingEvent(setup.clock().instant(), actorId, action, null,
        booking));
    return new Decision.Accepted(booking);
  }

  private Decision accept(Resource resource, BookingRequest request, boolean book) {
    Booking booking = new Booking(request, setup.clock().instant(),
        store.rules(resource.id()).rules().requiresApproval() ? BookingStatus.PENDING_APPROVAL
            : BookingStatus.CONFIRMED);
    if (book) {
      store.insert(booking, new BookingEvent(setup.clock().instant(), request.residentId(),
          "created", null, booking));
    }
    return new Decision.Accepted(booking);
  }

  private static Decision idempotent(Booking existing, BookingRequest request) {
    return existing.request().equals(request) && existing.status().holdsTime()
        ? new Decision.Accepted(existing)
        : Lifecycle.rejected(Reason.of(RejectionCode.ID_REUSED, "idempotency", "booking id "
            + request.id() + " was already used for another request; choose a new id",
            "预约编号" + request.id() + "已被使用，请换一个", "id", request.id()));
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
    return store.inTransaction(() -> lifecycle.change(replacement, actorId));
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
    return store.inTransaction(() -> lifecycle.cancel(bookingId, actorId));
  }

  /**
   * Changes a booking as {@link #change(BookingRequest, String)} does, if {@code actor} may: the
   * booker, anyone of the booker's household, or an actor in an admin role (see
   * {@link Builder#adminRoles}); only an admin may give the booking another resident, household or
   * group. The history records the actor's id, and an acceptance names the actor.
   *
   * @param replacement the new request, with the booking's id
   * @param actor who changes it
   * @return accepted with the changed booking and the actor, or rejected with
   *     {@link RejectionCode#NOT_PERMITTED} or the change's own reasons (nothing changed)
   * @since 0.2.0
   */
  public Decision change(BookingRequest replacement, Actor actor) {
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(actor, "actor");
    return store.inTransaction(() -> {
      Optional<Booking> found = store.booking(replacement.id());
      if (found.isPresent()) {
        Optional<Reason> refused = permissions.refusal(actor, found.get(), replacement);
        if (refused.isPresent()) {
          return Lifecycle.rejected(refused.get());
        }
      }
      return naming(lifecycle.change(replacement, actor.id()), actor);
    });
  }

  /**
   * Cancels a booking as {@link #cancel(String, String)} does, if {@code actor} may: the booker,
   * anyone of the booker's household, or an actor in an admin role (see {@link Builder#adminRoles}).
   * The history records the actor's id, and an acceptance names the actor.
   *
   * @param bookingId the booking
   * @param actor who cancels it
   * @return accepted with the cancelled booking and the actor, or rejected with
   *     {@link RejectionCode#NOT_PERMITTED} or the cancellation's own reasons (too late, unknown)
   * @since 0.2.0
   */
  public Decision cancel(String bookingId, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return store.inTransaction(() -> {
      Optional<Booking> found = store.booking(bookingId);
      if (found.isPresent()) {
        Optional<Reason> refused = permissions.refusal(actor, found.get(), null);
        if (refused.isPresent()) {
          return Lifecycle.rejected(refused.get());
        }
      }
      return naming(lifecycle.cancel(bookingId, actor.id()), actor);
    });
  }

  private static Decision naming(Decision d, Actor actor) {
    return d instanceof Decision.Accepted a ? new Decision.Accepted(a.booking(), actor) : d;
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
      ToIntFunction<Booking> priorityOf, Duration notice, String actorId) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(priorityOf, "priorityOf");
    InvalidValueException.check(notice != null && !notice.isNegative(), "notice", notice,
        "must be a duration >= 0");
    Id.require(actorId, "actorId");
    return store.inTransaction(() -> bumpLocked(request, priority, priorityOf, notice, actorId));
  }

  private BumpResult bumpLocked(BookingRequest request, int priority,
      ToIntFunction<Booking> priorityOf, Duration notice, String actorId) {
    Optional<Booking> existing = store.booking(request.id());
    if (existing.isPresent()) {
      return new BumpResult(idempotent(existing.get(), request), List.of());
    }
    Resource r = setup.resources().get(request.resourceId());
    if (r == null) {
      return new BumpResult(Lifecycle.rejected(Lifecycle.unknownResource(setup,
          request.resourceId())), List.of());
    }
    locks.forWrite(request);
    Instant earliest = setup.clock().instant().plus(notice);
    List<Booking> candidates = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    ids.add(r.id());
    ids.addAll(setup.related().get(r.id()));
    // The overlap reads below, then the rules' reads: with the locks, in one round trip.
    store.foresee(() -> admission.check(r, request, RuleContext.Operation.CREATE, null, Set.of()));
    for (String id : ids) {
      for (Booking b : store.overlapping(setup.resources().get(id),
          request.start().minus(r.bufferBefore()), request.end().plus(r.bufferAfter()))) {
        if (priorityOf.applyAsInt(b) < priority && !b.request().start().isBefore(earliest)) {
          candidates.add(b);
        }
      }
    }
    locks.forWrite(candidates.stream().map(Booking::request).toArray(BookingRequest[]::new));
    // Every rule sees the bookings as they are; only the overlap check may look past the
    // candidates, since displacing them is the one conflict a bump resolves.
    Set<String> bumpable = new HashSet<>();
    candidates.forEach(b -> bumpable.add(b.id()));
    List<Reason> reasons = admission.check(r, request, RuleContext.Operation.CREATE, null,
        bumpable);
    if (!reasons.isEmpty()) {
      return new BumpResult(new Decision.Rejected(reasons,
          alternatives.find(r, request, reasons, null)), List.of());
    }
    Decision d = accept(r, request, true);
    // Keep what still fits beside the new booking; bump the rest, in order.
    List<Bumped> out = new ArrayList<>();
    for (Booking b : candidates) {
      bumpable.remove(b.id());
      Resource br = setup.resources().get(b.request().resourceId());
      if (admission.conflict(br, b.request().start(), b.request().end(), b.request().seats(),
          b.id(), bumpable).isEmpty()) {
        continue;
      }
      Booking ended = lifecycle.end(b, BookingStatus.CANCELLED, actorId, "bumped");
      List<Reason> why = List.of(Reason.of(RejectionCode.CONFLICT, "priority", "bumped",
          "被优先活动占用"));
      out.add(new Bumped(ended, alternatives.find(br, b.request(), why, null)));
    }
    return new BumpResult(d, out);
  }

  /**
   * Cancels a booking at once, whatever the notice (staff use).
   *
   * @param bookingId the booking's id
   * @return true if it held its time and is now cancelled; false if there was no such booking
   */
  public boolean cancel(String bookingId) {
    return store.inTransaction(() -> lifecycle.cancelNow(bookingId));
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
    return store.inTransaction(() -> lifecycle.approve(bookingId, staffId));
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
    return store.inTransaction(() -> lifecycle.decline(bookingId, staffId));
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
    return store.inTransaction(() -> lifecycle.checkIn(bookingId, actorId));
  }

  /**
   * Releases every confirmed booking whose check-in grace has passed without a check-in, on
   * resources with a check-in policy, and records a no-show for its resident.
   *
   * @return the bookings released by this call
   */
  public List<Booking> releaseNoShows() {
    return store.inTransaction(lifecycle::releaseNoShows);
  }

  /**
   * Sends the reminders that have fallen due, to be called every minute or so (like
   * {@link #releaseNoShows}): for every confirmed booking that has not started, on a resource whose
   * rules hold a {@link dev.linli.scheduling.rule.Reminders} rule, one
   * {@link BookingNotice.Kind#UPCOMING} notice per lead time once the clock reaches the start minus
   * that lead time, unless the booking was accepted after that instant. Each booking, start and
   * lead time is reminded once, ever: a later call, or another engine on the same PostgreSQL
   * database, does not repeat it (a booking moved to a new start is reminded again). The notices
   * go to the listener after the transaction and, with PostgreSQL, to the outbox in it. A late call
   * still sends what fell due meanwhile; each notice's {@code at} says when it fell due.
   *
   * @return the notices this call sent, by the instant they fell due
   * @since 0.2.0
   */
  public List<BookingNotice> remindUpcoming() {
    return store.inTransaction(lifecycle::remindUpcoming);
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
    return store.inTransaction(() -> lifecycle.blackout(blackout));
  }

  /**
   * Hands a notice made by a feature built on this engine (a {@code Waitlist}'s offers) to the
   * engine's listener, on the calling thread, so an app hears everything in one place.
   *
   * @param notice the notice
   * @throws RuntimeException whatever the listener throws
   */
  public void announce(BookingNotice notice) {
    Objects.requireNonNull(notice, "notice");
    NotifyingStore.deliver(listener, List.of(notice));
  }

  /**
   * Hands several notices to the engine's listener, in order, on the calling thread: every notice
   * is delivered even when the listener throws for one of them.
   *
   * @param notices the notices, not null
   * @throws RuntimeException the first failure of the listener, with later ones suppressed
   */
  public void announce(List<BookingNotice> notices) {
    NotifyingStore.deliver(listener, List.copyOf(notices));
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  /**
   * Answers a time picker: every start of the resource's slot grid in the query's period, bookable
   * (with the seats left) or refused (with the first reason {@link #decide} would give). The
   * answer agrees exactly with the engine's decisions: a listed start is accepted by
   * {@link #decide} of {@link Availability#request the same request} with the same bookings and
   * clock, and every other grid start is refused, since each start is judged by the decision's own
   * checks and rules at one instant. Nothing is stored or locked; the period's bookings, blackouts
   * and quota counts are read once for the whole query (with a {@link PostgresBookingStore}, in one
   * read-only transaction). A group's members are each answered.
   *
   * @param query the resource or group, period, duration, seats and resident
   * @return the bookable and the refused starts, by start
   * @throws InvalidValueException if the target is neither a resource nor a group of the engine
   * @since 0.2.0
   */
  public Availability availability(AvailabilityQuery query) {
    Objects.requireNonNull(query, "query");
    List<Resource> members = new ArrayList<>();
    Resource one = setup.resources().get(query.target());
    if (one != null) {
      members.add(one);
    } else if (groups.containsKey(query.target())) {
      groups.get(query.target()).stream().distinct()
          .forEach(id -> members.add(setup.resources().get(id)));
    } else {
      throw new InvalidValueException("target", query.target(), "must be a resource "
          + setup.resources().keySet() + (groups.isEmpty() ? "" : " or a group "
          + new TreeSet<>(groups.keySet())) + " of the engine");
    }
    AvailabilityScan scan = new AvailabilityScan(query, members);
    return store.readOnly(() -> {
      Instant now = setup.clock().instant();
      // A store with a server fetches the whole period's reads in one round trip.
      store.foresee(() -> scan.foresee(setup, store));
      return scan.run(setup, store, now);
    });
  }

  /**
   * Returns the bookings of a resource that hold their time, by start.
   *
   * @param resourceId the resource
   * @return the bookings; empty for an unknown resource
   */
  public List<Booking> bookings(String resourceId) {
    Resource r = setup.resources().get(resourceId);
    return r == null ? List.of() : store.inTransaction(() -> List.copyOf(store.active(r)));
  }

  /**
   * Returns a booking in its latest status, whatever it is.
   *
   * @param bookingId the booking
   * @return it, or empty if the engine never accepted it
   */
  public Optional<Booking> booking(String bookingId) {
    return store.inTransaction(() -> store.booking(bookingId));
  }

  /**
   * Returns a booking's history, oldest first.
   *
   * @param bookingId the booking
   * @return who did what when; empty if the engine never accepted it
   */
  public List<BookingEvent> history(String bookingId) {
    return store.inTransaction(() -> List.copyOf(store.history(bookingId)));
  }

  /**
   * Returns the resources the engine manages.
   *
   * @return the resources, in the order given
   */
  public List<Resource> resources() {
    return List.copyOf(setup.resources().values());
  }
}
