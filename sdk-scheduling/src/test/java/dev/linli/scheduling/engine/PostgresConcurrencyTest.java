package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.StorageException;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Two engines, each on its own connection pool, and 16 threads deciding at once for the last seats
 * of one database: capacity and quotas hold as with one engine. The same workload on a store that
 * checks and then inserts without serialising double-books, so the race is real.
 */
class PostgresConcurrencyTest {
  private static final int THREADS = 16;
  private static final int STEPS = 15;

  /** Runs the workload on two engines built by {@code storeOf}; returns every step and the end state. */
  private static Result hammer(TestPostgres db,
      Function<javax.sql.DataSource, Function<Map<String, dev.linli.scheduling.booking.Resource>,
          BookingStore>> storeOf) throws Exception {
    BookingSchema.install(db.dataSource());
    MutableClock clock = MutableClock.at(Workload.NOW);
    List<BookingEngine> engines = List.of(
        Workload.builder(clock).store(storeOf.apply(Pools.of(db.dataSource(), THREADS / 2)))
            .build(),
        Workload.builder(clock).store(storeOf.apply(Pools.of(db.dataSource(), THREADS / 2)))
            .build());
    CyclicBarrier together = new CyclicBarrier(THREADS);
    ConcurrentLinkedQueue<Workload.Step> steps = new ConcurrentLinkedQueue<>();
    AtomicInteger refusedByConstraint = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(1000 + thread);
          BookingEngine e = engines.get(thread % 2);
          List<String> made = new ArrayList<>();
          for (int i = 0; i < STEPS; i++) {
            together.await();
            try {
              steps.add(Workload.step(e, random, "t" + thread + "-", i, made, 2));
            } catch (StorageException refused) {
              // Only the naive store gets here: the exclusion constraint refused its double booking.
              refusedByConstraint.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, List<Booking>> held = new HashMap<>();
    for (String id : Workload.IDS) {
      held.put(id, engines.get(0).bookings(id));
      assertEquals(held.get(id), engines.get(1).bookings(id), "both engines see one database");
    }
    return new Result(List.copyOf(steps), held, engines.get(1), refusedByConstraint.get());
  }

  private record Result(List<Workload.Step> steps, Map<String, List<Booking>> held,
      BookingEngine engine, int refusedByConstraint) {}

  @Test
  void twoEngines_sixteenThreads_lastSeats_capacityQuotasAndSeriesHold() throws Exception {
    Result r = hammer(TestPostgres.newDatabase(), ds -> PostgresBookingStore.of(ds)::open);
    Workload.assertInvariants(r.held());
    assertEquals(0, r.refusedByConstraint(), "the locks, not the constraint, keep exclusivity");
    int accepted = 0;
    int rejected = 0;
    for (Workload.Step s : r.steps()) {
      if (s.accepted()) {
        accepted++;
      } else {
        rejected++;
        if (s.kind() == Workload.Kind.SERIES) {
          for (String id : s.ids()) {
            assertTrue(r.engine().booking(id).isEmpty(), "rejected series kept " + id);
          }
        }
      }
    }
    // The run reached contention: many requests won, many lost.
    assertTrue(accepted >= 15 && rejected >= 60, accepted + " accepted, " + rejected + " rejected");
  }

  /**
   * Rounds of "the last seats": each round opens a new hour of the gym (3 seats) and 16 threads on
   * two engines ask for one seat each at once, households shared in pairs (2 a day each).
   *
   * @return the most bookings any round's hour ended with
   */
  private static int lastSeats(TestPostgres db,
      Function<javax.sql.DataSource, Function<Map<String, dev.linli.scheduling.booking.Resource>,
          BookingStore>> storeOf, int rounds) throws Exception {
    BookingSchema.install(db.dataSource());
    MutableClock clock = MutableClock.at(Workload.NOW);
    List<BookingEngine> engines = List.of(
        Workload.builder(clock).store(storeOf.apply(Pools.of(db.dataSource(), THREADS / 2)))
            .build(),
        Workload.builder(clock).store(storeOf.apply(Pools.of(db.dataSource(), THREADS / 2)))
            .build());
    CyclicBarrier together = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    int most = 0;
    try {
      for (int round = 0; round < rounds; round++) {
        java.time.Instant start = Workload.at("2026-12-02T06:00").plus(java.time.Duration
            .ofHours(round));
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          BookingRequest q = new BookingRequest("s" + round + "-" + t, "gym", "r" + t,
              "h" + (t / 2), start, start.plus(java.time.Duration.ofHours(1)), 1);
          BookingEngine e = engines.get(t % 2);
          done.add(pool.submit(() -> {
            together.await();
            return e.decide(q);
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        int held = engines.get(0).bookings("gym").stream()
            .filter(b -> b.request().start().equals(start)).mapToInt(b -> b.request().seats())
            .sum();
        most = Math.max(most, held);
      }
    } finally {
      pool.shutdownNow();
    }
    return most;
  }

  @Test
  void lastSeats_sixteenAtOnce_neverMoreThanThree() throws Exception {
    assertEquals(3, lastSeats(TestPostgres.newDatabase(), ds -> PostgresBookingStore.of(ds)::open,
        4));
  }

  @Test
  void naiveCheckThenInsert_sameLastSeats_overbooks() throws Exception {
    int most = lastSeats(TestPostgres.newDatabase(), NaiveBookingStore::of, 6);
    assertTrue(most > 3, "the naive store never sold more than the gym's 3 seats in 6 rounds of"
        + " 16 requests: the race did not show (most " + most + ")");
  }
}
