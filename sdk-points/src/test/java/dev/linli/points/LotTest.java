package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LotTest {
  private MutableClock clock;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2024-02-29T02:00:00Z"); // 10:00 in Shanghai, a leap day
    ledger = Ledger.builder().clock(clock).expireLots("points", Period.ofYears(2), "expired")
        .build();
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("wang", "points"));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
  }

  private void earn(String id, long amount) {
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of(id, "pool", "wang", amount,
        "elderly-care")));
  }

  private void spend(String id, long amount) {
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of(id, "wang", "canteen", amount,
        "canteen-redemption")));
  }

  @Test
  void twoYearsFromALeapDay_endsOnTheLastDayOfFebruary_inShanghai() {
    earn("e1", 100);
    Lot lot = ledger.lots("wang").get(0);
    assertEquals(Instant.parse("2026-02-28T02:00:00Z"), lot.expiresAt());
    assertEquals(100, lot.remaining());
  }

  @Test
  void spending_consumesTheOldestLotFirst() {
    earn("e1", 100);
    clock.advance(Duration.ofDays(30));
    earn("e2", 200);
    spend("s1", 150);
    List<Lot> lots = ledger.lots("wang");
    assertEquals(1, lots.size(), "the first lot is spent and dropped");
    assertEquals("e2", lots.get(0).sourceTransferId());
    assertEquals(150, lots.get(0).remaining());
  }

  @Test
  void sweep_expiresOnlyWhatIsLeft_ofLotsPastExpiry_andIsIdempotent() {
    earn("e1", 100);
    clock.advance(Duration.ofDays(400));
    earn("e2", 200);
    spend("s1", 60);
    clock.set(Instant.parse("2026-02-28T02:00:00Z"));
    List<Transfer> expired = ledger.expireLots();
    assertEquals(1, expired.size());
    assertEquals(40, expired.get(0).amount(), "60 of the first lot's 100 were spent");
    assertEquals("expired", expired.get(0).creditAccountId());
    assertEquals("expiry", expired.get(0).code());
    assertEquals(200, ledger.balance("wang").balance());
    assertEquals(List.of(), ledger.expireLots(), "a second sweep finds nothing");
    assertEquals(40, ledger.balance("expired").balance());
    assertEquals(Map.of("points", 0L), ledger.sumOfBalances());
  }

  @Test
  void pointsReservedByAHold_doNotExpire_untilTheHoldIsVoided() {
    earn("e1", 100);
    assertEquals(TransferResult.OK, ledger.hold(TransferRequest.of("h1", "wang", "canteen", 70,
        "canteen-redemption"), Duration.ofDays(800)));
    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    List<Transfer> first = ledger.expireLots();
    assertEquals(30, first.get(0).amount());
    assertEquals(TransferResult.OK, ledger.voidHold("h1"));
    List<Transfer> second = ledger.expireLots();
    assertEquals(70, second.get(0).amount());
    assertTrue(!first.get(0).id().equals(second.get(0).id()), "each expiry has its own id");
    assertEquals(0, ledger.balance("wang").balance());
  }

  @Test
  void reversingAnEarning_takesBackItsOwnLot_notTheOldest() {
    earn("e1", 100);
    clock.advance(Duration.ofDays(10));
    earn("e2", 50);
    Transfer e2 = ledger.find("e2").orElseThrow();
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.reversal("r1", e2, 50)));
    List<Lot> lots = ledger.lots("wang");
    assertEquals(1, lots.size());
    assertEquals("e1", lots.get(0).sourceTransferId());
    assertEquals(100, lots.get(0).remaining());
  }

  @Test
  void aRefund_keepsTheAgeOfTheSpend_soItCannotRenewPoints() {
    earn("e1", 100);
    clock.advance(Duration.ofDays(100));
    spend("s1", 40);
    clock.advance(Duration.ofDays(100));
    Transfer s1 = ledger.find("s1").orElseThrow();
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.reversal("r1", s1, 40)));
    List<Lot> lots = ledger.lots("wang");
    assertEquals(2, lots.size());
    Lot refund = lots.get(1);
    assertEquals("r1", refund.sourceTransferId());
    assertEquals(s1.timestamp(), refund.earnedAt());
  }

  @Test
  void expiringWithin_listsLotsDueInTheWindow() {
    earn("e1", 100);
    clock.advance(Duration.ofDays(200));
    earn("e2", 10);
    clock.set(Instant.parse("2026-02-01T00:00:00Z"));
    List<Lot> soon = ledger.expiringWithin("wang", Duration.ofDays(30));
    assertEquals(1, soon.size());
    assertEquals("e1", soon.get(0).sourceTransferId());
    assertEquals(2, ledger.expiringWithin("wang", Duration.ofDays(400)).size());
  }

  @Test
  void aFailedBatch_leavesLotsAsTheyWere() {
    earn("e1", 100);
    List<TransferResult> r = ledger.submitLinked(List.of(
        TransferRequest.of("s1", "wang", "canteen", 80, "canteen-redemption"),
        TransferRequest.of("s2", "wang", "canteen", 30, "canteen-redemption")));
    assertEquals(List.of(TransferResult.LINKED_EVENT_FAILED, TransferResult.EXCEEDS_BALANCE), r);
    assertEquals(100, ledger.lots("wang").get(0).remaining());
    assertEquals(0, ledger.history("wang", HistoryQuery.all().withCode("canteen-redemption"))
        .size());
  }

  @Test
  void poolsAndMerchants_keepNoLots() {
    earn("e1", 100);
    spend("s1", 100);
    assertEquals(List.of(), ledger.lots("canteen"));
    assertEquals(List.of(), ledger.lots("pool"));
  }

  @Test
  void aMemberWithOverdraft_paysTheDeficitBeforeANewLotStarts() {
    ledger.createAccount(new Account("li", "points", AccountKind.MEMBER, 50, false, ""));
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("s1", "li", "canteen", 30,
        "canteen-redemption")));
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("e1", "pool", "li", 100,
        "general")));
    assertEquals(70, ledger.lots("li").get(0).remaining());
    assertEquals(70, ledger.balance("li").balance());
  }
}
