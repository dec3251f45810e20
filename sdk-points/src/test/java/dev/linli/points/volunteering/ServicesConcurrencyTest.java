package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.people.Wish;
import dev.linli.core.people.WishStatus;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.timebank.ServiceCode;
import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.volunteering.ServiceWorld.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the desk and the board on one PostgreSQL database, 16 threads racing for the
 * last places and for the same wishes: never more sign-ups than places, one claimant per wish. The
 * same workload on two instances in memory (each its own state, one shared ledger) over-accepts,
 * which shows the workload reaches the race.
 */
class ServicesConcurrencyTest {
  private static final int THREADS = 16;
  private static final int PLACES = 5;
  private static final int VOLUNTEERS = 48;
  private static final int WISHES = 12;

  /** What the race gave. */
  record Outcome(int signedUp, int waitlisted, Map<String, List<String>> claimsWon,
      List<Wish> wishesOnA, List<Wish> wishesOnB, List<Attendance> rosterOnA,
      List<Attendance> rosterOnB) {}

  private static Outcome race(ServiceWorld a, ServiceWorld b) throws Exception {
    for (ServiceWorld w : List.of(a, b)) {
      w.clock.set(ServiceWorld.BEGIN);
    }
    assertTrue(a.desk.publish(ServiceWorld.plan("act-race", PLACES)).accepted());
    assertTrue(b.desk.publish(ServiceWorld.plan("act-race", PLACES)).accepted(),
        "the same plan again is accepted");
    // Each instance is set up as its own start-up would (in memory each has its own ledger and
    // board; on PostgreSQL the second posting of a wish is refused as a repeat).
    for (ServiceWorld w : List.of(a, b)) {
      for (int i = 0; i < VOLUNTEERS; i++) {
        w.bank.enrol("v" + i);
      }
      for (int i = 0; i < WISHES; i++) {
        w.board.post(WishRequest.of("w-" + i, "jingfang", "r-li", "wish " + i, "repair")
            .offering(5, "donor"));
      }
    }
    assertEquals(WISHES, a.board.wishes().size());
    AtomicInteger signedUp = new AtomicInteger();
    AtomicInteger waitlisted = new AtomicInteger();
    Map<String, List<String>> won = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          go.await();
          for (int i = thread; i < VOLUNTEERS; i += THREADS) {
            ServiceWorld w = i % 2 == 0 ? a : b;
            ServiceResult<AttendanceState> r = w.desk.signUp("act-race",
                DurableServicesContract.adult("v" + i), "deliverer");
            if (r instanceof ServiceResult.Accepted<AttendanceState> ok) {
              (ok.state() == AttendanceState.SIGNED_UP ? signedUp : waitlisted).incrementAndGet();
            }
          }
          for (int k = 0; k < WISHES; k++) {
            String wish = "w-" + ((k + thread) % WISHES);
            String claimant = "v" + thread;
            ServiceWorld w = thread % 2 == 0 ? a : b;
            if (w.board.claim(wish, claimant).accepted()) {
              won.computeIfAbsent(wish, x -> new java.util.concurrent.CopyOnWriteArrayList<>())
                  .add(claimant);
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(signedUp.get(), waitlisted.get(), won, a.board.wishes(), b.board.wishes(),
        a.desk.roster("act-race"), b.desk.roster("act-race"));
  }

  @Test
  void postgres_twoInstances_neverMoreThanThePlaces_oneClaimantPerWish() throws Exception {
    try (Storage db = ServiceWorld.postgres()) {
      MutableClock clock = MutableClock.at(ServiceWorld.BEGIN);
      try (ServiceWorld a = new ServiceWorld(db, clock);
          ServiceWorld b = new ServiceWorld(db, clock)) {
        Outcome o = race(a, b);
        assertEquals(PLACES, o.signedUp(), "exactly the places are taken");
        assertEquals(VOLUNTEERS - PLACES, o.waitlisted(), "everyone else waits");
        assertEquals(WISHES, o.claimsWon().size(), "every wish was claimed");
        o.claimsWon().forEach((wish, claimants) ->
            assertEquals(1, claimants.size(), wish + " claimed by " + claimants));
        assertEquals(o.wishesOnA(), o.wishesOnB(), "both instances see one board");
        assertEquals(o.rosterOnA(), o.rosterOnB(), "both instances see one roster");
        for (Wish w : o.wishesOnA()) {
          assertEquals(WishStatus.CLAIMED, w.status());
          assertEquals(o.claimsWon().get(w.id()), List.of(w.claimedBy()));
        }
        assertEquals(PLACES, o.rosterOnA().stream()
            .filter(x -> x.state() == AttendanceState.SIGNED_UP).count());
      }
    }
  }

  @Test
  void inMemory_twoInstances_overAccept_soTheWorkloadReachesTheRace() throws Exception {
    try (Storage memory = ServiceWorld.memory()) {
      MutableClock clock = MutableClock.at(ServiceWorld.BEGIN);
      try (ServiceWorld a = new ServiceWorld(memory, clock);
          ServiceWorld b = new ServiceWorld(memory, clock)) {
        Outcome o = race(a, b);
        assertTrue(o.signedUp() >= 2 * PLACES, "each instance fills the places on its own: "
            + o.signedUp());
        long doubleClaims = o.claimsWon().values().stream().filter(c -> c.size() > 1).count();
        assertTrue(doubleClaims >= WISHES / 2, "wishes claimed twice: " + doubleClaims);
      }
    }
  }
}
