package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountFlagsAndQueriesTest {
  private MutableClock clock;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-12-05T02:30:00Z");
    ledger = LedgerTest.newLedger(clock);
  }

  @Test
  void frozenAccounts_refuseTransfersAndHolds_untilUnfrozen() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 100, "general"));
    assertEquals(AccountResult.OK, ledger.setFrozen("wang", true));
    assertEquals(AccountResult.EXISTS, ledger.setFrozen("wang", true));
    assertEquals(TransferResult.ACCOUNT_FROZEN,
        ledger.submit(TransferRequest.of("t2", "wang", "canteen", 10, "canteen-redemption")));
    assertEquals(TransferResult.ACCOUNT_FROZEN, ledger.hold(
        TransferRequest.of("h1", "pool", "wang", 10, "general"), Duration.ofHours(1)));
    assertEquals(AccountResult.OK, ledger.setFrozen("wang", false));
    assertEquals(TransferResult.OK,
        ledger.submit(TransferRequest.of("t2", "wang", "canteen", 10, "canteen-redemption")));
  }

  @Test
  void closing_needsAZeroBalance_andIsFinal() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 100, "general"));
    assertEquals(AccountResult.BALANCE_NOT_ZERO, ledger.close("wang"));
    ledger.submit(TransferRequest.of("t2", "wang", "canteen", 100, "canteen-redemption"));
    assertEquals(AccountResult.OK, ledger.close("wang"));
    assertEquals(AccountResult.EXISTS, ledger.close("wang"));
    assertEquals(AccountResult.ACCOUNT_CLOSED, ledger.setFrozen("wang", true));
    assertEquals(TransferResult.ACCOUNT_CLOSED,
        ledger.submit(TransferRequest.of("t3", "pool", "wang", 1, "general")));
    assertTrue(ledger.account("wang").orElseThrow().closed());
    assertEquals(AccountResult.ACCOUNT_NOT_FOUND, ledger.close("nobody"));
    // A retry of the original creation is still recognised after the flags changed.
    assertEquals(AccountResult.EXISTS, ledger.createAccount(Account.member("wang", "points")));
  }

  @Test
  void closing_waitsForPendingHolds() {
    assertEquals(TransferResult.OK, ledger.hold(TransferRequest.of("h1", "pool", "wang", 100,
        "general"), Duration.ofHours(1)));
    assertEquals(0, ledger.balance("wang").balance());
    assertEquals(AccountResult.BALANCE_NOT_ZERO, ledger.close("wang"));
    assertEquals(TransferResult.OK, ledger.voidHold("h1"));
    assertEquals(AccountResult.OK, ledger.close("wang"));
  }

  @Test
  void boundedOverdraft_allowsGoingNegative_downToTheLimit() {
    ledger.createAccount(new Account("li", "points", AccountKind.MEMBER, 50, false, ""));
    assertEquals(TransferResult.OK,
        ledger.submit(TransferRequest.of("t1", "li", "canteen", 50, "canteen-redemption")));
    assertEquals(TransferResult.EXCEEDS_BALANCE,
        ledger.submit(TransferRequest.of("t2", "li", "canteen", 1, "canteen-redemption")));
    assertEquals(-50, ledger.balance("li").balance());
  }

  @Test
  void theOperator_isRecorded_andPartOfIdempotency() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 100, "general"));
    TransferRequest byGuardian = TransferRequest.of("t2", "wang", "canteen", 30,
        "canteen-redemption").withOperator("wang-daughter");
    assertEquals(TransferResult.OK, ledger.submit(byGuardian));
    assertEquals("wang-daughter", ledger.find("t2").orElseThrow().operator());
    assertEquals(TransferResult.EXISTS, ledger.submit(byGuardian));
    assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_OPERATOR,
        ledger.submit(byGuardian.withOperator("someone-else")));
  }

  @Test
  void history_filtersByCodeCounterpartyAndTime() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 100, "elderly-care"));
    clock.advance(Duration.ofHours(1));
    ledger.submit(TransferRequest.of("t2", "pool", "wang", 50, "general"));
    clock.advance(Duration.ofHours(1));
    ledger.submit(TransferRequest.of("t3", "wang", "canteen", 30, "canteen-redemption"));
    Instant t2 = ledger.find("t2").orElseThrow().timestamp();
    assertEquals(List.of("t1"), ids(ledger.history("wang",
        HistoryQuery.all().withCode("elderly-care"))));
    assertEquals(List.of("t1", "t2"), ids(ledger.history("wang",
        HistoryQuery.all().withCounterparty("pool"))));
    assertEquals(List.of("t2", "t3"), ids(ledger.history("wang",
        HistoryQuery.all().between(t2, Instant.MAX))));
    assertEquals(List.of("t1"), ids(ledger.history("wang",
        HistoryQuery.all().between(Instant.MIN, t2))));
    assertThrows(InvalidValueException.class, () -> HistoryQuery.all().between(t2, Instant.MIN));
    assertThrows(InvalidValueException.class, () -> ledger.history("nobody", HistoryQuery.all()));
  }

  @Test
  void statement_carriesOpeningRunningAndClosingBalances_andWritesCsv() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 100, "elderly-care"));
    clock.advance(Duration.ofDays(1));
    Instant from = clock.instant();
    ledger.submit(TransferRequest.of("t2", "pool", "wang", 50, "general"));
    ledger.submit(TransferRequest.of("t3", "wang", "canteen", 30, "canteen-redemption")
        .withOperator("wang-daughter"));
    Statement s = ledger.statement("wang", from, Instant.MAX);
    assertEquals(100, s.opening());
    assertEquals(120, s.closing());
    assertEquals(50, s.totalIn());
    assertEquals(30, s.totalOut());
    assertEquals(List.of(150L, 120L), s.lines().stream().map(Statement.Line::balance).toList());
    StringBuilder csv = new StringBuilder();
    s.writeCsv(csv, ZoneId.of("Asia/Shanghai"));
    assertEquals("""
        time,transfer,code,counterparty,amount,balance,operator,user_data
        2026-12-06T10:30+08:00,,opening,,,100,,
        2026-12-06T10:30+08:00,t2,general,pool,50,150,,
        2026-12-06T10:30:00.000000001+08:00,t3,canteen-redemption,canteen,-30,120,wang-daughter,
        ,,closing,,,120,,
        """, csv.toString());
  }

  private static List<String> ids(List<Transfer> ts) {
    return ts.stream().map(Transfer::id).toList();
  }
}
