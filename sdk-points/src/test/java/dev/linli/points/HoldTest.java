package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HoldTest {
  private MutableClock clock;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-12-05T02:30:00Z");
    ledger = LedgerTest.newLedger(clock);
    ledger.submit(TransferRequest.of("fund", "pool", "zhou", 100, "gift"));
  }

  @Test
  void pendingAmount_countsAgainstAvailable_untilPostedPartly() {
    assertEquals(TransferResult.OK, ledger.hold(TransferRequest.of("h1", "zhou", "wang", 80,
        "wish-reward"), Duration.ofDays(7)));
    Balance zhou = ledger.balance("zhou");
    assertEquals(100, zhou.balance());
    assertEquals(20, zhou.available());
    assertEquals(TransferResult.EXCEEDS_BALANCE,
        ledger.submit(TransferRequest.of("t1", "zhou", "canteen", 21, "canteen-redemption")));
    assertEquals(TransferResult.OK, ledger.post("p1", "h1", 50));
    assertEquals(50, ledger.balance("zhou").available(), "the unposted 30 is released");
    assertEquals(50, ledger.balance("wang").balance());
    assertEquals(Hold.State.POSTED, ledger.findHold("h1").orElseThrow().state());
    assertEquals(TransferResult.EXISTS, ledger.post("p1", "h1", 50), "a retried post");
    assertEquals(TransferResult.HOLD_ALREADY_POSTED, ledger.post("p2", "h1", 10));
  }

  @Test
  void void_releasesAll_andIsIdempotent() {
    ledger.hold(TransferRequest.of("h1", "zhou", "wang", 80, "wish-reward"), Duration.ofDays(7));
    assertEquals(TransferResult.OK, ledger.voidHold("h1"));
    assertEquals(TransferResult.EXISTS, ledger.voidHold("h1"));
    assertEquals(TransferResult.HOLD_ALREADY_VOIDED, ledger.post("p1", "h1", 1));
    assertEquals(100, ledger.balance("zhou").available());
  }

  @Test
  void expiry_releasesAtTheTimeout_byTheLedgersClock() {
    ledger.hold(TransferRequest.of("h1", "zhou", "wang", 80, "wish-reward"), Duration.ofHours(2));
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertEquals(20, ledger.balance("zhou").available());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(100, ledger.balance("zhou").available());
    assertEquals(Hold.State.EXPIRED, ledger.findHold("h1").orElseThrow().state());
    assertEquals(TransferResult.HOLD_EXPIRED, ledger.post("p1", "h1", 80));
  }

  @Test
  void badHolds_areCodes() {
    assertEquals(TransferResult.HOLD_TIMEOUT_MUST_BE_POSITIVE, ledger.hold(
        TransferRequest.of("h1", "zhou", "wang", 1, "gift"), Duration.ZERO));
    assertEquals(TransferResult.EXCEEDS_BALANCE, ledger.hold(
        TransferRequest.of("h1", "zhou", "wang", 101, "gift"), Duration.ofDays(1)));
    assertEquals(TransferResult.HOLD_NOT_FOUND, ledger.post("p", "nope", 1));
    assertEquals(TransferResult.HOLD_NOT_FOUND, ledger.voidHold("nope"));
    ledger.hold(TransferRequest.of("h2", "zhou", "wang", 10, "gift"), Duration.ofDays(1));
    assertEquals(TransferResult.POST_EXCEEDS_HOLD, ledger.post("p", "h2", 11));
    assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, ledger.hold(
        TransferRequest.of("h2", "zhou", "wang", 11, "gift"), Duration.ofDays(1)));
  }

  /** Holds, posts, voids, expiries and transfers in any order keep every invariant. */
  @Property(tries = 300)
  void anyMixOfHolds_keepsSumsAndAvailability(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 200) int ops) {
    MutableClock c = MutableClock.at("2026-01-01T00:00:00Z");
    Ledger l = LedgerTest.newLedger(c);
    l.submit(TransferRequest.of("fund-w", "pool", "wang", 1000, "gift"));
    l.submit(TransferRequest.of("fund-z", "pool", "zhou", 1000, "gift"));
    SplittableRandom random = new SplittableRandom(seed);
    List<String> members = List.of("wang", "zhou", "canteen");
    List<String> holdIds = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      c.advance(Duration.ofMinutes(random.nextInt(0, 120)));
      String from = members.get(random.nextInt(3));
      String to = members.get(random.nextInt(3));
      switch (random.nextInt(4)) {
        case 0 -> {
          if (l.hold(TransferRequest.of("h" + i, from, to, 1 + random.nextInt(400), "gift"),
              Duration.ofMinutes(1 + random.nextInt(300))) == TransferResult.OK) {
            holdIds.add("h" + i);
          }
        }
        case 1 -> {
          if (!holdIds.isEmpty()) {
            l.post("p" + i, holdIds.get(random.nextInt(holdIds.size())), 1 + random.nextInt(400));
          }
        }
        case 2 -> {
          if (!holdIds.isEmpty()) {
            l.voidHold(holdIds.get(random.nextInt(holdIds.size())));
          }
        }
        default -> l.submit(TransferRequest.of("t" + i, from, to, 1 + random.nextInt(400), "gift"));
      }
      assertEquals(0L, l.sumOfBalances().get("points"));
      long pendingDebits = 0;
      long pendingOfHolds = 0;
      for (String m : members) {
        Balance b = l.balance(m);
        assertTrue(b.available() >= 0, m + " available " + b.available());
        pendingDebits += b.debitsPending();
      }
      for (String id : holdIds) {
        Hold h = l.findHold(id).orElseThrow();
        if (h.state() == Hold.State.PENDING) {
          pendingOfHolds += h.amount();
        }
      }
      assertEquals(pendingOfHolds, pendingDebits, "pending totals match the pending holds");
    }
    for (String id : holdIds) {
      Hold h = l.findHold(id).orElseThrow();
      if (h.state() == Hold.State.POSTED) {
        Transfer t = l.find(h.postedTransferId()).orElseThrow();
        assertTrue(t.amount() <= h.amount(), "a post never moves more than was held");
      }
    }
  }
}
