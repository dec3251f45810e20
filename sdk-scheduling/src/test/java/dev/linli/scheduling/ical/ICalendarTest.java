package dev.linli.scheduling.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.series.BookingSeries;
import dev.linli.scheduling.series.Recurrence;
import dev.linli.scheduling.series.RecurrenceRule;
import dev.linli.scheduling.series.SeriesRequest;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ICalendarTest {
  private static final Instant STAMP = Instant.parse("2026-11-24T02:00:00Z");

  @Test
  void bookingsAndASeries_withTimezones_uids_andExdates() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Resource stage = Resource.exclusive("jf-stage", Name.of("舞台", "Stage"));
    Resource hall = new Resource("berlin-hall", Name.of("柏林厅", "Berlin hall"), 1,
        ZoneId.of("Europe/Berlin"), Duration.ofMinutes(30), Duration.ZERO, Duration.ZERO,
        List.of());
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(stage, hall)).build();
    e.decide(new BookingRequest("bk-1", "berlin-hall", "r1", "h1",
        Instant.parse("2026-07-01T08:00:00Z"), Instant.parse("2026-07-01T09:00:00Z"), 1));
    SeriesRequest dance = new SeriesRequest("dance", "jf-stage", "r-wang", "h-118",
        "dance-team", 1, Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=SA;COUNT=4"),
            LocalDateTime.parse("2026-05-02T14:00"), Resource.SHANGHAI), Duration.ofHours(2),
        SeriesRequest.Policy.ALL_OR_NOTHING, false, false,
        Instant.parse("2027-01-01T00:00:00Z"));
    BookingSeries series = BookingSeries.on(e, HolidayCalendar.bundled());
    series.book(dance);
    SeriesRequest less = series.cancelOccurrence(dance, LocalDateTime.parse("2026-05-09T14:00"));
    List<dev.linli.scheduling.booking.Booking> all = new java.util.ArrayList<>(
        e.bookings("jf-stage"));
    all.addAll(e.bookings("berlin-hall"));
    String ics = ICalendar.write(all, List.of(less), Map.of("jf-stage", stage, "berlin-hall",
        hall), STAMP);
    assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
    assertFalse(ics.replace("\r\n", "").contains("\n"), "CRLF only");
    String unfolded = ics.replace("\r\n ", "");
    assertTrue(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\n"
        + "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"), unfolded);
    assertTrue(unfolded.contains("BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
        + "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"),
        unfolded);
    assertTrue(unfolded.contains("BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
        + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"),
        unfolded);
    assertTrue(unfolded.contains("UID:bk-1@linli.dev\r\nDTSTAMP:20261124T020000Z\r\n"
        + "DTSTART;TZID=Europe/Berlin:20260701T100000\r\n"
        + "DTEND;TZID=Europe/Berlin:20260701T110000\r\n"), unfolded);
    assertTrue(unfolded.contains("UID:dance@linli.dev\r\nDTSTAMP:20261124T020000Z\r\n"
        + "DTSTART;TZID=Asia/Shanghai:20260502T140000\r\n"
        + "DTEND;TZID=Asia/Shanghai:20260502T160000\r\nRRULE:FREQ=WEEKLY;COUNT=4;BYDAY=SA\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260509T140000\r\nSUMMARY:舞台 Stage (dance-team)\r\n"),
        unfolded);
    assertEquals(2, unfolded.split("BEGIN:VEVENT", -1).length - 1,
        "the series' occurrences are not repeated as single events");
    assertEquals(ics, ICalendar.write(all, List.of(less), Map.of("jf-stage", stage,
        "berlin-hall", hall), STAMP), "the same input gives the same file");
  }

  @Test
  void aSeriesIsExportedAsBooked_holidaysAndCancellationsExcluded_makeUpDaysAdded_endKnown() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Resource room = Resource.exclusive("jf-room", Name.of("活动室", "Activity room"));
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(room)).build();
    // A separate booking whose id merely starts with the series id.
    e.decide(new BookingRequest("choir-extra", "jf-room", "r-li", "h-302",
        LocalDateTime.parse("2026-02-10T09:00").atZone(Resource.SHANGHAI).toInstant(),
        LocalDateTime.parse("2026-02-10T11:00").atZone(Resource.SHANGHAI).toInstant(), 1));
    // Open-ended, booked only to the horizon, over the 2026 Spring Festival.
    SeriesRequest choir = new SeriesRequest("choir", "jf-room", "r-wang", "h-118", null, 1,
        Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
            LocalDateTime.parse("2026-02-09T19:00"), Resource.SHANGHAI), Duration.ofHours(2),
        SeriesRequest.Policy.SKIP_CONFLICTS, true, true,
        LocalDateTime.parse("2026-03-02T00:00").atZone(Resource.SHANGHAI).toInstant());
    BookingSeries.on(e, HolidayCalendar.bundled()).book(choir);
    e.cancel("choir-202602111900"); // the series request itself is not told
    String ics = ICalendar.write(e.bookings("jf-room"), List.of(choir), Map.of("jf-room", room),
        STAMP).replace("\r\n ", "");
    assertTrue(ics.contains("UID:choir@linli.dev\r\nDTSTAMP:20261124T020000Z\r\n"
        + "DTSTART;TZID=Asia/Shanghai:20260209T190000\r\n"
        + "DTEND;TZID=Asia/Shanghai:20260209T210000\r\n"
        + "RRULE:FREQ=WEEKLY;UNTIL=20260227T110000Z;BYDAY=MO,TU,WE,TH,FR\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260211T190000\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260216T190000\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260217T190000\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260218T190000\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260219T190000\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260220T190000\r\n"
        + "EXDATE;TZID=Asia/Shanghai:20260223T190000\r\n"
        + "RDATE;TZID=Asia/Shanghai:20260214T190000\r\nSUMMARY"), ics);
    assertTrue(ics.contains("UID:choir-extra@linli.dev\r\n"), "not taken for an occurrence");
    assertEquals(2, ics.split("BEGIN:VEVENT", -1).length - 1, "the cancelled occurrence is an"
        + " EXDATE, not an event of its own");
    assertTrue(ics.contains("TZOFFSETTO:+0800\r\nTZNAME:+08\r\n"), ics);
  }

  @Test
  void zoneNames_areOffsets_theSameOnEveryJdk() {
    assertEquals("+08", ICalendar.name(java.time.ZoneOffset.ofHours(8)));
    assertEquals("-0230", ICalendar.name(java.time.ZoneOffset.ofHoursMinutes(-2, -30)));
    assertEquals("+0545", ICalendar.name(java.time.ZoneOffset.ofHoursMinutes(5, 45)));
    assertEquals("+00", ICalendar.name(java.time.ZoneOffset.UTC));
  }

  @Test
  void aSeriesWithNothingBooked_isLeftOut() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Resource room = Resource.exclusive("jf-room", Name.of("活动室", "Activity room"));
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(room)).build();
    SeriesRequest once = new SeriesRequest("once", "jf-room", "r-wang", "h-118", null, 1,
        Recurrence.of(RecurrenceRule.parse("FREQ=DAILY;COUNT=1"),
            LocalDateTime.parse("2026-03-02T19:00"), Resource.SHANGHAI), Duration.ofHours(2),
        SeriesRequest.Policy.ALL_OR_NOTHING, true, false, Instant.parse("2027-01-01T00:00:00Z"));
    BookingSeries.on(e, HolidayCalendar.bundled()).book(once);
    e.cancel("once-202603021900");
    String ics = ICalendar.write(e.bookings("jf-room"), List.of(once), Map.of("jf-room", room),
        STAMP);
    assertFalse(ics.contains("BEGIN:VEVENT"), ics);
  }

  @Property(tries = 300)
  void folding_neverExceeds75Octets_neverSplitsACharacter_andUnfoldsBack(
      @ForAll @StringLength(max = 400) String text) {
    String line = "SUMMARY:" + ICalendar.text("邻里中心舞台 " + text);
    StringBuilder out = new StringBuilder();
    ICalendar.fold(out, line);
    for (String physical : out.toString().split("\r\n")) {
      byte[] bytes = physical.getBytes(StandardCharsets.UTF_8);
      assertTrue(bytes.length <= 75, physical);
      assertEquals(physical, new String(bytes, StandardCharsets.UTF_8));
    }
    assertEquals(line + "\r\n", out.toString().replace("\r\n ", ""));
  }

  @Test
  void escaping_andTransitionRules() {
    assertEquals("a\\,b\\;c\\\\d\\ne", ICalendar.text("a,b;c\\d\ne"));
    assertEquals("FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYMONTHDAY=8,9,10,11,12,13,14",
        ICalendar.yearlyRule(Month.MARCH, DayOfWeek.SUNDAY, 8));
    assertTrue(Arrays.asList(ICalendar.yearlyRule(Month.OCTOBER, DayOfWeek.SUNDAY, -1)
        .split(";")).contains("BYDAY=-1SU"));
  }
}
