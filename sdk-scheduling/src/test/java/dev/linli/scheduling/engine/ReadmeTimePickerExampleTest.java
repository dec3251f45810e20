package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's time-picker example, line for line, on the README's gym. */
class ReadmeTimePickerExampleTest {
  @Test
  void readmeTimePickerExample_runs() {
    MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
    Resource gym = Resource.exclusive("jf-gym", Name.of("百姓健身房", "Public gym")).withCapacity(30);
    BookingEngine engine = BookingEngine.builder(clock).resources(List.of(gym))
        .rules(Map.of("jf-gym", new RuleSet(List.of(
            new OpeningHoursRule("Mo-Su 06:00-22:00", "Mo-Su 09:00-17:00", DayOfWeek.MONDAY, false),
            new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null))))).build();
    engine.decide(new BookingRequest("bk-1", "jf-gym", "r-chen", "hh-jx3-201",
        LocalDateTime.parse("2026-12-05T07:00").atZone(Resource.SHANGHAI).toInstant(),
        LocalDateTime.parse("2026-12-05T08:00").atZone(Resource.SHANGHAI).toInstant(), 1));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    // --- README begins ---
    Availability day = engine.availability(AvailabilityQuery.of("jf-gym",
        LocalDateTime.parse("2026-12-05T00:00"), LocalDateTime.parse("2026-12-06T00:00"),
        Duration.ofHours(1)).by("r-wang", "hh-jx3-118"));     // her household's quota counts
    for (Availability.Slot s : day.slots()) {                  // 06:00 30 left, 06:30 29 …
      out.println(s.start().toLocalTime() + " " + s.seatsLeft() + " left"); // README: System.out.println(s.start().toLocalTime() + " " + s.seatsLeft() + " left");
    }
    Availability.Refusal night = day.refused().get(0);        // 00:00: closed (opening-hours)
    Decision d = engine.decide(day.request(day.slots().get(0), "bk-2"));  // Accepted
    // --- README ends ---
    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(RejectionCode.CLOSED, night.code());
    assertEquals(31, day.slots().size(), "06:00 to 21:00 on the half hour");
    assertEquals(16, day.refused().size());
    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("06:00 30 left", lines[0]);
    assertEquals("06:30 29 left", lines[1]);
    assertEquals("07:30 29 left", lines[3]);
    assertEquals("08:00 30 left", lines[4]);
    assertEquals("21:00 30 left", lines[30]);
  }

  @Test
  void snippet_isTheReadmesJavaBlock_lineForLine() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeTimePickerExampleTest.class);
  }
}
