package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of every operation (create, change, cancel, approve-free check-in, no-show
 * release, blackouts, clock moves) on whole/part courts, a gym with seats and a stage with buffers:
 * capacity is never exceeded at any instant (parts included), household quotas are never exceeded,
 * a rejected operation changes nothing, and releasing a booking leaves every other booking as it was.
 */
class BookingEngineProperties {
  private static final List<String> IDS = List.of("court", "half-a", "half-b", "gym", "stage");
  private static final Map<String, Resource> RES = Map.of(
      "court", Resource.exclusive("court", Name.of("篮球场", "Court"))
          .withParts(List.of("half-a", "half-b")),
      "half-a", Resource.exclusive("half-a", Name.of("半场A", "A")),
      "half-b", Resource.exclusive("half-b", Name.of("半场B", "B")),
      "gym", Resource.exclusive("gym", Name.of("健身房", "Gym")).withCapacity(3),
      "stage", Resource.exclusive("stage", Name.of("舞台", "Stage"))
          .withBuffers(Duration.ofMinutes(30), Duration.ofMinutes(30)));

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private static final java.util.concurrent.atomic.AtomicInteger CHECK_IN_TRIES =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger CHECKED_IN =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger BLACKOUT_HITS =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger REFUSED_FOR_BLACKOUT =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final Map<BlackoutPolicy, java.util.concurrent.atomic.AtomicInteger> POLICIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Resources that share space with each one (itself, its parts, its whole). */
  private static final Map<String, List<String>> SPACE = Map.of("court",
      List.of("court", "half-a", "half-b"), "half-a", List.of("half-a", "court"), "half-b",
      List.of("half-b", "court"), "gym", List.of("gym"), "stage", List.of("stage"));

  @Property(tries = 200)
  void everyOperationKeepsTheInvariants(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 250) int steps) {
    SplittableRandom random = new SplittableRandom(seed);
    MutableClock clock = MutableClock.at(at("2026-12-02T07:00"));
    RuleSet rules = new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.DAY, 2,
        null), new CheckInPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15), 2,
        Duration.ofDays(30), Duration.ofDays(3))));
    Map<String, RuleSet> byResource = new HashMap<>();
    IDS.forEach(id -> byResource.put(id, rules));
    BookingEngine e = BookingEngine.builder(clock).resources(RES.values()).rules(byResource)
        .group("courts", List.of("half-a", "half-b")).build();
    List<String> made = new ArrayList<>();
    Map<BookingEngine.Blackout, java.util.Set<BookingRequest>> blackouts = new java.util.LinkedHashMap<>();
    for (int i = 0; i < steps; i++) {
      Map<String, List<Booking>> before = snapshot(e);
      int op = random.nextInt(11);
      // Starts from the next half hour on, so that the clock moving on leaves room to book.
      Instant now = clock.instant();
      Instant slot = Instant.ofEpochSecond((now.getEpochSecond() / 1800 + 1) * 1800);
      Instant start = slot.plus(Duration.ofMinutes(30L * random.nextInt(24)));
      Instant end = start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(5))));
      String resource = IDS.get(random.nextInt(IDS.size()));
      String household = "h" + random.nextInt(4);
      if (op < 5 || made.isEmpty()) {
        String id = "q" + i;
        Decision d = e.decide(new BookingRequest(id, resource, "r" + household, household, start,
            end, 1 + random.nextInt(2)));
        if (d instanceof Decision.Accepted) {
          made.add(id);
        } else {
          assertEquals(before, snapshot(e), "a rejected request changes nothing");
          countBlackoutRefusal(d);
        }
      } else if (op < 7) {
        String id = made.get(random.nextInt(made.size()));
        Booking b = e.booking(id).orElseThrow();
        Decision d = e.change(new BookingRequest(id, resource, b.request().residentId(),
            b.request().householdId(), start, end, b.request().seats()), "someone");
        if (d instanceof Decision.Rejected) {
          assertEquals(before, snapshot(e), "a rejected change changes nothing");
          countBlackoutRefusal(d);
        }
      } else if (op < 8) {
        String id = made.get(random.nextInt(made.size()));
        boolean held = e.booking(id).orElseThrow().status().holdsTime();
        e.cancel(id);
        if (held) {
          assertOthersUnchanged(before, snapshot(e), id);
        }
      } else if (op < 9) {
        clock.advance(Duration.ofMinutes(5L * random.nextInt(12)));
        Map<String, List<Booking>> pre = snapshot(e);
        List<Booking> released = e.releaseNoShows();
        for (Booking r : released) {
          assertEquals(BookingStatus.NO_SHOW, e.booking(r.id()).orElseThrow().status());
        }
        if (released.size() == 1) {
          assertOthersUnchanged(pre, snapshot(e), released.get(0).id());
        }
      } else if (op < 10) {
        checkIn(e, clock, made, random);
      } else {
        blackout(e, before, new BookingEngine.Blackout(resource, start, end,
            BlackoutPolicy.values()[random.nextInt(3)], "repairs"), blackouts);
      }
      assertInvariants(e);
      // No booking meets a blackout unless it held that time, as requested then, before the
      // blackout (and none at all after a CANCEL one); checking in or out does not matter.
      for (Map.Entry<BookingEngine.Blackout, java.util.Set<BookingRequest>> x : blackouts.entrySet()) {
        for (String id : SPACE.get(x.getKey().resourceId())) {
          for (Booking b : e.bookings(id)) {
            if (meets(b, x.getKey())) {
              assertTrue(x.getKey().policy() != BlackoutPolicy.CANCEL
                  && x.getValue().contains(b.request()), b + " meets " + x.getKey());
            }
          }
        }
      }
    }
  }

  /**
   * Moves the clock into the check-in window of a confirmed booking whose window is still ahead
   * (never backwards), then checks in: that must succeed.
   */
  private static void checkIn(BookingEngine e, MutableClock clock, List<String> made,
      SplittableRandom random) {
    List<Booking> open = new ArrayList<>();
    for (String id : made) {
      Booking b = e.booking(id).orElseThrow();
      if (b.status() == BookingStatus.CONFIRMED && clock.instant().isBefore(
          b.request().start().plus(Duration.ofMinutes(15)))) {
        open.add(b);
      }
    }
    CHECK_IN_TRIES.incrementAndGet();
    if (open.isEmpty()) {
      Decision d = e.checkIn(made.get(random.nextInt(made.size())), "desk");
      assertTrue(d instanceof Decision.Rejected || e.booking(made.get(0)).isPresent());
      return;
    }
    Booking b = open.get(random.nextInt(open.size()));
    Instant windowStart = b.request().start().minus(Duration.ofMinutes(15));
    Instant from = clock.instant().isAfter(windowStart) ? clock.instant() : windowStart;
    long span = Duration.between(from, b.request().start().plus(Duration.ofMinutes(15)))
        .getSeconds();
    clock.set(from.plusSeconds(random.nextLong(Math.max(1, span))));
    Decision d = e.checkIn(b.id(), "desk");
    assertTrue(d instanceof Decision.Accepted, "inside the window: " + d);
    assertEquals(BookingStatus.CHECKED_IN, e.booking(b.id()).orElseThrow().status());
    CHECKED_IN.incrementAndGet();
  }

  /** A blackout hits exactly the bookings sharing its space and time; CANCEL ends only those. */
  private static void blackout(BookingEngine e, Map<String, List<Booking>> before,
      BookingEngine.Blackout x, Map<BookingEngine.Blackout, java.util.Set<BookingRequest>> blackouts) {
    List<Booking> expectedHit = new ArrayList<>();
    for (String id : SPACE.get(x.resourceId())) {
      for (Booking b : before.get(id)) {
        if (meets(b, x)) {
          expectedHit.add(b);
        }
      }
    }
    BookingEngine.BlackoutResult result = e.blackout(x);
    java.util.Set<BookingRequest> held = new java.util.HashSet<>();
    before.values().forEach(list -> list.forEach(b -> held.add(b.request())));
    blackouts.put(x, held);
    POLICIES.computeIfAbsent(x.policy(), p -> new java.util.concurrent.atomic.AtomicInteger())
        .incrementAndGet();
    assertEquals(ids(expectedHit), ids(result.hit()), "hit by " + x);
    BLACKOUT_HITS.addAndGet(result.hit().size());
    Map<String, List<Booking>> after = snapshot(e);
    if (x.policy() == BlackoutPolicy.CANCEL) {
      assertEquals(ids(expectedHit), ids(result.cancelled()));
      for (Booking b : expectedHit) {
        assertEquals(BookingStatus.CANCELLED, e.booking(b.id()).orElseThrow().status());
      }
      for (String id : IDS) {
        List<Booking> kept = new ArrayList<>(before.get(id));
        kept.removeIf(b -> ids(expectedHit).contains(b.id()));
        assertEquals(kept, after.get(id), "a CANCEL blackout ends only what it hits");
      }
    } else {
      assertEquals(List.of(), result.cancelled());
      assertEquals(before, after, x.policy() + " keeps every booking");
    }
  }

  /** Whether a booking's blocked time (with the resource's buffers) meets the blackout. */
  private static boolean meets(Booking b, BookingEngine.Blackout x) {
    Resource r = RES.get(b.request().resourceId());
    Instant from = b.request().start().minus(r.bufferBefore());
    Instant to = b.request().end().plus(r.bufferAfter());
    return from.isBefore(x.to()) && x.from().isBefore(to);
  }

  private static java.util.TreeSet<String> ids(List<Booking> bookings) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    bookings.forEach(b -> out.add(b.id()));
    return out;
  }

  private static void countBlackoutRefusal(Decision d) {
    if (((Decision.Rejected) d).reasons().stream().anyMatch(r -> r.code()
        == dev.linli.scheduling.booking.RejectionCode.BLACKOUT)) {
      REFUSED_FOR_BLACKOUT.incrementAndGet();
    }
  }

  /** The property must reach what it names: check-ins that succeed, blackouts that hit. */
  @net.jqwik.api.lifecycle.AfterContainer
  static void checkInsAndBlackoutsWereReached() {
    if (CHECK_IN_TRIES.get() < 1000) {
      return;
    }
    assertTrue(CHECKED_IN.get() * 3 > CHECK_IN_TRIES.get(), "check-ins " + CHECKED_IN + " of "
        + CHECK_IN_TRIES);
    assertTrue(BLACKOUT_HITS.get() > 80, "bookings hit by blackouts: " + BLACKOUT_HITS);
    assertTrue(REFUSED_FOR_BLACKOUT.get() > 100, "requests refused for a blackout: "
        + REFUSED_FOR_BLACKOUT);
    for (BlackoutPolicy p : BlackoutPolicy.values()) {
      assertTrue(POLICIES.getOrDefault(p, new java.util.concurrent.atomic.AtomicInteger()).get()
          > 100, p + " blackouts: " + POLICIES);
    }
  }

  private static Map<String, List<Booking>> snapshot(BookingEngine e) {
    Map<String, List<Booking>> out = new TreeMap<>();
    for (String id : IDS) {
      out.put(id, e.bookings(id));
    }
    return out;
  }

  private static void assertOthersUnchanged(Map<String, List<Booking>> before,
      Map<String, List<Booking>> after, String releasedId) {
    for (String id : IDS) {
      List<Booking> expected = new ArrayList<>(before.get(id));
      expected.removeIf(b -> b.id().equals(releasedId));
      assertEquals(expected, after.get(id), "releasing " + releasedId + " changed " + id);
    }
  }

  private static void assertInvariants(BookingEngine e) {
    for (String id : IDS) {
      Resource r = RES.get(id);
      assertTrue(BookingEngineTest.peak(e.bookings(id), r) <= r.capacity(), id + " overbooked");
    }
    for (String part : List.of("half-a", "half-b")) {
      for (Booking whole : e.bookings("court")) {
        for (Booking p : e.bookings(part)) {
          assertFalse(p.request().start().isBefore(whole.request().end())
              && whole.request().start().isBefore(p.request().end()), "court and " + part);
        }
      }
    }
    Map<String, Integer> perHouseholdDay = new HashMap<>();
    for (String id : IDS) {
      for (Booking b : e.bookings(id)) {
        String key = id + "/" + b.request().householdId() + "/"
            + b.request().start().atZone(Resource.SHANGHAI).toLocalDate();
        perHouseholdDay.merge(key, 1, Integer::sum);
      }
    }
    perHouseholdDay.forEach((k, n) -> assertTrue(n <= 2, k + " has " + n + " bookings"));
  }
}
