package dev.linli.examples.cli;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.calendar.DayKind;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code linli calendar}: China's public holidays and make-up workdays for a year. */
@Command(name = "calendar", mixinStandardHelpOptions = true,
    description = {"Print each date of a year that is not an ordinary day in mainland China: public "
        + "holidays on weekdays, make-up workdays (调休) on weekends, and dates not yet known.",
        "Uses the bundled State Council notices (2007-2027)."})
final class CalendarCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--year", required = true, description = "The year, e.g. 2026.")
  int year;

  @Option(names = "--zone", defaultValue = "Asia/Shanghai",
      description = "Zone whose today is marked in the list (default: ${DEFAULT-VALUE}); the "
          + "holidays themselves are mainland China's calendar dates.")
  java.time.ZoneId zone;

  @Option(names = "--today", hidden = true, description = "Overrides today, for tests.")
  LocalDate today;

  @Override
  public Integer call() {
    InvalidValueException.check(year >= 1949 && year <= 2200, "year", year,
        "must be between 1949 and 2200");
    HolidayCalendar calendar = HolidayCalendar.bundled();
    PrintWriter out = spec.commandLine().getOut();
    LocalDate now = today != null ? today : LocalDate.now(zone);
    TextTable table = new TextTable("date", "weekday", "kind", "holiday");
    int unknown = 0;
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      DayKind kind = calendar.kind(d);
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY
          || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (kind == DayKind.UNKNOWN) {
        unknown++;
        continue;
      }
      if ((kind == DayKind.OFFDAY) != weekend || calendar.holidayName(d).isPresent()) {
        table.row(d.equals(now) ? d + " (today)" : d,
            d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT),
            calendar.isMakeUpWorkday(d) ? "WORKDAY (调休)" : kind,
            calendar.holidayName(d).orElse(""));
      }
    }
    out.print(table.render());
    if (unknown > 0) {
      out.printf(Locale.ROOT, "%d dates of %d are UNKNOWN: their notice is not out yet%n", unknown,
          year);
    }
    out.flush();
    return 0;
  }
}
