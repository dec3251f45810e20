package dev.linli.scheduling.bench;

import dev.linli.scheduling.allocation.SeasonAllocation;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.series.Recurrence;
import dev.linli.scheduling.series.RecurrenceRule;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
 * Checking a 52-week series against every rule on a resource holding 10,000 bookings (the
 * {@link BookingBenchmark} gym), all or nothing: the series ends with an occurrence that conflicts,
 * so every call checks all 52 and rolls them back. Side by side, the naive way: each occurrence
 * checked by scanning every booking. And season allocation for 500 groups over 40 resources (840
 * weekly slots), fair rounds of maximum matchings against the greedy baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeriesBenchmark {
  BookingBenchmark gym;
  List<BookingRequest> series;
  List<String> slots;
  List<SeasonAllocation.Request> requests;

  @Setup(Level.Trial)
  public void setUp() {
    gym = new BookingBenchmark();
    gym.fill();
    series = new ArrayList<>();
    List<ZonedDateTime> weeks = Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=52"),
        LocalDateTime.parse("2026-01-06T19:00"), BookingBenchmark.SH)
        .until(gym.base.plus(Duration.ofDays(400)));
    for (ZonedDateTime z : weeks) {
      series.add(new BookingRequest("s-" + z.toLocalDate(), "gym", "series-r", "series-h",
          z.toInstant(), z.toInstant().plus(Duration.ofHours(1)), 1));
    }
    // 31 seats never fit: the last occurrence fails, so nothing is kept.
    ZonedDateTime last = weeks.get(weeks.size() - 1).plusWeeks(1);
    series.add(new BookingRequest("s-full", "gym", "series-r", "series-h", last.toInstant(),
        last.toInstant().plus(Duration.ofHours(1)), 31));
    slots = new ArrayList<>();
    for (int r = 0; r < 40; r++) {
      for (int d = 0; d < 7; d++) {
        for (int t = 0; t < 3; t++) {
          slots.add("r" + r + "-d" + d + "-t" + t);
        }
      }
    }
    Random random = new Random(20261124L);
    requests = new ArrayList<>();
    for (int g = 0; g < 500; g++) {
      List<String> prefs = new ArrayList<>(slots);
      Collections.shuffle(prefs, random);
      requests.add(new SeasonAllocation.Request("g" + g, 1 + random.nextInt(3),
          prefs.subList(0, 10)));
    }
  }

  @Benchmark
  public List<Decision> engineSeries52() {
    return gym.engine.decideAll(series, true);
  }

  @Benchmark
  public int naiveSeries52() {
    int ok = 0;
    for (BookingRequest p : series) {
      int seats = 0;
      for (var b : gym.all) {
        if (b.request().start().isBefore(p.end()) && p.start().isBefore(b.request().end())) {
          seats += b.request().seats();
        }
      }
      ok += seats + p.seats() <= 30 ? 1 : 0;
    }
    return ok;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SeasonAllocation.Result seasonFair() {
    return SeasonAllocation.fair(slots, requests);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SeasonAllocation.Result seasonGreedy() {
    return SeasonAllocation.greedy(slots, requests);
  }
}
