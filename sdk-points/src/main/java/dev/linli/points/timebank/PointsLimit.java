package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;

/**
 * At most {@code max} per member per calendar {@code period}: a limit on gifts, donations or
 * redemptions of one item. Whole units of the asset (points), or a count where documented.
 * Immutable and thread-safe.
 *
 * @param period the calendar period, counted in the community's zone
 * @param max the most allowed in one period, {@code >= 0}
 * @since 0.1.0
 */
public record PointsLimit(CalendarPeriod period, long max) {
  /**
   * Validates the limit.
   *
   * @throws InvalidValueException if the period is missing or {@code max < 0}
   */
  public PointsLimit {
    InvalidValueException.requirePresent(period, "period");
    InvalidValueException.check(max >= 0, "max", max, "must be >= 0");
  }
}
