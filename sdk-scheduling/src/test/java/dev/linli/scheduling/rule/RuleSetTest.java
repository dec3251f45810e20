package dev.linli.scheduling.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final String GYM_RULES = """
      {"format": "linli-booking-rules", "version": 1, "rules": [
        {"type": "notice-window", "minAdvance": "PT2H", "maxAdvance": "P7D",
         "releaseDaysBefore": 5, "releaseTime": "00:00"},
        {"type": "duration", "min": "PT30M", "max": "PT2H"},
        {"type": "quota", "scope": "HOUSEHOLD", "period": "WEEK", "maxBookings": 2},
        {"type": "opening-hours", "weekly": "Mo-Fr 07:00-21:00; Sa,Su 09:00-17:00",
         "holidays": "Mo-Su 10:00-16:00", "makeUpWorkdayFollows": "MONDAY",
         "closedWhenUnknown": true}]}
      """;

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private static BookingEngine gym(MutableClock clock) {
    RuleSet rules = RuleSet.parse(stream(GYM_RULES), "gym-rules.json");
    return BookingEngine.create(clock, List.of(Resource.exclusive("gym", Name.of("健身房", "Gym"))
        .withCapacity(10)), Map.of("gym", rules), HolidayCalendar.bundled());
  }

  private static BookingRequest req(String id, String household, String from, String to) {
    return new BookingRequest(id, "gym", "r-" + id, household, at(from), at(to), 1);
  }

  private static List<String> codes(Decision d) {
    return assertInstanceOf(Decision.Rejected.class, d).reasons().stream().map(r -> r.code().code())
        .toList();
  }

  @Test
  void json_roundTrips() {
    RuleSet rules = RuleSet.parse(stream(GYM_RULES), "gym-rules.json");
    assertEquals(4, rules.rules().size());
    assertEquals(rules, RuleSet.parse(stream(rules.toJson()), "again.json"));
  }

  @Test
  void releaseTime_opensDayDFiveDaysBefore_atMidnight() {
    MutableClock clock = MutableClock.at("2026-11-29T15:59:00Z"); // 23:59 on 11-29 in Shanghai
    BookingEngine e = gym(clock);
    Decision early = e.decide(req("a", "h1", "2026-12-05T10:00", "2026-12-05T11:00"));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, early);
    assertEquals("bookings for 2026-12-05 open at 2026-11-30 00:00 (5 days before, at 00:00)",
        r.reasons().get(0).message());
    clock.set(Instant.parse("2026-11-29T16:00:00Z")); // midnight 11-30 local
    assertEquals(List.of("not-released"), codes(
        e.decide(req("b", "h1", "2026-12-06T10:00", "2026-12-06T11:00"))));
    assertInstanceOf(Decision.Accepted.class,
        e.decide(req("c", "h1", "2026-12-05T10:00", "2026-12-05T11:00")));
  }

  @Test
  void everyBrokenRule_isReportedTogether() {
    MutableClock clock = MutableClock.at("2026-12-05T01:30:00Z"); // 09:30 local, a Saturday
    BookingEngine e = gym(clock);
    Decision d = e.decide(req("a", "h1", "2026-12-05T10:00", "2026-12-05T13:00"));
    assertEquals(List.of("too-late", "too-long"), codes(d));
  }

  @Test
  void householdQuota_countsTheWholeHousehold_perIsoWeek() {
    MutableClock clock = MutableClock.at("2026-11-30T16:00:00Z");
    BookingEngine e = gym(clock);
    assertInstanceOf(Decision.Accepted.class,
        e.decide(req("a", "h1", "2026-12-01T08:00", "2026-12-01T09:00")));
    assertInstanceOf(Decision.Accepted.class,
        e.decide(req("b", "h1", "2026-12-02T08:00", "2026-12-02T09:00")));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class,
        e.decide(req("c", "h1", "2026-12-03T08:00", "2026-12-03T09:00")));
    assertEquals("a household may make 2 bookings of gym a week; this would be number 3",
        r.reasons().get(0).message());
    assertInstanceOf(Decision.Accepted.class,
        e.decide(req("d", "h2", "2026-12-03T08:00", "2026-12-03T09:00")), "another household");
  }

  @Test
  void openingHours_followHolidays_makeUpWorkdays_andUnknownYears() {
    RuleSet hours = new RuleSet(List.of(new OpeningHoursRule(
        "Mo-Fr 07:00-21:00; Sa,Su 09:00-17:00", "Mo-Su 10:00-16:00",
        java.time.DayOfWeek.MONDAY, true)));
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    BookingEngine e = BookingEngine.create(clock, List.of(Resource.exclusive("gym",
        Name.of("健身房", "Gym")).withCapacity(10)), Map.of("gym", hours),
        HolidayCalendar.bundled());
    // 2026-02-14 is a Saturday made a workday (调休): Monday's 07:00 opening applies.
    assertInstanceOf(Decision.Accepted.class,
        e.decide(req("a", "h", "2026-02-14T07:00", "2026-02-14T08:00")));
    // 2026-02-17 (春节, a Tuesday): holiday hours 10:00-16:00.
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class,
        e.decide(req("b", "h", "2026-02-17T08:00", "2026-02-17T09:00")));
    assertTrue(r.reasons().get(0).message().endsWith("(holiday hours Mo-Su 10:00-16:00 (春节))"),
        r.reasons().get(0).message());
    // An ordinary Saturday keeps weekend hours.
    assertEquals(List.of("closed"), codes(e.decide(req("c", "h", "2026-03-07T07:00",
        "2026-03-07T08:00"))));
    // 2027 is not announced yet.
    assertEquals("2027-05-01 is not bookable yet: the public holidays of 2027 are not announced",
        ((Decision.Rejected) e.decide(req("d", "h", "2027-05-01T10:00", "2027-05-01T11:00")))
            .reasons().get(0).message());
  }

  @Test
  void badDocument_reportsEveryProblemWithItsPath() {
    String text = """
        {"format": "linli-booking-rules", "version": 1, "rules": [
          {"type": "notice-window", "minAdvance": "PT2H", "maxAdvance": "PT1H"},
          {"type": "curfew", "at": "22:00"},
          {"type": "duration", "min": "PT30M", "max": "PT2H", "colour": "red"},
          {"type": "quota", "scope": "HOUSEHOLD", "period": "WEEK"}]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RuleSet.parse(stream(text), "rules.json"));
    assertEquals(List.of(
        new Problem("rules.json", 2, "$.rules[0].maxAdvance",
            "must be a duration >= minAdvance PT2H (got PT1H)"),
        new Problem("rules.json", 3, "$.rules[1].type",
            "must be one of [notice-window, duration, quota, opening-hours, active-bookings, consecutive-slots, eligibility, approval, check-in, centre-quota, reminders] (got \"curfew\")"),
        new Problem("rules.json", 4, "$.rules[2].colour", "unknown field; allowed are [max, min]"),
        new Problem("rules.json", 5, "$.rules[3].maxBookings",
            "a quota needs maxBookings, maxTime or both")), e.problems());
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_unknownTopLevelField_isRefusedNamingIt() {
    String json = "{\"format\": \"linli-booking-rules\", \"version\": 1, \"rule\": [],"
        + " \"rules\": []}";
    dev.linli.core.DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.linli.core.DataFormatException.class,
        () -> RuleSet.parse(new java.io.ByteArrayInputStream(
            json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "rules.json"));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("$.rule"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
  }

  @Test
  void durationsWrittenAsNumbersOfSeconds_areRefused() {
    String text = GYM_RULES.replace("\"max\": \"PT2H\"", "\"max\": 7200")
        .replace("\"minAdvance\": \"PT2H\"", "\"minAdvance\": 7200.5");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RuleSet.parse(stream(text), "rules.json"));
    assertEquals(List.of(
        new Problem("rules.json", 2, "$.rules[0].minAdvance",
            "must be an ISO-8601 duration in a string such as \"PT2H\", in upper case without a"
            + " sign"),
        new Problem("rules.json", 4, "$.rules[1].max",
            "must be an ISO-8601 duration in a string such as \"PT2H\", in upper case without a"
            + " sign")), e.problems());
  }
}
