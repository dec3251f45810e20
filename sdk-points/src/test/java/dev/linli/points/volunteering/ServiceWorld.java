package dev.linli.points.volunteering;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.Name;
import dev.linli.core.people.Activity;
import dev.linli.core.people.Wish;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Balance;
import dev.linli.points.FactLog;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TestPools;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The volunteering desk and the wish board on one ledger and fact log, on one of the three
 * backends, with what a test compares after a restart ({@link #seen()}). Test fixture.
 */
final class ServiceWorld implements AutoCloseable {
  static final Instant START = Instant.parse("2026-12-05T03:00:00Z");
  static final Instant BEGIN = Instant.parse("2026-12-01T02:00:00Z");

  /** Where a world keeps its state; {@link #open} may be called again after a close. */
  interface Storage extends AutoCloseable {
    /** Opens the ledger and log; the previous opening is closed. */
    Opened open(MutableClock clock);

    /** Whether a new opening sees what an earlier one stored. */
    boolean durable();

    @Override
    void close();
  }

  /** An opened ledger and its log. */
  record Opened(Ledger ledger, FactLog log, Closer closer) {}

  /** Closes an opening. */
  interface Closer {
    /** Closes it. */
    void close() throws Exception;
  }

  /** In memory: each opening is new and empty. */
  static Storage memory() {
    return new Storage() {
      @Override
      public Opened open(MutableClock clock) {
        return new Opened(Ledger.create(clock), FactLog.inMemory(), () -> { });
      }

      @Override
      public boolean durable() {
        return false;
      }

      @Override
      public void close() {}
    };
  }

  /** A journal in a new temporary directory, deleted on close. */
  static Storage journal() {
    Path dir;
    try {
      dir = Files.createTempDirectory("linli-durable-services");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Storage() {
      @Override
      public Opened open(MutableClock clock) {
        DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock));
        return new Opened(books.ledger(), books.facts(), books::close);
      }

      @Override
      public boolean durable() {
        return true;
      }

      @Override
      public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** A new PostgreSQL database; each opening is a new connection pool (a new instance). */
  static Storage postgres() {
    TestPostgres db = TestPostgres.newDatabase();
    boolean[] installed = {false};
    return new Storage() {
      @Override
      public Opened open(MutableClock clock) {
        HikariDataSource pool = TestPools.pool(db, 4);
        if (!installed[0]) {
          PostgresLedger.installSchema(pool);
          installed[0] = true;
        }
        PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
        return new Opened(books.ledger(), books.facts(), pool::close);
      }

      @Override
      public boolean durable() {
        return true;
      }

      @Override
      public void close() {}
    };
  }


  final MutableClock clock;
  final Opened opened;
  final Ledger ledger;
  final TimeBank bank;
  final Volunteering desk;
  final WishBoard board;

  ServiceWorld(Storage storage, MutableClock clock) {
    this.clock = clock;
    this.opened = storage.open(clock);
    this.ledger = opened.ledger();
    this.bank = TimeBank.open(ledger, new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"),
        Duration.ofHours(2), RoundingMode.HALF_UP), "pool", "minutes-issuer");
    ledger.createAccount(Account.unlimited("donor", "points", AccountKind.COMMUNITY_POOL));
    this.desk = Volunteering.on(bank, opened.log());
    this.board = WishBoard.on(bank, "wish-escrow", Duration.ofDays(30), Set.of("grid-07"),
        opened.log());
  }

  static ActivityPlan plan(String id, int places) {
    Activity a = new Activity(id, "jingfang", "team-meals", Name.of("助老送餐", "Meal delivery"),
        "elderly-care", "jingfang-canteen", START, START.plus(Duration.ofHours(2)), places + 2);
    return new ActivityPlan(a, List.of(new Role("deliverer", Name.of("送餐员", "Deliverer"),
        places), new Role("driver", Name.of("司机", "Driver"), 2)), Eligibility.ANYONE,
        START.minus(Duration.ofHours(12)), Duration.ofHours(24), "A7K2", Duration.ofDays(3));
  }

  /** Everything a restart must keep: summaries (plans, rosters, states), wishes, balances. */
  record Seen(List<Volunteering.Summary> summaries, List<Wish> wishes,
      Map<String, Balance> balances) {}

  Seen seen() {
    Map<String, Balance> balances = new TreeMap<>();
    for (Account a : ledger.accounts()) {
      balances.put(a.id(), ledger.balance(a.id()));
    }
    return new Seen(desk.summaries(), board.wishes(), balances);
  }

  @Override
  public void close() {
    try {
      opened.closer().close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + opened, e);
    }
  }
}
