package dev.linli.scheduling.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarTest {
  private static final HolidayCalendar CN = HolidayCalendar.bundled();

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "2026-01-01, OFFDAY",   // 元旦, Thursday
      "2026-01-04, WORKDAY",  // Sunday made a workday for 元旦
      "2026-02-14, WORKDAY",  // Saturday made a workday for 春节
      "2026-02-17, OFFDAY",   // 春节, Tuesday
      "2026-02-24, WORKDAY",  // first Tuesday back
      "2026-03-07, OFFDAY",   // an ordinary Saturday
      "2026-10-10, WORKDAY",  // Saturday made a workday for 国庆
      "2024-02-29, WORKDAY",  // leap day, Thursday
      "2018-12-29, WORKDAY",  // Saturday made a workday by the 2019 notice
      "2018-12-31, OFFDAY",   // Monday off by the 2019 notice
      "2026-12-18, WORKDAY",  // a December Friday before the next notice's reach
      "2026-12-24, WORKDAY",  // the day before the next notice's reach, Thursday
      "2026-12-25, UNKNOWN",  // the first day the 2027 notice (not out yet) may change
      "2026-12-28, UNKNOWN",  // last week of December: the 2027 notice is not out yet
      "2027-05-01, UNKNOWN",  // 2027 announced nothing yet: unknown, not an ordinary Saturday
      "2006-06-01, UNKNOWN"}) // before the bundled notices
  void bundled_answersKnownDates(LocalDate date, DayKind kind) {
    assertEquals(kind, CN.kind(date));
  }

  @Test
  void names_makeUpDays_andPublicHolidays() {
    assertEquals(Optional.of("春节"), CN.holidayName(LocalDate.of(2026, 2, 14)));
    assertTrue(CN.isMakeUpWorkday(LocalDate.of(2026, 2, 14)));
    assertFalse(CN.isMakeUpWorkday(LocalDate.of(2026, 2, 17)));
    assertTrue(CN.isPublicHoliday(LocalDate.of(2026, 10, 1)));
    assertEquals(Optional.empty(), CN.holidayName(LocalDate.of(2026, 3, 7)));
    assertEquals(2007, CN.announcedYears().first());
    assertEquals(2026, CN.announcedYears().last());
  }

  @Test
  void newerNotice_replacesItsYear_andSettlesLateDecember() {
    String notice = """
        {"year": 2027, "papers": ["https://www.gov.cn/example"], "days": [
          {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
          {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
          {"name": "春节", "date": "2027-02-06", "isOffDay": false}]}
        """;
    HolidayCalendar next = CN.with(stream(notice), "2027.json");
    assertEquals(DayKind.OFFDAY, next.kind(LocalDate.of(2026, 12, 31)));
    assertEquals(DayKind.WORKDAY, next.kind(LocalDate.of(2026, 12, 28)));
    assertEquals(DayKind.WORKDAY, next.kind(LocalDate.of(2027, 2, 6)));
    assertEquals(DayKind.OFFDAY, next.kind(LocalDate.of(2027, 5, 1)));
    assertEquals(DayKind.UNKNOWN, CN.kind(LocalDate.of(2027, 5, 1)), "the bundle is unchanged");
  }

  @Test
  void badNotice_reportsEveryProblemWithItsPath() {
    String notice = """
        {"year": 2030, "colour": "red", "days": [
          {"name": "", "date": "2030-02-30", "isOffDay": true},
          {"name": "春节", "date": "2031-01-01", "isOffDay": "yes"},
          {"name": "春节", "date": "2030-02-03", "isOffDay": true, "note": "x"}]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CN.with(stream(notice), "2030.json"));
    assertEquals(List.of(
        new Problem("2030.json", 1, "$.colour",
            "unknown field; allowed are [$id, $schema, days, papers, year]"),
        new Problem("2030.json", 2, "$.days[0].name", "must be the holiday's name"),
        new Problem("2030.json", 2, "$.days[0].date",
            "must be a date such as \"2026-02-16\" (got \"2030-02-30\")"),
        new Problem("2030.json", 3, "$.days[1].isOffDay", "must be true or false (got \"yes\")"),
        new Problem("2030.json", 3, "$.days[1].date",
            "must fall in 2030 or the December before it (got 2031-01-01)"),
        new Problem("2030.json", 4, "$.days[2].note",
            "unknown field; allowed are [date, isOffDay, name]")), e.problems());
  }

  @Test
  void emptyCalendar_knowsNothing() {
    assertEquals(DayKind.UNKNOWN, HolidayCalendar.empty().kind(LocalDate.of(2026, 1, 1)));
  }

  /** Every date of an announced year is known, and only weekends are ever made workdays. */
  @Property(tries = 3000)
  void announcedYears_areFullyKnown(@ForAll @IntRange(min = 0, max = 7000) int offset) {
    LocalDate date = LocalDate.of(2007, 1, 1).plusDays(offset);
    if (date.isAfter(LocalDate.of(2026, 12, 24))) {
      return;
    }
    DayKind kind = CN.kind(date);
    assertNotEquals(DayKind.UNKNOWN, kind, date.toString());
    boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY
        || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    if (kind == DayKind.WORKDAY && weekend) {
      assertTrue(CN.isMakeUpWorkday(date), date.toString());
    }
    if (kind == DayKind.OFFDAY && !weekend) {
      assertTrue(CN.isPublicHoliday(date), date.toString());
    }
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every date of the bundled years answers as the notice files list it, read here with a plain
   * JSON reader (a December date by the next year's notice, which is loaded later): the calendar
   * keeps the listings in an array by day, and this holds it to the files.
   */
  @Test
  void everyBundledDate_answersAsTheNoticeFilesListIt() throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Map<LocalDate, com.fasterxml.jackson.databind.JsonNode> listed = new java.util.HashMap<>();
    for (int year = 2007; year <= 2027; year++) {
      try (java.io.InputStream in = HolidayCalendar.class.getResourceAsStream(
          "holiday-cn/" + year + ".json")) {
        for (com.fasterxml.jackson.databind.JsonNode day : json.readTree(in).path("days")) {
          listed.put(LocalDate.parse(day.path("date").asText()), day);
        }
      }
    }
    int holidays = 0;
    int makeUps = 0;
    for (LocalDate d = LocalDate.of(2006, 1, 1); d.isBefore(LocalDate.of(2029, 1, 1));
        d = d.plusDays(1)) {
      com.fasterxml.jackson.databind.JsonNode day = listed.get(d);
      boolean off = day != null && day.path("isOffDay").asBoolean();
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY
          || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      assertEquals(off, CN.isPublicHoliday(d), d.toString());
      assertEquals(day != null && !off && weekend, CN.isMakeUpWorkday(d), d.toString());
      assertEquals(day == null ? Optional.empty() : Optional.of(day.path("name").asText()),
          CN.holidayName(d), d.toString());
      if (day != null) {
        assertEquals(off ? DayKind.OFFDAY : DayKind.WORKDAY, CN.kind(d), d.toString());
      }
      holidays += off ? 1 : 0;
      makeUps += day != null && !off && weekend ? 1 : 0;
    }
    assertTrue(holidays > 400 && makeUps > 80, holidays + " holidays, " + makeUps + " make-ups");
  }
}
