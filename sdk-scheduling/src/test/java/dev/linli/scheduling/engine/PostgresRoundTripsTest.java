package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.Actor;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.ActiveBookingsCap;
import dev.linli.scheduling.rule.BookingRule;
import dev.linli.scheduling.rule.CentreQuota;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.ConsecutiveSlots;
import dev.linli.scheduling.rule.DurationLimits;
import dev.linli.scheduling.rule.Eligibility;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a decision costs in round trips to PostgreSQL, pinned so it cannot silently regrow: the
 * locks and every read the rules, blackouts, overlap and idempotency checks make go in one round
 * trip, so a writing decision under every rule is that, the write, and the commit.
 */
class PostgresRoundTripsTest {
  private static final Resource GYM = Resource.exclusive("gym", Name.of("健身房", "Gym"))
      .withCapacity(30);
  private static final ResidentProfile LOCAL = new ResidentProfile("x", AgeBand.AGE_18_59,
      "jingfang", Set.of());

  private final MutableClock clock = MutableClock.at(Workload.at("2026-11-30T08:00"));
  private DataSource raw;
  private DataSource db;
  private RoundTrips trips;
  private BookingEngine engine;

  /** One rule of every kind, as the benchmark's centre has. */
  static RuleSet everyRule(int householdPerWeek) {
    return new RuleSet(List.of(
        new NoticeWindow(Duration.ZERO, Duration.ofDays(400), null, null),
        new DurationLimits(Duration.ofMinutes(30), Duration.ofHours(2)),
        new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, householdPerWeek, null),
        new Quota(Quota.Scope.RESIDENT, Quota.Period.WEEK, 2, null, true, "18:00-21:00"),
        new OpeningHoursRule("Mo-Su 06:00-22:00", "Mo-Su 09:00-17:00", DayOfWeek.MONDAY, false),
        new ActiveBookingsCap(5),
        new ConsecutiveSlots(4),
        new Eligibility("jingfang", Set.of(), Set.of()),
        new CheckInPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15), 2, Duration.ofDays(30),
            Duration.ofDays(30))));
  }

  private BookingEngine engine(DataSource dataSource) {
    return BookingEngine.builder(clock).resources(List.of(GYM))
        .rules(Map.of("gym", everyRule(3))).residents(id -> Optional.of(LOCAL))
        .store(PostgresBookingStore.of(dataSource)).build();
  }

  private static BookingRequest gym(String id, String household, String day, String from,
      String to) {
    return new BookingRequest(id, "gym", "r-" + household, household,
        Workload.at("2026-12-" + day + "T" + from), Workload.at("2026-12-" + day + "T" + to), 1);
  }

  @BeforeEach
  void centreWithBookings() {
    TestPostgres database = TestPostgres.newDatabase();
    BookingSchema.install(database.dataSource());
    raw = database.dataSource();
    db = Pools.of(raw, 2);
    trips = new RoundTrips(db);
    engine = engine(trips);
    // Rows for every read to find: the household's week, the resident's neighbours, the slot.
    for (Decision d : List.of(engine.decide(gym("a", "h1", "01", "10:00", "11:00")),
        engine.decide(gym("b", "h2", "02", "10:00", "11:00")),
        engine.decide(gym("c", "h1", "02", "12:00", "13:00")))) {
      assertInstanceOf(Decision.Accepted.class, d);
    }
    trips.take();
  }

  @Test
  void decide_accepted_threeRoundTrips_locksAndEveryReadThenWriteThenCommit() {
    Decision d = engine.decide(gym("n", "h1", "02", "10:00", "11:00"));

    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(3, trips.take());
  }

  @Test
  void decide_underACentreQuotaAcrossTwoResources_threeRoundTrips_andCountsBoth() {
    Resource room = Resource.exclusive("room", Name.of("议事室", "Room"));
    BookingEngine centre = BookingEngine.builder(clock).resources(List.of(GYM, room))
        .residents(id -> Optional.of(LOCAL)).store(PostgresBookingStore.of(trips)).build();
    CentreQuota both = new CentreQuota("centre", List.of("gym", "room"), Quota.Scope.HOUSEHOLD,
        Quota.Period.WEEK, 4, null);
    List<BookingRule> gymRules = new ArrayList<>(everyRule(3).rules());
    gymRules.add(both);
    centre.updateRules("gym", new RuleSet(gymRules));
    centre.updateRules("room", new RuleSet(List.of(both)));
    assertInstanceOf(Decision.Accepted.class, centre.decide(new BookingRequest("r1", "room",
        "r-h1", "h1", Workload.at("2026-12-03T10:00"), Workload.at("2026-12-03T11:00"), 1)));
    trips.take();

    // h1 holds a and c on the gym and r1 in the room: a fourth across both is the last allowed.
    Decision d = centre.decide(gym("n", "h1", "03", "12:00", "13:00"));

    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(3, trips.take());
    Decision over = centre.decide(new BookingRequest("r2", "room", "r-h1", "h1",
        Workload.at("2026-12-04T10:00"), Workload.at("2026-12-04T11:00"), 1));
    assertEquals(List.of("centre-quota"), ((Decision.Rejected) over).reasons().stream()
        .map(r -> r.rule()).toList());
  }

  @Test
  void decide_manyInARow_eachThreeRoundTrips() {
    for (int i = 0; i < 10; i++) {
      Decision d = engine.decide(gym("n" + i, "hh" + i, "03", "09:00", "10:00"));
      assertInstanceOf(Decision.Accepted.class, d);
      assertEquals(3, trips.take(), "decision " + i);
    }
  }

  @Test
  void change_fourRoundTrips_theBookingThenLocksWithEveryReadThenWriteThenCommit() {
    // The booking is read first: whose locks a change takes depends on it.
    Decision d = engine.change(gym("c", "h1", "02", "14:00", "15:00"), "r-h1");

    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(4, trips.take());
  }

  @Test
  void changeAndCancel_byAHouseholdMember_sameRoundTripsAsWithoutAnActor() {
    Actor member = Actor.resident("r-h1-other", "h1");

    assertInstanceOf(Decision.Accepted.class, engine.change(gym("c", "h1", "02", "14:00",
        "15:00"), member));
    assertEquals(4, trips.take());
    assertInstanceOf(Decision.Accepted.class, engine.cancel("c", member));
    // The booking; the locks with the cancel window's reads; the write; the commit.
    assertEquals(4, trips.take());
  }

  @Test
  void decide_retriedId_twoRoundTrips_readsThenCommit() {
    engine.decide(gym("n", "h2", "02", "10:00", "11:00"));
    trips.take();

    Decision again = engine.decide(gym("n", "h2", "02", "10:00", "11:00"));

    assertInstanceOf(Decision.Accepted.class, again);
    assertEquals(2, trips.take());
  }

  @Test
  void explain_twoRoundTrips_readsThenCommit() {
    Decision d = engine.explain(gym("n", "h1", "02", "10:00", "11:00"));

    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(2, trips.take());
  }

  @Test
  void availability_aWeekOfStarts_twoRoundTrips_everyReadThenCommit() {
    // 335 starts (7 days of 48, the last ending at the period's end), every rule: the period's
    // rows in one round trip, then the commit.
    Availability a = engine.availability(AvailabilityQuery.of("gym",
        LocalDateTime.parse("2026-12-01T00:00"), LocalDateTime.parse("2026-12-08T00:00"),
        Duration.ofHours(1)).by("r-h1", "h1"));

    assertEquals(2, trips.take());
    assertEquals(7 * 48 - 1, a.slots().size() + a.refused().size());
    assertTrue(a.slots().size() > 7 * 10, "bookable starts: " + a.slots().size());
  }

  @Test
  void availability_readOnlyTransaction_seesAnotherInstancesBooking() {
    BookingEngine other = engine(raw);
    assertInstanceOf(Decision.Accepted.class, other.decide(gym("o", "h9", "05", "10:00",
        "11:00")));

    Availability a = engine.availability(AvailabilityQuery.of("gym",
        LocalDateTime.parse("2026-12-05T10:00"), LocalDateTime.parse("2026-12-05T11:00"),
        Duration.ofHours(1)));

    assertEquals(29, a.slots().get(0).seatsLeft());
  }

  @Test
  void decide_readsInOneRoundTripAreTheCurrentRows_quotaCountsThem() {
    engine.decide(gym("d", "h1", "03", "10:00", "11:00"));

    // h1 has three bookings this week (a, c, d): a fourth is over the household quota of 3.
    Decision d = engine.decide(gym("e", "h1", "04", "10:00", "11:00"));

    assertEquals(List.of(RejectionCode.QUOTA_EXCEEDED), ((Decision.Rejected) d).reasons().stream()
        .map(r -> r.code()).toList());
  }

  @Test
  void decide_rejectedWithAlternatives_answersAsInMemory_inFourRoundTrips() {
    BookingEngine memory = BookingEngine.builder(clock).resources(List.of(GYM))
        .rules(Map.of("gym", everyRule(3))).residents(id -> Optional.of(LOCAL)).build();
    for (BookingRequest q : List.of(gym("a", "h1", "01", "10:00", "11:00"),
        gym("b", "h2", "02", "10:00", "11:00"), gym("c", "h1", "02", "12:00", "13:00"),
        gym("d", "h1", "03", "10:00", "11:00"))) {
      assertInstanceOf(Decision.Accepted.class, memory.decide(q));
    }
    engine.decide(gym("d", "h1", "03", "10:00", "11:00"));
    trips.take();

    // Over the household's weekly quota: the search tries every slot to the week's end and more.
    BookingRequest fourth = gym("e", "h1", "04", "10:00", "11:00");
    Decision d = engine.decide(fourth);

    assertEquals(memory.decide(fourth), d);
    assertEquals(3, ((Decision.Rejected) d).alternatives().size());
    // Locks with the decision's reads; the candidates' reads; the peak-hour quota's week, which
    // only an evening candidate asks for; commit. (Before: a few round trips per candidate.)
    assertEquals(4, trips.take());
  }

  @Test
  void decide_afterAnotherInstanceTightenedTheRules_usesTheNewVersionAtOnce() {
    BookingEngine other = engine(db);
    engine.decide(gym("n", "h2", "03", "10:00", "11:00"));
    trips.take();
    other.updateRules("gym", everyRule(1));

    // This instance last saw version 1 (3 a week); h2 already has two bookings this week.
    Decision d = engine.decide(gym("m", "h2", "04", "10:00", "11:00"));

    assertEquals(List.of(RejectionCode.QUOTA_EXCEEDED), ((Decision.Rejected) d).reasons().stream()
        .map(r -> r.code()).toList());
    assertEquals(2, engine.ruleVersion("gym"));
  }

  @Test
  void foreseenReads_sentWithALockThatWaits_seeWhatTheLockHolderCommitted() throws Exception {
    BookingStore holder = PostgresBookingStore.of(db).open(Map.of("gym", GYM));
    BookingStore waiter = PostgresBookingStore.of(db).open(Map.of("gym", GYM));
    Instant start = Workload.at("2026-12-05T10:00");
    Booking late = new Booking(new BookingRequest("late", "gym", "r9", "h9", start,
        start.plusSeconds(3600), 1), start.minusSeconds(86_400), BookingStatus.CONFIRMED);
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> holder.inTransaction(() -> {
      holder.lockResources(List.of("gym"));
      holder.insert(late, new BookingEvent(start, "r9", "created", null, late));
      locked.countDown();
      await(commit);
      return null;
    }));
    assertTrue(locked.await(30, TimeUnit.SECONDS));
    CompletableFuture<List<Booking>> second = CompletableFuture.supplyAsync(() ->
        waiter.inTransaction(() -> {
          waiter.lockResources(List.of("gym"));
          waiter.foresee(() -> waiter.overlapping(GYM, start, start.plusSeconds(3600)));
          return waiter.overlapping(GYM, start, start.plusSeconds(3600));
        }));
    // Let the holder commit only once the waiter's round trip is queued behind its lock.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!waitingForAnAdvisoryLock() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(waitingForAnAdvisoryLock(), "the second transaction never waited for the lock");
    commit.countDown();
    first.get(30, TimeUnit.SECONDS);

    assertEquals(List.of("late"), second.get(30, TimeUnit.SECONDS).stream().map(Booking::id)
        .toList());
  }

  private boolean waitingForAnAdvisoryLock() throws SQLException {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            + " AND NOT granted")) {
      r.next();
      return r.getInt(1) > 0;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
