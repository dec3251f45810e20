package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.Actor;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Centre-wide quotas are never exceeded under random operations, on the in-memory store and on
 * PostgreSQL: creates on every resource, changes and cancellations by the booker, a household
 * member, a neighbour or an admin (who may hand a booking to another household), and the clock
 * moving on. After every step no household holds more than 3 bookings in the rooms or 2 in the
 * sports resources in any ISO week; every refusal by a centre quota names a week that already
 * holds the cap; and enough requests reach the quotas for this to mean something (floors checked after the
 * container).
 */
class CentreQuotaProperties {
  private static final List<String> IDS = List.of("room-1", "room-2", "room-3", "court", "gym",
      "stage");
  private static final Map<String, List<String>> GROUPS = Map.of(
      "rooms", List.of("room-1", "room-2", "room-3"), "sports", List.of("court", "gym"));
  private static final Map<String, Integer> MAX = Map.of("rooms", 3, "sports", 2);
  private static final Map<String, AtomicInteger> REFUSED = Map.of("memory", new AtomicInteger(),
      "postgres", new AtomicInteger());
  private static final Map<String, AtomicInteger> TRIES = Map.of("memory", new AtomicInteger(),
      "postgres", new AtomicInteger());
  private static final AtomicInteger POSTGRES_RUNS = new AtomicInteger();
  private static DataSource postgres;

  private static synchronized DataSource postgres() {
    if (postgres == null) {
      TestPostgres db = TestPostgres.newDatabase();
      BookingSchema.install(db.dataSource());
      postgres = Pools.of(db.dataSource(), 2);
    }
    return postgres;
  }

  @Property(tries = 150)
  void inMemory_centreQuotasNeverExceeded(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 150) int steps) {
    MutableClock clock = MutableClock.at(CentreQuotaTest.at("2026-11-30T08:00"));
    BookingEngine e = BookingEngine.builder(clock).resources(CentreQuotaTest.resources())
        .rules(CentreQuotaTest.rules()).build();
    run(e, clock, seed, steps, "m", "memory");
  }

  @Property(tries = 12)
  void postgres_centreQuotasNeverExceeded(@ForAll long seed,
      @ForAll @IntRange(min = 40, max = 70) int steps) {
    // Each try books its own weeks, far from the others' (one database for the container).
    int run = POSTGRES_RUNS.getAndIncrement();
    MutableClock clock = MutableClock.at(CentreQuotaTest.at("2026-11-30T08:00")
        .plus(Duration.ofDays(21L * run)));
    BookingEngine e = BookingEngine.builder(clock).resources(CentreQuotaTest.resources())
        .rules(CentreQuotaTest.rules()).store(PostgresBookingStore.of(postgres())).build();
    run(e, clock, seed, steps, "p" + run + "-", "postgres");
  }

  private static void run(BookingEngine e, MutableClock clock, long seed, int steps,
      String prefix, String store) {
    SplittableRandom random = new SplittableRandom(seed);
    TRIES.get(store).incrementAndGet();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      int op = random.nextInt(10);
      Instant base = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
          .plus(Duration.ofHours(1));
      Instant start = base.plus(Duration.ofHours(random.nextInt(24 * 12)));
      Instant end = start.plus(Duration.ofHours(1 + random.nextInt(2)));
      String resource = IDS.get(random.nextInt(IDS.size()));
      String household = prefix + "h" + random.nextInt(3);
      if (op < 6 || made.isEmpty()) {
        String id = prefix + "q" + i;
        BookingRequest q = new BookingRequest(id, resource, household + "-r" + random.nextInt(2),
            household, start, end, 1);
        Decision d = e.decide(q);
        if (d instanceof Decision.Accepted) {
          made.add(id);
        } else {
          checkRefusals(e, prefix, q, ((Decision.Rejected) d).reasons(), store);
        }
      } else if (op < 8) {
        Booking b = e.booking(made.get(random.nextInt(made.size()))).orElseThrow();
        BookingRequest was = b.request();
        int who = random.nextInt(4);
        Actor actor = switch (who) {
          case 0 -> Actor.resident(was.residentId(), was.householdId());
          case 1 -> Actor.resident(prefix + "other", was.householdId());
          case 2 -> Actor.resident(prefix + "neighbour", prefix + "elsewhere");
          default -> Actor.staff(prefix + "desk", "admin");
        };
        // An admin may hand the booking to another household, which its quotas must then allow.
        String toHousehold = who == 3 ? prefix + "h" + random.nextInt(3) : was.householdId();
        BookingRequest q = new BookingRequest(was.id(), resource, toHousehold.equals(
            was.householdId()) ? was.residentId() : toHousehold + "-r0", toHousehold, start, end,
            1);
        Decision d = e.change(q, actor);
        if (d instanceof Decision.Rejected r) {
          assertEquals(b, e.booking(was.id()).orElseThrow(), "a refused change changes nothing");
          if (who != 2) {
            checkRefusals(e, prefix, q, r.reasons(), store);
          }
        } else {
          assertTrue(who != 2, "a neighbour changed " + was.id());
        }
      } else if (op < 9) {
        Booking b = e.booking(made.get(random.nextInt(made.size()))).orElseThrow();
        boolean neighbour = random.nextInt(4) == 0;
        Decision d = e.cancel(b.id(), neighbour ? Actor.resident(prefix + "n", prefix + "nn")
            : Actor.resident(b.request().residentId(), b.request().householdId()));
        assertEquals(neighbour, d instanceof Decision.Rejected, d.toString());
      } else {
        clock.advance(Duration.ofHours(random.nextInt(30)));
      }
      assertWithinQuotas(e, prefix);
    }
  }

  /** Counts quota refusals, and checks each names a group and week the household has full. */
  private static void checkRefusals(BookingEngine e, String prefix, BookingRequest q,
      List<Reason> reasons, String store) {
    for (Reason r : reasons) {
      if (!r.rule().equals("centre-quota")) {
        continue;
      }
      REFUSED.get(store).incrementAndGet();
      String group = r.values().get("quota");
      int held = perWeek(e, prefix, GROUPS.get(group)).getOrDefault(q.householdId() + " "
          + week(q.start()), 0);
      // A booking being changed within the same group and week is counted once, so a refusal
      // (for a create, a change or a hand-over) always means the week already holds the cap.
      assertTrue(held >= MAX.get(group), r.message() + " but the week holds " + held);
    }
  }

  private static LocalDate week(Instant start) {
    return start.atZone(Resource.SHANGHAI).toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Bookings holding time on {@code resources} by "household week", this try's only. */
  private static Map<String, Integer> perWeek(BookingEngine e, String prefix,
      List<String> resources) {
    Map<String, Integer> out = new HashMap<>();
    for (String id : resources) {
      for (Booking b : e.bookings(id)) {
        if (b.id().startsWith(prefix)) {
          out.merge(b.request().householdId() + " " + week(b.request().start()), 1, Integer::sum);
        }
      }
    }
    return out;
  }

  private static void assertWithinQuotas(BookingEngine e, String prefix) {
    GROUPS.forEach((group, resources) -> perWeek(e, prefix, resources).forEach((week, n) ->
        assertTrue(n <= MAX.get(group), group + ": " + week + " holds " + n + " > "
            + MAX.get(group))));
  }

  @AfterContainer
  static void quotasWereReached() {
    if (TRIES.get("memory").get() >= 150) {
      assertTrue(REFUSED.get("memory").get() >= 300, "requests refused by a centre quota in"
          + " memory: " + REFUSED.get("memory"));
    }
    if (TRIES.get("postgres").get() >= 12) {
      assertTrue(REFUSED.get("postgres").get() >= 15, "requests refused by a centre quota on"
          + " PostgreSQL: " + REFUSED.get("postgres"));
    }
  }
}
