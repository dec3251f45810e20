package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.Name;
import dev.linli.core.StorageException;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TestPools;
import dev.linli.points.TransferRequest;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Backends killed ({@code pg_terminate_backend}) while the time bank and the catalogue run their
 * steps on PostgreSQL: a step is one transaction, so an award and the referral bonus it pays
 * commit together or not at all (before, the bonus was a transaction of its own, and a retry of
 * an award cut off after its first commit never paid it), and a redemption cut off is either
 * stored or absent, never sold beyond the stock.
 */
class PostgresServicesCrashTest {
  private static final EarningRules RULES = new EarningRules(100, "1.0", Map.of(),
      Duration.ofHours(2), RoundingMode.HALF_UP, null, 50);
  private static final int MEMBERS = 120;
  private static final int STOCK = 60;

  private final MutableClock clock = MutableClock.at("2026-03-10T02:00:00Z");

  @Test
  void killedBackends_leaveEveryAwardWithItsBonus_andNoStockOversold() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    AtomicInteger cut = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (HikariDataSource pool = TestPools.pool(db, 4)) {
      PostgresLedger.installSchema(pool);
      PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      TimeBank bank = TimeBank.builder(books.ledger(), RULES).facts(books.facts()).build();
      books.ledger().createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0,
          false, ""));
      Catalogue shop = Catalogue.of(bank, List.of(new Catalogue.Item("lunch",
          Name.of("午餐", "Lunch"), "canteen", 20, STOCK, null)), books.facts());
      bank.enrol("wang");
      Thread writer = new Thread(() -> {
        try {
          for (int n = 0; n < MEMBERS; n++) {
            int i = n;
            String member = "n" + i;
            retry(cut, () -> bank.enrol(member, "wang"));
            retry(cut, () -> bank.award(new AwardRequest("aw-" + i, member, "general", Duration.ofHours(1),
                "act-" + i)));
            retry(cut, () -> shop.redeem(RedemptionRequest.of("r-" + i, member, "lunch")));
          }
        } catch (RuntimeException | Error e) {
          failure.set(e);
        }
      });
      writer.start();
      int kills = 0;
      while (writer.isAlive() && kills < 40) {
        Thread.sleep(40);
        kills += db.terminateOtherBackends() > 0 ? 1 : 0;
      }
      writer.join(TimeUnit.MINUTES.toMillis(3));
      assertFalse(writer.isAlive());
      if (failure.get() != null) {
        throw new AssertionError("the writer failed otherwise than by a cut-off step",
            failure.get());
      }
      assertTrue(kills >= 5, "backends were killed while the steps ran: " + kills);
      assertTrue(cut.get() >= 1, "some steps were cut off and retried: " + cut);
    }
    try (HikariDataSource fresh = TestPools.pool(db, 4)) {
      Ledger check = PostgresLedger.open(fresh, Ledger.builder().clock(clock)).ledger();
      for (int i = 0; i < MEMBERS; i++) {
        boolean awarded = check.find("aw-" + i + ".points").isPresent();
        boolean bonus = check.find(TransferRequest.derivedId("referral", "n" + i)).isPresent();
        assertTrue(awarded, "every award was retried to the end: aw-" + i);
        assertEquals(awarded, bonus, "award aw-" + i + " and its referral bonus go together");
      }
      assertEquals(MEMBERS * 50L, check.balance(TimeBank.pointsAccount("wang")).balance());
      long sold = check.history("canteen", HistoryQuery.all().withCode(Catalogue.CODE)).size();
      assertEquals(STOCK, sold, "the stock sold out exactly, never beyond");
      assertEquals(Map.of("points", 0L, "service-minutes", 0L), check.sumOfBalances());
    }
  }

  /** Runs a step until it returns, counting the attempts a killed backend cut off. */
  private static <T> T retry(AtomicInteger cut, Supplier<T> step) {
    for (int attempt = 0; ; attempt++) {
      try {
        return step.get();
      } catch (StorageException e) {
        cut.incrementAndGet();
        if (attempt > 50) {
          throw e;
        }
      } catch (AssertionError e) {
        // pgjdbc asserts (tests run with -ea) when a batch's connection dies under it; the ledger
        // lets that through instead of a StorageException. It is a cut-off step all the same.
        StackTraceElement[] at = e.getStackTrace();
        if (at.length == 0 || !at[0].getClassName().startsWith("org.postgresql.")
            || attempt > 50) {
          throw e;
        }
        cut.incrementAndGet();
      }
    }
  }
}
