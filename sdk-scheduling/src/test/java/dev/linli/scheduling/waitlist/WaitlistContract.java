package dev.linli.scheduling.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Waitlist} does over either state, run by a subclass per store: freed seats are
 * offered in order of priority and joining, move on when declined or lapsed, quotas are rechecked at
 * acceptance, and a seat is never offered to two people at once.
 */
abstract class WaitlistContract {
  static final Instant START = Instant.parse("2026-12-05T02:00:00Z");
  final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  /**
   * Returns {@code builder} with a fresh, empty store of the kind under test.
   *
   * @param builder configured with the court and its rules
   * @return the same builder
   */
  abstract BookingEngine.Builder emptyStore(BookingEngine.Builder builder);

  BookingEngine engine(int seats, RuleSet rules) {
    Resource court = Resource.exclusive("court", Name.of("球场", "Court")).withCapacity(seats);
    return emptyStore(BookingEngine.builder(clock).resources(List.of(court))
        .rules(Map.of("court", rules))).build();
  }

  static BookingRequest seat(String who, String household) {
    return new BookingRequest("sat-" + who, "court", who, household, START,
        START.plus(Duration.ofHours(1)), 1);
  }

  @Test
  void aFreedSeat_isOfferedInOrder_andMovesOnWhenDeclinedOrLapsed() {
    BookingEngine e = engine(1, RuleSet.NONE);
    e.decide(seat("li", "h-li"));
    Waitlist w = Waitlist.of(e, clock, seat("x", "x"), Duration.ofHours(2));
    w.join("wang", "h-wang", 0);
    w.join("zhou", "h-zhou", 0);
    assertEquals(1, w.join("chen", "h-chen", 5), "priority first");
    assertEquals(List.of(), w.offerFreedSeats(), "no seat free yet");
    e.cancel("sat-li");
    assertEquals("chen", w.offerFreedSeats().get(0).residentId());
    assertEquals(List.of(), w.offerFreedSeats(), "one seat, one offer");
    assertTrue(w.decline("chen"));
    assertEquals("wang", w.offerFreedSeats().get(0).residentId());
    clock.advance(Duration.ofHours(2));
    assertEquals("zhou", w.offerFreedSeats().get(0).residentId(), "wang's offer lapsed");
    assertTrue(w.accept("wang").isEmpty());
    Decision d = w.accept("zhou").orElseThrow();
    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(1, e.bookings("court").size());
  }

  @Test
  void quotasAreRecheckedAtAcceptance_andIneligiblePeopleAreSkipped() {
    BookingEngine e = engine(1, new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD,
        Quota.Period.WEEK, 1, null))));
    e.decide(seat("li", "h-li"));
    e.decide(new BookingRequest("other", "court", "wang-son", "h-wang",
        START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)),
        1));
    Waitlist w = Waitlist.of(e, clock, seat("x", "x"), Duration.ofHours(2));
    w.join("wang", "h-wang", 0);
    w.join("zhou", "h-zhou", 0);
    e.cancel("sat-li");
    assertEquals("zhou", w.offerFreedSeats().get(0).residentId(),
        "wang's household used its weekly booking");
  }

  /** Random joins, frees, offers, accepts, declines and lapses: never more offers than seats. */
  @Property
  void aSeatIsNeverOfferedToTwoPeople(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int seats) {
    randomSteps(seed, seats, new int[4]);
  }

  /** The random property reaches what it names: offers made, accepted, declined and lapsed. */
  @Test
  void randomSteps_reachOffersAcceptsDeclinesAndLapses() {
    int[] seen = new int[4];
    for (long seed = 1; seed <= 6; seed++) {
      randomSteps(seed, 2, seen);
    }
    assertTrue(seen[0] >= 10 && seen[1] >= 3 && seen[2] >= 3 && seen[3] >= 2,
        "made, accepted, declined, lapsed: " + java.util.Arrays.toString(seen));
  }

  /** Runs 60 random steps; counts offers made, accepted, declined and lapsed in {@code seen}. */
  private void randomSteps(long seed, int seats, int[] seen) {
    SplittableRandom random = new SplittableRandom(seed);
    // Each run starts four days before the slot, so its steps are not all refused as past.
    clock.set(START.minus(Duration.ofDays(4)));
    BookingEngine e = engine(seats, RuleSet.NONE);
    for (int i = 0; i < seats; i++) {
      e.decide(seat("holder" + i, "hh" + i));
    }
    Waitlist w = Waitlist.of(e, clock, seat("x", "x"), Duration.ofHours(2));
    for (int step = 0; step < 60; step++) {
      switch (random.nextInt(7)) {
        case 0 -> w.join("p" + random.nextInt(12), "h" + random.nextInt(12), random.nextInt(3));
        case 1 -> e.cancel("sat-holder" + random.nextInt(seats));
        case 2 -> {
          List<Waitlist.Offer> before = w.offers();
          seen[0] += w.offerFreedSeats().size();
          Instant now = clock.instant();
          seen[3] += (int) before.stream().filter(o -> !o.expiresAt().isAfter(now)).count();
        }
        case 3 -> w.offers().stream().findFirst().ifPresent(o -> {
          if (w.accept(o.residentId()).orElse(null) instanceof Decision.Accepted) {
            seen[1]++;
          }
        });
        case 4 -> w.offers().stream().findFirst().ifPresent(o -> {
          if (w.decline(o.residentId())) {
            seen[2]++;
          }
        });
        default -> clock.advance(Duration.ofMinutes(random.nextInt(200)));
      }
      int booked = e.bookings("court").size();
      assertTrue(w.offers().size() <= seats - booked, "offers " + w.offers() + " with "
          + booked + " of " + seats + " seats taken");
      Set<String> offered = new HashSet<>();
      w.offers().forEach(o -> assertTrue(offered.add(o.residentId())));
    }
  }
}
