package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import java.util.Locale;

/**
 * Walking distance estimated as great-circle distance times a circuity factor.
 *
 * <p>Streets are not straight: measured route-to-crow-fly ratios for walking in dense Chinese and
 * European cities lie around 1.2–1.4, so the default factor is {@value #DEFAULT_CIRCUITY}. Use a
 * {@link WalkNetwork} where a path graph exists. Immutable and thread-safe.
 *
 * @param circuity factor applied to straight-line distance, {@code >= 1}
 * @since 0.1.0
 */
public record StraightLine(double circuity) implements Travel {
  /** The default circuity factor. */
  public static final double DEFAULT_CIRCUITY = 1.3;

  /**
   * Validates the factor.
   *
   * @throws InvalidValueException if it is below 1 or not finite
   */
  public StraightLine {
    InvalidValueException.check(Double.isFinite(circuity) && circuity >= 1, "circuity", circuity,
        "must be a finite factor >= 1 (a walk is never shorter than the straight line)");
  }

  /**
   * Returns straight-line travel with the default circuity factor.
   *
   * @return the travel model
   */
  public static StraightLine defaults() {
    return new StraightLine(DEFAULT_CIRCUITY);
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "straight line x %.2f", circuity);
  }
}
