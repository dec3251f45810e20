package dev.linli.scheduling.calendar;

/**
 * Whether a date is a working day in mainland China, as far as the published State Council holiday
 * notices say.
 *
 * @since 0.1.0
 */
public enum DayKind {
  /** A working day: an ordinary weekday, or a weekend make-up workday (调休, 补班). */
  WORKDAY,
  /** A day off: an ordinary weekend day, or a public holiday (法定节假日) on any weekday. */
  OFFDAY,
  /**
   * Not known yet: the notice for the date's year has not been published or loaded. Treat it as
   * unknown, never as an ordinary week, since holidays move every year.
   */
  UNKNOWN
}
