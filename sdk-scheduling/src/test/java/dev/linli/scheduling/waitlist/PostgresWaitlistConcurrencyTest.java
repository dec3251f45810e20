package dev.linli.scheduling.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.PostgresBookingStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two application instances (each its own pool, engine and {@link Waitlist} object) and 16 threads
 * joining, cancelling, offering, accepting and declining around one slot with three seats. With the
 * waitlist in the database, a seat is never promised twice: at every commit the open offers fit in
 * the free seats, and no acceptance finds its seat taken. With a queue in each instance's memory
 * (the naive way), both instances offer the same freed seat, and acceptances find it gone.
 */
class PostgresWaitlistConcurrencyTest {
  private static final int THREADS = 16;
  private static final int STEPS = 40;
  private static final int SEATS = 3;
  private static final Instant START = WaitlistContract.START;

  /** What the threads saw. */
  private record Result(int offersMade, int accepted, int seatGoneAtAcceptance, int cancelled,
      int overOffered, int overOfferedBetweenSteps, int checks, long bookedAtEnd) {}

  private interface WaitlistFactory {
    Waitlist of(BookingEngine engine, MutableClock clock, BookingRequest template);
  }

  private static Result hammer(WaitlistFactory waitlists, boolean shared)
      throws Exception {
    WaitlistDatabase db = WaitlistDatabase.create();
    MutableClock clock = MutableClock.at(START.minus(Duration.ofDays(4)).toString());
    Resource court = Resource.exclusive("court", Name.of("球场", "Court")).withCapacity(SEATS);
    List<BookingEngine> engines = new ArrayList<>();
    List<Waitlist> lists = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      BookingEngine e = BookingEngine.builder(clock).resources(List.of(court))
          .store(PostgresBookingStore.of(db.pool(THREADS / 2))).build();
      engines.add(e);
      lists.add(waitlists.of(e, clock, WaitlistContract.seat("x", "x")));
    }
    for (int i = 0; i < SEATS; i++) {
      engines.get(0).decide(WaitlistContract.seat("holder" + i, "hh" + i));
    }
    AtomicInteger made = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger seatGone = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    AtomicInteger overOffered = new AtomicInteger();
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger overOfferedQuiet = new AtomicInteger();
    CyclicBarrier together = new CyclicBarrier(THREADS);
    CyclicBarrier quiet = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(500 + thread);
          BookingEngine e = engines.get(thread % 2);
          Waitlist w = lists.get(thread % 2);
          try {
            for (int i = 0; i < STEPS; i++) {
              together.await(2, TimeUnit.MINUTES);
              switch (random.nextInt(20)) {
                case 0, 1, 2, 3 -> {
                  int r = random.nextInt(40);
                  w.join("p" + r, "h" + r, random.nextInt(3));
                }
                case 4 -> {
                  List<Booking> held = e.bookings("court");
                  if (!held.isEmpty() && e.cancel(held.get(random.nextInt(held.size())).id())) {
                    cancelled.incrementAndGet();
                  }
                }
                case 5, 6, 7, 8, 9, 10 -> made.addAndGet(w.offerFreedSeats().size());
                case 11, 12, 13, 14, 15, 16 -> {
                  List<Waitlist.Offer> open = w.offers();
                  if (!open.isEmpty()) {
                    Optional<Decision> d = w.accept(open.get(random.nextInt(open.size()))
                        .residentId());
                    if (d.isPresent() && d.get() instanceof Decision.Accepted) {
                      accepted.incrementAndGet();
                    } else if (d.isPresent() && d.get() instanceof Decision.Rejected x
                        && x.reasons().stream().anyMatch(reason -> reason.code()
                            == RejectionCode.CONFLICT || reason.code()
                            == RejectionCode.TOO_MANY_SEATS)) {
                      seatGone.incrementAndGet();
                    }
                  }
                }
                default -> {
                  List<Waitlist.Offer> open = w.offers();
                  if (!open.isEmpty()) {
                    w.decline(open.get(random.nextInt(open.size())).residentId());
                  }
                }
              }
              long booked = booked(db);
              assertTrue(booked <= SEATS, booked + " seats booked of " + SEATS);
              if (shared) {
                // One statement, one snapshot: open offers and bookings as of the same commit,
                // while the other threads keep going.
                List<String> row = db.rows("SELECT (SELECT count(*) FROM linli_waitlist_offer"
                    + " WHERE state = 'OPEN'), (SELECT coalesce(sum(seats), 0) FROM linli_booking"
                    + " WHERE resource_id = 'court' AND holds_time AND start_at = ?)",
                    OffsetDateTime.ofInstant(START, ZoneOffset.UTC));
                String[] n = row.get(0).split("\\|");
                if (Long.parseLong(n[0]) + Long.parseLong(n[1]) > SEATS) {
                  overOffered.incrementAndGet();
                }
              }
              // Then with every thread stopped between steps: the offers both instances hold
              // (one shared list, or each instance's own) against the free seats.
              quiet.await(2, TimeUnit.MINUTES);
              if (thread == 0) {
                int open = shared ? lists.get(0).offers().size()
                    : lists.get(0).offers().size() + lists.get(1).offers().size();
                if (open + booked(db) > SEATS) {
                  overOfferedQuiet.incrementAndGet();
                }
              }
              checks.incrementAndGet();
            }
          } catch (Exception | Error x) {
            // The others stop at the next barrier instead of waiting for this thread.
            together.reset();
            quiet.reset();
            throw x;
          }
          return null;
        }));
      }
      // Report what went wrong first, not the broken barriers it left the others.
      Throwable first = null;
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException x) {
          if (first == null || first instanceof java.util.concurrent.BrokenBarrierException) {
            first = x.getCause();
          }
        }
      }
      if (first != null) {
        throw new AssertionError("a thread failed", first);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(made.get(), accepted.get(), seatGone.get(), cancelled.get(),
        overOffered.get(), overOfferedQuiet.get(), checks.get(), booked(db));
  }

  private static long booked(WaitlistDatabase db) {
    return db.count("SELECT coalesce(sum(seats), 0) FROM linli_booking WHERE resource_id = 'court'"
        + " AND holds_time AND start_at = ?", OffsetDateTime.ofInstant(START, ZoneOffset.UTC));
  }

  @Test
  void twoInstances_sharedWaitlist_neverPromiseASeatTwice() throws Exception {
    Result r = hammer((e, clock, slot) -> Waitlist.of(e, clock, slot, Duration.ofHours(2)), true);
    assertEquals(0, r.overOffered(), "commits with more open offers than free seats: " + r);
    assertEquals(0, r.overOfferedBetweenSteps(), "more offers than free seats: " + r);
    assertEquals(0, r.seatGoneAtAcceptance(), "acceptances that found their seat taken: " + r);
    assertTrue(r.bookedAtEnd() <= SEATS, r.toString());
    // The workload reaches what it is about: seats freed, offered and taken, many times.
    assertTrue(r.offersMade() >= 20 && r.accepted() >= 10 && r.cancelled() >= 10, r.toString());
    assertEquals(THREADS * STEPS, r.checks());
  }

  @Test
  void twoInstances_queueInEachInstancesMemory_offerOneSeatTwice() throws Exception {
    Result r = hammer((e, clock, slot) -> Waitlist.inMemory(e, clock, slot,
        Duration.ofHours(2)), false);
    // The engine still never oversells: the damage is seats promised to two people.
    assertTrue(r.bookedAtEnd() <= SEATS, r.toString());
    // Measured 4 to 15 over runs (2026-12-04): seats offered beyond the free ones between steps,
    // plus acceptances refused because another instance's offer took the seat.
    assertTrue(r.overOfferedBetweenSteps() + r.seatGoneAtAcceptance() >= 2,
        "the naive pair should promise seats twice: " + r);
  }

  /**
   * The race without timing: one seat frees, each instance asks its waitlist to offer it. Returns
   * the offers each made and the second acceptance's decision.
   */
  private static List<Object> oneFreedSeat(WaitlistFactory waitlists) {
    WaitlistDatabase db = WaitlistDatabase.create();
    MutableClock clock = MutableClock.at(START.minus(Duration.ofDays(4)).toString());
    Resource court = Resource.exclusive("court", Name.of("球场", "Court")).withCapacity(1);
    List<BookingEngine> engines = new ArrayList<>();
    List<Waitlist> lists = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      BookingEngine e = BookingEngine.builder(clock).resources(List.of(court))
          .store(PostgresBookingStore.of(db.pool(2))).build();
      engines.add(e);
      lists.add(waitlists.of(e, clock, WaitlistContract.seat("x", "x")));
    }
    engines.get(0).decide(WaitlistContract.seat("li", "h-li"));
    lists.get(0).join("chen", "h-chen", 0);
    lists.get(1).join("zhou", "h-zhou", 0);
    engines.get(0).cancel("sat-li");
    List<Waitlist.Offer> first = lists.get(0).offerFreedSeats();
    List<Waitlist.Offer> second = lists.get(1).offerFreedSeats();
    lists.get(0).accept(first.get(0).residentId());
    Object last = second.isEmpty() ? Optional.empty()
        : lists.get(1).accept(second.get(0).residentId());
    return List.of(first, second, last);
  }

  @Test
  void oneFreedSeat_naivePair_offersItTwice_secondAcceptanceFindsItTaken() {
    List<Object> r = oneFreedSeat((e, clock, slot) -> Waitlist.inMemory(e, clock, slot,
        Duration.ofHours(2)));
    assertEquals(1, ((List<?>) r.get(0)).size());
    assertEquals(1, ((List<?>) r.get(1)).size(), "the second instance offers the same seat");
    Decision d = ((Optional<?>) r.get(2)).map(Decision.class::cast).orElseThrow();
    assertTrue(d instanceof Decision.Rejected x && x.reasons().stream().anyMatch(reason ->
        reason.code() == RejectionCode.CONFLICT || reason.code() == RejectionCode.TOO_MANY_SEATS),
        d.toString());
  }

  @Test
  void oneFreedSeat_sharedWaitlist_offeredOnce_toTheFirstInTheSharedQueue() {
    List<Object> r = oneFreedSeat((e, clock, slot) -> Waitlist.of(e, clock, slot,
        Duration.ofHours(2)));
    assertEquals("chen", ((Waitlist.Offer) ((List<?>) r.get(0)).get(0)).residentId());
    assertEquals(List.of(), r.get(1), "the seat is already offered");
    assertEquals(Optional.empty(), r.get(2));
  }
}
