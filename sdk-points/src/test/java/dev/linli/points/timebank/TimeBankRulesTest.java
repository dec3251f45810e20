package dev.linli.points.timebank;

import dev.linli.core.DataFormatException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.AccountResult;
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


/**
 * The time-bank rules with the sample scheme's numbers: 100 points an hour, elderly care × 1.5, at
 * most 2 h counted per activity (sample/hangzhou-seed/earning-rules.json).
 */
class TimeBankRulesTest {
  private MutableClock clock;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-03-10T02:00:00Z");
    ledger = Ledger.create(clock);
  }

  private static EarningRules rules(ServiceCap cap, long referralBonus) {
    return new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"), Duration.ofHours(2),
        RoundingMode.HALF_UP, cap, referralBonus);
  }

  private TimeBank bank(EarningRules rules, MemberLimits limits) {
    TimeBank bank = TimeBank.builder(ledger, rules).limits(limits)
        .households(HouseholdDirectory.of(Map.of("wang", "H-3-201", "wang-grandma", "H-3-201",
            "zhou", "H-5-102")))
        .build();
    for (String m : List.of("wang", "wang-grandma", "zhou")) {
      bank.enrol(m);
    }
    return bank;
  }

  private long points(String member) {
    return ledger.balance(TimeBank.pointsAccount(member)).balance();
  }

  private long minutes(String member) {
    return ledger.balance(TimeBank.minutesAccount(member)).balance();
  }

  @Test
  void aPeriodCap_countsOnlyTheServiceTimeLeftInThePeriod() {
    TimeBank bank = bank(rules(new ServiceCap(CalendarPeriod.YEAR, Duration.ofHours(3)), 0),
        MemberLimits.NONE);
    bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meal-run-1"));
    assertEquals(300, points("wang"));
    bank.award(new AwardRequest("a2", "wang", "elderly-care", Duration.ofHours(2), "meal-run-2"));
    assertEquals(300 + 150, points("wang"), "only 1 h of the cap was left");
    assertEquals(180, minutes("wang"));
    ServiceResult.Rejected<?> capped = assertInstanceOf(ServiceResult.Rejected.class,
        bank.award(new AwardRequest("a3", "wang", "elderly-care", Duration.ofHours(1),
            "meal-run-3")));
    assertEquals(ServiceCode.CAP_REACHED, capped.code());
    assertEquals("wang has used the whole service cap of 180 min per year; award a3 would count"
        + " nothing until the next period", capped.message());
    assertEquals(450, points("wang"), "a rejected award pays nothing");
    ServiceResult.Accepted<?> retry = assertInstanceOf(ServiceResult.Accepted.class,
        bank.award(new AwardRequest("a2", "wang", "elderly-care", Duration.ofHours(2),
            "meal-run-2")), "a retry is recognised even though the cap is used up now");
    assertEquals(List.of("a2.points", "a2.minutes"),
        retry.transfers().stream().map(t -> t.id()).toList());
    assertTrue(retry.retry());
    clock.set(Instant.parse("2027-01-01T00:00:00Z")); // 08:00 on New Year's Day in Shanghai
    bank.award(new AwardRequest("a4", "wang", "general", Duration.ofHours(1), "cleanup"));
    assertEquals(450 + 100, points("wang"), "a new year, a new cap");
  }

  @Test
  void proposedMinutes_countAgainstTheCap_untilVoided() {
    TimeBank bank = bank(rules(new ServiceCap(CalendarPeriod.MONTH, Duration.ofHours(2)), 0),
        MemberLimits.NONE);
    bank.propose(new AwardRequest("a1", "wang", "general", Duration.ofMinutes(90), "class"),
        Duration.ofDays(3));
    assertEquals(90, bank.minutesThisPeriod("wang"));
    bank.complain("a1");
    assertEquals(0, bank.minutesThisPeriod("wang"));
  }

  @Test
  void theReferrer_earnsTheBonusOnce_whenTheFirstAwardPosts() {
    TimeBank bank = bank(rules(null, 50), MemberLimits.NONE);
    assertEquals(AccountResult.OK, bank.enrol("li", "zhou"));
    bank.propose(new AwardRequest("a1", "li", "general", Duration.ofHours(1), "class"),
        Duration.ofDays(3));
    assertEquals(0, points("zhou"), "nothing before the organiser confirms");
    bank.confirm("a1");
    assertEquals(50, points("zhou"));
    bank.award(new AwardRequest("a2", "li", "general", Duration.ofHours(1), "class"));
    assertEquals(50, points("zhou"), "the bonus is paid once");
    assertEquals(200, points("li"));
  }

  @Test
  void pointsOverTheBalanceCap_goToTheDonationPool() {
    TimeBank bank = bank(rules(null, 0), new MemberLimits(500, null, null));
    bank.award(new AwardRequest("a1", "wang", "general", Duration.ofMinutes(270), "x")); // 2 h: 200
    bank.award(new AwardRequest("a2", "wang", "general", Duration.ofHours(2), "y"));
    assertEquals(400, points("wang"));
    ServiceResult.Accepted<?> r = assertInstanceOf(ServiceResult.Accepted.class,
        bank.award(new AwardRequest("a3", "wang", "elderly-care", Duration.ofHours(2), "z")));
    assertEquals(List.of("a3.points", "a3.points.overflow", "a3.minutes"),
        r.transfers().stream().map(t -> t.id()).toList());
    assertEquals(500, points("wang"));
    assertEquals(200, ledger.balance("donations").balance(), "300 earned, 100 fit under the cap");
    assertEquals(360, minutes("wang"), "honour minutes are never capped by the points cap");
  }

  @Test
  void gifts_goToTheHousehold_withinTheMonthlyLimit() {
    TimeBank bank = bank(rules(null, 0),
        new MemberLimits(0, new PointsLimit(CalendarPeriod.MONTH, 500), null));
    bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meal-run"));
    bank.award(new AwardRequest("a2", "wang", "elderly-care", Duration.ofHours(2), "meal-run-2"));
    assertEquals(600, points("wang"));
    ServiceResult.Accepted<?> ok = assertInstanceOf(ServiceResult.Accepted.class,
        bank.gift(GiftRequest.of("g1", "wang", "wang-grandma", 300)));
    assertEquals(PaymentState.PAID, ok.state());
    assertEquals(300, points("wang-grandma"));
    ServiceResult.Accepted<?> again = assertInstanceOf(ServiceResult.Accepted.class,
        bank.gift(GiftRequest.of("g1", "wang", "wang-grandma", 300)), "a retry");
    assertEquals(ok.transfers(), again.transfers());
    assertTrue(again.retry());
    assertEquals(300, points("wang-grandma"), "paid once");
    ServiceResult.Rejected<?> tooMuch = assertInstanceOf(ServiceResult.Rejected.class,
        bank.gift(GiftRequest.of("g2", "wang", "wang-grandma", 201)));
    assertEquals(ServiceCode.LIMIT_REACHED, tooMuch.code());
    assertEquals("gifts are limited to 500 points per month; wang has given 300 this period, so"
        + " at most 200 more", tooMuch.message());
    ServiceResult.Rejected<?> stranger = assertInstanceOf(ServiceResult.Rejected.class,
        bank.gift(GiftRequest.of("g3", "wang", "zhou", 10)));
    assertEquals(ServiceCode.NOT_SAME_HOUSEHOLD, stranger.code());
    assertEquals("gifts go only to members of the giver's household: wang is in H-3-201, zhou in"
        + " H-5-102", stranger.message());
    clock.set(Instant.parse("2026-04-01T00:00:00Z"));
    assertTrue(bank.gift(GiftRequest.of("g4", "wang", "wang-grandma", 300)).accepted());
  }

  @Test
  void donationsFundGrants_andThePoolCannotGiveWhatItWasNotGiven() {
    TimeBank bank = bank(rules(null, 0),
        new MemberLimits(0, null, new PointsLimit(CalendarPeriod.YEAR, 250)));
    bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meal-run"));
    ServiceResult.Rejected<?> empty = assertInstanceOf(ServiceResult.Rejected.class,
        bank.grant(GrantRequest.of("gr1", "zhou", 100, "wish w-17 fulfilled")));
    assertEquals(List.of(TransferResult.EXCEEDS_BALANCE), empty.ledgerResults());
    assertTrue(bank.donate(DonationRequest.of("d1", "wang", 200)).accepted());
    assertEquals(ServiceCode.LIMIT_REACHED,
        ((ServiceResult.Rejected<?>) bank.donate(DonationRequest.of("d2", "wang", 51))).code());
    assertTrue(bank.grant(GrantRequest.of("gr1", "zhou", 100, "wish w-17 fulfilled")).accepted());
    assertEquals(100, points("zhou"));
    assertEquals(100, ledger.balance("donations").balance());
  }

  @Test
  void aGuardian_actsForAnElderlyMember_onlyOnceAuthorised() {
    TimeBank bank = bank(rules(null, 0), MemberLimits.NONE);
    bank.award(new AwardRequest("a1", "wang-grandma", "general", Duration.ofHours(2),
        "knitting-class"));
    ServiceResult.Rejected<?> no = assertInstanceOf(ServiceResult.Rejected.class,
        bank.gift(GiftRequest.of("g1", "wang-grandma", "wang", 50).by("wang")));
    assertEquals(ServiceCode.NOT_AUTHORISED, no.code());
    bank.authoriseGuardian("wang-grandma", "wang");
    ServiceResult.Accepted<?> yes = assertInstanceOf(ServiceResult.Accepted.class,
        bank.gift(GiftRequest.of("g1", "wang-grandma", "wang", 50).by("wang")));
    assertEquals("wang", yes.transfers().get(0).operator());
    bank.revokeGuardian("wang-grandma", "wang");
    assertEquals(ServiceCode.NOT_AUTHORISED,
        ((ServiceResult.Rejected<?>) bank.gift(GiftRequest.of("g2", "wang-grandma", "wang", 50)
            .by("wang"))).code());
  }

  @Test
  void concurrentAwards_neverCountMoreThanTheCap() throws Exception {
    TimeBank bank = bank(rules(new ServiceCap(CalendarPeriod.MONTH, Duration.ofHours(5)), 0),
        MemberLimits.NONE);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int n = i;
      done.add(pool.submit(() -> {
        start.await();
        return bank.award(new AwardRequest("a" + n, "wang", "general", Duration.ofMinutes(45),
            "act-" + n));
      }));
    }
    start.countDown();
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    assertEquals(300, minutes("wang"), "exactly the 5 h cap, never more");
    assertEquals(500, points("wang"));
  }

  @Test
  void rulesAndLimits_readFromJson_withPathsInErrors() {
    EarningRules r = EarningRules.parse(new ByteArrayInputStream("""
        {"format": "linli-earning-rules", "version": 1, "pointsPerHour": 100,
         "defaultCoefficient": "1.0", "coefficients": {"elderly-care": "1.5"},
         "maxPerActivity": "PT2H", "rounding": "HALF_UP",
         "periodCap": {"period": "YEAR", "max": "PT200H"}, "referralBonus": 50}
        """.getBytes(StandardCharsets.UTF_8)), "rules.json");
    assertEquals(new ServiceCap(CalendarPeriod.YEAR, Duration.ofHours(200)), r.periodCap());
    assertEquals(50, r.referralBonus());
    MemberLimits l = MemberLimits.parse(new ByteArrayInputStream("""
        {"format": "linli-member-limits", "version": 1, "balanceCap": 150000,
         "gifts": {"period": "MONTH", "max": 500}}
        """.getBytes(StandardCharsets.UTF_8)), "limits.json");
    assertEquals(new MemberLimits(150000, new PointsLimit(CalendarPeriod.MONTH, 500), null), l);
    DataFormatException e = assertThrows(DataFormatException.class, () -> MemberLimits.parse(
        new ByteArrayInputStream("""
            {"format": "linli-member-limits", "version": 1, "balanceCap": -1}
            """.getBytes(StandardCharsets.UTF_8)), "limits.json"));
    assertEquals("$.balanceCap", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("limits.json"), e.getMessage());
  }

  @Test
  void durationsWrittenAsNumbersOfSeconds_areRefused() {
    for (String[] c : new String[][] {{"\"maxPerActivity\": \"PT2H\"", "\"maxPerActivity\": 7200",
        "$.maxPerActivity"}, {"\"max\": \"PT200H\"", "\"max\": 720000.0", "$.periodCap.max"}}) {
      String text = """
          {"format": "linli-earning-rules", "version": 1, "pointsPerHour": 100,
           "defaultCoefficient": "1.0", "maxPerActivity": "PT2H", "rounding": "HALF_UP",
           "periodCap": {"period": "YEAR", "max": "PT200H"}}
          """.replace(c[0], c[1]);
      DataFormatException e = assertThrows(DataFormatException.class, () -> EarningRules.parse(
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "rules.json"), c[1]);
      assertEquals(c[2], e.problems().get(0).path());
      assertTrue(e.getMessage().contains("must be an ISO-8601 duration in a string such as"
          + " \"PT2H\""), e.getMessage());
    }
  }

  @Test
  void anExplicitNull_isRefused_notReadAsLeftOut() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> EarningRules.parse(
        new ByteArrayInputStream("""
            {"format": "linli-earning-rules", "version": 1, "pointsPerHour": 100,
             "defaultCoefficient": "1.0", "coefficients": {"elderly-care": null},
             "maxPerActivity": "PT2H", "rounding": "HALF_UP", "periodCap": null}
            """.getBytes(StandardCharsets.UTF_8)), "rules.json"));
    assertEquals(List.of("$.coefficients.elderly-care", "$.periodCap"),
        e.problems().stream().map(p -> p.path()).sorted().toList());
    assertTrue(e.getMessage().contains("must not be null; leave the field out instead"),
        e.getMessage());
    DataFormatException l = assertThrows(DataFormatException.class, () -> MemberLimits.parse(
        new ByteArrayInputStream("""
            {"format": "linli-member-limits", "version": 1, "gifts": null}
            """.getBytes(StandardCharsets.UTF_8)), "limits.json"));
    assertEquals("$.gifts", l.problems().get(0).path());
  }

  @Test
  void aMissingRequiredNumber_isRefused_notReadAsZero() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> EarningRules.parse(
        new ByteArrayInputStream("""
            {"format": "linli-earning-rules", "version": 1,
             "defaultCoefficient": "1.0", "maxPerActivity": "PT2H", "rounding": "HALF_UP"}
            """.getBytes(StandardCharsets.UTF_8)), "rules.json"));
    assertEquals("$.pointsPerHour", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("is required: a whole number"), e.getMessage());
    DataFormatException l = assertThrows(DataFormatException.class, () -> MemberLimits.parse(
        new ByteArrayInputStream("""
            {"format": "linli-member-limits", "version": 1, "gifts": {"period": "MONTH"}}
            """.getBytes(StandardCharsets.UTF_8)), "limits.json"));
    assertEquals("$.gifts.max", l.problems().get(0).path());
    DataFormatException c = assertThrows(DataFormatException.class, () -> Catalogue.parse(
        new ByteArrayInputStream("""
            {"format": "linli-catalogue", "version": 1, "items": [
              {"id": "lunch", "name": {"en": "Lunch"}, "merchantAccountId": "canteen",
               "price": 100}]}
            """.getBytes(StandardCharsets.UTF_8)), "catalogue.json"));
    assertEquals("$.items[0].stock", c.problems().get(0).path());
    assertEquals(0, MemberLimits.parse(new ByteArrayInputStream("""
        {"format": "linli-member-limits", "version": 1}
        """.getBytes(StandardCharsets.UTF_8)), "limits.json").balanceCap(),
        "an optional number still takes its default");
  }
}
