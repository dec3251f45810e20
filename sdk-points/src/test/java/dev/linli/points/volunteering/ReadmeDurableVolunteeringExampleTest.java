package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linli.core.Name;
import dev.linli.core.people.Activity;
import dev.linli.core.testing.ReadmeSnippet;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.PostgresLedger;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The README's durable volunteering example, line for line: a desk on PostgreSQL, and the same
 * roster seen by a second instance.
 */
class ReadmeDurableVolunteeringExampleTest {
  @Test
  void readmeDurableVolunteeringExample_runs() throws Exception {
    DataSource dataSource = TestPostgres.newDatabase().dataSource();
    PostgresLedger.installSchema(dataSource);
    EarningRules rules = new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"),
        Duration.ofHours(2), RoundingMode.HALF_UP);
    // The README's ledger runs on the system clock: an activity ten days from now.
    Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
    ActivityPlan plan = new ActivityPlan(new Activity("act-1205", "jingfang", "team-meals",
        Name.of("助老送餐", "Meal delivery"), "elderly-care", "jingfang-canteen", start,
        start.plus(Duration.ofHours(2)), 4), List.of(new Role("deliverer",
        Name.of("送餐员", "Deliverer"), 2)), Eligibility.ANYONE, start.minus(Duration.ofHours(12)),
        Duration.ofHours(24), "A7K2", Duration.ofDays(3));
    VolunteerProfile volunteer = VolunteeringTest.adult("v-chen");
    // --- README begins ---
    PostgresLedger books = PostgresLedger.open(dataSource);
    TimeBank bank = TimeBank.open(books.ledger(), rules, "pool", "minutes-issuer");
    Volunteering desk = Volunteering.on(bank, books.facts());
    desk.publish(plan);
    desk.signUp("act-1205", volunteer, "deliverer");
    // later, in another instance or after a restart:
    PostgresLedger again = PostgresLedger.open(dataSource);
    Volunteering same = Volunteering.on(TimeBank.open(again.ledger(), rules, "pool",
        "minutes-issuer"), again.facts());
    List<Attendance> roster = same.roster("act-1205");   // the sign-up is there
    // --- README ends ---
    assertEquals(1, roster.size());
    assertEquals(AttendanceState.SIGNED_UP, roster.get(0).state());
    assertEquals("v-chen", roster.get(0).volunteerId());
    ReadmeSnippet.assertInReadme(ReadmeDurableVolunteeringExampleTest.class);
  }
}
