package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.StorageException;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A connection killed mid-transaction ({@code pg_terminate_backend}, as an operator or a failover
 * would) leaves nothing half-written: a 20-day series is in the database whole, with its history and
 * outbox rows, or not at all.
 */
class PostgresCrashTest {
  private static final int OCCURRENCES = 10;

  @Test
  void backendKilledDuringSeries_eachSeriesWholeOrAbsent() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    DataSource ds = db.dataSource();
    BookingSchema.install(ds);
    // No pool: every transaction opens its own connection, which the kill then ends.
    BookingEngine e = Workload.builder(MutableClock.at(Workload.NOW))
        .store(PostgresBookingStore.of(ds)::open).build();
    SplittableRandom random = new SplittableRandom(42);
    // How long a series takes undisturbed: the kills land anywhere from its start to twice that.
    long began = System.nanoTime();
    e.decideAll(series("warm-up", 0), true);
    int window = (int) Math.max(2, 2 * (System.nanoTime() - began) / 1_000_000);
    int killedMidway = 0;
    int completed = 0;
    // Until the kills have landed inside a series three times (and one series got through): on
    // a busy machine a kill often comes after the series. Hours 1-12 of each day, each at most
    // three times (the gym's three seats).
    for (int round = 0; round < 36 && (killedMidway < 3 || completed < 1); round++) {
      List<BookingRequest> series = series("c" + round, round % 12 + 1);
      long started = System.nanoTime();
      CompletableFuture<List<Decision>> run = CompletableFuture.supplyAsync(
          () -> e.decideAll(series, true));
      Thread.sleep(random.nextInt(window));
      db.terminateOtherBackends();
      try {
        List<Decision> ds2 = run.get();
        assertTrue(ds2.stream().allMatch(d -> d instanceof Decision.Accepted), ds2.toString());
        completed++;
        // The kill came after the series: series get faster as the JIT warms up, so aim the
        // next kills within the time this one took.
        window = (int) Math.max(2, (System.nanoTime() - started) / 1_000_000);
      } catch (ExecutionException x) {
        assertTrue(x.getCause() instanceof StorageException, x.getCause().toString());
        killedMidway++;
      }
      long[] rows = rows(ds, "c" + round + "-%");
      assertTrue(rows[0] == 0 || rows[0] == OCCURRENCES, "round " + round + ": " + rows[0]
          + " of " + OCCURRENCES + " occurrences kept");
      assertEquals(rows[0], rows[1], "round " + round + ": history rows");
      assertEquals(rows[0], rows[2], "round " + round + ": outbox rows");
    }
    assertTrue(killedMidway >= 3 && completed >= 1, killedMidway + " killed, " + completed
        + " completed: the kill must land inside transactions for the test to mean anything");
  }

  /** A series on the gym; a new household each time, so only the kill can refuse it. */
  private static List<BookingRequest> series(String id, int hour) {
    List<BookingRequest> series = new ArrayList<>();
    for (int day = 0; day < OCCURRENCES; day++) {
      // an hour of its own: the gym's three seats never refuse it either
      Instant start = Workload.at("2026-12-02T00:00").plus(Duration.ofDays(day))
          .plus(Duration.ofHours(hour));
      series.add(new BookingRequest(id + "-" + day, "gym", "r-" + id, "h-" + id, start,
          start.plus(Duration.ofHours(1)), 1));
    }
    return series;
  }

  /** Bookings, history rows and outbox rows whose booking id matches {@code pattern}. */
  private static long[] rows(DataSource ds, String pattern) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT (SELECT count(*) FROM linli_booking WHERE id LIKE ?),"
            + " (SELECT count(*) FROM linli_booking_history WHERE booking_id LIKE ?),"
            + " (SELECT count(*) FROM linli_booking_outbox WHERE booking_id LIKE ?)")) {
      for (int i = 1; i <= 3; i++) {
        s.setString(i, pattern);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
      }
    }
  }
}
