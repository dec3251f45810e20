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
