package dev.linli.scheduling.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Known expansions of tricky rules, checked by hand against a calendar. */
class RecurrenceTest {
  private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  private static List<String> expand(String rrule, String dtstart, ZoneId zone) {
    return Recurrence.local(Recurrence.of(RecurrenceRule.parse(rrule),
        LocalDateTime.parse(dtstart), zone).until(FAR)).stream().map(LocalDateTime::toString)
        .toList();
  }

  @Test
  void lastFridayOfEachMonth() {
    assertEquals(List.of("2026-01-30T19:00", "2026-02-27T19:00", "2026-03-27T19:00",
        "2026-04-24T19:00"), expand("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", "2026-01-30T19:00", SH));
  }

  @Test
  void everyOtherWeekOnTuesdayAndThursday() {
    assertEquals(List.of("2026-12-01T19:30", "2026-12-03T19:30", "2026-12-15T19:30",
        "2026-12-17T19:30", "2026-12-29T19:30", "2026-12-31T19:30"),
        expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6", "2026-12-01T19:30", SH));
  }

  @Test
  void bySetPos_lastWeekdayOfTheMonth() {
    assertEquals(List.of("2026-01-30T09:00", "2026-02-27T09:00", "2026-03-31T09:00"),
        expand("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2026-01-30T09:00", SH));
  }

  @Test
  void secondTuesday_andThanksgiving() {
    assertEquals(List.of("2026-01-13T10:00", "2026-02-10T10:00"),
        expand("FREQ=MONTHLY;BYDAY=2TU;COUNT=2", "2026-01-13T10:00", SH));
    assertEquals(List.of("2026-11-26T12:00", "2027-11-25T12:00"),
        expand("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=2", "2026-11-26T12:00", SH));
  }

  @Test
  void leapDay_repeatsOnlyInLeapYears() {
    assertEquals(List.of("2024-02-29T08:00", "2028-02-29T08:00", "2032-02-29T08:00"),
        expand("FREQ=YEARLY;COUNT=3", "2024-02-29T08:00", SH));
  }

  @Test
  void february30_isSkippedAndNotCounted() {
    assertEquals(List.of("2026-01-30T08:00", "2026-03-30T08:00", "2026-04-30T08:00"),
        expand("FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3", "2026-01-30T08:00", SH));
    assertEquals(List.of("2026-01-31T08:00", "2026-02-28T08:00", "2026-03-31T08:00"),
        expand("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", "2026-01-31T08:00", SH));
  }

  @Test
  void untilAtTheExactInstant_isIncluded() {
    // 19:00 in Shanghai is 11:00 UTC.
    assertEquals(List.of("2026-12-01T19:00", "2026-12-02T19:00", "2026-12-03T19:00"),
        expand("FREQ=DAILY;UNTIL=20261203T110000Z", "2026-12-01T19:00", SH));
    assertEquals(List.of("2026-12-01T19:00", "2026-12-02T19:00"),
        expand("FREQ=DAILY;UNTIL=20261203T105959Z", "2026-12-01T19:00", SH));
  }

  @Test
  void aNonExistentLocalTime_isSkippedAndNotCounted_anAmbiguousOneTakesTheEarlierOffset() {
    assertEquals(List.of("2026-03-28T02:30", "2026-03-30T02:30", "2026-03-31T02:30"),
        expand("FREQ=DAILY;COUNT=3", "2026-03-28T02:30", BERLIN));
    ZonedDateTime autumn = Recurrence.of(RecurrenceRule.parse("FREQ=DAILY;COUNT=1"),
        LocalDateTime.parse("2026-10-25T02:30"), BERLIN).until(FAR).get(0);
    assertEquals(ZoneOffset.ofHours(2), autumn.getOffset());
  }

  @Test
  void exdatesAndRdates() {
    Recurrence r = new Recurrence(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=SA;COUNT=4"),
        LocalDateTime.parse("2026-12-05T14:00"), SH,
        Set.of(LocalDateTime.parse("2026-12-24T19:00")),
        Set.of(LocalDateTime.parse("2026-12-12T14:00")));
    assertEquals(List.of("2026-12-05T14:00", "2026-12-19T14:00", "2026-12-24T19:00",
        "2026-12-26T14:00"), Recurrence.local(r.until(FAR)).stream().map(Object::toString)
        .toList(), "COUNT counts the excluded date; RDATE adds one");
  }

  @Test
  void anInfiniteRule_stopsAtTheHorizon() {
    List<ZonedDateTime> weeks = Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY"),
        LocalDateTime.parse("2026-01-05T18:00"), SH).until(Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(52, weeks.size());
  }

  @Test
  void beyondEnd_continuesTheRuleAfterItsCount() {
    Recurrence r = Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=SA;COUNT=2"),
        LocalDateTime.parse("2026-12-05T14:00"), SH);
    assertEquals(List.of("2026-12-19T14:00", "2026-12-26T14:00"), Recurrence.local(
        r.beyondEnd(2, FAR)).stream().map(Object::toString).toList());
  }

  @Test
  void parse_readsWhatToStringWrites_andExplainsWhatItRefuses() {
    for (String rule : List.of("FREQ=MONTHLY;COUNT=4;BYDAY=-1FR",
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T155959Z;BYDAY=TU,TH;WKST=SU",
        "FREQ=YEARLY;BYMONTHDAY=1,-1;BYMONTH=2,8;BYSETPOS=1")) {
      assertEquals(rule, RecurrenceRule.parse(rule).toString());
    }
    assertEquals(RecurrenceRule.parse("FREQ=DAILY"), RecurrenceRule.parse("RRULE:FREQ=DAILY"));
    assertEquals("BYHOUR = 9: is not supported; supported are FREQ, INTERVAL, COUNT, UNTIL, BYDAY,"
        + " BYMONTHDAY, BYMONTH, BYSETPOS, WKST", assertThrows(InvalidValueException.class,
            () -> RecurrenceRule.parse("FREQ=DAILY;BYHOUR=9")).getMessage());
    assertEquals("FREQ = HOURLY: must be DAILY, WEEKLY, MONTHLY or YEARLY",
        assertThrows(InvalidValueException.class, () -> RecurrenceRule.parse("FREQ=HOURLY"))
            .getMessage());
    assertThrows(InvalidValueException.class,
        () -> RecurrenceRule.parse("FREQ=DAILY;COUNT=2;UNTIL=20261231"));
    assertThrows(InvalidValueException.class, () -> RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=2TU"));
    assertThrows(InvalidValueException.class, () -> RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=XX"));
  }

  @Test
  void weekStart_changesWhichWeeksAnIntervalCounts() {
    // Every other week on Monday and Sunday: with WKST=MO the Sunday closes the Monday's week.
    assertEquals(List.of("2026-12-07T09:00", "2026-12-13T09:00", "2026-12-21T09:00",
        "2026-12-27T09:00"), expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=4",
            "2026-12-07T09:00", SH));
    assertEquals(List.of("2026-12-07T09:00", "2026-12-20T09:00", "2026-12-21T09:00",
        "2027-01-03T09:00"), expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU;COUNT=4",
            "2026-12-07T09:00", SH));
    assertEquals(DayOfWeek.SUNDAY, RecurrenceRule.parse("FREQ=WEEKLY;WKST=SU").weekStart());
  }

  @Test
  void weeklyWithByMonthDay_isRefusedAsRfc5545Says() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> RecurrenceRule.parse("FREQ=WEEKLY;BYMONTHDAY=3"));
    assertEquals("BYMONTHDAY", e.field());
    assertTrue(e.getMessage().contains("FREQ=WEEKLY"), e.getMessage());
  }

  @Test
  void partsThatCanNeverMatch_areRefusedNamingThePart() {
    InvalidValueException nine = assertThrows(InvalidValueException.class,
        () -> RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=9MO"));
    assertEquals("BYDAY", nine.field());
    assertTrue(nine.getMessage().contains("1..5"), nine.getMessage());
    assertEquals("BYDAY", assertThrows(InvalidValueException.class,
        () -> RecurrenceRule.parse("FREQ=YEARLY;BYMONTH=3;BYDAY=-6SU")).field());
    assertEquals(List.of("2026-12-28T09:00", "2027-12-27T09:00"),
        expand("FREQ=YEARLY;BYDAY=52MO;COUNT=2", "2026-01-01T09:00", SH),
        "within a year a 52nd Monday exists");
    assertEquals("BYSETPOS", assertThrows(InvalidValueException.class,
        () -> RecurrenceRule.parse("FREQ=MONTHLY;BYSETPOS=2")).field());
    for (String count : List.of("0", "-1")) {
      assertEquals("COUNT", assertThrows(InvalidValueException.class,
          () -> RecurrenceRule.parse("FREQ=DAILY;COUNT=" + count)).field());
    }
  }

  @Test
  void untilBeforeDtstart_isRefusedNamingUntil() {
    RecurrenceRule rule = RecurrenceRule.parse("FREQ=DAILY;UNTIL=20261130T000000Z");
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> Recurrence.of(rule, LocalDateTime.parse("2026-12-01T19:00"), SH));
    assertEquals("UNTIL", e.field());
    assertTrue(e.getMessage().contains("DTSTART 2026-12-01T19:00"), e.getMessage());
    assertEquals(List.of("2026-12-01T19:00"), expand("FREQ=DAILY;UNTIL=20261201T110000Z",
        "2026-12-01T19:00", SH), "UNTIL at DTSTART itself is one occurrence");
  }

  @Test
  void floatingUntil_isReadInTheZone() {
    RecurrenceRule rule = RecurrenceRule.parse("FREQ=DAILY;UNTIL=20261203T190000");
    assertEquals(LocalDateTime.parse("2026-12-03T19:00"), rule.localUntil());
    assertEquals("FREQ=DAILY;UNTIL=20261203T190000", rule.toString());
    assertEquals(rule, RecurrenceRule.parse(rule.toString()));
    // 19:00 in Shanghai, not 19:00 UTC (which would let 2026-12-04T19:00 Shanghai through).
    assertEquals(List.of("2026-12-01T19:00", "2026-12-02T19:00", "2026-12-03T19:00"),
        expand("FREQ=DAILY;UNTIL=20261203T190000", "2026-12-01T19:00", SH));
    assertEquals(List.of("2026-12-01T19:00", "2026-12-02T19:00"),
        expand("FREQ=DAILY;UNTIL=20261203T185959", "2026-12-01T19:00", SH));
    // A date means the whole of that day in the zone: 07:00 on the next day is not in it.
    assertEquals(List.of("2026-12-30T07:00", "2026-12-31T07:00"),
        expand("FREQ=DAILY;UNTIL=20261231", "2026-12-30T07:00", SH));
    assertEquals(Instant.parse("2026-12-03T11:00:00Z"), Recurrence.of(rule,
        LocalDateTime.parse("2026-12-01T19:00"), SH).untilInstant());
    assertEquals("UNTIL", assertThrows(InvalidValueException.class,
        () -> RecurrenceRule.parse("FREQ=DAILY;UNTIL=2026-12-03")).field());
  }

  @Test
  void yearlyByMonthDayWithoutByMonth_coversEveryMonth() {
    assertEquals(List.of("2026-01-15T09:00", "2026-02-15T09:00", "2026-03-15T09:00"),
        expand("FREQ=YEARLY;BYMONTHDAY=15;COUNT=3", "2026-01-15T09:00", SH));
  }

  @Test
  void aRuleWhoseMatchesAreDecadesApart_isNotTakenForExhausted() {
    // February 29 on a Monday: 2044, 2072 (28 years, more than 2,000 daily periods apart).
    assertEquals(List.of("2016-02-29T09:00", "2044-02-29T09:00", "2072-02-29T09:00"),
        expand("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3", "2016-02-29T09:00", SH));
  }
}
