package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.DataFormatException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferResult;
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
      bank.award("a-" + m, m, "elderly-care", Duration.ofHours(2), "meal-run");
      bank.award("b-" + m, m, "elderly-care", Duration.ofHours(2), "meal-run-2");
    }
  }

  @Test
  void stockRunsOut_andARefundGivesItBack() {
    assertTrue(catalogue.redeem("r1", "wang", "canteen-lunch", null).accepted());
    assertTrue(catalogue.redeem("r2", "zhou", "canteen-lunch", null).accepted());
    TimeBankResult.Rejected out = assertInstanceOf(TimeBankResult.Rejected.class,
        catalogue.redeem("r3", "wang", "canteen-lunch", null));
    assertEquals(TimeBankResult.Reason.OUT_OF_STOCK, out.reason());
    assertEquals("长者食堂午餐 (canteen-lunch) is out of stock", out.message());
    assertEquals(TransferResult.OK, catalogue.refund("r2-refund", "r2"));
    assertEquals(1, catalogue.stockLeft("canteen-lunch"));
    assertTrue(catalogue.redeem("r3", "wang", "canteen-lunch", null).accepted());
    assertEquals(600 - 200, ledger.balance("wang.points").balance());
  }

  @Test
  void oncePerQuarter_meansOncePerCalendarQuarterInShanghai() {
    assertTrue(catalogue.redeem("h1", "wang", "haircut", null).accepted());
    TimeBankResult.Rejected again = assertInstanceOf(TimeBankResult.Rejected.class,
        catalogue.redeem("h2", "wang", "haircut", null));
    assertEquals(TimeBankResult.Reason.FREQUENCY_LIMIT, again.reason());
    assertEquals("wang has redeemed haircut 1 time(s) this quarter; the limit is 1",
        again.message());
    assertTrue(catalogue.redeem("h2", "zhou", "haircut", null).accepted(), "another member");
    clock.set(Instant.parse("2026-03-31T16:00:00Z")); // 00:00 on 1 April in Shanghai
    assertTrue(catalogue.redeem("h3", "wang", "haircut", null).accepted());
  }

  @Test
  void aRetry_returnsTheSameTransfer_andRejectionsSayWhy() {
    TimeBankResult first = catalogue.redeem("r1", "wang", "canteen-lunch", null);
    assertEquals(first, catalogue.redeem("r1", "wang", "canteen-lunch", null));
    assertEquals(1, catalogue.stockLeft("canteen-lunch"));
    assertEquals(TimeBankResult.Reason.UNKNOWN_ITEM,
        ((TimeBankResult.Rejected) catalogue.redeem("r9", "wang", "massage", null)).reason());
    assertEquals(TimeBankResult.Reason.NOT_ENROLLED,
        ((TimeBankResult.Rejected) catalogue.redeem("r9", "nobody", "haircut", null)).reason());
    assertEquals(TimeBankResult.Reason.NOT_AUTHORISED,
        ((TimeBankResult.Rejected) catalogue.redeem("r9", "wang", "haircut", "zhou")).reason());
    bank.enrol("li");
    TimeBankResult.Rejected poor = assertInstanceOf(TimeBankResult.Rejected.class,
        catalogue.redeem("r9", "li", "haircut", null));
    assertEquals("the ledger refused the redemption: EXCEEDS_BALANCE (150 points needed, 0"
        + " available)", poor.message());
    assertThrows(InvalidValueException.class, () -> catalogue.stockLeft("massage"));
  }

  @Test
  void settlement_valuesNetRedemptionsAtTheShadowPrice() {
    Instant from = clock.instant();
    catalogue.redeem("r1", "wang", "canteen-lunch", null);
    catalogue.redeem("r2", "zhou", "canteen-lunch", null);
    catalogue.refund("r2-refund", "r2");
    catalogue.redeem("h1", "wang", "haircut", null);
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
    InvalidValueException exponent = assertThrows(InvalidValueException.class,
        () -> catalogue.settlement("barber", from, Instant.MAX, "1E-1"));
    assertTrue(exponent.getMessage().contains("yuanPerPoint = 1E-1")
        && exponent.getMessage().contains("no exponent"), exponent.getMessage());
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
