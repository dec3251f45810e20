package dev.linli.scheduling.series;

import dev.linli.scheduling.series.RecurrenceRule.Frequency;
import dev.linli.scheduling.series.RecurrenceRule.WeekdayNum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A second, deliberately naive reading of RFC 5545 section 3.3.10 for the parts Linli supports:
 * walk every calendar day, decide with plain arithmetic whether it matches each BYxxx part (the
 * "expand" and "limit" rows of the RFC's table both reduce to "the day matches" at day
 * granularity), group the matching days by the period they fall in, keep every INTERVAL-th period,
 * apply BYSETPOS within each period, then drop days before DTSTART, local times the zone skips,
 * and stop at COUNT, UNTIL and the horizon. It shares no code with {@link Recurrence}: no period
 * stepping, no TemporalAdjusters for ordinals, no candidate lists per month.
 */
final class RfcBruteForce {
  private RfcBruteForce() {}

  static List<ZonedDateTime> expand(RecurrenceRule rule, LocalDateTime start, ZoneId zone,
      Instant horizon) {
    LocalDate first = firstDayOfFirstPeriod(rule, start.toLocalDate());
    // To the end of the period holding the horizon: BYSETPOS=-1 needs the whole period.
    LocalDate last = horizon.atZone(zone).toLocalDate().plusYears(1);
    TreeMap<Long, List<LocalDate>> periods = new TreeMap<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      long period = periodIndex(rule, start.toLocalDate(), d);
      if (period % rule.interval() == 0 && matches(rule, start.toLocalDate(), d)) {
        periods.computeIfAbsent(period, p -> new ArrayList<>()).add(d);
      }
    }
    Instant until = rule.until() != null ? rule.until() : rule.localUntil() == null ? null
        : ZonedDateTime.ofLocal(rule.localUntil(), zone, null).withLaterOffsetAtOverlap()
            .toInstant();
    List<ZonedDateTime> out = new ArrayList<>();
    for (List<LocalDate> days : periods.values()) {
      for (LocalDate d : bySetPos(rule, days)) {
        LocalDateTime ldt = d.atTime(start.toLocalTime());
        if (ldt.isBefore(start) || zone.getRules().getValidOffsets(ldt).isEmpty()) {
          continue;
        }
        ZonedDateTime z = ZonedDateTime.ofLocal(ldt, zone, null);
        if ((until != null && z.toInstant().isAfter(until)) || !z.toInstant().isBefore(horizon)
            || (rule.count() != null && out.size() == rule.count())) {
          return out;
        }
        out.add(z);
      }
    }
    return out;
  }

  private static LocalDate firstDayOfFirstPeriod(RecurrenceRule rule, LocalDate s) {
    return switch (rule.frequency()) {
      case DAILY -> s;
      case WEEKLY -> s.with(TemporalAdjusters.previousOrSame(rule.weekStart()));
      case MONTHLY -> s.withDayOfMonth(1);
      case YEARLY -> s.withDayOfYear(1);
    };
  }

  /** Which period (0 = DTSTART's) day {@code d} falls in, counted without stepping. */
  private static long periodIndex(RecurrenceRule rule, LocalDate s, LocalDate d) {
    return switch (rule.frequency()) {
      case DAILY -> ChronoUnit.DAYS.between(s, d);
      case WEEKLY -> Math.floorDiv(ChronoUnit.DAYS.between(weekOf(rule, s), weekOf(rule, d)), 7);
      case MONTHLY -> (d.getYear() * 12L + d.getMonthValue()) - (s.getYear() * 12L
          + s.getMonthValue());
      case YEARLY -> d.getYear() - s.getYear();
    };
  }

  private static LocalDate weekOf(RecurrenceRule rule, LocalDate d) {
    int back = Math.floorMod(d.getDayOfWeek().getValue() - rule.weekStart().getValue(), 7);
    return d.minusDays(back);
  }

  private static boolean matches(RecurrenceRule rule, LocalDate s, LocalDate d) {
    if (!rule.byMonth().isEmpty() && !rule.byMonth().contains(d.getMonthValue())) {
      return false;
    }
    if (!rule.byMonthDay().isEmpty() && rule.byMonthDay().stream().noneMatch(md -> md > 0
        ? md == d.getDayOfMonth() : d.lengthOfMonth() + md + 1 == d.getDayOfMonth())) {
      return false;
    }
    boolean inMonth = rule.frequency() == Frequency.MONTHLY || !rule.byMonth().isEmpty();
    if (!rule.byDay().isEmpty() && rule.byDay().stream().noneMatch(w -> w.day()
        == d.getDayOfWeek() && (w.ordinal() == 0 || nth(w, d, inMonth)))) {
      return false;
    }
    boolean noDayPart = rule.byDay().isEmpty() && rule.byMonthDay().isEmpty();
    return switch (rule.frequency()) {
      case DAILY -> true;
      case WEEKLY -> !rule.byDay().isEmpty() || d.getDayOfWeek() == s.getDayOfWeek();
      case MONTHLY -> !noDayPart || d.getDayOfMonth() == s.getDayOfMonth();
      case YEARLY -> !noDayPart || (d.getDayOfMonth() == s.getDayOfMonth()
          && (!rule.byMonth().isEmpty() || d.getMonthValue() == s.getMonthValue()));
    };
  }

  /** Whether {@code d} is the ordinal-th such weekday of its month or year (negative: from the end). */
  private static boolean nth(WeekdayNum w, LocalDate d, boolean inMonth) {
    int index = inMonth ? d.getDayOfMonth() : d.getDayOfYear();
    int length = inMonth ? d.lengthOfMonth() : d.lengthOfYear();
    return w.ordinal() > 0 ? (index - 1) / 7 + 1 == w.ordinal()
        : (length - index) / 7 + 1 == -w.ordinal();
  }

  private static List<LocalDate> bySetPos(RecurrenceRule rule, List<LocalDate> days) {
    if (rule.bySetPos().isEmpty()) {
      return days;
    }
    List<LocalDate> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      int fromStart = i + 1;
      int fromEnd = i - days.size();
      if (rule.bySetPos().contains(fromStart) || rule.bySetPos().contains(fromEnd)) {
        out.add(days.get(i));
      }
    }
    return out;
  }
}
