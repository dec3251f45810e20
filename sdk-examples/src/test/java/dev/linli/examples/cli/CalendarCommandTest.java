package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalendarCommandTest {
  @Test
  void year2026_listsHolidaysAndMakeUpDays() {
    LinliCommandTest.Run r = LinliCommandTest.run("calendar", "--year", "2026");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s).*2026-02-14\\s+Sat\\s+WORKDAY \\(调休\\)\\s+春节.*"), r.out());
    assertTrue(r.out().matches("(?s).*2026-02-17\\s+Tue\\s+OFFDAY\\s+春节.*"), r.out());
    assertTrue(r.out().contains("dates of 2026 are UNKNOWN"), "late December waits for 2027");
  }

  @Test
  void zone_marksTodayInThatZone_andABadZoneExitsTwo() {
    LinliCommandTest.Run r = LinliCommandTest.run("calendar", "--year", "2026", "--zone",
        "Europe/Berlin", "--today", "2026-02-17");
    assertTrue(r.out().matches("(?s).*2026-02-17 \\(today\\)\\s+Tue\\s+OFFDAY\\s+春节.*"), r.out());
    assertEquals(2, LinliCommandTest.run("calendar", "--year", "2026", "--zone", "Mars/Olympus")
        .code());
  }

  @Test
  void unannouncedYear_isAllUnknown_badYear_exitsTwo() {
    assertTrue(LinliCommandTest.run("calendar", "--year", "2027").out()
        .contains("365 dates of 2027 are UNKNOWN"));
    LinliCommandTest.Run bad = LinliCommandTest.run("calendar", "--year", "1900");
    assertEquals(2, bad.code());
    assertEquals("linli calendar: year = 1900: must be between 1949 and 2200\n", bad.err());
  }
}
