package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TestPools;
import dev.linli.points.TransferRequest;
import dev.linli.points.journal.DurableLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alliance keeps no state of its own: acceptance is each side's clearing account and a
 * half-done transfer is a pending hold, both in the communities' ledgers. So on durable ledgers
 * (two journals, or two PostgreSQL databases) a new {@code Alliance} after a restart is still
 * accepted, answers a retried transfer with the original transfers, and {@link Alliance#reconcile}
 * settles what a crash left half-way.
 */
class AllianceDurableTest {
  private final MutableClock clock = MutableClock.at("2026-06-01T02:00:00Z");

  private static Alliance alliance(Ledger jingfang, Ledger yinger) {
    return Alliance.between(new Alliance.Community("jingfang", jingfang),
        new Alliance.Community("yinger", yinger));
  }

  /** Accounts, acceptance, one transfer, and two transfers a crash cut short. */
  private static void beforeTheCrash(Ledger jingfang, Ledger yinger) {
    for (Ledger l : List.of(jingfang, yinger)) {
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    }
    jingfang.createAccount(Account.member("wang", "points"));
    yinger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    jingfang.submit(TransferRequest.of("e1", "pool", "wang", 300, "elderly-care"));
    Alliance alliance = alliance(jingfang, yinger);
    alliance.accept("jingfang");
    alliance.accept("yinger");
    assertTrue(alliance.transfer(AllianceTransfer.of("x1", "jingfang", "wang", "canteen", 100, "meal"))
        .accepted());
    // The process died after x2's hold and credit (before the post), and after x3's hold.
    jingfang.hold(new TransferRequest("x2", "wang", "alliance:yinger", 40, "meal",
        "to yinger:canteen", null), Duration.ofDays(7));
    yinger.submit(new TransferRequest("x2", "alliance:jingfang", "canteen", 40, "meal",
        "from jingfang:wang", null));
    jingfang.hold(new TransferRequest("x3", "wang", "alliance:yinger", 50, "meal",
        "to yinger:canteen", null), Duration.ofDays(7));
  }

  /** What a new alliance object on the reopened ledgers must know and settle. */
  private static void afterTheRestart(Ledger jingfang, Ledger yinger) {
    Alliance alliance = alliance(jingfang, yinger);
    assertTrue(alliance.accepted(), "the acceptance is in both ledgers");
    ServiceResult.Accepted<?> retry = (ServiceResult.Accepted<?>) alliance.transfer(AllianceTransfer.of("x1", "jingfang", "wang", "canteen", 100, "meal"));
    assertEquals(List.of("x1", "x1"), retry.transfers().stream().map(t -> t.id()).toList(),
        "a retry answers with the original pair");
    assertEquals(2, alliance.reconcile(), "x2 posted (its credit exists), x3 voided");
    assertEquals(0, alliance.reconcile(), "nothing is left half-way");
    assertEquals(300 - 100 - 40, jingfang.balance("wang").balance());
    assertEquals(300 - 100 - 40, jingfang.balance("wang").available());
    assertEquals(140, yinger.balance("canteen").balance());
    assertEquals(0, jingfang.balance("alliance:yinger").balance()
        + yinger.balance("alliance:jingfang").balance(), "the clearing accounts cancel out");
    assertEquals(Map.of("points", 0L), jingfang.sumOfBalances());
    assertEquals(Map.of("points", 0L), yinger.sumOfBalances());
    alliance.accept("yinger");
    assertTrue(alliance.transfer(AllianceTransfer.of("x4", "jingfang", "wang", "canteen", 10, "meal"))
        .accepted());
  }

  @Test
  void twoJournals_restart_keepAcceptance_andReconcileSettlesTheCrash(@TempDir Path dir) {
    try (DurableLedger a = DurableLedger.open(dir.resolve("jingfang"),
        Ledger.builder().clock(clock));
        DurableLedger b = DurableLedger.open(dir.resolve("yinger"),
            Ledger.builder().clock(clock))) {
      beforeTheCrash(a.ledger(), b.ledger());
    }
    try (DurableLedger a = DurableLedger.open(dir.resolve("jingfang"),
        Ledger.builder().clock(clock));
        DurableLedger b = DurableLedger.open(dir.resolve("yinger"),
            Ledger.builder().clock(clock))) {
      afterTheRestart(a.ledger(), b.ledger());
    }
  }

  @Test
  void twoDatabases_restart_keepAcceptance_andReconcileSettlesTheCrash() {
    TestPostgres jf = TestPostgres.newDatabase();
    TestPostgres ye = TestPostgres.newDatabase();
    try (HikariDataSource a = TestPools.pool(jf, 3); HikariDataSource b = TestPools.pool(ye, 3)) {
      PostgresLedger.installSchema(a);
      PostgresLedger.installSchema(b);
      beforeTheCrash(PostgresLedger.open(a, Ledger.builder().clock(clock)).ledger(),
          PostgresLedger.open(b, Ledger.builder().clock(clock)).ledger());
      afterTheRestart(PostgresLedger.open(a, Ledger.builder().clock(clock)).ledger(),
          PostgresLedger.open(b, Ledger.builder().clock(clock)).ledger());
    }
  }

  @Test
  void aClearingAccountFrozenAfterTheRestart_stopsTransfers(@TempDir Path dir) {
    try (DurableLedger a = DurableLedger.open(dir.resolve("jingfang"),
        Ledger.builder().clock(clock));
        DurableLedger b = DurableLedger.open(dir.resolve("yinger"),
            Ledger.builder().clock(clock))) {
      beforeTheCrash(a.ledger(), b.ledger());
      b.ledger().setFrozen("alliance:jingfang", true);
    }
    try (DurableLedger a = DurableLedger.open(dir.resolve("jingfang"),
        Ledger.builder().clock(clock));
        DurableLedger b = DurableLedger.open(dir.resolve("yinger"),
            Ledger.builder().clock(clock))) {
      assertFalse(alliance(a.ledger(), b.ledger()).accepted(), "the freeze is remembered");
    }
  }
}
