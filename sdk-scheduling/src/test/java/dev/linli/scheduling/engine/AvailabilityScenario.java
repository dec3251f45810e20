package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.ActiveBookingsCap;
import dev.linli.scheduling.rule.BookingRule;
import dev.linli.scheduling.rule.ConsecutiveSlots;
import dev.linli.scheduling.rule.DurationLimits;
import dev.linli.scheduling.rule.Eligibility;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A random centre for availability tests, from a seed: a court of two halves, a gym with seats and
 * buffers, random grids, random rules (notice windows with release times, durations, resident and
 * household quotas by count or time, peak-hour quotas, opening hours with holiday hours and closed
 * dates, active and consecutive caps, eligibility), blackouts, prior requests by a few households,
 * a clock inside the period, and a query (resource or group, period around public holidays and a
 * make-up workday, duration, seats, resident or none). {@link #check} compares the engine's
 * availability with {@code explain} at every grid start, found independently minute by minute.
 */
final class AvailabilityScenario {
  static final List<LocalDate> FIRST_DAYS = List.of(LocalDate.of(2026, 9, 29),
      LocalDate.of(2026, 2, 13), LocalDate.of(2026, 12, 4), LocalDate.of(2026, 4, 30));

  final BookingEngine engine;
  final AvailabilityQuery query;
  final Map<String, Resource> resources = new TreeMap<>();

  /** What a run of checks reached, for floors. */
  static final class Reach {
    int listed;
    int omitted;
    final Map<RejectionCode, Integer> codes = new TreeMap<>();

    void add(Reach other) {
      listed += other.listed;
      omitted += other.omitted;
      other.codes.forEach((k, v) -> codes.merge(k, v, Integer::sum));
    }

    @Override
    public String toString() {
      return "listed " + listed + ", omitted " + omitted + ", codes " + codes;
    }
  }

  private AvailabilityScenario(BookingEngine engine, AvailabilityQuery query,
      List<Resource> all) {
    this.engine = engine;
    this.query = query;
    all.forEach(r -> resources.put(r.id(), r));
  }

  static AvailabilityScenario random(long seed, UnaryOperator<BookingEngine.Builder> store) {
    SplittableRandom random = new SplittableRandom(seed);
    Duration[] grids = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)};
    Duration slot = grids[random.nextInt(grids.length)];
    Resource gym = Resource.exclusive("gym", Name.of("健身房", "Gym"))
        .withCapacity(1 + random.nextInt(4)).withSlot(slot)
        .withBuffers(Duration.ofMinutes(15L * random.nextInt(2)),
            Duration.ofMinutes(15L * random.nextInt(3)));
    Resource court = Resource.exclusive("court", Name.of("篮球场", "Court"))
        .withParts(List.of("half-a", "half-b")).withSlot(slot);
    Resource halfA = Resource.exclusive("half-a", Name.of("半场A", "Half A")).withSlot(slot);
    Resource halfB = Resource.exclusive("half-b", Name.of("半场B", "Half B")).withSlot(slot);
    List<Resource> all = List.of(gym, court, halfA, halfB);
    LocalDate first = FIRST_DAYS.get(random.nextInt(FIRST_DAYS.size()));
    Map<String, RuleSet> rules = new HashMap<>();
    for (Resource r : all) {
      rules.put(r.id(), randomRules(random, first));
    }
    Instant now = LocalDateTime.of(first, LocalTime.of(6 + random.nextInt(6), 0))
        .atZone(Resource.SHANGHAI).toInstant();
    MutableClock clock = MutableClock.at(now);
    Map<String, ResidentProfile> people = new HashMap<>();
    for (int h = 0; h < 4; h++) {
      String community = h == 3 ? "caihe" : "jingfang";
      people.put("r" + h, new ResidentProfile("r" + h, AgeBand.AGE_18_59, community, Set.of()));
    }
    BookingEngine engine = store.apply(BookingEngine.builder(clock).resources(all).rules(rules)
        .residents(id -> Optional.ofNullable(people.get(id)))
        .group("courts", List.of("half-a", "half-b"))).build();
    // Prior requests: many refused, the accepted ones fill seats, quotas and caps.
    int requests = random.nextInt(40);
    for (int i = 0; i < requests; i++) {
      Resource r = all.get(random.nextInt(all.size()));
      LocalDateTime local = first.atStartOfDay().plusDays(random.nextInt(3))
          .plusMinutes(slot.toMinutes() * random.nextInt((int) (24 * 60 / slot.toMinutes())));
      Instant start = local.atZone(Resource.SHANGHAI).toInstant();
      Duration length = slot.multipliedBy(1 + random.nextInt(4));
      int h = random.nextInt(4);
      engine.decide(new BookingRequest("p" + i, r.id(), "r" + h, "h" + h, start,
          start.plus(length), 1 + random.nextInt(2)));
    }
    if (random.nextInt(3) == 0) {
      Resource r = all.get(random.nextInt(all.size()));
      Instant from = first.plusDays(random.nextInt(2)).atTime(8 + random.nextInt(8), 0)
          .atZone(Resource.SHANGHAI).toInstant();
      engine.blackout(new BookingEngine.Blackout(r.id(), from,
          from.plus(Duration.ofMinutes(30L * (1 + random.nextInt(8)))), BlackoutPolicy.KEEP,
          "repairs"));
    }
    String[] targets = {"gym", "court", "half-a", "half-b", "courts"};
    LocalDateTime from = first.atStartOfDay().plusHours(random.nextInt(3) * 8L);
    String target = targets[random.nextInt(targets.length)];
    AvailabilityQuery q = new AvailabilityQuery(target, from,
        from.plusHours(8 + random.nextInt(41)),
        // Mostly whole slots; now and then a length off the grid, which every start refuses.
        random.nextInt(10) == 0 ? slot.plusMinutes(5) : slot.multipliedBy(1 + random.nextInt(4)),
        // Two seats now and then on the gym (refused outright when it has one); one elsewhere.
        target.equals("gym") && random.nextInt(3) == 0 ? 2 : 1, null, null);
    int who = random.nextInt(5);
    if (who < 4) {
      q = q.by("r" + who, "h" + who);
    }
    return new AvailabilityScenario(engine, q, all);
  }

  private static RuleSet randomRules(SplittableRandom random, LocalDate first) {
    List<BookingRule> rules = new ArrayList<>();
    if (random.nextBoolean()) {
      Integer release = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : null;
      rules.add(new NoticeWindow(Duration.ofMinutes(30L * random.nextInt(5)),
          Duration.ofDays(1 + random.nextInt(3)), release,
          release == null ? null : LocalTime.of(random.nextInt(24), 0)));
    }
    if (random.nextBoolean()) {
      rules.add(new DurationLimits(Duration.ofMinutes(30), Duration.ofMinutes(
          60L * (1 + random.nextInt(3)))));
    }
    if (random.nextBoolean()) {
      Quota.Scope scope = Quota.Scope.values()[random.nextInt(2)];
      Quota.Period period = random.nextBoolean() ? Quota.Period.DAY : Quota.Period.WEEK;
      boolean byTime = random.nextInt(3) == 0;
      rules.add(new Quota(scope, period, byTime ? null : 1 + random.nextInt(3),
          byTime ? Duration.ofMinutes(60L * (1 + random.nextInt(3))) : null,
          random.nextInt(4) == 0, random.nextInt(4) == 0 ? "18:00-21:00" : null));
    }
    if (random.nextBoolean()) {
      Map<LocalDate, String> overrides = new HashMap<>();
      if (random.nextInt(3) == 0) {
        overrides.put(first.plusDays(random.nextInt(3)),
            random.nextBoolean() ? "closed" : "10:00-12:00,14:00-16:00");
      }
      rules.add(new OpeningHoursRule(random.nextBoolean() ? "Mo-Su 06:00-22:00"
          : "Mo-Fr 08:00-21:00; Sa,Su 09:00-18:00", random.nextBoolean() ? "Mo-Su 09:00-17:00"
          : null, random.nextBoolean() ? DayOfWeek.MONDAY : null, false, overrides));
    }
    if (random.nextInt(3) == 0) {
      rules.add(new ActiveBookingsCap(1 + random.nextInt(3)));
    }
    if (random.nextInt(3) == 0) {
      rules.add(new ConsecutiveSlots(1 + random.nextInt(4)));
    }
    if (random.nextInt(4) == 0) {
      rules.add(new Eligibility("jingfang", Set.of(), Set.of()));
    }
    java.util.Collections.shuffle(rules, new java.util.Random(random.nextLong()));
    return new RuleSet(rules);
  }

  /** Every grid start of {@code r} in the query's period, found minute by minute. */
  List<Instant> grid(Resource r) {
    Instant from = query.from().atZone(r.zone()).toInstant();
    Instant to = query.to().atZone(r.zone()).toInstant();
    List<Instant> out = new ArrayList<>();
    for (Instant t = from; !t.plus(query.duration()).isAfter(to); t = t.plusSeconds(60)) {
      LocalTime local = t.atZone(r.zone()).toLocalTime();
      if ((local.getHour() * 60 + local.getMinute()) % r.slot().toMinutes() == 0) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Availability against {@code explain} at every grid start: listed exactly when accepted, the
   * refusal's reason the decision's first, and the seats left exactly what still fits.
   */
  Reach check() {
    Availability a = engine.availability(query);
    Reach reach = new Reach();
    List<String> members = query.target().equals("courts") ? List.of("half-a", "half-b")
        : List.of(query.target());
    int listedSeen = 0;
    int refusedSeen = 0;
    for (String id : members) {
      Resource r = resources.get(id);
      Map<Instant, Availability.Slot> listed = new HashMap<>();
      a.slots().stream().filter(s -> s.resourceId().equals(id))
          .forEach(s -> listed.put(s.start().toInstant(), s));
      Map<Instant, Availability.Refusal> refused = new HashMap<>();
      a.refused().stream().filter(s -> s.resourceId().equals(id))
          .forEach(s -> refused.put(s.start().toInstant(), s));
      for (Instant s : grid(r)) {
        BookingRequest request = query.request("fresh-id", id, s);
        Decision d = engine.explain(request);
        if (d instanceof Decision.Accepted) {
          Availability.Slot slot = listed.get(s);
          assertTrue(slot != null, "accepted but not listed: " + request + " in " + a);
          assertEquals(request.end(), slot.end().toInstant());
          assertEquals(r.zone(), slot.start().getZone());
          assertEquals(request, a.request(slot, "fresh-id"));
          // Exactly the seats left fit, one more does not.
          assertInstanceOf(Decision.Accepted.class, engine.explain(withSeats(request,
              slot.seatsLeft())), "seats left " + slot.seatsLeft() + " at " + s);
          Decision more = engine.explain(withSeats(request, slot.seatsLeft() + 1));
          assertInstanceOf(Decision.Rejected.class, more, "one more than the seats left fits");
          reach.listed++;
          listedSeen++;
        } else {
          Availability.Refusal no = refused.get(s);
          assertTrue(no != null, "refused but not among the refusals: " + request + " " + d);
          assertTrue(!listed.containsKey(s), "refused but listed: " + request + " " + d);
          assertEquals(((Decision.Rejected) d).reasons().get(0), no.reason(),
              "the first reason at " + s);
          reach.omitted++;
          reach.codes.merge(no.code(), 1, Integer::sum);
          refusedSeen++;
        }
      }
    }
    assertEquals(a.slots().size(), listedSeen, "a listed start off the grid or period");
    assertEquals(a.refused().size(), refusedSeen, "a refused start off the grid or period");
    for (int i = 1; i < a.slots().size(); i++) {
      assertTrue(!a.slots().get(i).start().isBefore(a.slots().get(i - 1).start()), "by start");
    }
    return reach;
  }

  private static BookingRequest withSeats(BookingRequest r, int seats) {
    return new BookingRequest(r.id(), r.resourceId(), r.residentId(), r.householdId(), r.start(),
        r.end(), seats, r.groupId());
  }
}
