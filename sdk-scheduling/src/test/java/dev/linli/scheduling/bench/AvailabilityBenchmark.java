package dev.linli.scheduling.bench;

import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
 * One resource-day of a time picker on the {@link BookingBenchmark} gym (30 seats, every rule,
 * 10,000 bookings through a year): {@code availability} of a whole local day (00:00 to 24:00, one
 * hour, one seat, a resident with a household, so quotas, caps and bans count: 47 grid starts, 31
 * bookable inside the 06:00-22:00 opening hours, 16 closed), with and without reading the closed
 * starts' reasons, beside the loop an app would write without it, one {@code explain} per grid start of the same day and request. Sample mode,
 * for percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AvailabilityBenchmark {
  final BookingBenchmark gym = new BookingBenchmark();
  AvailabilityQuery[] days;
  int next;

  @Setup(Level.Trial)
  public void fill() {
    gym.fill();
    LocalDate first = LocalDate.of(2026, 1, 2);
    days = new AvailabilityQuery[300];
    for (int i = 0; i < days.length; i++) {
      LocalDateTime from = first.plusDays(i).atStartOfDay();
      days[i] = AvailabilityQuery.of("gym", from, from.plusDays(1), Duration.ofHours(1))
          .by("probe-r", "probe-h");
    }
    // The two agree (the property tests check this on random set-ups; here on the measured days).
    for (int i = 0; i < 20; i++) {
      List<Instant> listed = gym.engine.availability(days[i]).slots().stream()
          .map(x -> x.start().toInstant()).toList();
      List<Instant> accepted = explainEach(days[i]).stream()
          .filter(d -> d instanceof Decision.Accepted)
          .map(d -> ((Decision.Accepted) d).booking().request().start()).toList();
      if (!listed.equals(accepted) || listed.isEmpty()) {
        throw new IllegalStateException("availability " + listed + " is not explain's " + accepted);
      }
    }
  }

  /** The engine's availability: one pass over the day's starts with the day's reads made once. */
  @Benchmark
  public Availability availability() {
    return gym.engine.availability(days[next++ % days.length]);
  }

  /**
   * The same answer with every refused start's reason read (written on first read): what a
   * picker that shows why each closed or full start is greyed out pays.
   */
  @Benchmark
  public int availabilityWithReasons() {
    Availability a = gym.engine.availability(days[next++ % days.length]);
    int length = 0;
    for (Availability.Refusal r : a.refused()) {
      length += r.reason().message().length();
    }
    return length;
  }

  /** Baseline: {@code explain} at every grid start of the same day, as an app would loop. */
  @Benchmark
  public List<Decision> explainPerSlot() {
    return explainEach(days[next++ % days.length]);
  }

  private List<Decision> explainEach(AvailabilityQuery q) {
    List<Decision> out = new ArrayList<>(48);
    Instant start = q.from().atZone(BookingBenchmark.SH).toInstant();
    Instant last = q.to().atZone(BookingBenchmark.SH).toInstant().minus(q.duration());
    for (Instant s = start; !s.isAfter(last); s = s.plus(Duration.ofMinutes(30))) {
      out.add(gym.engine.explain(q.request("probe", "gym", s)));
    }
    return out;
  }
}
