package dev.linli.points.timebank;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A calendar period in a community's zone, for caps and limits ("at most 200 hours a year", "gifts
 * up to 500 points a month") and for reports. Weeks start on Monday, as in China; quarters start in
 * January, April, July and October. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum CalendarPeriod {
  /** A calendar day. */
  DAY,
  /** A week from Monday. */
  WEEK,
  /** A calendar month. */
  MONTH,
  /** A calendar quarter. */
  QUARTER,
  /** A calendar year. */
  YEAR;

  /**
   * Returns the first day of the period that contains {@code date}.
   *
   * @param date any date
   * @return the period's first day
   */
  public LocalDate start(LocalDate date) {
    return switch (this) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
      case YEAR -> date.withDayOfYear(1);
    };
  }

  /**
   * Returns the first day after the period that starts on {@code start}.
   *
   * @param start a period's first day
   * @return the next period's first day
   */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
      case QUARTER -> start.plusMonths(3);
      case YEAR -> start.plusYears(1);
    };
  }

  /**
   * Returns the half-open interval {@code [start, end)} of the period containing {@code instant},
   * with days starting at midnight in {@code zone}.
   *
   * @param instant any instant
   * @param zone the community's zone
   * @return the period's bounds as instants
   */
  public Instant[] bounds(Instant instant, ZoneId zone) {
    LocalDate first = start(instant.atZone(zone).toLocalDate());
    return new Instant[] {first.atStartOfDay(zone).toInstant(),
        next(first).atStartOfDay(zone).toInstant()};
  }
}
