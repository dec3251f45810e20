package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import java.time.Duration;

/**
 * At most {@code max} service time counted per member per calendar {@code period} (such as 200
 * hours a year): time served beyond it earns neither points nor honour minutes. Immutable and
 * thread-safe.
 *
 * @param period the calendar period, counted in the community's zone
 * @param max the most service time counted in one period, {@code > 0}
 * @since 0.1.0
 */
public record ServiceCap(CalendarPeriod period, Duration max) {
  /**
   * Validates the cap.
   *
   * @throws InvalidValueException if a field is missing or {@code max} is not positive
   */
  public ServiceCap {
    InvalidValueException.requirePresent(period, "period");
    InvalidValueException.check(max != null && !max.isNegative() && !max.isZero(), "max", max,
        "must be a positive duration, such as PT200H");
  }
}
