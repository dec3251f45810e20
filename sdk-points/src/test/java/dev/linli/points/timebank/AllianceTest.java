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
    ServiceResult.Rejected<?> r = assertInstanceOf(ServiceResult.Rejected.class,
        alliance.transfer(AllianceTransfer.of("x1", "jingfang", "wang", "canteen", 100,
            "canteen-redemption")));
    assertEquals(ServiceCode.ALLIANCE_NOT_ACCEPTED, r.code());
    assertEquals(300, jingfang.balance("wang").balance());
    assertThrows(InvalidValueException.class, () -> alliance.accept("xihu"));
  }

  @Test
  void aMemberPaysTheOtherCommunitysCanteen_andBothBooksBalance() {
    alliance.accept("jingfang");
    alliance.accept("yinger");
    ServiceResult.Accepted<?> ok = assertInstanceOf(ServiceResult.Accepted.class,
        alliance.transfer(AllianceTransfer.of("x1", "jingfang", "wang", "canteen", 100,
            "canteen-redemption")));
    assertEquals(PaymentState.PAID, ok.state());
    assertEquals(2, ok.transfers().size());
    assertEquals(200, jingfang.balance("wang").balance());
    assertEquals(100, yinger.balance("canteen").balance());
    assertEquals(Map.of("points", 0L), jingfang.sumOfBalances());
    assertEquals(Map.of("points", 0L), yinger.sumOfBalances());
    assertEquals(0, jingfang.balance("alliance:yinger").balance()
        + yinger.balance("alliance:jingfang").balance());
    ServiceResult.Accepted<?> again = assertInstanceOf(ServiceResult.Accepted.class,
        alliance.transfer(AllianceTransfer.of("x1", "jingfang", "wang", "canteen", 100,
            "canteen-redemption")), "a retry");
    assertEquals(ok.transfers(), again.transfers());
    assertTrue(again.retry());
    assertEquals(200, jingfang.balance("wang").balance(), "paid once");
  }

  @Test
  void aRefusalOnTheReceivingSide_releasesTheSendersPoints() {
    alliance.accept("jingfang");
    alliance.accept("yinger");
    ServiceResult.Rejected<?> r = assertInstanceOf(ServiceResult.Rejected.class,
        alliance.transfer(AllianceTransfer.of("x1", "jingfang", "wang", "nobody", 100, "gift")));
    assertEquals(List.of(TransferResult.CREDIT_ACCOUNT_NOT_FOUND), r.ledgerResults());
    assertEquals(300, jingfang.balance("wang").available());
    ServiceResult.Rejected<?> poor = assertInstanceOf(ServiceResult.Rejected.class,
        alliance.transfer(AllianceTransfer.of("x2", "jingfang", "wang", "canteen", 301, "gift")));
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
      alliance.transfer(AllianceTransfer.of("x" + i, east ? "jingfang" : "yinger",
          east ? "wang" : "li", east ? "canteen" : "barber", 1 + random.nextInt(120), "gift"));
      assertEquals(0, jingfang.balance("alliance:yinger").balance()
          + yinger.balance("alliance:jingfang").balance());
      assertEquals(Map.of("points", 0L), jingfang.sumOfBalances());
      assertEquals(Map.of("points", 0L), yinger.sumOfBalances());
      assertTrue(jingfang.balance("wang").balance() >= 0 && yinger.balance("li").balance() >= 0);
    }
  }
}
