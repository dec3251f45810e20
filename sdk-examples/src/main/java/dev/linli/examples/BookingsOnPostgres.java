package dev.linli.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.Name;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.BookingSchema;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For backend developers: the booking engine on the team's own PostgreSQL, as a mini-program
 * backend runs it with two instances behind a load balancer and a restart on every deploy. This
 * program installs the booking tables (once; safe to repeat), starts two engines on separate
 * HikariCP pools (two "instances"), lets 12 residents race for the gym's last 8 seats through
 * both, retries one request on the other instance after a "timeout", tightens a quota at run
 * time, then "restarts": a third engine on a new pool sees every booking. Depends only on the
 * public API of sdk-scheduling and the application's own driver and pool.
 *
 * <p>Run: {@code java -cp linli.jar dev.linli.examples.BookingsOnPostgres
 * "jdbc:postgresql://localhost:5432/centre?user=app&password=..."}. Running it again the same day
 * on the same database changes nothing: every request is recognised as a retry.
 */
public final class BookingsOnPostgres {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int SEATS = 8;

  private BookingsOnPostgres() {}

  /**
   * What the run saw, for its test.
   *
   * @param seatsSold gym seats held tomorrow 09:00 after the race (never more than {@value #SEATS})
   * @param retrySame whether the retry on the other instance answered the first decision
   * @param ruleVersion the gym's rule-set version after the run-time change, as the second instance
   *     sees it
   * @param seenAfterRestart bookings the restarted instance found on the gym
   * @param notices confirmations the listeners heard
   */
  public record Report(int seatsSold, boolean retrySame, int ruleVersion, int seenAfterRestart,
      int notices) {}

  /**
   * Runs the example.
   *
   * @param args the JDBC URL of the database
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: BookingsOnPostgres JDBC_URL");
      System.exit(2);
    }
    run(args[0], Clock.systemUTC(), System.out);
  }

  static HikariDataSource pool(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(8);
    return new HikariDataSource(config);
  }

  static BookingEngine instance(HikariDataSource db, Clock clock, AtomicInteger heard) {
    Resource gym = Resource.exclusive("gym", Name.of("百姓健身房", "Public gym"))
        .withCapacity(SEATS);
    RuleSet rules = new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.DAY, 2,
        null)));
    return BookingEngine.builder(clock).resources(List.of(gym)).rules(Map.of("gym", rules))
        .store(PostgresBookingStore.of(db))                 // instead of this JVM's memory
        .listener(n -> {
          if (n.kind() == BookingNotice.Kind.CONFIRMED) {
            heard.incrementAndGet();       // a real app queues a WeChat message, or reads the outbox
          }
        })
        .build();
  }

  /**
   * Runs the example on a database.
   *
   * @param jdbcUrl the database
   * @param clock the engines' clock
   * @param out where to narrate
   * @return what happened
   */
  public static Report run(String jdbcUrl, Clock clock, PrintStream out) {
    AtomicInteger heard = new AtomicInteger();
    LocalDate tomorrow = LocalDate.now(clock.withZone(SHANGHAI)).plusDays(1);
    Instant nine = tomorrow.atTime(9, 0).atZone(SHANGHAI).toInstant();
    Instant ten = tomorrow.atTime(10, 0).atZone(SHANGHAI).toInstant();
    try (HikariDataSource a = pool(jdbcUrl); HikariDataSource b = pool(jdbcUrl)) {
      List<String> applied = BookingSchema.install(a);
      out.println("schema: " + (applied.isEmpty() ? "current" : "installed " + applied));
      BookingEngine one = instance(a, clock, heard);
      BookingEngine two = instance(b, clock, heard);

      // 12 residents, 8 seats, requests spread over both instances at once.
      ExecutorService callers = Executors.newFixedThreadPool(12);
      List<Future<Decision>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        BookingRequest q = new BookingRequest(tomorrow + "-gym-r" + i, "gym", "r" + i, "h" + i,
            nine, ten, 1);
        BookingEngine instance = i % 2 == 0 ? one : two;
        answers.add(callers.submit(() -> instance.decide(q)));
      }
      int accepted = 0;
      for (Future<Decision> f : answers) {
        accepted += f.get() instanceof Decision.Accepted ? 1 : 0;
      }
      callers.shutdown();
      int sold = two.bookings("gym").size();
      out.println("race: " + accepted + " of 12 accepted; seats held " + sold + " of " + SEATS);

      // The client timed out on instance one and retries on instance two: the same answer.
      BookingRequest first = new BookingRequest(tomorrow + "-gym-r0", "gym", "r0", "h0", nine,
          ten, 1);
      boolean same = one.decide(first).equals(two.decide(first));
      out.println("retry on the other instance: " + (same ? "same decision" : "DIFFERENT"));

      // Staff allow one gym booking a day per household from now on; both instances use it.
      one.updateRules("gym", new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD,
          Quota.Period.DAY, 1, null))));
      int version = two.ruleVersion("gym");
      out.println("rules: version " + version + " on the other instance");

      // Deploy: a new instance on a new pool finds everything.
      try (HikariDataSource c = pool(jdbcUrl)) {
        BookingEngine restarted = instance(c, clock, heard);
        int seen = restarted.bookings("gym").size();
        out.println("after restart: " + seen + " bookings on the gym");
        return new Report(sold, same, version, seen, heard.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
