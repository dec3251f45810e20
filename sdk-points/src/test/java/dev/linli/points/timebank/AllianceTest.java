package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class AllianceTest {
  private MutableClock clock;
  private Ledger jingfang;
  private Ledger yinger;
  private Alliance alliance;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-06-01T02:00:00Z");
    jingfang = Ledger.create(clock);
    yinger = Ledger.create(clock);
    for (Ledger l : List.of(jingfang, yinger)) {
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    }
    jingfang.createAccount(Account.member("wang", "points"));
    yinger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    jingfang.submit(TransferRequest.of("e1", "pool", "wang", 300, "elderly-care"));
    alliance = Alliance.between(new Alliance.Community("jingfang", jingfang),
        new Alliance.Community("yinger", yinger));
  }

  @Test
  void noTransfer_untilBothSidesAccept() {
    alliance.accept("jingfang");
    TimeBankResult.Rejected r = assertInstanceOf(TimeBankResult.Rejected.class,
        alliance.transfer("x1", "jingfang", "wang", "canteen", 100, "canteen-redemption", null));
    assertEquals(TimeBankResult.Reason.ALLIANCE_NOT_ACCEPTED, r.reason());
    assertEquals(300, jingfang.balance("wang").balance());
    assertThrows(InvalidValueException.class, () -> alliance.accept("xihu"));
  }

  @Test
  void aMemberPaysTheOtherCommunitysCanteen_andBothBooksBalance() {
    alliance.accept("jingfang");
    alliance.accept("yinger");
    TimeBankResult.Accepted ok = assertInstanceOf(TimeBankResult.Accepted.class,
        alliance.transfer("x1", "jingfang", "wang", "canteen", 100, "canteen-redemption", null));
    assertEquals(2, ok.transfers().size());
    assertEquals(200, jingfang.balance("wang").balance());
    assertEquals(100, yinger.balance("canteen").balance());
    assertEquals(Map.of("points", 0L), jingfang.sumOfBalances());
    assertEquals(Map.of("points", 0L), yinger.sumOfBalances());
    assertEquals(0, jingfang.balance("alliance:yinger").balance()
        + yinger.balance("alliance:jingfang").balance());
    assertEquals(ok, alliance.transfer("x1", "jingfang", "wang", "canteen", 100,
        "canteen-redemption", null), "a retry");
  }

  @Test
  void aRefusalOnTheReceivingSide_releasesTheSendersPoints() {
    alliance.accept("jingfang");
    alliance.accept("yinger");
    TimeBankResult.Rejected r = assertInstanceOf(TimeBankResult.Rejected.class,
        alliance.transfer("x1", "jingfang", "wang", "nobody", 100, "gift", null));
    assertEquals(List.of(TransferResult.CREDIT_ACCOUNT_NOT_FOUND), r.ledgerResults());
    assertEquals(300, jingfang.balance("wang").available());
    TimeBankResult.Rejected poor = assertInstanceOf(TimeBankResult.Rejected.class,
        alliance.transfer("x2", "jingfang", "wang", "canteen", 301, "gift", null));
    assertEquals(List.of(TransferResult.EXCEEDS_BALANCE), poor.ledgerResults());
  }

  @Test
  void reconcile_completesATransferACrashLeftHalfWay() {
    alliance.accept("jingfang");
    alliance.accept("yinger");
    // The crash came after the hold and the credit, before the post.
    jingfang.hold(new TransferRequest("x1", "wang", "alliance:yinger", 100, "gift",
        "to yinger:canteen", null), Duration.ofDays(7));
    yinger.submit(new TransferRequest("x1", "alliance:jingfang", "canteen", 100, "gift",
        "from jingfang:wang", null));
    // And another crash right after a hold.
    jingfang.hold(new TransferRequest("x2", "wang", "alliance:yinger", 50, "gift",
        "to yinger:canteen", null), Duration.ofDays(7));
    assertEquals(2, alliance.reconcile());
    assertEquals(200, jingfang.balance("wang").balance());
    assertEquals(200, jingfang.balance("wang").available());
    assertEquals(0, jingfang.balance("alliance:yinger").balance()
        + yinger.balance("alliance:jingfang").balance());
    assertEquals(0, alliance.reconcile());
  }

  @Property(tries = 50)
  void clearingAccountsAlwaysMirror(@ForAll long seed) {
    setUp();
    yinger.createAccount(Account.member("li", "points"));
    yinger.submit(TransferRequest.of("e2", "pool", "li", 300, "general"));
    jingfang.createAccount(new Account("barber", "points", AccountKind.MERCHANT, 0, false, ""));
    alliance.accept("jingfang");
    alliance.accept("yinger");
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 40; i++) {
      boolean east = random.nextBoolean();
      alliance.transfer("x" + i, east ? "jingfang" : "yinger", east ? "wang" : "li",
          east ? "canteen" : "barber", 1 + random.nextInt(120), "gift", null);
      assertEquals(0, jingfang.balance("alliance:yinger").balance()
          + yinger.balance("alliance:jingfang").balance());
      assertEquals(Map.of("points", 0L), jingfang.sumOfBalances());
      assertEquals(Map.of("points", 0L), yinger.sumOfBalances());
      assertTrue(jingfang.balance("wang").balance() >= 0 && yinger.balance("li").balance() >= 0);
    }
  }
}
