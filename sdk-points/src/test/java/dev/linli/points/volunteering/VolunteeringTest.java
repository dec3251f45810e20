package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.RedemptionRequest;
import dev.linli.core.Name;
import dev.linli.core.people.Activity;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activity workflow, step by step, with the sample scheme (100 points/h, elderly care ×1.5). */
class VolunteeringTest {
  static final Instant START = Instant.parse("2026-12-05T03:00:00Z"); // 11:00 in Hangzhou

  MutableClock clock;
  Ledger ledger;
  TimeBank bank;
  Volunteering desk;

  static ActivityPlan mealRun(String id, int deliverers, Eligibility who) {
    Activity a = new Activity(id, "jingfang", "team-meals", Name.of("助老送餐", "Meal delivery"),
        "elderly-care", "jingfang-canteen", START, START.plus(Duration.ofHours(2)), deliverers + 2);
    return new ActivityPlan(a, List.of(new Role("deliverer", Name.of("送餐员", "Deliverer"),
        deliverers), new Role("driver", Name.of("司机", "Driver"), 2)), who,
        START.minus(Duration.ofHours(12)), Duration.ofHours(24), "A7K2", Duration.ofDays(3));
  }

  static VolunteerProfile adult(String id) {
    return new VolunteerProfile(id, AgeBand.AGE_18_59, Set.of());
  }

  static Participant at(String volunteerId) {
    return Participant.of("act-1205", volunteerId);
  }

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-12-01T02:00:00Z");
    ledger = Ledger.create(clock);
    bank = TimeBank.open(ledger, new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"),
        Duration.ofHours(2), RoundingMode.HALF_UP), "pool", "minutes-issuer");
    desk = Volunteering.on(bank);
    assertTrue(desk.publish(mealRun("act-1205", 2, Eligibility.ANYONE)).accepted());
  }

  private static String message(ServiceResult<?> r) {
    return ((ServiceResult.Rejected<?>) r).message();
  }

  private void attend(String v, Duration served) {
    clock.set(START.minus(Duration.ofMinutes(10)));
    assertTrue(desk.checkIn(at(v), v, "A7K2").accepted());
    clock.set(START.minus(Duration.ofMinutes(10)).plus(served));
    assertTrue(desk.checkOut(at(v), "team-meals", null).accepted());
  }

  @Test
  void fromSignUpToPoints_toACanteenMeal() {
    assertEquals(new ServiceResult.Accepted<>(AttendanceState.SIGNED_UP, List.of(),
        "signed up as deliverer"),
        desk.signUp("act-1205", adult("v-chen"), "deliverer"));
    attend("v-chen", Duration.ofMinutes(150));
    ServiceResult<?> confirmed = desk.confirm(at("v-chen"), "team-meals", null, null);
    assertTrue(confirmed.accepted(), confirmed::toString);
    assertEquals(0, ledger.balance("v-chen.points").balance(), "nothing posts before the window");
    assertEquals(300, ledger.balance("v-chen.points").creditsPending());
    clock.advance(Duration.ofDays(3));
    List<Attendance> awarded = desk.settle();
    assertEquals(1, awarded.size());
    assertEquals(300, ledger.balance("v-chen.points").balance(), "2 h cap x 100 x 1.5");
    assertEquals(120, ledger.balance("v-chen.minutes").balance());
    assertEquals("act-1205", ledger.find("act-1205.v-chen.points.posted").orElseThrow().userData());
    assertEquals(List.of(), desk.settle(), "settling again awards nothing");
    ledger.createAccount(new Account("jf-canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    Catalogue canteen = Catalogue.of(bank, List.of(new Catalogue.Item("lunch",
        Name.of("邻里食堂午餐", "Canteen lunch"), "jf-canteen", 120, 100, null)));
    assertTrue(canteen.redeem(RedemptionRequest.of("meal-1", "v-chen", "lunch")).accepted());
    assertEquals(180, ledger.balance("v-chen.points").balance());
    assertEquals(120, ledger.balance("v-chen.minutes").balance(), "spending keeps honour minutes");
  }

  @Test
  void aFullRole_waitlists_andACancellationMovesTheFirstUp() {
    desk.signUp("act-1205", adult("v1"), "deliverer");
    desk.signUp("act-1205", adult("v2"), "deliverer");
    assertEquals(new ServiceResult.Accepted<>(AttendanceState.WAITLISTED, List.of(),
        "all 2 places taken; waitlist position 1"), desk.signUp("act-1205", adult("v3"),
        "deliverer"));
    desk.signUp("act-1205", adult("v4"), "deliverer");
    assertEquals(new ServiceResult.Accepted<>(AttendanceState.CANCELLED, List.of(),
        "cancelled; v3 moves up from the waitlist"), desk.cancelSignUp(at("v1")));
    assertEquals(AttendanceState.SIGNED_UP, desk.attendance("act-1205", "v3").orElseThrow()
        .state());
    assertEquals(AttendanceState.WAITLISTED, desk.attendance("act-1205", "v4").orElseThrow()
        .state());
    assertTrue(desk.signUp("act-1205", adult("v5"), "driver").accepted(), "another role");
  }

  @Test
  void rejections_sayWhatIsWrongAndWhatIsAllowed() {
    assertEquals("no role cook in act-1205; roles: [deliverer, driver]",
        message(desk.signUp("act-1205", adult("v1"), "cook")));
    desk.publish(mealRun("act-team", 2, new Eligibility(Set.of(AgeBand.AGE_18_59, AgeBand.AGE_60_79),
        "team-meals")));
    assertEquals("this activity is for age bands [AGE_18_59, AGE_60_79]; kid is AGE_4_17",
        message(desk.signUp("act-team", new VolunteerProfile("kid", AgeBand.AGE_4_17, Set.of()),
            "deliverer")));
    assertEquals("only members of team team-meals may sign up; v1 is not one",
        message(desk.signUp("act-team", adult("v1"), "deliverer")));
    desk.signUp("act-1205", adult("v1"), "deliverer");
    assertEquals("v1 is already SIGNED_UP in act-1205",
        message(desk.signUp("act-1205", adult("v1"), "deliverer")));
    assertEquals("v1 is SIGNED_UP in act-1205 and cannot become CHECKED_OUT; allowed next:"
        + " [CANCELLED, CHECKED_IN, NOT_COUNTED]",
        message(desk.checkOut(at("v1"), "team-meals", null)));
    assertEquals("check-in is open from 2026-12-05T02:00:00Z to the end 2026-12-05T05:00:00Z;"
        + " it is now 2026-12-01T02:00:00Z", message(desk.checkIn(at("v1"), "v1", "A7K2")));
    clock.set(START);
    assertEquals("wrong check-in code; ask the organiser for today's code",
        message(desk.checkIn(at("v1"), "v1", "0000")));
    assertEquals("v2 is neither the organiser nor v1",
        message(desk.checkIn(at("v1"), "v2", "A7K2")));
    assertEquals("sign-up closed at 2026-12-04T15:00:00Z; it is now 2026-12-05T03:00:00Z",
        message(desk.signUp("act-1205", adult("late"), "driver")));
    assertEquals("sign-ups can be cancelled until 2026-12-04T03:00:00Z; ask the organiser instead",
        message(desk.cancelSignUp(at("v1"))));
    assertEquals("v9 has not signed up for act-1205", message(desk.checkIn(at("v9"), "team-meals",
        null)));
    assertEquals("no activity nope", message(desk.checkIn(Participant.of("nope", "v1"), "v1",
        "A7K2")));
  }

  @Test
  void theOrganiserAdjustsWithAReason_andAComplaintVoids() {
    desk.signUp("act-1205", adult("v1"), "deliverer");
    desk.signUp("act-1205", adult("v2"), "deliverer");
    attend("v1", Duration.ofMinutes(100));
    attend("v2", Duration.ofMinutes(100));
    assertEquals("only the organiser team-meals confirms hours, not v1",
        message(desk.confirm(at("v1"), "v1", null, null)));
    assertEquals("an adjustment from 100 to 60 min needs a reason",
        message(desk.confirm(at("v1"), "team-meals", Duration.ofMinutes(60), " ")));
    assertTrue(desk.confirm(at("v1"), "team-meals", Duration.ofMinutes(60), "left early")
        .accepted());
    assertEquals("adjusted from 100 min: left early",
        desk.attendance("act-1205", "v1").orElseThrow().note());
    desk.confirm(at("v2"), "team-meals", null, null);
    clock.advance(Duration.ofDays(1));
    assertTrue(desk.complain(at("v2"), "did not deliver to 3-201").accepted());
    clock.advance(Duration.ofDays(3));
    assertEquals(1, desk.settle().size());
    assertEquals(150, ledger.balance("v1.points").balance(), "60 min x 100 x 1.5");
    assertEquals(0, ledger.balance("v2.points").balance());
    assertEquals(0, ledger.balance("v2.points").creditsPending());
    assertEquals("v1 is AWARDED in act-1205 and cannot become VOIDED; allowed next: []",
        message(desk.complain(at("v1"), "late")));
  }

  @Test
  void aComplaintAfterTheWindow_isTooLate() {
    desk.signUp("act-1205", adult("v1"), "deliverer");
    attend("v1", Duration.ofMinutes(60));
    desk.confirm(at("v1"), "team-meals", null, null);
    Instant confirmed = clock.instant();
    clock.advance(Duration.ofDays(4));
    assertEquals("complaints about these hours closed at " + confirmed.plus(Duration.ofDays(3)),
        message(desk.complain(at("v1"), "late")));
  }

  @Test
  void aCancelledActivity_postsNothing() {
    desk.signUp("act-1205", adult("v1"), "deliverer");
    attend("v1", Duration.ofMinutes(60));
    desk.confirm(at("v1"), "team-meals", null, null);
    assertEquals("only the organiser team-meals may cancel act-1205",
        message(desk.cancelActivity(ActivityCancellation.of("act-1205", "v1", "rain"))));
    assertTrue(desk.cancelActivity(ActivityCancellation.of("act-1205", "team-meals",
        "typhoon warning")).accepted());
    clock.advance(Duration.ofDays(5));
    assertEquals(List.of(), desk.settle());
    assertEquals(0, ledger.balance("v1.points").balance());
    assertEquals(0, ledger.balance("v1.points").creditsPending());
    assertEquals("act-1205 was cancelled", message(desk.signUp("act-1205", adult("v2"),
        "driver")));
  }

  @Test
  void reportCountsHeldActivities_volunteers_hours_andPeopleServed() {
    desk.signUp("act-1205", adult("v1"), "deliverer");
    desk.signUp("act-1205", adult("v2"), "deliverer");
    attend("v1", Duration.ofMinutes(90));
    attend("v2", Duration.ofMinutes(90));
    desk.confirm(at("v1"), "team-meals", null, null);
    desk.confirm(at("v2"), "team-meals", null, null);
    desk.recordServed("act-1205", 36);
    clock.advance(Duration.ofDays(3));
    desk.settle();
    WishBoard board = WishBoard.on(bank, "wish-escrow", Duration.ofDays(30), Set.of());
    VolunteeringReport r = VolunteeringReport.of(desk, board, clock.instant());
    assertEquals(List.of(new VolunteeringReport.OrganiserRow("team-meals", 1, 2, 180, 36)),
        r.organisers());
    StringBuilder csv = new StringBuilder();
    r.writeCsv(csv);
    assertTrue(csv.toString().startsWith("""
        organiser,activities_held,volunteers,hours,people_served
        team-meals,1,2,3.0,36
        """), csv.toString());
  }

  @Test
  void activitySteps_reportTheActivityState_typed() {
    assertEquals(new ServiceResult.Accepted<>(ActivityState.PUBLISHED, List.of(),
        "already published", true),
        desk.publish(mealRun("act-1205", 2, Eligibility.ANYONE)));
    assertEquals(new ServiceResult.Accepted<>(ActivityState.CANCELLED, List.of(),
        "cancelled: rain"),
        desk.cancelActivity(ActivityCancellation.of("act-1205", "team-meals", "rain")));
  }
}
