package dev.linli.scheduling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.engine.BookingEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The benchmark's fair naive alternative checks the same rules as the engine: on random small gyms
 * (1 to 4 seats, the benchmark's rules) after random bookings and no-shows, {@link NaiveGym}
 * accepts exactly the requests {@code explain} accepts, and the random requests reach every kind
 * of refusal those rules give, often.
 */
class NaiveGymTest {
  private static final int TRIES = 60;
  private static final Map<RejectionCode, Integer> CODES = new EnumMap<>(RejectionCode.class);
  private static int accepted;
  private static int refused;
  private static int runs;
  /** Refusals by the residents' weekday-evening quota (the household quota shares the code). */
  private static int peakQuota;

  private static final Instant BASE =
      LocalDateTime.parse("2026-03-02T00:00").atZone(BookingBenchmark.SH).toInstant();

  @Property(tries = TRIES)
  void naiveScan_acceptsExactlyWhatTheEngineAccepts(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    MutableClock clock = MutableClock.at(BASE);
    int capacity = 1 + rnd.nextInt(4);
    Map<String, ResidentProfile> directory = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      directory.put("r" + i, new ResidentProfile("r" + i, AgeBand.AGE_18_59, "jingfang", Set.of()));
    }
    directory.put("x0", new ResidentProfile("x0", AgeBand.AGE_18_59, "hongmei", Set.of()));
    BookingEngine engine = BookingEngine.builder(clock)
        .resources(List.of(Resource.exclusive("gym", Name.of("健身房", "Gym"))
            .withCapacity(capacity)))
        .rules(Map.of("gym", BookingBenchmark.gymRules()))
        .residents(id -> Optional.ofNullable(directory.get(id)))
        .build();
    // No-shows: bookings nobody checks in to, released once the clock has passed them.
    Map<String, List<Instant>> noShows = new HashMap<>();
    int missed = rnd.nextInt(4);
    for (int i = 0; i < missed; i++) {
      engine.decide(request("ns" + i, "r" + rnd.nextInt(3), "h" + rnd.nextInt(4),
          BASE.plus(Duration.ofDays(1 + i)).plus(Duration.ofHours(10)), Duration.ofHours(1), 1));
    }
    clock.advance(Duration.ofDays(4));
    for (Booking b : engine.releaseNoShows()) {
      noShows.computeIfAbsent(b.request().residentId(), k -> new ArrayList<>())
          .add(b.request().start());
    }
    Instant now = clock.instant();
    int fill = 30 + rnd.nextInt(60);
    for (int i = 0; i < fill; i++) {
      // Half on evenings, which the residents' peak-hour quota counts.
      engine.decide(request("f" + i, "r" + rnd.nextInt(8), "h" + rnd.nextInt(8),
          rnd.nextBoolean() ? slot(rnd, now, 14, 18, 21) : slot(rnd, now, 14, 5, 23),
          Duration.ofMinutes(30L * (1 + rnd.nextInt(4))), 1 + rnd.nextInt(capacity)));
    }
    NaiveGym naive = new NaiveGym(capacity, BookingBenchmark.SH, HolidayCalendar.bundled(),
        id -> Optional.ofNullable(directory.get(id)));
    List<Booking> bookings = engine.bookings("gym");
    Map<RejectionCode, Integer> codes = new EnumMap<>(RejectionCode.class);
    int yes = 0;
    int residentQuota = 0;
    for (int i = 0; i < 150; i++) {
      BookingRequest p = probe(rnd, "p" + i, now, capacity);
      Decision d = engine.explain(p);
      boolean engineAccepts = d instanceof Decision.Accepted;
      assertEquals(engineAccepts, naive.accepts(p, bookings, noShows, now),
          () -> p + " engine: " + d);
      if (engineAccepts) {
        yes++;
      } else {
        for (Reason r : ((Decision.Rejected) d).reasons()) {
          codes.merge(r.code(), 1, Integer::sum);
          if (r.code() == RejectionCode.QUOTA_EXCEEDED && r.values().get("scope").equals("RESIDENT")) {
            residentQuota++;
          }
        }
      }
    }
    synchronized (CODES) {
      codes.forEach((c, n) -> CODES.merge(c, n, Integer::sum));
      accepted += yes;
      peakQuota += residentQuota;
      refused += 150 - yes;
      runs++;
    }
  }

  /** Every rule of the gym refuses, often, and plenty are accepted. */
  @AfterContainer
  static void everyRuleWasReached() {
    if (runs < TRIES) {
      return; // the property failed; its own report says why
    }
    assertTrue(accepted >= 10 * TRIES, "accepted " + accepted + ", refused " + refused);
    assertTrue(refused >= 20 * TRIES, "accepted " + accepted + ", refused " + refused);
    for (RejectionCode c : List.of(RejectionCode.TOO_MANY_SEATS, RejectionCode.OFF_GRID,
        RejectionCode.IN_THE_PAST, RejectionCode.TOO_EARLY, RejectionCode.TOO_SHORT,
        RejectionCode.TOO_LONG, RejectionCode.QUOTA_EXCEEDED, RejectionCode.CLOSED,
        RejectionCode.TOO_MANY_ACTIVE, RejectionCode.TOO_MANY_CONSECUTIVE,
        RejectionCode.NOT_RESIDENT, RejectionCode.BANNED, RejectionCode.CONFLICT)) {
      assertTrue(CODES.getOrDefault(c, 0) >= 20, c + " refusals: " + CODES);
    }
    assertTrue(peakQuota >= 20, "evening quota refusals: " + peakQuota);
  }

  private static BookingRequest request(String id, String resident, String household,
      Instant start, Duration length, int seats) {
    return new BookingRequest(id, "gym", resident, household, start, start.plus(length), seats);
  }

  /** A start on the half-hour grid within {@code days} of {@code now}, between the given hours. */
  private static Instant slot(SplittableRandom rnd, Instant now, int days, int fromHour,
      int toHour) {
    return now.plus(Duration.ofDays(rnd.nextInt(days)))
        .plus(Duration.ofMinutes(30L * rnd.nextInt(2 * fromHour, 2 * toHour)));
  }

  /** A request that any of the gym's checks may refuse. */
  private static BookingRequest probe(SplittableRandom rnd, String id, Instant now,
      int capacity) {
    String resident = switch (rnd.nextInt(12)) {
      case 0 -> "x0";
      case 1 -> "stranger";
      default -> "r" + rnd.nextInt(8);
    };
    Instant start = switch (rnd.nextInt(20)) {
      case 0 -> now.minus(Duration.ofDays(1)).plus(Duration.ofHours(10));
      case 1 -> now.plus(Duration.ofDays(401 + rnd.nextInt(30))).plus(Duration.ofHours(10));
      case 2 -> slot(rnd, now, 14, 6, 21).plus(Duration.ofMinutes(15));
      case 3, 4, 5, 6 -> slot(rnd, now, 14, 18, 21);
      default -> slot(rnd, now, 40, 4, 23);
    };
    Duration length = switch (rnd.nextInt(12)) {
      case 0 -> Duration.ofMinutes(15);
      case 1 -> Duration.ofMinutes(150 + 30L * rnd.nextInt(2));
      default -> Duration.ofMinutes(30L * (1 + rnd.nextInt(4)));
    };
    int seats = rnd.nextInt(15) == 0 ? capacity + 1 : 1 + rnd.nextInt(capacity);
    return request(id, resident, "h" + rnd.nextInt(8), start, length, seats);
  }
}
