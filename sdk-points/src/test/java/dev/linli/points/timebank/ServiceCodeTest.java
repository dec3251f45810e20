package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.people.Activity;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferResult;
import dev.linli.points.volunteering.ActivityPlan;
import dev.linli.points.volunteering.Eligibility;
import dev.linli.points.volunteering.Participant;
import dev.linli.points.volunteering.Role;
import dev.linli.points.volunteering.VolunteerProfile;
import dev.linli.points.volunteering.Volunteering;
import dev.linli.points.volunteering.WishBoard;
import dev.linli.points.volunteering.WishRequest;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link ServiceCode} is produced by some call of the five services, from a table of
 * scenarios each run on a fresh community: no code is dead, and each scenario rejects with the
 * code it names and changes nothing.
 */
class ServiceCodeTest {
  static final Instant START = Instant.parse("2026-12-05T03:00:00Z"); // 11:00 in Hangzhou

  /** A fresh community: a time bank with caps and limits, a catalogue, an alliance, a desk. */
  static final class Community {
    final MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    final Ledger ledger = Ledger.create(clock);
    final Ledger other = Ledger.create(clock);
    final TimeBank bank = TimeBank.builder(ledger, new EarningRules(100, "1.0",
            Map.of("elderly-care", "1.5"), Duration.ofHours(2), RoundingMode.HALF_UP,
            new ServiceCap(CalendarPeriod.YEAR, Duration.ofHours(3)), 0))
        .limits(new MemberLimits(0, new PointsLimit(CalendarPeriod.MONTH, 500),
            new PointsLimit(CalendarPeriod.YEAR, 250)))
        .households(HouseholdDirectory.of(Map.of("wang", "H-3-201", "wang-grandma", "H-3-201",
            "zhou", "H-5-102")))
        .build();
    final Catalogue catalogue;
    final Alliance alliance = Alliance.between(new Alliance.Community("jingfang", ledger),
        new Alliance.Community("yinger", other));
    final Volunteering desk = Volunteering.on(bank);
    final WishBoard board = WishBoard.on(bank, "wish-escrow", Duration.ofDays(30),
        Set.of("grid-07"));

    Community() {
      for (String m : List.of("wang", "wang-grandma", "zhou")) {
        bank.enrol(m);
      }
      bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meals"));
      ledger.createAccount(new Account("canteen", TimeBank.POINTS, AccountKind.MERCHANT, 0, false,
          ""));
      catalogue = Catalogue.of(bank, List.of(
          new Catalogue.Item("lunch", Name.of("午餐", "Lunch"), "canteen", 100, 10, null),
          new Catalogue.Item("haircut", Name.of("理发", "Haircut"), "canteen", 50, 10,
              new PointsLimit(CalendarPeriod.QUARTER, 1)),
          new Catalogue.Item("mooncake", Name.of("月饼", "Mooncake"), "canteen", 20, 0, null)));
      assertTrue(desk.publish(plan("act-1205", Eligibility.ANYONE)).accepted());
    }

    static ActivityPlan plan(String id, Eligibility who) {
      Activity a = new Activity(id, "jingfang", "team-meals", Name.of("助老送餐", "Meal delivery"),
          "elderly-care", "jingfang-canteen", START, START.plus(Duration.ofHours(2)), 4);
      return new ActivityPlan(a, List.of(new Role("deliverer", Name.of("送餐员", "Deliverer"), 2)),
          who, START.minus(Duration.ofHours(12)), Duration.ofHours(24), "A7K2",
          Duration.ofDays(3));
    }

    ServiceResult<?> signUp(String volunteer, AgeBand band, String role) {
      return desk.signUp("act-1205", new VolunteerProfile(volunteer, band, Set.of()), role);
    }
  }

  record Scenario(String name, ServiceCode expected, Function<Community, ServiceResult<?>> run) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("a grant the donation pool cannot fund", ServiceCode.LEDGER_REJECTED,
            c -> c.bank.grant(GrantRequest.of("g1", "zhou", 100, "thanks"))),
        new Scenario("a redemption by a stranger", ServiceCode.NOT_ENROLLED,
            c -> c.catalogue.redeem(RedemptionRequest.of("r1", "nobody", "lunch"))),
        new Scenario("a gift outside the household", ServiceCode.NOT_SAME_HOUSEHOLD,
            c -> c.bank.gift(GiftRequest.of("g1", "wang", "zhou", 10))),
        new Scenario("a donation over the yearly limit", ServiceCode.LIMIT_REACHED,
            c -> c.bank.donate(DonationRequest.of("d1", "wang", 251))),
        new Scenario("an award after the yearly cap is used up", ServiceCode.CAP_REACHED, c -> {
          c.bank.award(new AwardRequest("a2", "wang", "general", Duration.ofHours(1), "x"));
          return c.bank.award(new AwardRequest("a3", "wang", "general", Duration.ofHours(1), "y"));
        }),
        new Scenario("a gift by someone not a guardian", ServiceCode.NOT_AUTHORISED,
            c -> c.bank.gift(GiftRequest.of("g1", "wang", "wang-grandma", 10).by("zhou"))),
        new Scenario("a redemption of no item", ServiceCode.UNKNOWN_ITEM,
            c -> c.catalogue.redeem(RedemptionRequest.of("r1", "wang", "massage"))),
        new Scenario("a redemption of a sold-out item", ServiceCode.OUT_OF_STOCK,
            c -> c.catalogue.redeem(RedemptionRequest.of("r1", "wang", "mooncake"))),
        new Scenario("a second haircut in a quarter", ServiceCode.FREQUENCY_LIMIT, c -> {
          c.catalogue.redeem(RedemptionRequest.of("r1", "wang", "haircut"));
          return c.catalogue.redeem(RedemptionRequest.of("r2", "wang", "haircut"));
        }),
        new Scenario("a transfer before the alliance is accepted",
            ServiceCode.ALLIANCE_NOT_ACCEPTED, c -> c.alliance.transfer(AllianceTransfer.of("x1",
                "jingfang", "wang.points", "canteen", 10, "gift"))),
        new Scenario("confirming an award never proposed", ServiceCode.NOT_FOUND,
            c -> c.bank.confirm("a-none")),
        new Scenario("voiding an award never proposed", ServiceCode.NOT_FOUND,
            c -> c.bank.complain("a-none")),
        new Scenario("refunding no redemption", ServiceCode.NOT_FOUND,
            c -> c.catalogue.refund("f1", "r-none")),
        new Scenario("checking in to no activity", ServiceCode.NOT_FOUND,
            c -> c.desk.checkIn(Participant.of("act-none", "v1"), "v1", "A7K2")),
        new Scenario("claiming no wish", ServiceCode.NOT_FOUND,
            c -> c.board.claim("w-none", "wang")),
        new Scenario("publishing another plan under a taken id", ServiceCode.ALREADY_EXISTS,
            c -> c.desk.publish(Community.plan("act-1205",
                new Eligibility(Set.of(AgeBand.AGE_18_59), null)))),
        new Scenario("posting a wish twice", ServiceCode.ALREADY_EXISTS, c -> {
          c.board.post(WishRequest.of("w-1", "jingfang", "wang", "fix a tap", "repair"));
          return c.board.post(WishRequest.of("w-1", "jingfang", "wang", "fix a tap", "repair"));
        }),
        new Scenario("checking out before checking in", ServiceCode.ILLEGAL_TRANSITION, c -> {
          c.signUp("v1", AgeBand.AGE_18_59, "deliverer");
          return c.desk.checkOut(Participant.of("act-1205", "v1"), "team-meals", null);
        }),
        new Scenario("proposing again an award that was voided", ServiceCode.ILLEGAL_TRANSITION,
            c -> {
              AwardRequest r = new AwardRequest("p1", "zhou", "general", Duration.ofHours(1), "z");
              c.bank.propose(r, Duration.ofDays(3));
              c.bank.complain("p1");
              return c.bank.propose(r, Duration.ofDays(3));
            }),
        new Scenario("checking in days early", ServiceCode.TOO_LATE, c -> {
          c.signUp("v1", AgeBand.AGE_18_59, "deliverer");
          return c.desk.checkIn(Participant.of("act-1205", "v1"), "v1", "A7K2");
        }),
        new Scenario("signing up outside the age bands", ServiceCode.NOT_ELIGIBLE, c -> {
          c.desk.publish(Community.plan("act-adults",
              new Eligibility(Set.of(AgeBand.AGE_18_59), null)));
          return c.desk.signUp("act-adults", new VolunteerProfile("kid", AgeBand.AGE_4_17,
              Set.of()), "deliverer");
        }),
        new Scenario("signing up for no role", ServiceCode.UNKNOWN_ROLE,
            c -> c.signUp("v1", AgeBand.AGE_18_59, "cook")),
        new Scenario("checking in with the wrong code", ServiceCode.NOT_ALLOWED, c -> {
          c.signUp("v1", AgeBand.AGE_18_59, "deliverer");
          c.clock.set(START);
          return c.desk.checkIn(Participant.of("act-1205", "v1"), "v1", "0000");
        }),
        new Scenario("claiming a wish with points while not enrolled", ServiceCode.NOT_ENROLLED,
            c -> {
              c.board.post(WishRequest.of("w-2", "jingfang", "wang", "a school bag", "gift")
                  .offering(20, "pool"));
              return c.board.claim("w-2", "unit-9");
            }),
        new Scenario("a proposal the ledger refuses", ServiceCode.LEDGER_REJECTED, c -> {
          c.ledger.setFrozen("zhou.points", true); // the points leg fails, the minutes leg held
          return c.bank.propose(new AwardRequest("p2", "zhou", "general", Duration.ofHours(1),
              "z"), Duration.ofDays(3));
        }));
  }

  static Stream<Scenario> table() {
    return scenarios().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void eachScenario_isRejectedWithItsCode_andChangesNoBalance(Scenario s) {
    Community c = new Community();
    ServiceResult<?> r = s.run().apply(c);
    ServiceResult.Rejected<?> no = assertInstanceOf(ServiceResult.Rejected.class, r, r::toString);
    assertEquals(s.expected(), no.code(), no::message);
    assertTrue(!no.message().isBlank());
    assertEquals(no.code() == ServiceCode.LEDGER_REJECTED, !no.ledgerResults().isEmpty(),
        "ledger codes exactly when the ledger refused: " + no);
    assertEquals(Map.of("points", 0L, "service-minutes", 0L), c.ledger.sumOfBalances());
    for (String account : List.of("wang.points", "wang.minutes", "zhou.points", "zhou.minutes")) {
      assertEquals(0, c.ledger.balance(account).creditsPending()
          + c.ledger.balance(account).debitsPending(), account + ": nothing left held");
    }
  }

  @Test
  void everyServiceCode_isProducedBySomeServiceCall() {
    EnumSet<ServiceCode> produced = EnumSet.noneOf(ServiceCode.class);
    for (Scenario s : scenarios()) {
      if (s.run().apply(new Community()) instanceof ServiceResult.Rejected<?> no) {
        produced.add(no.code());
      }
    }
    assertEquals(EnumSet.allOf(ServiceCode.class), produced,
        "codes no service call produces: " + EnumSet.complementOf(produced));
  }

  @Test
  void aLedgerRefusal_carriesTheLedgersCodes() {
    Community c = new Community();
    ServiceResult.Rejected<?> no = assertInstanceOf(ServiceResult.Rejected.class,
        c.bank.grant(GrantRequest.of("g1", "zhou", 100, "thanks")));
    assertEquals(List.of(TransferResult.EXCEEDS_BALANCE), no.ledgerResults());
  }
}
