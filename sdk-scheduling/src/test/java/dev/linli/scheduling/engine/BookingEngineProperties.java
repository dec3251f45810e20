package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
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

  @Property(tries = 200)
  void everyOperationKeepsTheInvariants(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 250) int steps) {
    SplittableRandom random = new SplittableRandom(seed);
    MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
    RuleSet rules = new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.DAY, 2,
        null), new CheckInPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15), 2,
        Duration.ofDays(30), Duration.ofDays(3))));
    Map<String, RuleSet> byResource = new HashMap<>();
    IDS.forEach(id -> byResource.put(id, rules));
    BookingEngine e = BookingEngine.builder(clock).resources(RES.values()).rules(byResource)
        .group("courts", List.of("half-a", "half-b")).build();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      Map<String, List<Booking>> before = snapshot(e);
      int op = random.nextInt(10);
      Instant start = at("2026-12-02T08:00").plus(Duration.ofMinutes(30L * random.nextInt(24)));
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
        }
      } else if (op < 7) {
        String id = made.get(random.nextInt(made.size()));
        Booking b = e.booking(id).orElseThrow();
        Decision d = e.change(new BookingRequest(id, resource, b.request().residentId(),
            b.request().householdId(), start, end, b.request().seats()), "someone");
        if (d instanceof Decision.Rejected) {
          assertEquals(before, snapshot(e), "a rejected change changes nothing");
        }
      } else if (op < 8) {
        String id = made.get(random.nextInt(made.size()));
        boolean held = e.booking(id).orElseThrow().status().holdsTime();
        e.cancel(id);
        if (held) {
          assertOthersUnchanged(before, snapshot(e), id);
        }
      } else if (op < 9) {
        clock.advance(Duration.ofMinutes(15L * random.nextInt(20)));
        Map<String, List<Booking>> pre = snapshot(e);
        List<Booking> released = e.releaseNoShows();
        for (Booking r : released) {
          assertEquals(BookingStatus.NO_SHOW, e.booking(r.id()).orElseThrow().status());
        }
        if (released.size() == 1) {
          assertOthersUnchanged(pre, snapshot(e), released.get(0).id());
        }
      } else {
        String id = made.get(random.nextInt(made.size()));
        e.checkIn(id, "desk");
      }
      assertInvariants(e);
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
