package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import java.util.List;

/**
 * One life-circle level (生活圈) of a {@link CircleStandard}: a walking time, the distance that stands
 * for it, and the facility types first required at this level.
 *
 * <p>Levels nest: a type required at the 5-minute level must also be reachable within every larger
 * level, so a type appears in exactly one level's {@code requiredTypes}. Distances are network walking
 * metres (or straight-line metres times the circuity factor). Immutable and thread-safe.
 *
 * @param code short code, for example {@code 5min}; lower-case letters, digits and {@code -}
 * @param minutes the walking time the level is named after, {@code >= 1}
 * @param distanceMetres the walking distance that counts as within the level, {@code > 0}
 * @param requiredTypes facility type codes first required at this level, not null
 * @since 0.1.0
 */
public record CircleLevel(String code, int minutes, double distanceMetres, List<String> requiredTypes) {
  /**
   * Validates the level.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public CircleLevel {
    InvalidValueException.check(code != null && code.matches("[a-z0-9][a-z0-9-]{0,15}"), "code",
        code, "must be 1-16 lower-case letters, digits or '-', such as 5min");
    InvalidValueException.check(minutes >= 1, "minutes", minutes, "must be >= 1");
    InvalidValueException.check(Double.isFinite(distanceMetres) && distanceMetres > 0,
        "distanceMetres", distanceMetres, "must be a positive number of metres");
    requiredTypes = List.copyOf(InvalidValueException.requirePresent(requiredTypes, "requiredTypes"));
  }

  /**
   * Component by component, as the record's generated {@code equals}: written out because the
   * generated one builds method handles on its first call, milliseconds of a command-line run
   * (the health check looks levels up in the standard's list).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CircleLevel l && code.equals(l.code) && minutes == l.minutes
        && Double.compare(distanceMetres, l.distanceMetres) == 0
        && requiredTypes.equals(l.requiredTypes);
  }
}
