package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.RuleSet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one PostgreSQL database: a household's centre-wide quota holds when its requests
 * for different rooms arrive at once on both (the naive check-then-insert store exceeds it, so the
 * race is real), and each reminder is sent exactly once when both sweep at once.
 */
class PostgresCentreQuotaTest {
  private static final int THREADS = 12;

  private static List<BookingEngine> twoEngines(DataSource db, MutableClock clock,
      Map<String, RuleSet> rules, Function<DataSource, Function<Map<String, Resource>,
          BookingStore>> storeOf, ConcurrentLinkedQueue<BookingNotice> heard) {
    List<BookingEngine> engines = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      engines.add(BookingEngine.builder(clock).resources(CentreQuotaTest.resources()).rules(rules)
          .listener(heard::add).store(storeOf.apply(Pools.of(db, THREADS / 2))).build());
    }
    return engines;
  }

  /**
   * Rounds in which one household asks for {@link #THREADS} different room slots of one week at
   * once, half on each engine; the rooms' centre quota allows 3 a week.
   *
   * @return the most bookings the household held in the rooms in any round's week
   */
  private static int householdAcrossRooms(Function<DataSource, Function<Map<String, Resource>,
      BookingStore>> storeOf, int rounds, int stopAbove) throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    BookingSchema.install(db.dataSource());
    MutableClock clock = MutableClock.at(CentreQuotaTest.at("2026-11-30T08:00"));
    List<BookingEngine> engines = twoEngines(db.dataSource(), clock, CentreQuotaTest.rules(),
        storeOf, new ConcurrentLinkedQueue<>());
    List<String> rooms = List.of("room-1", "room-2", "room-3");
    CyclicBarrier together = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    int most = 0;
    try {
      for (int round = 0; round < rounds && most <= stopAbove; round++) {
        Instant monday = CentreQuotaTest.at("2026-12-07T08:00").plus(Duration.ofDays(7L * round));
        List<Future<Decision>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Instant start = monday.plus(Duration.ofDays(t % 5)).plus(Duration.ofHours(t / 5));
          BookingRequest q = new BookingRequest("w" + round + "-" + t, rooms.get(t % 3),
              "r" + t, "h-round", start, start.plus(Duration.ofHours(1)), 1);
          BookingEngine e = engines.get(t % 2);
          done.add(pool.submit(() -> {
            together.await();
            return e.decide(q);
          }));
        }
        int accepted = 0;
        for (Future<Decision> f : done) {
          accepted += f.get() instanceof Decision.Accepted ? 1 : 0;
        }
        int held = 0;
        for (String room : rooms) {
          held += (int) engines.get(0).bookings(room).stream().filter(b -> !b.request().start()
              .isBefore(monday) && b.request().start().isBefore(monday.plus(Duration.ofDays(7))))
              .count();
        }
        assertEquals(accepted, held, "every acceptance is one row");
        most = Math.max(most, held);
      }
    } finally {
      pool.shutdownNow();
    }
    return most;
  }

  @Test
  void twoEngines_householdAcrossRoomsAtOnce_exactlyTheQuota() throws Exception {
    assertEquals(3, householdAcrossRooms(ds -> PostgresBookingStore.of(ds)::open, 3,
        Integer.MAX_VALUE));
  }

  @Test
  void naiveCheckThenInsert_sameRequests_exceedsTheQuota() throws Exception {
    int most = householdAcrossRooms(NaiveBookingStore::of, 8, 3);
    assertTrue(most > 3, "the naive store never let the household past 3 in 8 rounds of "
        + THREADS + " requests at once: the race did not show (most " + most + ")");
  }

  @Test
  void twoEngines_sweepingAtOnce_eachReminderOnce_listenersAndOutbox() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    BookingSchema.install(db.dataSource());
    MutableClock clock = MutableClock.at(RemindersTest.at("2026-12-03T08:00"));
    Map<String, RuleSet> rules = new HashMap<>(CentreQuotaTest.rules());
    rules.put("stage", new RuleSet(List.of(RemindersTest.DAY_AND_TWO_HOURS)));
    ConcurrentLinkedQueue<BookingNotice> heard = new ConcurrentLinkedQueue<>();
    List<BookingEngine> engines = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      engines.add(BookingEngine.builder(clock).resources(CentreQuotaTest.resources()).rules(rules)
          .listener(heard::add).store(PostgresBookingStore.of(Pools.of(db.dataSource(), 4)))
          .build());
    }
    // Ten bookings on the evening of the 5th and just after midnight, an hour each.
    for (int i = 0; i < 10; i++) {
      Instant start = RemindersTest.at("2026-12-05T17:00").plus(Duration.ofHours(i));
      Decision d = engines.get(i % 2).decide(new BookingRequest("s" + i, "stage", "r" + i,
          "h" + i, start, start.plus(Duration.ofHours(1)), 1));
      assertTrue(d instanceof Decision.Accepted, d.toString());
    }
    heard.clear();
    // At 16:00 on the 5th every day-ahead reminder is due, and the two-hour ones of 17:00 and 18:00.
    clock.set(RemindersTest.at("2026-12-05T16:00"));
    assertEquals(12, sweepAtOnce(engines), "10 day-ahead and 2 two-hour reminders, once each");
    // At 23:00 the two-hour reminders of 00:00 and 01:00 on the 6th, across midnight.
    clock.set(RemindersTest.at("2026-12-05T23:00"));
    assertEquals(2, sweepAtOnce(engines));
    assertEquals(14, heard.size());
    assertEquals(14, heard.stream().map(n -> n.request().id() + n.leadTime().orElseThrow())
        .distinct().count());
    assertEquals(List.of(), engines.get(0).remindUpcoming());
    assertEquals(List.of(), engines.get(1).remindUpcoming());
    assertEquals(14, count(db.dataSource(), "SELECT count(*) FROM linli_booking_outbox"
        + " WHERE kind = 'UPCOMING'"));
    assertEquals(14, count(db.dataSource(), "SELECT count(DISTINCT (booking_id, payload->>"
        + "'leadTime')) FROM linli_booking_outbox WHERE kind = 'UPCOMING'"));
    assertEquals(14, count(db.dataSource(), "SELECT count(*) FROM linli_booking_reminder"));
    assertEquals(1, count(db.dataSource(), "SELECT count(*) FROM linli_booking_outbox WHERE"
        + " kind = 'UPCOMING' AND booking_id = 's8' AND payload->>'leadTime' = 'PT2H' AND"
        + " created_at = '2026-12-05T15:00:00Z' AND payload->'booking'->>'status' = 'CONFIRMED'"));
  }

  /** Eight sweeps at once, four on each engine; returns how many notices they sent together. */
  private static int sweepAtOnce(List<BookingEngine> engines) throws Exception {
    CyclicBarrier together = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<BookingNotice>>> sweeps = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        BookingEngine e = engines.get(t % 2);
        sweeps.add(pool.submit(() -> {
          together.await();
          return e.remindUpcoming();
        }));
      }
      int sent = 0;
      for (Future<List<BookingNotice>> f : sweeps) {
        sent += f.get().size();
      }
      return sent;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    }
  }
}
