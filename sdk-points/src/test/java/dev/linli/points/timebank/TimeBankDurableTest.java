package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.FactLog;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TestPools;
import dev.linli.points.journal.DurableLedger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time bank on durable ledgers: guardians (its only state outside the ledger) survive a
 * restart on a journal and on PostgreSQL; referrals, proposed awards (ledger holds) and period
 * counters (counted from transfers) survive with the ledger; and with PostgreSQL's log the period
 * cap holds across application instances, where time banks serialised only in their own process
 * exceed it.
 */
class TimeBankDurableTest {
  private static final EarningRules RULES = new EarningRules(100, "1.0",
      Map.of("elderly-care", "1.5"), Duration.ofHours(2), RoundingMode.HALF_UP,
      new ServiceCap(CalendarPeriod.MONTH, Duration.ofHours(5)), 50);

  private final MutableClock clock = MutableClock.at("2026-03-10T02:00:00Z");

  private static TimeBank bank(Ledger ledger, FactLog log) {
    return TimeBank.builder(ledger, RULES).facts(log).build();
  }

  /** Guardians given and taken, a referral, a proposed award and most of the month's cap. */
  private static void script(TimeBank bank) {
    bank.enrol("wang-grandma");
    bank.enrol("wang", "wang-grandma");
    bank.enrol("zhou");
    bank.authoriseGuardian("wang-grandma", "wang");
    bank.authoriseGuardian("wang-grandma", "zhou");
    bank.revokeGuardian("wang-grandma", "zhou");
    bank.award(new AwardRequest("a1", "wang", "general", Duration.ofHours(2), "act-1"));
    bank.propose(new AwardRequest("p1", "wang", "general", Duration.ofHours(2), "act-2"), Duration.ofDays(3));
  }

  private static void afterRestart(TimeBank bank, Ledger ledger) {
    assertTrue(bank.mayActFor("wang-grandma", "wang"), "the guardian is remembered");
    assertFalse(bank.mayActFor("wang-grandma", "zhou"), "and the revocation");
    assertEquals(240, bank.minutesThisPeriod("wang"), "posted and proposed minutes count");
    bank.award(new AwardRequest("a2", "wang", "general", Duration.ofHours(2), "act-3"));
    assertEquals(300 + 0, bank.minutesThisPeriod("wang"), "only the hour left under the cap");
    assertTrue(bank.confirm("p1").accepted(), "the proposed award is still the ledger's hold");
    assertEquals(200 + 200 + 100, ledger.balance(TimeBank.pointsAccount("wang")).balance());
    assertEquals(50, ledger.balance(TimeBank.pointsAccount("wang-grandma")).balance(),
        "the referral bonus was paid once, with the first award");
  }

  @Test
  void journal_restart_keepsGuardiansReferralsHoldsAndCounters(@TempDir Path dir) {
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      script(bank(books.ledger(), books.facts()));
    }
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      afterRestart(bank(books.ledger(), books.facts()), books.ledger());
    }
  }

  @Test
  void inMemoryLog_forgetsGuardians_soTheRestartTestReachesThem(@TempDir Path dir) {
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      script(TimeBank.builder(books.ledger(), RULES).build());
    }
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      assertFalse(TimeBank.builder(books.ledger(), RULES).build().mayActFor("wang-grandma",
          "wang"), "without a durable log a guardian lasts as long as the process");
    }
  }

  @Test
  void postgres_restart_keepsGuardiansReferralsHoldsAndCounters() {
    TestPostgres db = TestPostgres.newDatabase();
    try (HikariDataSource pool = TestPools.pool(db, 4)) {
      PostgresLedger.installSchema(pool);
      PostgresLedger first = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      script(bank(first.ledger(), first.facts()));
      PostgresLedger again = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      afterRestart(bank(again.ledger(), again.facts()), again.ledger());
    }
  }

  @Test
  void aLogOfAnotherLedger_orTwoBanksOfOnePool_areRefused(@TempDir Path dir) {
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      assertThrows(IllegalArgumentException.class,
          () -> bank(Ledger.create(clock), books.facts()));
      bank(books.ledger(), books.facts());
      assertThrows(IllegalStateException.class, () -> bank(books.ledger(), books.facts()));
      assertThrows(IllegalStateException.class, () -> TimeBank.builder(books.ledger(), RULES)
          .facts(books.facts()).facts(FactLog.inMemory()));
    }
  }

  @Test
  void postgres_instancesSharingTheDatabase_neverCountMoreThanTheCap() throws Exception {
    assertEquals(300, capRace(true), "exactly the 5 h cap across the instances");
  }

  @Test
  void inProcessLocksOnly_exceedTheCapAcrossInstances_soTheRaceIsReached() throws Exception {
    // measured: 345 to 420 minutes in the worst month (and 720 with the shared log's step removed)
    assertTrue(capRace(false) > 300, "time banks locked only in their own process overshoot");
  }

  /**
   * Four application instances, four threads each, award 45 minutes at a time to one member with
   * a 5 h monthly cap, in four months; returns the most minutes the member earned in one month.
   */
  private long capRace(boolean sharedLog) throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService exec = Executors.newFixedThreadPool(16);
    try {
      List<TimeBank> banks = new ArrayList<>();
      Ledger first = null;
      for (int n = 0; n < 4; n++) {
        HikariDataSource pool = TestPools.pool(db, 5);
        pools.add(pool);
        if (n == 0) {
          PostgresLedger.installSchema(pool);
        }
        PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
        TimeBank bank = sharedLog ? bank(books.ledger(), books.facts())
            : TimeBank.builder(books.ledger(), RULES).build();
        if (n == 0) {
          bank.enrol("wang");
          first = books.ledger();
        }
        banks.add(bank);
      }
      long most = 0;
      for (int round = 0; round < 4; round++) {
        long before = first.balance(TimeBank.minutesAccount("wang")).balance();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          TimeBank bank = banks.get(i % 4);
          String id = "r" + round + "-a" + i;
          done.add(exec.submit(() -> {
            start.await();
            return bank.award(new AwardRequest(id, "wang", "general", Duration.ofMinutes(45), id));
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
        most = Math.max(most, first.balance(TimeBank.minutesAccount("wang")).balance() - before);
        clock.advance(Duration.ofDays(31)); // the next round is in a new month, under a fresh cap
      }
      return most;
    } finally {
      exec.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }
}
