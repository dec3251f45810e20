package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.DataFormatException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import java.io.ByteArrayInputStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class CatalogueTest {
  private MutableClock clock;
  private Ledger ledger;
  private TimeBank bank;
  private Catalogue catalogue;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-03-10T02:00:00Z");
    ledger = Ledger.create(clock);
    bank = TimeBank.open(ledger, new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"),
        Duration.ofHours(2), RoundingMode.HALF_UP), "pool", "minutes-issuer");
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    ledger.createAccount(new Account("barber", "points", AccountKind.MERCHANT, 0, false, ""));
    catalogue = Catalogue.of(bank, List.of(
        new Catalogue.Item("canteen-lunch", Name.of("长者食堂午餐", "Canteen lunch"), "canteen", 100,
            2, null),
        new Catalogue.Item("haircut", Name.of("理发", "Haircut"), "barber", 150,
            Catalogue.Item.UNLIMITED, new PointsLimit(CalendarPeriod.QUARTER, 1))));
    for (String m : List.of("wang", "zhou")) {
      bank.enrol(m);
      bank.award(new AwardRequest("a-" + m, m, "elderly-care", Duration.ofHours(2), "meal-run"));
      bank.award(new AwardRequest("b-" + m, m, "elderly-care", Duration.ofHours(2), "meal-run-2"));
    }
  }

  @Test
  void stockRunsOut_andARefundGivesItBack() {
    assertTrue(catalogue.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch")).accepted());
    assertTrue(catalogue.redeem(RedemptionRequest.of("r2", "zhou", "canteen-lunch")).accepted());
    ServiceResult.Rejected<?> out = assertInstanceOf(ServiceResult.Rejected.class,
        catalogue.redeem(RedemptionRequest.of("r3", "wang", "canteen-lunch")));
    assertEquals(ServiceCode.OUT_OF_STOCK, out.code());
    assertEquals("长者食堂午餐 (canteen-lunch) is out of stock", out.message());
    ServiceResult.Accepted<?> refund = assertInstanceOf(ServiceResult.Accepted.class,
        catalogue.refund("r2-refund", "r2"));
    assertEquals(PaymentState.REFUNDED, refund.state());
    assertEquals("r2", refund.transfers().get(0).reverses());
    assertEquals(1, catalogue.stockLeft("canteen-lunch"));
    assertTrue(catalogue.redeem(RedemptionRequest.of("r3", "wang", "canteen-lunch")).accepted());
    assertEquals(600 - 200, ledger.balance("wang.points").balance());
  }

  @Test
  void oncePerQuarter_meansOncePerCalendarQuarterInShanghai() {
    assertTrue(catalogue.redeem(RedemptionRequest.of("h1", "wang", "haircut")).accepted());
    ServiceResult.Rejected<?> again = assertInstanceOf(ServiceResult.Rejected.class,
        catalogue.redeem(RedemptionRequest.of("h2", "wang", "haircut")));
    assertEquals(ServiceCode.FREQUENCY_LIMIT, again.code());
    assertEquals("wang has redeemed haircut 1 time(s) this quarter; the limit is 1",
        again.message());
    assertTrue(catalogue.redeem(RedemptionRequest.of("h2", "zhou", "haircut")).accepted(),
        "another member");
    clock.set(Instant.parse("2026-03-31T16:00:00Z")); // 00:00 on 1 April in Shanghai
    assertTrue(catalogue.redeem(RedemptionRequest.of("h3", "wang", "haircut")).accepted());
  }

  @Test
  void aRetry_returnsTheSameTransfer_andRejectionsSayWhy() {
    ServiceResult.Accepted<?> first = assertInstanceOf(ServiceResult.Accepted.class,
        catalogue.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch")));
    ServiceResult.Accepted<?> again = assertInstanceOf(ServiceResult.Accepted.class,
        catalogue.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch")));
    assertEquals(first.transfers(), again.transfers());
    assertTrue(again.retry() && !first.retry());
    assertEquals(1, catalogue.stockLeft("canteen-lunch"));
    assertEquals(ServiceCode.UNKNOWN_ITEM, code(catalogue.redeem(RedemptionRequest.of("r9",
        "wang", "massage"))));
    assertEquals(ServiceCode.NOT_ENROLLED, code(catalogue.redeem(RedemptionRequest.of("r9",
        "nobody", "haircut"))));
    assertEquals(ServiceCode.NOT_AUTHORISED, code(catalogue.redeem(RedemptionRequest.of("r9",
        "wang", "haircut").by("zhou"))));
    bank.enrol("li");
    ServiceResult.Rejected<?> poor = assertInstanceOf(ServiceResult.Rejected.class,
        catalogue.redeem(RedemptionRequest.of("r9", "li", "haircut")));
    assertEquals("the ledger refused the redemption: EXCEEDS_BALANCE (150 points needed, 0"
        + " available)", poor.message());
    assertThrows(InvalidValueException.class, () -> catalogue.stockLeft("massage"));
  }

  private static ServiceCode code(ServiceResult<?> r) {
    return assertInstanceOf(ServiceResult.Rejected.class, r).code();
  }

  @Test
  void refund_ofNoRedemption_isNotFound_andARetryAnswersTheSameReversal() {
    assertEquals(ServiceCode.NOT_FOUND, code(catalogue.refund("f1", "r-none")));
    catalogue.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch"));
    ServiceResult.Accepted<?> first = assertInstanceOf(ServiceResult.Accepted.class,
        catalogue.refund("f1", "r1"));
    ServiceResult.Accepted<?> again = assertInstanceOf(ServiceResult.Accepted.class,
        catalogue.refund("f1", "r1"));
    assertEquals(first.transfers(), again.transfers());
    assertTrue(again.retry());
    assertEquals(600, ledger.balance("wang.points").balance(), "refunded once");
  }

  @Test
  void settlement_valuesNetRedemptionsAtTheShadowPrice() {
    Instant from = clock.instant();
    catalogue.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch"));
    catalogue.redeem(RedemptionRequest.of("r2", "zhou", "canteen-lunch"));
    catalogue.refund("r2-refund", "r2");
    catalogue.redeem(RedemptionRequest.of("h1", "wang", "haircut"));
    Catalogue.Settlement canteen = catalogue.settlement("canteen", from, Instant.MAX, "0.10");
    assertEquals(List.of(new Catalogue.Settlement.Line("canteen-lunch", 1, 100, 1000)),
        canteen.lines());
    assertEquals(1000, canteen.fen());
    Catalogue.Settlement barber = catalogue.settlement("barber", from, Instant.MAX, "0.125");
    assertEquals(1875, barber.fen(), "150 points at 0.125 yuan = 18.75 yuan");
    StringBuilder csv = new StringBuilder();
    barber.writeCsv(csv);
    assertEquals("""
        merchant,item,count,points,cny
        barber,haircut,1,150,18.75
        barber,total,1,150,18.75
        """, csv.toString());
    assertThrows(InvalidValueException.class,
        () -> catalogue.settlement("barber", from, Instant.MAX, "one yuan"));
  }

  @Test
  void itemsReadFromJson_andBadItemsAreNamed() {
    List<Catalogue.Item> items = Catalogue.parse(new ByteArrayInputStream("""
        {"format": "linli-catalogue", "version": 1, "items": [
          {"id": "canteen-lunch", "name": {"zh": "长者食堂午餐", "en": "Canteen lunch"},
           "merchantAccountId": "canteen", "price": 100, "stock": 500,
           "perMember": {"period": "WEEK", "max": 3}}]}
        """.getBytes(StandardCharsets.UTF_8)), "catalogue.json");
    assertEquals(new PointsLimit(CalendarPeriod.WEEK, 3), items.get(0).perMember());
    DataFormatException e = assertThrows(DataFormatException.class, () -> Catalogue.parse(
        new ByteArrayInputStream("""
            {"format": "linli-catalogue", "version": 1, "items": [
              {"id": "x", "name": {"zh": "x", "en": "x"}, "merchantAccountId": "canteen",
               "price": 0, "stock": 1}]}
            """.getBytes(StandardCharsets.UTF_8)), "catalogue.json"));
    assertEquals("$.items[0].price", e.problems().get(0).path());
    assertThrows(InvalidValueException.class, () -> Catalogue.of(bank, List.of(
        catalogueItem("x"), catalogueItem("x"))));
  }

  private static Catalogue.Item catalogueItem(String id) {
    return new Catalogue.Item(id, Name.of("x", "x"), "canteen", 1, 1, null);
  }
}
