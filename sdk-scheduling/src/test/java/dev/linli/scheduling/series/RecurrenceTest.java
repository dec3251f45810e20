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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Provide
  Arbitrary<String> rules() {
    Arbitrary<String> freq = Arbitraries.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");
    Arbitrary<String> parts = Arbitraries.of("", ";BYDAY=MO,WE,FR", ";BYMONTHDAY=1,15,-1",
        ";BYMONTH=2,3", ";BYSETPOS=1", ";INTERVAL=3", ";BYMONTHDAY=29,30,31");
    Arbitrary<String> end = Arbitraries.of(";COUNT=10", ";COUNT=1", ";UNTIL=20280101T000000Z", "");
    return Combinators.combine(freq, parts, parts, end).as((f, a, b, e) -> {
      String r = "FREQ=" + f + a + (b.equals(a) || b.startsWith(a.isEmpty() ? "\u0000"
          : a.substring(0, Math.min(6, a.length()))) ? "" : b) + e;
      return r;
    });
  }

  @Property(tries = 300)
  void expansionsAreSortedDistinctWithinBounds(@ForAll("rules") String text,
      @ForAll("starts") LocalDateTime start) {
    RecurrenceRule rule;
    try {
      rule = RecurrenceRule.parse(text);
    } catch (InvalidValueException duplicatePart) {
      return;
    }
    Instant horizon = start.atZone(BERLIN).toInstant().plusSeconds(86400L * 365 * 3);
    List<ZonedDateTime> out = Recurrence.of(rule, start, BERLIN).until(horizon);
    for (int i = 1; i < out.size(); i++) {
      assertTrue(out.get(i - 1).isBefore(out.get(i)), text + " " + out);
    }
    for (ZonedDateTime z : out) {
      assertTrue(!z.toLocalDateTime().isBefore(start), text);
      assertTrue(z.toInstant().isBefore(horizon));
      assertEquals(start.toLocalTime(), z.toLocalTime(), "every occurrence keeps DTSTART's time");
      if (rule.until() != null) {
        assertTrue(!z.toInstant().isAfter(rule.until()));
      }
      if (!rule.byDay().isEmpty()) {
        assertTrue(rule.byDay().stream().map(RecurrenceRule.WeekdayNum::day)
            .anyMatch(d -> d == z.getDayOfWeek()), text + " " + z);
      }
      if (!rule.byMonth().isEmpty()) {
        assertTrue(rule.byMonth().contains(z.getMonthValue()), text + " " + z);
      }
    }
    if (rule.count() != null) {
      assertTrue(out.size() <= rule.count(), text);
    }
  }

  @Provide
  Arbitrary<LocalDateTime> starts() {
    return Arbitraries.integers().between(0, 3000).flatMap(days -> Arbitraries.of(0, 150, 570,
        1140).map(minutes -> LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(days)
            .plusMinutes(minutes)));
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
}
