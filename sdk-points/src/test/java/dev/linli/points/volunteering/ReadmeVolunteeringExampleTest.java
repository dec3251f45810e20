package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linli.core.Name;
import dev.linli.core.people.Activity;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Ledger;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's volunteering example, line for line. */
class ReadmeVolunteeringExampleTest {
  @Test
  void snippet_isTheReadmes() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeVolunteeringExampleTest.class);
  }

  @Test
  void readmeVolunteeringExample_runs() {
    MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    Ledger ledger = Ledger.create(clock);
    TimeBank bank = TimeBank.open(ledger, new EarningRules(100, "1.0",
        Map.of("elderly-care", "1.5"), Duration.ofHours(2), RoundingMode.HALF_UP), "pool",
        "minutes-issuer");
    Instant start = Instant.parse("2026-12-05T03:00:00Z");
    // --- README begins ---
    Volunteering desk = Volunteering.on(bank);
    Activity meals = new Activity("act-1205", "jingfang", "team-meals", Name.of("助老送餐",
        "Meal delivery"), "elderly-care", null, start, start.plus(Duration.ofHours(2)), 8);
    desk.publish(new ActivityPlan(meals, List.of(new Role("deliverer", Name.of("送餐员",
        "Deliverer"), 6), new Role("driver", Name.of("司机", "Driver"), 2)), Eligibility.ANYONE,
        start.minus(Duration.ofHours(12)), Duration.ofHours(24), "A7K2", Duration.ofDays(3)));
    desk.signUp("act-1205", new VolunteerProfile("v-chen", AgeBand.AGE_18_59, Set.of()),
        "deliverer");
    Participant chen = Participant.of("act-1205", "v-chen");
    clock.set(start);
    desk.checkIn(chen, "v-chen", "A7K2");                          // self check-in with the code
    clock.set(start.plus(Duration.ofMinutes(130)));
    desk.checkOut(chen, "team-meals", null);                       // or by the organiser
    desk.confirm(chen, "team-meals", null, null);                  // held for 3 days of complaints
    clock.set(start.plus(Duration.ofDays(4)));
    desk.settle();                                                   // posts 300 points, 120 minutes
    // --- README ends ---
    assertEquals(300, ledger.balance("v-chen.points").balance());
    assertEquals(120, ledger.balance("v-chen.minutes").balance());
  }
}
