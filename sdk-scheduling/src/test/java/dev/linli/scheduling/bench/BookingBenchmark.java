package dev.linli.scheduling.bench;

import dev.linli.core.Name;
import dev.linli.core.place.AgeBand;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.rule.ActiveBookingsCap;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.ConsecutiveSlots;
import dev.linli.scheduling.rule.DurationLimits;
import dev.linli.scheduling.rule.Eligibility;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision with every rule on a resource that already holds 10,000 bookings (a gym with 30
 * seats, booked through a year), side by side with a naive check of the same rules that scans every
 * booking ({@link NaiveGym}), and with the first, narrower naive scan (seats, the household's week
 * and the resident's count only). Sample mode, so the run
 * reports percentiles (p50, p99) as well as the mean.
 *
 * <p>Rules: notice window, durations, household quota per week, peak-hour quota on weekdays,
 * opening hours following China's holidays, active-bookings cap, consecutive slots, eligibility and
 * the check-in no-show ban. The probe is an {@code explain} of a request that every rule accepts,
 * so each call runs every check in full and stores nothing.
 *
 * <p>Five warm-up seconds, not three: with three, C2 was still compiling the engine's decision
 * path during the first measured seconds (the engine's median fell by a third from the second
 * measured iteration to the third, on a loaded machine), so the mean measured the compiler; the
 * naive scan, one small method, was compiled early. Both get the same warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BookingBenchmark {
  static final ZoneId SH = ZoneId.of("Asia/Shanghai");
  BookingEngine engine;
  List<Booking> all;
  final Instant base = LocalDateTime.parse("2026-01-01T00:00").atZone(SH).toInstant();
  BookingRequest[] probes;
  int next;

  NaiveGym naive;
  final Map<String, List<Instant>> noShows = Map.of();

  /** The gym's rules: every kind of rule a decision runs, with the numbers {@link NaiveGym} checks. */
  static RuleSet gymRules() {
    return new RuleSet(List.of(
        new NoticeWindow(Duration.ZERO, Duration.ofDays(400), null, null),
        new DurationLimits(Duration.ofMinutes(30), Duration.ofHours(2)),
        new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null),
        new Quota(Quota.Scope.RESIDENT, Quota.Period.WEEK, 2, null, true, "18:00-21:00"),
        new OpeningHoursRule("Mo-Su 06:00-22:00", "Mo-Su 09:00-17:00", DayOfWeek.MONDAY, false),
        new ActiveBookingsCap(5),
        new ConsecutiveSlots(4),
        new Eligibility("jingfang", Set.of(), Set.of()),
        new CheckInPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15), 2, Duration.ofDays(30),
            Duration.ofDays(30))));
  }

  @Setup(Level.Trial)
  public void fill() {
    Resource gym = Resource.exclusive("gym", Name.of("健身房", "Gym")).withCapacity(30);
    RuleSet rules = gymRules();
    ResidentProfile resident = new ResidentProfile("x", AgeBand.AGE_18_59, "jingfang", Set.of());
    engine = BookingEngine.builder(Clock.fixed(base, SH)).resources(List.of(gym))
        .rules(Map.of("gym", rules))
        // A directory lookup: the same registered profile for everyone.
        .residents(id -> Optional.of(resident))
        .build();
    naive = new NaiveGym(30, SH, HolidayCalendar.bundled(), id -> Optional.of(resident));
    int made = 0;
    for (int day = 1; made < 10_000; day++) {
      for (int hour = 9; hour < 16 && made < 10_000; hour++) {
        Instant start = base.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
        for (int k = 0; k < 4 && made < 10_000; k++) {
          Decision d = engine.decide(new BookingRequest("b" + made, "gym", "r" + made,
              "h" + made, start, start.plus(Duration.ofHours(1)), 1));
          if (d instanceof Decision.Accepted) {
            made++;
          } else {
            break;
          }
        }
      }
    }
    all = engine.bookings("gym");
    if (all.size() != 10_000) {
      throw new IllegalStateException("filled " + all.size());
    }
    probes = new BookingRequest[300];
    for (int i = 0; i < probes.length; i++) {
      Instant start = base.plus(Duration.ofDays(1 + i)).plus(Duration.ofHours(10));
      probes[i] = new BookingRequest("probe", "gym", "probe-r", "probe-h", start,
          start.plus(Duration.ofHours(1)), 1);
      if (!(engine.explain(probes[i]) instanceof Decision.Accepted)
          || !naive.accepts(probes[i], all, noShows, base)) {
        throw new IllegalStateException("probe " + i + " is not accepted: "
            + engine.explain(probes[i]));
      }
    }
  }

  /** The engine with every rule: sorted index, overlap lookup, seat sweep, rule checks. */
  @Benchmark
  public Decision engineAllRules() {
    return engine.explain(probes[next++ % probes.length]);
  }

  /**
   * The fair naive alternative: every check the engine makes, written plainly over one scan of all
   * 10,000 bookings ({@link NaiveGym}).
   */
  @Benchmark
  public boolean naiveAllRules() {
    return naive.accepts(probes[next++ % probes.length], all, noShows, base);
  }

  /**
   * The first naive alternative, kept for comparison: scans every booking for seats in use, the
   * household's week and the resident's count only (three of the engine's checks), so it is not
   * the same work as {@link #engineAllRules}.
   */
  @Benchmark
  public boolean naiveScan() {
    BookingRequest p = probes[next++ % probes.length];
    Instant weekStart = p.start().minus(Duration.ofDays(7));
    int seats = 0;
    int household = 0;
    int active = 0;
    for (Booking b : all) {
      BookingRequest r = b.request();
      if (r.start().isBefore(p.end()) && p.start().isBefore(r.end())) {
        seats += r.seats();
      }
      if (r.householdId().equals(p.householdId()) && r.start().isAfter(weekStart)
          && r.start().isBefore(p.start().plus(Duration.ofDays(7)))) {
        household++;
      }
      if (r.residentId().equals(p.residentId()) && r.start().isAfter(base)) {
        active++;
      }
    }
    return seats + 1 <= 30 && household < 3 && active < 5;
  }
}
