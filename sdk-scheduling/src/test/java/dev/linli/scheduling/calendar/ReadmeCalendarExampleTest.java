package dev.linli.scheduling.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's calendar snippet, line for line (the 2027 file made in a temporary directory). */
class ReadmeCalendarExampleTest {
  @Test
  void readmeCalendarExample_runs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("2027.json");
    Files.writeString(file, "{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"劳动节\", "
        + "\"date\": \"2027-05-03\", \"isOffDay\": true}]}", StandardCharsets.UTF_8);
    // --- README begins (path resolved in the temporary directory) ---
    HolidayCalendar cn = HolidayCalendar.bundled();                 // State Council notices 2007-2027
    DayKind a = cn.kind(LocalDate.of(2026, 2, 14));                 // WORKDAY: a Saturday made a workday (调休)
    DayKind b = cn.kind(LocalDate.of(2026, 2, 17));                 // OFFDAY: 春节
    DayKind c = cn.kind(LocalDate.of(2027, 5, 1));                  // UNKNOWN: 2027 not announced yet
    HolidayCalendar newer = cn.with(Files.newInputStream(file), "2027.json"); // README: HolidayCalendar newer = cn.with(Files.newInputStream(Path.of("2027.json")), "2027.json");
    // --- README ends ---
    assertEquals(DayKind.WORKDAY, a);
    assertEquals(DayKind.OFFDAY, b);
    assertEquals(DayKind.UNKNOWN, c);
    assertEquals(DayKind.OFFDAY, newer.kind(LocalDate.of(2027, 5, 1)), "an ordinary Saturday");
    assertEquals(DayKind.OFFDAY, newer.kind(LocalDate.of(2027, 5, 3)));
  }

  @Test
  void snippet_isTheReadmesJavaBlock_lineForLine() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeCalendarExampleTest.class);
  }
}
