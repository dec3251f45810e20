package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import dev.linli.core.geo.GeoPoint;
import java.util.List;

/**
 * The area within a number of walking minutes of a place (a community, a centre, a facility): a
 * service circle drawn as a polygon, for maps and as a planning unit. Immutable and thread-safe.
 *
 * @param id the place's id
 * @param kind what the place is: {@code community}, {@code centre} or a facility type code
 * @param place where walks start
 * @param minutes the walking time
 * @param metres the walking distance ({@code minutes} x the standard's walking speed)
 * @param ring the polygon's closed exterior ring, counter-clockwise (GeoJSON's right-hand rule),
 *     first point repeated last, at least four points
 * @param reachedNodes walk-network nodes within the distance (0 for straight-line circles)
 * @since 0.1.0
 */
public record Isochrone(String id, String kind, GeoPoint place, double minutes, double metres,
    List<GeoPoint> ring, int reachedNodes) {
  /**
   * Validates the ring and copies it.
   *
   * @throws InvalidValueException if the ring is open or has fewer than four points
   */
  public Isochrone {
    ring = List.copyOf(ring);
    InvalidValueException.check(ring.size() >= 4 && ring.get(0).equals(ring.get(ring.size() - 1)),
        "ring", ring.size() + " points", "must be closed (first point = last) with at least 4");
    InvalidValueException.check(minutes > 0 && metres > 0, "minutes", minutes,
        "must be positive, as must the distance");
  }

  /**
   * Returns the polygon's area on the sphere (square metres), by the spherical-excess formula over
   * the ring's great-circle edges.
   *
   * @return the area, {@code >= 0}
   */
  public double areaSquareMetres() {
    // Signed area by the trapezoid rule on the sphere (Chamberlain & Duquette 2007).
    double sum = 0;
    for (int i = 0; i < ring.size() - 1; i++) {
      GeoPoint a = ring.get(i);
      GeoPoint b = ring.get(i + 1);
      sum += Math.toRadians(b.lon() - a.lon())
          * (2 + Math.sin(Math.toRadians(a.lat())) + Math.sin(Math.toRadians(b.lat())));
    }
    double r = GeoPoint.EARTH_RADIUS_METRES;
    return Math.abs(sum * r * r / 2);
  }
}
