package dev.linli.scheduling.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.StorageException;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.PostgresBookingStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A connection killed in the middle of an acceptance ({@code pg_terminate_backend}, as an operator
 * or a failover would) leaves nothing half-written: the offer is still open and no booking, history
 * or outbox row exists, or (never seen here, since the kill always comes before the commit) both
 * are kept. The kill is aimed at each statement of the acceptance's transaction in turn, and at its
 * commit, by pausing the connection there.
 */
class PostgresWaitlistCrashTest {
  /** Pauses the connection of one thread before its n-th statement or commit. */
  private static final class Pausing {
    volatile Thread target;
    volatile int pauseAt;
    final AtomicInteger seen = new AtomicInteger();
    volatile CountDownLatch paused = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(1);

    DataSource wrap(DataSource real) {
      return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object out = invoke(real, method, args);
            return out instanceof Connection c ? connection(c) : out;
          });
    }

    private Connection connection(Connection real) {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            String name = method.getName();
            if (Thread.currentThread() == target
                && (name.equals("prepareStatement") || name.equals("commit"))
                && seen.incrementAndGet() == pauseAt) {
              paused.countDown();
              release.await();
            }
            return invoke(real, method, args);
          });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
        throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  @Test
  void backendKilledAtEachStatementOfAnAcceptance_offerStaysOpen_nothingBooked_thenAcceptWorks()
      throws Exception {
    WaitlistDatabase db = WaitlistDatabase.create();
    Pausing pausing = new Pausing();
    MutableClock clock = MutableClock.at(WaitlistContract.START.minus(Duration.ofDays(4))
        .toString());
    Resource court = Resource.exclusive("court", Name.of("球场", "Court")).withCapacity(1);
    // No pool: every transaction opens its own connection, which the kill then ends.
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(court))
        .store(PostgresBookingStore.of(pausing.wrap(db.db.dataSource()))).build();
    ExecutorService worker = Executors.newSingleThreadExecutor();
    int killed = 0;
    int statements = -1;
    try {
      for (int k = 1; k <= 60 && statements < 0; k++) {
        db.truncate();
        e.decide(WaitlistContract.seat("li", "h-li"));
        Waitlist w = Waitlist.of(e, clock, WaitlistContract.seat("x", "x"), Duration.ofHours(2));
        w.join("chen", "h-chen", 0);
        e.cancel("sat-li");
        assertEquals(1, w.offerFreedSeats().size());

        pausing.seen.set(0);
        pausing.pauseAt = k;
        pausing.paused = new CountDownLatch(1);
        pausing.release = new CountDownLatch(1);
        Future<Optional<Decision>> accept = worker.submit(() -> {
          pausing.target = Thread.currentThread();
          try {
            return w.accept("chen");
          } finally {
            pausing.target = null;
          }
        });
        while (!pausing.paused.await(10, TimeUnit.MILLISECONDS) && !accept.isDone()) {
          Thread.onSpinWait();
        }
        if (pausing.paused.getCount() > 0) {
          // The acceptance has fewer than k statements: it ran whole.
          assertInstanceOf(Decision.Accepted.class, accept.get().orElseThrow());
          assertEquals(List.of("1|1|1|ACCEPTED"), state(db), "completed acceptance");
          statements = k - 1;
          continue;
        }
        db.db.terminateOtherBackends();
        pausing.release.countDown();
        try {
          accept.get();
          throw new AssertionError("statement " + k + ": the acceptance survived the kill");
        } catch (ExecutionException x) {
          assertInstanceOf(StorageException.class, x.getCause(), x.getCause().toString());
        }
        killed++;
        assertEquals(List.of("0|0|0|OPEN"), state(db), "killed at statement " + k);
        assertInstanceOf(Decision.Accepted.class, w.accept("chen").orElseThrow(),
            "after the kill at statement " + k + " the offer is still good");
        assertEquals(List.of("1|1|1|ACCEPTED"), state(db), "accepted after the kill at " + k);
      }
    } finally {
      pausing.release.countDown();
      worker.shutdownNow();
    }
    assertTrue(statements >= 5 && killed == statements, "an acceptance of " + statements
        + " pause points (statements and the commit), killed at " + killed);
  }

  /** Chen's booking, its history and its CONFIRMED outbox rows, and the state of the offer. */
  private static List<String> state(WaitlistDatabase db) {
    return db.rows("SELECT (SELECT count(*) FROM linli_booking WHERE id = 'sat-x.chen'),"
        + " (SELECT count(*) FROM linli_booking_history WHERE booking_id = 'sat-x.chen'),"
        + " (SELECT count(*) FROM linli_booking_outbox WHERE booking_id = 'sat-x.chen'"
        + " AND kind = 'CONFIRMED'), (SELECT string_agg(state, ',') FROM linli_waitlist_offer"
        + " WHERE resident_id = 'chen')");
  }
}
