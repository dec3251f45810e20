package dev.linli.scheduling.bench;

import dev.linli.core.Name;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Deciding a request against a resource that already holds 10,000 bookings (a gym with 30 seats,
 * booked hour by hour for a year), side by side with the naive check that scans every booking.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BookingBenchmark {
  BookingEngine engine;
  List<Booking> all;
  Instant base = Instant.parse("2026-01-01T00:00:00Z");
  int next;

  @Setup(Level.Trial)
  public void fill() {
    Resource gym = Resource.exclusive("gym", Name.of("健身房", "Gym")).withCapacity(30);
    engine = BookingEngine.create(Clock.fixed(base, ZoneOffset.UTC), List.of(gym));
    for (int i = 0; i < 10_000; i++) {
      Instant start = base.plus(Duration.ofHours(i % 8760));
      engine.decide(new BookingRequest("b" + i, "gym", "r" + i, "h" + i, start,
          start.plus(Duration.ofHours(1)), 1));
    }
    all = engine.bookings("gym");
  }

  /** The engine: sorted index, overlap lookup, seat sweep; the request is rejected or accepted. */
  @Benchmark
  public Decision engineDecide() {
    int i = next++ % 8760;
    Instant start = base.plus(Duration.ofHours(i));
    // 31 seats never fit, so the engine does all its checks each time without growing.
    return engine.decide(new BookingRequest("probe", "gym", "r", "h", start,
        start.plus(Duration.ofHours(1)), 31));
  }

  /** Naive: count overlapping seats by scanning every booking of the resource. */
  @Benchmark
  public boolean naiveScan() {
    int i = next++ % 8760;
    Instant start = base.plus(Duration.ofHours(i));
    Instant end = start.plus(Duration.ofHours(1));
    int seats = 0;
    for (Booking b : all) {
      if (b.request().start().isBefore(end) && start.isBefore(b.request().end())) {
        seats += b.request().seats();
      }
    }
    return seats + 1 <= 30;
  }
}
