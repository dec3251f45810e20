package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's gym example, line for line. */
class ReadmeGymExampleTest {
  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  @Test
  void readmeGymExample_runs() {
    MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
    // --- README begins ---
    Resource gym = Resource.exclusive("jf-gym", Name.of("百姓健身房", "Public gym")).withCapacity(30);
    RuleSet rules = new RuleSet(List.of(
        new OpeningHoursRule("Mo-Su 06:00-22:00", "Mo-Su 09:00-17:00", DayOfWeek.MONDAY, false),
        new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null),      // 3 a week per 户
        new CheckInPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15),  // 15-minute grace;
            2, Duration.ofDays(30), Duration.ofDays(30))));                // 2 no-shows: 30-day ban
    BookingEngine engine = BookingEngine.builder(clock).resources(List.of(gym))
        .rules(Map.of("jf-gym", rules)).build();
    Decision d = engine.decide(new BookingRequest("bk-1", "jf-gym", "r-chen", "hh-jx3-201",
        at("2026-12-05T07:00"), at("2026-12-05T08:00"), 1));              // Accepted
    clock.set(at("2026-12-05T07:16"));
    List<Booking> released = engine.releaseNoShows();                     // bk-1: nobody came
    // --- README ends ---
    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(List.of("bk-1"), released.stream().map(Booking::id).toList());
    assertEquals(BookingStatus.NO_SHOW, engine.booking("bk-1").orElseThrow().status());
  }
}
