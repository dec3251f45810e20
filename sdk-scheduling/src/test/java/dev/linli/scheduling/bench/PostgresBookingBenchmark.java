package dev.linli.scheduling.bench;

import dev.linli.core.Name;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.BenchPostgres;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BenchStores;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.BookingSchema;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.rule.ActiveBookingsCap;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.ConsecutiveSlots;
import dev.linli.scheduling.rule.DurationLimits;
import dev.linli.scheduling.rule.Eligibility;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second that write: each call decides (and, when accepted, stores) a new request on
 * a centre of 20 resources of 30 seats with every rule of {@link BookingBenchmark}, holding 10,000
 * bookings before the run. Three stores in the same run: in memory, PostgreSQL (one transaction per
 * decision under advisory locks), and the naive check-then-insert store (the same tables and
 * queries, no locks: faster, and wrong under contention); with 1 and 16 client threads. PostgreSQL
 * is an embedded server of the benchmark's own ({@link BenchPostgres}: fsync and synchronous
 * commit on, on this machine, sharing its cores), reached through a HikariCP pool of 8 connections.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
// In memory, a run keeps a million bookings or so.
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class PostgresBookingBenchmark {
  static final int RESOURCES = 20;
  static final int EXISTING = 10_000;

  @Param({"memory", "postgres", "naive"})
  public String store;

  /**
   * The application's connection pool size. Eight, about HikariCP's advice for two cores (cores ×
   * 2 plus the disk); sixteen, one per client, measured 15% slower here (more backends than cores
   * to switch between).
   */
  @Param({"8"})
  public int connections;

  BookingEngine engine;
  DataSource pool;
  BenchPostgres server;
  final Instant base = java.time.LocalDateTime.parse("2026-01-01T00:00")
      .atZone(BookingBenchmark.SH).toInstant();
  final AtomicLong next = new AtomicLong();

  static RuleSet rules() {
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
    List<Resource> resources = new ArrayList<>();
    Map<String, RuleSet> byId = new HashMap<>();
    for (int i = 0; i < RESOURCES; i++) {
      Resource r = Resource.exclusive("gym-" + i, Name.of("健身房" + i, "Gym " + i)).withCapacity(30);
      resources.add(r);
      byId.put(r.id(), rules());
    }
    ResidentProfile resident = new ResidentProfile("x", AgeBand.AGE_18_59, "jingfang", Set.of());
    BookingEngine.Builder b = BookingEngine.builder(Clock.fixed(base, BookingBenchmark.SH))
        .resources(resources).rules(byId).residents(id -> Optional.of(resident));
    if (!store.equals("memory")) {
      try {
        server = BenchPostgres.start("128MB");
        DataSource db = server.newDatabase("bench");
        BookingSchema.install(db);
        pool = BenchStores.pool(db, connections);
      } catch (IOException | SQLException e) {
        throw new IllegalStateException("cannot start the benchmark's PostgreSQL server", e);
      }
      b = store.equals("postgres") ? b.store(PostgresBookingStore.of(pool))
          : BenchStores.naive(b, pool);
    }
    engine = b.build();
    // 500 bookings a resource, 4 an hour from 09:00 to 16:00 on the first days of the year, in
    // batches of 100 (one transaction each)
    List<BookingRequest> batch = new ArrayList<>();
    int made = 0;
    for (int day = 1; made < EXISTING; day++) {
      for (int hour = 9; hour < 16 && made < EXISTING; hour++) {
        Instant start = base.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
        for (int r = 0; r < RESOURCES && made < EXISTING; r++) {
          for (int k = 0; k < 4 && made < EXISTING; k++, made++) {
            batch.add(new BookingRequest("b" + made, "gym-" + r, "r" + made, "h" + made, start,
                start.plus(Duration.ofHours(1)), 1));
          }
        }
        if (batch.size() >= 100) {
          decideAllAccepted(batch);
        }
      }
    }
    decideAllAccepted(batch);
  }

  /**
   * Stops the server; with {@code -Dlinli.bench.statements=true} first prints the statements that
   * took the most server time.
   */
  @TearDown(Level.Trial)
  public void close() throws SQLException, IOException {
    if (server != null) {
      BenchPostgres.printTopStatements(pool);
      server.close();
    }
  }

  private void decideAllAccepted(List<BookingRequest> batch) {
    if (batch.isEmpty()) {
      return;
    }
    for (Decision d : engine.decideAll(batch, true)) {
      if (!(d instanceof Decision.Accepted)) {
        throw new IllegalStateException("fill refused: " + d);
      }
    }
    batch.clear();
  }

  /**
   * A new request from a new resident on a random resource, at a random hour of the year's open
   * days after the filled ones; every rule runs, and nearly all are accepted and stored.
   */
  private Decision decideOne() {
    long n = next.incrementAndGet();
    SplittableRandom random = new SplittableRandom(n);
    Instant start = base.plus(Duration.ofDays(40 + random.nextInt(300)))
        .plus(Duration.ofHours(9 + random.nextInt(7)));
    return engine.decide(new BookingRequest("p" + n, "gym-" + random.nextInt(RESOURCES),
        "pr" + n, "ph" + n, start, start.plus(Duration.ofHours(1)), 1));
  }

  /** One client. */
  @Benchmark
  @Threads(1)
  public Decision clients1() {
    return decideOne();
  }

  /** Sixteen clients at once (an app's request threads across its instances). */
  @Benchmark
  @Threads(16)
  public Decision clients16() {
    return decideOne();
  }
}
