package dev.linli.core.circle;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.geo.Boundary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where residents start their walks in communities given as polygons: {@code pointsPerCommunity}
 * points spread uniformly by area inside each boundary, drawn from {@code seed} (each carrying an equal
 * share of the community's residents), or, with 0 points, the boundary's interior point (its centroid
 * when the centroid is inside).
 *
 * <p>A community's estates with a location and a head count, when the city has them, still come first:
 * they say where people live better than an even spread does. A community without a boundary keeps
 * its centroid. The same boundaries, count and seed give the same origins on every run. Immutable and
 * thread-safe.
 *
 * @param boundaries boundary per community id, not null
 * @param pointsPerCommunity origins per community, 0 for the interior point, at most 10,000
 * @param seed seed of the spread (unused with 0 points)
 * @since 0.2.0
 */
public record BoundaryOrigins(Map<String, Boundary> boundaries, int pointsPerCommunity, long seed) {
  /** The default number of origins per boundary: enough to resolve a 5-minute circle in a 1 km² community. */
  public static final int DEFAULT_POINTS = 32;

  /**
   * Validates the ids and the count.
   *
   * @throws InvalidValueException if an id is invalid or the count is out of range
   */
  public BoundaryOrigins {
    InvalidValueException.requirePresent(boundaries, "boundaries");
    Map<String, Boundary> copy = new LinkedHashMap<>();
    boundaries.forEach((id, b) -> copy.put(Id.require(id, "boundaries.id"),
        InvalidValueException.requirePresent(b, "boundaries[" + id + "]")));
    boundaries = Collections.unmodifiableMap(copy);
    InvalidValueException.check(pointsPerCommunity >= 0 && pointsPerCommunity <= 10_000,
        "pointsPerCommunity", pointsPerCommunity, "must be 0 (interior point) to 10000");
  }

  /**
   * Returns origins spread inside each boundary.
   *
   * @param boundaries boundary per community id
   * @param points origins per community, 1 to 10,000
   * @param seed the seed
   * @return the origins setting
   */
  public static BoundaryOrigins spread(Map<String, Boundary> boundaries, int points, long seed) {
    InvalidValueException.check(points >= 1, "points", points, "must be >= 1 (or use centroids)");
    return new BoundaryOrigins(boundaries, points, seed);
  }

  /**
   * Returns one origin per boundary at its interior point.
   *
   * @param boundaries boundary per community id
   * @return the origins setting
   */
  public static BoundaryOrigins centroids(Map<String, Boundary> boundaries) {
    return new BoundaryOrigins(boundaries, 0, 0);
  }
}
