package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.timebank.ServiceResult;
import dev.linli.core.InvalidValueException;
import dev.linli.core.people.WishStatus;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WishBoardTest {
  MutableClock clock;
  Ledger ledger;
  TimeBank bank;
  WishBoard board;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-12-01T02:00:00Z");
    ledger = Ledger.create(clock);
    bank = TimeBank.open(ledger, new EarningRules(100, "1.0", Map.of(), Duration.ofHours(2),
        RoundingMode.HALF_UP), "pool", "minutes-issuer");
    bank.enrol("v-chen");
    board = WishBoard.on(bank, "wish-escrow", Duration.ofDays(30), Set.of("grid-07"));
  }

  private static String message(ServiceResult<?> r) {
    return ((ServiceResult.Rejected<?>) r).message();
  }

  @Test
  void aFulfilledWish_paysTheHeldPointsToTheVolunteer() {
    assertEquals(new ServiceResult.Accepted<>(WishStatus.REQUESTED, List.of(),
        "posted with 80 points held"),
        board.post(WishRequest.of("w-17", "jingfang", "r-zhou", "修一下卧室的窗户", "repair")
            .postedBy("grid-07").offering(80, "pool")));
    assertEquals(-80, ledger.balance("pool").available());
    assertTrue(board.claim("w-17", "v-chen").accepted());
    assertEquals("fulfilment is confirmed by the resident r-zhou or a grid worker, not v-chen",
        message(board.fulfil("w-17", "v-chen")));
    clock.advance(Duration.ofHours(26));
    ServiceResult.Accepted<?> paid = assertInstanceOf(ServiceResult.Accepted.class,
        board.fulfil("w-17", "r-zhou"));
    assertEquals(WishStatus.FULFILLED, paid.state());
    assertEquals("fulfilled by v-chen, 80 points paid", paid.message());
    assertEquals(List.of("w-17.escrowed", "w-17.paid"),
        paid.transfers().stream().map(t -> t.id()).toList());
    assertEquals("v-chen.points", paid.transfers().get(1).creditAccountId());
    assertEquals(80, ledger.balance("v-chen.points").balance());
    assertEquals(0, ledger.balance("wish-escrow").balance());
    assertEquals("wish w-17 is FULFILLED and cannot become CANCELLED; allowed next: []",
        message(board.cancel("w-17", "r-zhou")));
  }

  @Test
  void unclaimedWishesExpire_andTheirPointsReturn() {
    board.post(WishRequest.of("w-18", "jingfang", "r-li", "给孙子一个书包", "gift")
        .offering(50, "pool"));
    board.post(WishRequest.of("w-19", "jingfang", "r-li", "陪我去医院", "companion"));
    board.claim("w-19", "v-chen");
    clock.advance(Duration.ofDays(30));
    List<dev.linli.core.people.Wish> expired = board.expireDue();
    assertEquals(List.of("w-18"), expired.stream().map(dev.linli.core.people.Wish::id).toList());
    assertEquals(0, ledger.balance("pool").available(), "the 50 points are back");
    assertEquals(WishStatus.CLAIMED, board.wish("w-19").orElseThrow().status(),
        "claimed wishes do not expire");
    assertEquals(List.of(), board.expireDue());
  }

  @Test
  void illegalMovesAndStrangers_areRejectedWithReasons() {
    assertEquals("r-zhou may not post for r-li; only the resident or a grid worker may",
        message(board.post(WishRequest.of("w-1", "jingfang", "r-li", "x", "repair")
            .postedBy("r-zhou"))));
    board.post(WishRequest.of("w-1", "jingfang", "r-li", "fix a tap", "repair")
        .offering(30, "pool"));
    assertEquals("wish w-1 exists (REQUESTED)",
        message(board.post(WishRequest.of("w-1", "jingfang", "r-li", "x", "repair"))));
    assertEquals("wish w-1 is REQUESTED and cannot become FULFILLED; allowed next: [CLAIMED,"
        + " EXPIRED, CANCELLED]", message(board.fulfil("w-1", "r-li")));
    assertEquals("unit-9 is not enrolled in the time bank, so cannot receive the 30 points"
        + " offered; enrol first", message(board.claim("w-1", "unit-9")));
    board.claim("w-1", "v-chen");
    assertEquals("only v-chen, who claimed it, may give it up",
        message(board.release("w-1", "someone")));
    assertTrue(board.release("w-1", "v-chen").accepted());
    assertTrue(board.cancel("w-1", "grid-07").accepted());
    assertEquals(0, ledger.balance("pool").available());
    assertEquals("no wish w-404", message(board.claim("w-404", "v-chen")));
  }

  @Test
  void aShortPool_cannotOfferPoints() {
    ledger.createAccount(new dev.linli.points.Account("donor-a", "points",
        dev.linli.points.AccountKind.DONATION_POOL, 0, false, ""));
    ledger.submit(TransferRequest.of("fund", "pool", "donor-a", 40, "donation"));
    assertEquals("cannot hold 50 points from donor-a: EXCEEDS_BALANCE",
        message(board.post(WishRequest.of("w-2", "jingfang", "r-li", "x", "repair")
            .offering(50, "donor-a"))));
    assertTrue(board.wish("w-2").isEmpty(), "a rejected post leaves nothing behind");
  }

  @Test
  void wishRequest_pointsAndSourceMustAgree_namingTheField() {
    InvalidValueException noSource = assertThrows(InvalidValueException.class,
        () -> new WishRequest("w-3", "jingfang", "r-li", "r-li", "x", "repair", 50, null));
    assertTrue(noSource.getMessage().contains("sourceAccountId"), noSource.getMessage());
    InvalidValueException zero = assertThrows(InvalidValueException.class,
        () -> WishRequest.of("w-3", "jingfang", "r-li", "x", "repair").offering(0, "pool"));
    assertTrue(zero.getMessage().contains("points"), zero.getMessage());
    assertThrows(InvalidValueException.class,
        () -> WishRequest.of("w-3", "jingfang", "r-li", " ", "repair"));
    WishRequest byGridWorker = WishRequest.of("w-3", "jingfang", "r-li", "x", "repair")
        .postedBy("grid-07").offering(20, "pool");
    assertEquals(new WishRequest("w-3", "jingfang", "r-li", "grid-07", "x", "repair", 20, "pool"),
        byGridWorker);
  }
}
