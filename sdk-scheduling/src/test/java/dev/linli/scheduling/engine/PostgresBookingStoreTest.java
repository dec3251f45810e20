package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What only a shared, durable store can show: restarts, a second instance, rule versions, outbox. */
class PostgresBookingStoreTest {
  private final MutableClock clock = MutableClock.at(Workload.NOW);

  private static DataSource database() {
    TestPostgres db = TestPostgres.newDatabase();
    BookingSchema.install(db.dataSource());
    return db.dataSource();
  }

  private BookingEngine engine(DataSource db) {
    return Workload.builder(clock).store(PostgresBookingStore.of(Pools.of(db, 4))).build();
  }

  private static BookingRequest gym(String id, String household, String from, String to) {
    return new BookingRequest(id, "gym", "r" + household, household,
        Workload.at("2026-12-02T" + from), Workload.at("2026-12-02T" + to), 1);
  }

  @Test
  void restart_aNewEngineOnTheSameDatabase_seesEverything() {
    DataSource db = database();
    BookingEngine first = engine(db);
    first.decide(gym("a", "h1", "09:00", "10:00"));
    first.decide(gym("b", "h2", "09:00", "10:00"));
    first.change(gym("a", "h1", "10:00", "11:00"), "r-h1");
    first.cancel("b", "rh2");
    first.decide(new BookingRequest("c", "court", "rh3", "h3", Workload.at("2026-12-02T09:00"),
        Workload.at("2026-12-02T10:00"), 1));
    first.blackout(new BookingEngine.Blackout("stage", Workload.at("2026-12-03T00:00"),
        Workload.at("2026-12-04T00:00"), BlackoutPolicy.KEEP, "repairs"));
    clock.set(Workload.at("2026-12-02T09:30"));
    assertEquals(List.of("c"), first.releaseNoShows().stream().map(Booking::id).toList());
    first.updateRules("gym", new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD,
        Quota.Period.DAY, 1, null))));

    BookingEngine second = engine(db);
    for (String id : Workload.IDS) {
      assertEquals(first.bookings(id), second.bookings(id), id);
    }
    assertEquals(first.history("a"), second.history("a"));
    assertEquals(List.of("created", "changed"), second.history("a").stream()
        .map(h -> h.action()).toList());
    assertEquals(BookingStatus.CANCELLED, second.booking("b").orElseThrow().status());
    assertEquals(BookingStatus.NO_SHOW, second.booking("c").orElseThrow().status());
    assertEquals(2, second.ruleVersion("gym"), "the updated rules, not the builder's");
    Decision blackedOut = second.decide(new BookingRequest("d", "stage", "rh4", "h4",
        Workload.at("2026-12-03T09:00"), Workload.at("2026-12-03T10:00"), 1));
    assertEquals("blackout", code(blackedOut));
    Decision overQuota = second.decide(gym("e", "h1", "12:00", "13:00"));
    assertInstanceOf(Decision.Rejected.class, overQuota, "h1 has one gym booking; v2 allows one");
  }

  @Test
  void retry_toTheOtherInstance_atTheSameTime_answersOneDecision() throws Exception {
    DataSource db = database();
    // A running clock: each racer would stamp its own acceptance time if it answered for itself.
    java.time.Clock running = java.time.Clock.offset(java.time.Clock.systemUTC(),
        Duration.between(java.time.Instant.now(), Workload.NOW));
    List<BookingEngine> engines = List.of(
        Workload.builder(running).store(PostgresBookingStore.of(Pools.of(db, 4))).build(),
        Workload.builder(running).store(PostgresBookingStore.of(Pools.of(db, 4))).build());
    BookingRequest q = gym("same", "h1", "09:00", "10:00");
    CyclicBarrier together = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Decision>> answers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      BookingEngine e = engines.get(t % 2);
      answers.add(pool.submit(() -> {
        together.await();
        return e.decide(q);
      }));
    }
    Decision first = answers.get(0).get();
    assertInstanceOf(Decision.Accepted.class, first);
    for (Future<Decision> f : answers) {
      assertEquals(first, f.get());
    }
    pool.shutdown();
    assertEquals(1, engines.get(1).bookings("gym").size());
    assertEquals(1, engines.get(0).history("same").size());
  }

  @Test
  void updateRules_newVersionPersisted_recordedOnEveryDecision_bookingsKept() throws SQLException {
    DataSource db = database();
    BookingEngine e = engine(db);
    assertEquals(1, e.ruleVersion("gym"));
    e.decide(gym("v1", "h1", "09:00", "10:00"));
    e.decide(gym("v1b", "h1", "10:00", "11:00"));
    RuleSet stricter = new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.DAY, 1,
        null)));
    assertEquals(2, e.updateRules("gym", stricter));
    assertEquals(stricter, e.rules("gym"));
    assertEquals(2, e.bookings("gym").size(), "accepted bookings stay");
    assertInstanceOf(Decision.Rejected.class, e.decide(gym("v2-no", "h1", "12:00", "13:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(gym("v2", "h2", "12:00", "13:00")));
    e.cancel("v1", "rh1");
    assertEquals(List.of("v1:2", "v1b:1", "v2:2"), strings(db,
        "SELECT id || ':' || rule_version FROM linli_booking ORDER BY id"));
    assertEquals(List.of("v1:1", "v1:2", "v1b:1", "v2:2"), strings(db, "SELECT booking_id || ':'"
        + " || rule_version FROM linli_booking_history ORDER BY booking_id, seq"));
    assertEquals(List.of("gym:1", "gym:2"), strings(db, "SELECT resource_id || ':' || version"
        + " FROM linli_rule_set WHERE resource_id = 'gym' ORDER BY version"));
  }

  @Test
  void outbox_oneRowPerChange_inOrder_noneForWhatWasRolledBack() throws SQLException {
    DataSource db = database();
    BookingEngine e = engine(db);
    e.decide(gym("o1", "h1", "09:00", "10:00"));
    e.change(gym("o1", "h1", "10:00", "11:00"), "rh1");
    e.decide(gym("o2", "h2", "09:00", "10:00"));
    e.cancel("o2", "rh2");
    e.decide(new BookingRequest("o3", "stage", "rh3", "h3", Workload.at("2026-12-02T14:00"),
        Workload.at("2026-12-02T15:00"), 1));
    e.bump(new BookingRequest("o4", "stage", "staff", "centre", Workload.at("2026-12-02T14:00"),
        Workload.at("2026-12-02T16:00"), 1, "community-fair"), 10, Workload::priority,
        Duration.ZERO, "staff");
    List<BookingRequest> series = List.of(gym("s0", "h5", "09:00", "10:00"),
        gym("s1", "h5", "10:00", "11:00"), gym("s2", "h5", "11:00", "12:00"));
    assertInstanceOf(Decision.Rejected.class, e.decideAll(series, true).get(2), "quota 2/day");
    clock.set(Workload.at("2026-12-02T10:20"));
    e.releaseNoShows();
    assertEquals(List.of("CONFIRMED o1 1", "CHANGED o1 1", "CONFIRMED o2 1", "CANCELLED o2 1",
        "CONFIRMED o3 1", "CONFIRMED o4 1", "BUMPED o3 1", "NO_SHOW_RELEASED o1 1"),
        strings(db, "SELECT kind || ' ' || booking_id || ' ' || rule_version"
            + " FROM linli_booking_outbox ORDER BY seq"));
    assertEquals(List.of("o1 CONFIRMED NO_SHOW"), strings(db, "SELECT booking_id || ' '"
        + " || (payload->'before'->>'status') || ' ' || (payload->'booking'->>'status')"
        + " FROM linli_booking_outbox WHERE kind = 'NO_SHOW_RELEASED'"));
  }

  private static String code(Decision d) {
    return assertInstanceOf(Decision.Rejected.class, d).reasons().get(0).code().toString();
  }

  static List<String> strings(DataSource db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
