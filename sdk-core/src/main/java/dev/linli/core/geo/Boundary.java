package dev.linli.core.geo;

import dev.linli.core.InvalidValueException;
import java.util.ArrayList;
import java.util.List;

/**
 * The outline of an area such as a community (社区边界): one or more {@link GeoPolygon}s, as a GeoJSON
 * {@code Polygon} or {@code MultiPolygon} gives it.
 *
 * <p>Parts are taken as given: overlapping parts would count their overlap twice in
 * {@link #areaSquareMetres()}, as they would in any GIS. Units are square metres on the mean-radius
 * sphere (see {@link GeoPolygon}). Immutable and thread-safe.
 *
 * @param parts the polygons, at least one
 * @since 0.2.0
 */
public record Boundary(List<GeoPolygon> parts) {
  /**
   * Validates the parts.
   *
   * @throws InvalidValueException if there is no part
   */
  public Boundary {
    parts = List.copyOf(InvalidValueException.requirePresent(parts, "parts"));
    InvalidValueException.check(!parts.isEmpty(), "parts", "[]", "needs at least one polygon");
  }

  /**
   * Returns a boundary of one polygon.
   *
   * @param polygon the polygon, not null
   * @return the boundary
   */
  public static Boundary of(GeoPolygon polygon) {
    return new Boundary(List.of(polygon));
  }

  /**
   * Returns whether some part contains {@code p}.
   *
   * @param p a WGS-84 point, not null
   * @return true inside
   */
  public boolean contains(GeoPoint p) {
    for (GeoPolygon part : parts) {
      if (part.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the total area of the parts.
   *
   * @return square metres, {@code > 0}
   */
  public double areaSquareMetres() {
    return parts.stream().mapToDouble(GeoPolygon::areaSquareMetres).sum();
  }

  /**
   * Returns the area in hectares, the unit of {@link dev.linli.core.place.Community#areaHectares()}.
   *
   * @return hectares (10,000 m²)
   */
  public double areaHectares() {
    return areaSquareMetres() / 10_000;
  }

  /**
   * Returns the {@link GeoPolygon#interiorPoint()} of the largest part: a point inside the boundary
   * that stands for it (the centroid whenever the centroid is inside).
   *
   * @return a contained point
   */
  public GeoPoint interiorPoint() {
    GeoPolygon largest = parts.get(0);
    for (GeoPolygon part : parts) {
      if (part.areaSquareMetres() > largest.areaSquareMetres()) {
        largest = part;
      }
    }
    return largest.interiorPoint();
  }

  /**
   * Returns {@code n} points spread uniformly by area over the boundary: each part receives a share
   * of {@code n} in proportion to its area (largest remainders, ties to the earlier part) and draws
   * them with {@link GeoPolygon#samplePoints} from a seed derived from {@code seed} and its position.
   *
   * @param n how many points, {@code >= 1}
   * @param seed the seed
   * @return {@code n} contained points, part by part
   * @throws InvalidValueException if {@code n} is below 1
   */
  public List<GeoPoint> samplePoints(int n, long seed) {
    InvalidValueException.check(n >= 1, "n", n, "must be >= 1");
    double total = areaSquareMetres();
    int[] count = new int[parts.size()];
    double[] remainder = new double[parts.size()];
    int given = 0;
    for (int i = 0; i < parts.size(); i++) {
      double exact = n * parts.get(i).areaSquareMetres() / total;
      count[i] = (int) Math.floor(exact);
      remainder[i] = exact - count[i];
      given += count[i];
    }
    while (given < n) {
      int best = 0;
      for (int i = 1; i < parts.size(); i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      count[best]++;
      remainder[best] = -1;
      given++;
    }
    List<GeoPoint> out = new ArrayList<>(n);
    for (int i = 0; i < parts.size(); i++) {
      if (count[i] > 0) {
        // A fixed odd multiplier spreads the parts' seeds apart (the golden-ratio constant).
        out.addAll(parts.get(i).samplePoints(count[i], seed + i * 0x9E3779B97F4A7C15L));
      }
    }
    return List.copyOf(out);
  }
}
