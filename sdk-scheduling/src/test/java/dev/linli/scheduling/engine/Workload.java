package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A random mix of every writing decision (create, change, cancel, a three-day series, a bump,
 * check-in) on a few scarce resources: a court with two halves, a gym of three seats, a stage with
 * buffers; every household may book twice a day. Shared by the store contract and the concurrency
 * tests, with the invariants every store must keep.
 */
final class Workload {
  static final List<String> IDS = List.of("court", "half-a", "half-b", "gym", "stage");
  static final Map<String, Resource> RES = Map.of(
      "court", Resource.exclusive("court", Name.of("篮球场", "Court"))
          .withParts(List.of("half-a", "half-b")),
      "half-a", Resource.exclusive("half-a", Name.of("半场A", "A")),
      "half-b", Resource.exclusive("half-b", Name.of("半场B", "B")),
      "gym", Resource.exclusive("gym", Name.of("健身房", "Gym")).withCapacity(3),
      "stage", Resource.exclusive("stage", Name.of("舞台", "Stage"))
          .withBuffers(Duration.ofMinutes(30), Duration.ofMinutes(30)));
  static final int PER_HOUSEHOLD_DAY = 2;
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private Workload() {}

  static RuleSet rules() {
    return new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.DAY,
        PER_HOUSEHOLD_DAY, null), new CheckInPolicy(Duration.ofMinutes(15),
        Duration.ofMinutes(15), 2, Duration.ofDays(30), Duration.ofDays(3))));
  }

  static BookingEngine.Builder builder(Clock clock) {
    Map<String, RuleSet> byResource = new HashMap<>();
    IDS.forEach(id -> byResource.put(id, rules()));
    return BookingEngine.builder(clock).resources(RES.values()).rules(byResource)
        .group("courts", List.of("half-a", "half-b"));
  }

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  /** What one step did. */
  enum Kind { CREATE, CHANGE, CANCEL, SERIES, BUMP, CHECK_IN }

  /**
   * One step's outcome.
   *
   * @param kind what was tried
   * @param ids the booking ids it asked for (a series: every occurrence)
   * @param accepted whether it was accepted (a series: every occurrence)
   */
  record Step(Kind kind, List<String> ids, boolean accepted) {}

  static int priority(Booking b) {
    return b.request().groupId() != null && b.request().groupId().startsWith("community") ? 10 : 0;
  }

  /**
   * Does one random step. {@code hours} narrows the time asked for: 2 makes every request fight for
   * the same few slots.
   */
  static Step step(BookingEngine e, SplittableRandom random, String idPrefix, int n,
      List<String> made, int hours) {
    int op = random.nextInt(10);
    Instant start = at("2026-12-02T08:00").plus(Duration.ofMinutes(30L * random.nextInt(hours * 2)));
    Instant end = start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(3))));
    String resource = IDS.get(random.nextInt(IDS.size()));
    String household = "h" + random.nextInt(4);
    String id = idPrefix + n;
    if (op < 4 || made.isEmpty()) {
      Decision d = e.decide(new BookingRequest(id, resource, "r" + household, household, start, end,
          1 + random.nextInt(2)));
      boolean ok = d instanceof Decision.Accepted;
      if (ok) {
        made.add(id);
      }
      return new Step(Kind.CREATE, List.of(id), ok);
    }
    if (op < 5) {
      List<BookingRequest> series = new ArrayList<>();
      for (int day = 0; day < 3; day++) {
        series.add(new BookingRequest(id + "-" + day, resource, "r" + household, household,
            start.plus(Duration.ofDays(day)), end.plus(Duration.ofDays(day)), 1));
      }
      List<Decision> ds = e.decideAll(series, true);
      boolean ok = ds.stream().allMatch(d -> d instanceof Decision.Accepted);
      List<String> ids = series.stream().map(BookingRequest::id).toList();
      if (ok) {
        made.addAll(ids);
      }
      return new Step(Kind.SERIES, ids, ok);
    }
    if (op < 6) {
      BookingRequest event = new BookingRequest(id, resource, "staff", "centre", start, end, 1,
          "community-" + n);
      BookingEngine.BumpResult r = e.bump(event, 10, Workload::priority, Duration.ZERO, "staff");
      boolean ok = r.decision() instanceof Decision.Accepted;
      return new Step(Kind.BUMP, List.of(id), ok);
    }
    String target = made.get(random.nextInt(made.size()));
    if (op < 8) {
      Booking b = e.booking(target).orElseThrow();
      Decision d = e.change(new BookingRequest(target, resource, b.request().residentId(),
          b.request().householdId(), start, end, b.request().seats()), "someone");
      return new Step(Kind.CHANGE, List.of(target), d instanceof Decision.Accepted);
    }
    if (op < 9) {
      return new Step(Kind.CANCEL, List.of(target), e.cancel(target));
    }
    return new Step(Kind.CHECK_IN, List.of(target),
        e.checkIn(target, "desk") instanceof Decision.Accepted);
  }

  /** Capacity (parts included) and household quotas hold at every instant. */
  static void assertInvariants(BookingEngine e) {
    Map<String, List<Booking>> held = new HashMap<>();
    for (String id : IDS) {
      held.put(id, e.bookings(id));
    }
    assertInvariants(held);
  }

  static void assertInvariants(Map<String, List<Booking>> held) {
    for (String id : IDS) {
      Resource r = RES.get(id);
      int peak = peak(held.get(id), r);
      assertTrue(peak <= r.capacity(), id + " overbooked: " + peak + " of " + r.capacity());
    }
    for (String part : List.of("half-a", "half-b")) {
      for (Booking whole : held.get("court")) {
        for (Booking p : held.get(part)) {
          assertFalse(p.request().start().isBefore(whole.request().end())
              && whole.request().start().isBefore(p.request().end()),
              "court " + whole.id() + " and " + part + " " + p.id() + " overlap");
        }
      }
    }
    Map<String, Integer> perHouseholdDay = new HashMap<>();
    for (String id : IDS) {
      for (Booking b : held.get(id)) {
        String key = id + "/" + b.request().householdId() + "/"
            + b.request().start().atZone(Resource.SHANGHAI).toLocalDate();
        perHouseholdDay.merge(key, 1, Integer::sum);
      }
    }
    perHouseholdDay.forEach((k, n) -> assertTrue(n <= PER_HOUSEHOLD_DAY, k + " has " + n
        + " bookings; the quota is " + PER_HOUSEHOLD_DAY));
  }

  static int overbookedResources(Map<String, List<Booking>> held) {
    int n = 0;
    for (String id : IDS) {
      if (peak(held.get(id), RES.get(id)) > RES.get(id).capacity()) {
        n++;
      }
    }
    return n;
  }

  static int householdDaysOverQuota(Map<String, List<Booking>> held) {
    Map<String, Integer> perHouseholdDay = new HashMap<>();
    for (String id : IDS) {
      for (Booking b : held.get(id)) {
        perHouseholdDay.merge(id + "/" + b.request().householdId() + "/"
            + b.request().start().atZone(Resource.SHANGHAI).toLocalDate(), 1, Integer::sum);
      }
    }
    return (int) perHouseholdDay.values().stream().filter(n -> n > PER_HOUSEHOLD_DAY).count();
  }

  static int peak(List<Booking> bookings, Resource r) {
    return BookingEngineTest.peak(bookings, r);
  }
}
