package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.people.Wish;
import dev.linli.core.people.WishStatus;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class VolunteeringProperties {
  private static TimeBank bank(MutableClock clock) {
    return TimeBank.open(Ledger.create(clock), new EarningRules(100, "1.0",
        Map.of("elderly-care", "1.5"), Duration.ofHours(2), RoundingMode.HALF_UP), "pool",
        "minutes-issuer");
  }

  /** Random steps in random order, retried freely: each attendance is awarded at most once. */
  static Participant at(String volunteerId) {
    return Participant.of("act-1205", volunteerId);
  }

  @Property(tries = 150)
  void hoursAreNeverAwardedTwiceForOneAttendance(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int volunteers,
      @ForAll @IntRange(min = 60, max = 150) int steps) throws Exception {
    MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    TimeBank bank = bank(clock);
    Volunteering desk = Volunteering.on(bank);
    desk.publish(VolunteeringTest.mealRun("act-1205", 3, Eligibility.ANYONE));
    SplittableRandom random = new SplittableRandom(seed);
    // Three phases, each a random mix of the steps that can happen then (any of them may be a
    // retry): sign-ups before the deadline; check-ins, check-outs and confirmations around the
    // activity; then time passing, so that complaint windows close and settling awards hours.
    int[][] phases = {{0, 0, 0, 1, 5, 6, 7}, {2, 2, 2, 3, 3, 3, 4, 4, 4, 6, 7, 7, 7, 1},
        {4, 6, 6, 6, 7, 7, 7, 7, 3, 6, 7, 6, 5}};
    for (int i = 0; i < steps; i++) {
      int phase = Math.min(2, i * 3 / steps);
      if (i == steps / 3) {
        clock.set(VolunteeringTest.START.minus(Duration.ofMinutes(10)));
      } else if (phase == 1) {
        clock.advance(Duration.ofMinutes(random.nextInt(6))); // the activity's minutes pass
      }
      String v = "v" + random.nextInt(volunteers);
      int[] ops = phases[phase];
      switch (ops[random.nextInt(ops.length)]) {
        case 0 -> desk.signUp("act-1205", VolunteeringTest.adult(v),
            random.nextBoolean() ? "deliverer" : "driver");
        case 1 -> desk.cancelSignUp(at(v));
        case 2 -> desk.checkIn(at(v), "team-meals", null);
        case 3 -> desk.checkOut(at(v), v, "A7K2");
        case 4 -> desk.confirm(at(v), "team-meals",
            random.nextBoolean() ? null : Duration.ofMinutes(random.nextInt(200)), "checked");
        case 5 -> desk.complain(at(v), "complaint");
        case 6 -> settleConcurrently(desk);
        case 7 -> clock.advance(phase == 2 ? Duration.ofHours(random.nextInt(96))
            : Duration.ofMinutes(random.nextInt(30)));
        default -> throw new IllegalStateException("no such step");
      }
      for (int n = 0; n < volunteers; n++) {
        String id = "v" + n;
        if (bank.ledger().account(id + ".minutes").isEmpty()) {
          continue;
        }
        List<Transfer> minutes = bank.ledger().history(id + ".minutes",
            HistoryQuery.all().withCounterparty("minutes-issuer"));
        assertTrue(minutes.size() <= 1, () -> id + " was awarded " + minutes.size() + " times");
        boolean awarded = desk.attendance("act-1205", id)
            .map(a -> a.state() == AttendanceState.AWARDED).orElse(false);
        assertEquals(awarded ? 1 : 0, minutes.size(), id + ": posted exactly when AWARDED");
      }
    }
    boolean anyAwarded = desk.roster("act-1205").stream()
        .anyMatch(a -> a.state() == AttendanceState.AWARDED);
    Statistics.label("awarded").collect(anyAwarded);
    Statistics.label("awarded").coverage(c -> c.check(true).percentage(p -> p >= 30));
  }

  /** Two threads settle at once: each award must still post once. */
  private static void settleConcurrently(Volunteering desk) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(pool.submit(() -> {
          go.await();
          return desk.settle();
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Many threads sign up at once: no role ever has more people than places. */
  @Property(tries = 20)
  void signUpsNeverExceedCapacity(@ForAll @IntRange(min = 1, max = 6) int places,
      @ForAll @IntRange(min = 1, max = 40) int people) throws Exception {
    MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    Volunteering desk = Volunteering.on(bank(clock));
    desk.publish(VolunteeringTest.mealRun("act-1205", places, Eligibility.ANYONE));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String v = "v" + i;
      done.add(pool.submit(() -> {
        go.await();
        desk.signUp("act-1205", VolunteeringTest.adult(v), "deliverer");
        if (v.hashCode() % 3 == 0) {
          desk.cancelSignUp(at(v));
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    long taken = desk.roster("act-1205").stream()
        .filter(a -> a.state() == AttendanceState.SIGNED_UP).count();
    long waiting = desk.roster("act-1205").stream()
        .filter(a -> a.state() == AttendanceState.WAITLISTED).count();
    assertTrue(taken <= places, taken + " > " + places);
    assertTrue(waiting == 0 || taken == places, "nobody waits while a place is free");
  }

  /** A wish's held points are released exactly once: paid out, or returned. */
  @Property(tries = 150)
  void heldPointsAreReleasedExactlyOnce(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 100) int steps) {
    MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    TimeBank bank = bank(clock);
    bank.enrol("v-a");
    bank.enrol("v-b");
    WishBoard board = WishBoard.on(bank, "wish-escrow", Duration.ofDays(10), Set.of("grid-1"));
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < steps; i++) {
      String w = "w" + random.nextInt(5);
      String v = random.nextBoolean() ? "v-a" : "v-b";
      switch (random.nextInt(7)) {
        case 0 -> {
          long points = random.nextInt(3) * 40L;
          WishRequest wish = WishRequest.of(w, "jingfang", "r-1", "help", "repair");
          board.post(points > 0 ? wish.offering(points, "pool") : wish);
        }
        case 1 -> board.claim(w, v);
        case 2 -> board.release(w, v);
        case 3 -> board.fulfil(w, random.nextBoolean() ? "r-1" : "grid-1");
        case 4 -> board.cancel(w, "r-1");
        case 5 -> board.expireDue();
        default -> clock.advance(Duration.ofDays(random.nextInt(6)));
      }
      Ledger ledger = bank.ledger();
      assertEquals(0, ledger.balance("wish-escrow").balance(), "escrow never keeps points");
      long paid = ledger.balance("v-a.points").balance() + ledger.balance("v-b.points").balance();
      long expectedPaid = 0;
      long expectedHeld = 0;
      for (Wish wish : board.wishes()) {
        if (wish.status() == WishStatus.FULFILLED) {
          expectedPaid += wish.pointsOffered();
        }
        if (wish.pointsOffered() > 0) {
          Hold h = ledger.findHold(wish.id() + ".offer").orElseThrow();
          boolean open = wish.status() == WishStatus.REQUESTED
              || wish.status() == WishStatus.CLAIMED;
          assertEquals(open, h.state() == Hold.State.PENDING, wish.id() + " " + wish.status());
          if (open) {
            expectedHeld += wish.pointsOffered();
          }
        }
      }
      assertEquals(expectedPaid, paid, "paid out exactly the fulfilled wishes' points");
      assertEquals(expectedHeld, ledger.balance("pool").debitsPending());
      assertEquals(-expectedPaid, ledger.balance("pool").balance(), "returned points are back");
    }
  }
}
