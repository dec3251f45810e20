package dev.linli.core.geo;

import dev.linli.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One polygon on the WGS-84 datum: an exterior ring and any number of holes, as in a GeoJSON
 * {@code Polygon} (RFC 7946 §3.1.6).
 *
 * <p>Rings are stored open (the closing position of GeoJSON is dropped) and normalised to the
 * right-hand rule of RFC 7946: exterior counter-clockwise, holes clockwise. Input of either winding
 * is accepted and reoriented, as RFC 7946 asks of parsers; the winding carries no meaning here.
 * Edges are straight lines in longitude/latitude, which for rings of community size (a few
 * kilometres) lies within centimetres of the great-circle edge. A ring must have at least three
 * distinct vertices, enclose a non-zero area, not cross itself, and span less than 180° of longitude
 * (a polygon across the antimeridian must be split, as RFC 7946 §3.1.9 says); every hole lies inside
 * the exterior ring.
 *
 * <p>{@link #areaSquareMetres()} is the area on the sphere of {@link GeoPoint#EARTH_RADIUS_METRES},
 * computed by the spherical line-integral formula (exact for edges along meridians and parallels, and
 * within 0.5% of the ellipsoidal area, like {@link GeoPoint#distanceTo}). Whether a point exactly on
 * an edge is {@link #contains contained} is unspecified. Immutable and thread-safe.
 *
 * @param rings the exterior ring first, then the holes; each ring a list of vertices, not null
 * @since 0.2.0
 */
public record GeoPolygon(List<List<GeoPoint>> rings) {
  /**
   * Validates and normalises the rings.
   *
   * @throws InvalidValueException naming the ring and what is wrong with it
   */
  public GeoPolygon {
    InvalidValueException.requirePresent(rings, "rings");
    InvalidValueException.check(!rings.isEmpty(), "rings", "[]",
        "needs an exterior ring (and optionally holes)");
    List<List<GeoPoint>> normal = new ArrayList<>(rings.size());
    for (int r = 0; r < rings.size(); r++) {
      List<GeoPoint> ring = open(rings.get(r), "rings[" + r + "]");
      boolean counterClockwise = signedArea(ring) > 0;
      if (counterClockwise != (r == 0)) {
        ring = new ArrayList<>(ring);
        Collections.reverse(ring);
      }
      normal.add(List.copyOf(ring));
    }
    for (int h = 1; h < normal.size(); h++) {
      for (GeoPoint v : normal.get(h)) {
        InvalidValueException.check(inRing(normal.get(0), v.lat(), v.lon()),
            "rings[" + h + "]", v, "a hole must lie inside the exterior ring (rings[0])");
      }
      for (int other = 0; other < h; other++) {
        String meeting = ringsMeet(normal.get(h), normal.get(other));
        InvalidValueException.check(meeting == null, "rings[" + h + "]", meeting,
            "a hole must not cross or touch ring " + other + (other == 0 ? " (the exterior)" : ""));
        InvalidValueException.check(other == 0 || !inRing(normal.get(other),
            normal.get(h).get(0).lat(), normal.get(h).get(0).lon()), "rings[" + h + "]",
            normal.get(h).get(0), "a hole must not lie inside another hole (ring " + other + ")");
      }
    }
    rings = List.copyOf(normal);
  }

  /**
   * Returns a polygon without holes.
   *
   * @param exterior the vertices, closed or not, either winding
   * @return the polygon
   * @throws InvalidValueException if the ring is not a simple ring
   */
  public static GeoPolygon of(List<GeoPoint> exterior) {
    return new GeoPolygon(List.of(exterior));
  }

  /**
   * Returns the exterior ring, counter-clockwise, without the closing vertex.
   *
   * @return the vertices
   */
  public List<GeoPoint> exterior() {
    return rings.get(0);
  }

  /**
   * Returns the holes, each clockwise, without the closing vertex.
   *
   * @return the holes, possibly empty
   */
  public List<List<GeoPoint>> holes() {
    return rings.subList(1, rings.size());
  }

  /**
   * Returns whether {@code p} lies inside the exterior ring and outside every hole.
   *
   * @param p a WGS-84 point, not null
   * @return true inside
   */
  public boolean contains(GeoPoint p) {
    if (!inRing(rings.get(0), p.lat(), p.lon())) {
      return false;
    }
    for (int h = 1; h < rings.size(); h++) {
      if (inRing(rings.get(h), p.lat(), p.lon())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the area: the exterior's minus the holes'.
   *
   * @return square metres on the mean-radius sphere, {@code > 0}
   */
  public double areaSquareMetres() {
    double area = ringArea(rings.get(0));
    for (int h = 1; h < rings.size(); h++) {
      area -= ringArea(rings.get(h));
    }
    return area;
  }

  /**
   * Returns the area centroid in longitude/latitude (holes subtracted). It can lie outside a concave
   * polygon or inside a hole; {@link #interiorPoint()} never does.
   *
   * @return the centroid
   */
  public GeoPoint centroid() {
    // Relative to one vertex, so that the products keep their precision far from (0, 0).
    GeoPoint o = rings.get(0).get(0);
    double a = 0;
    double x = 0;
    double y = 0;
    for (List<GeoPoint> ring : rings) {
      // Holes are clockwise, so their terms are negative and subtract themselves.
      for (int i = 0; i < ring.size(); i++) {
        GeoPoint p = ring.get(i);
        GeoPoint q = ring.get((i + 1) % ring.size());
        double px = p.lon() - o.lon();
        double py = p.lat() - o.lat();
        double qx = q.lon() - o.lon();
        double qy = q.lat() - o.lat();
        double cross = px * qy - qx * py;
        a += cross;
        x += (px + qx) * cross;
        y += (py + qy) * cross;
      }
    }
    return new GeoPoint(o.lat() + y / (3 * a), o.lon() + x / (3 * a));
  }

  /**
   * Returns a point inside the polygon that stands for it: the {@link #centroid()} when it is inside,
   * else the middle of the widest inside stretch of the parallel through the centroid (or, if that
   * parallel only grazes the polygon, through the middle of its latitude span). Deterministic.
   *
   * @return a point for which {@link #contains} is true
   */
  public GeoPoint interiorPoint() {
    GeoPoint c = centroid();
    if (contains(c)) {
      return c;
    }
    double[] span = latitudeSpan();
    for (double lat : new double[] {c.lat(), (span[0] + span[1]) / 2,
        span[0] + (span[1] - span[0]) / 3, span[0] + 2 * (span[1] - span[0]) / 3}) {
      GeoPoint p = widestStretchMiddle(lat);
      if (p != null && contains(p)) {
        return p;
      }
    }
    // Unreachable for a valid polygon: some parallel through its latitude span crosses its inside.
    throw new IllegalStateException("no interior point found for " + this);
  }

  /**
   * Returns {@code n} points spread uniformly by area over the polygon, drawn with a seeded random
   * generator: the same polygon, count and seed give the same points on every JVM.
   *
   * @param n how many points, {@code >= 1}
   * @param seed the seed
   * @return {@code n} points, each {@link #contains contained}
   * @throws InvalidValueException if {@code n} is below 1
   */
  public List<GeoPoint> samplePoints(int n, long seed) {
    InvalidValueException.check(n >= 1, "n", n, "must be >= 1");
    double[] lat = latitudeSpan();
    double minLon = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    for (GeoPoint v : rings.get(0)) {
      minLon = Math.min(minLon, v.lon());
      maxLon = Math.max(maxLon, v.lon());
    }
    // Uniform in longitude and in sin(latitude) is uniform by area on the sphere.
    double sinLo = Math.sin(Math.toRadians(lat[0]));
    double sinHi = Math.sin(Math.toRadians(lat[1]));
    SplittableRandom random = new SplittableRandom(seed);
    List<GeoPoint> out = new ArrayList<>(n);
    long budget = 100_000L * n;
    while (out.size() < n && budget-- > 0) {
      double la = Math.toDegrees(Math.asin(sinLo + (sinHi - sinLo) * random.nextDouble()));
      double lo = minLon + (maxLon - minLon) * random.nextDouble();
      if (la >= -90 && la <= 90 && contains(new GeoPoint(la, lo))) {
        out.add(new GeoPoint(la, lo));
      }
    }
    // Only a sliver filling under 1e-5 of its bounding box gets here; its interior point stands in.
    while (out.size() < n) {
      out.add(interiorPoint());
    }
    return List.copyOf(out);
  }

  /** {min, max} latitude of the exterior ring. */
  double[] latitudeSpan() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (GeoPoint v : rings.get(0)) {
      lo = Math.min(lo, v.lat());
      hi = Math.max(hi, v.lat());
    }
    return new double[] {lo, hi};
  }

  private GeoPoint widestStretchMiddle(double lat) {
    List<Double> xs = new ArrayList<>();
    for (List<GeoPoint> ring : rings) {
      for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        GeoPoint a = ring.get(i);
        GeoPoint b = ring.get(j);
        if ((a.lat() > lat) != (b.lat() > lat)) {
          xs.add(a.lon() + (lat - a.lat()) * (b.lon() - a.lon()) / (b.lat() - a.lat()));
        }
      }
    }
    Collections.sort(xs);
    GeoPoint best = null;
    double width = 0;
    for (int k = 0; k + 1 < xs.size(); k += 2) {
      double w = xs.get(k + 1) - xs.get(k);
      if (w > width) {
        width = w;
        best = new GeoPoint(lat, (xs.get(k) + xs.get(k + 1)) / 2);
      }
    }
    return best;
  }

  /** Crossing-number test with longitude as x and latitude as y. */
  static boolean inRing(List<GeoPoint> ring, double lat, double lon) {
    boolean inside = false;
    for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      GeoPoint a = ring.get(i);
      GeoPoint b = ring.get(j);
      if ((a.lat() > lat) != (b.lat() > lat)
          && lon < a.lon() + (lat - a.lat()) * (b.lon() - a.lon()) / (b.lat() - a.lat())) {
        inside = !inside;
      }
    }
    return inside;
  }

  /** Twice the signed planar area in degrees²; positive for counter-clockwise rings. */
  private static double signedArea(List<GeoPoint> ring) {
    double sum = 0;
    GeoPoint o = ring.get(0);
    for (int i = 0; i < ring.size(); i++) {
      GeoPoint p = ring.get(i);
      GeoPoint q = ring.get((i + 1) % ring.size());
      sum += (p.lon() - o.lon()) * (q.lat() - o.lat()) - (q.lon() - o.lon()) * (p.lat() - o.lat());
    }
    return sum;
  }

  /** Area of a ring on the sphere: R²/2 Σ (λ₂ − λ₁)(2 + sin φ₁ + sin φ₂), made positive. */
  private static double ringArea(List<GeoPoint> ring) {
    double sum = 0;
    for (int i = 0; i < ring.size(); i++) {
      GeoPoint p = ring.get(i);
      GeoPoint q = ring.get((i + 1) % ring.size());
      sum += Math.toRadians(q.lon() - p.lon())
          * (2 + Math.sin(Math.toRadians(p.lat())) + Math.sin(Math.toRadians(q.lat())));
    }
    double r = GeoPoint.EARTH_RADIUS_METRES;
    return Math.abs(sum * r * r / 2);
  }

  /** Drops a closing vertex and repeated vertices, then checks the ring is a simple ring. */
  private static List<GeoPoint> open(List<GeoPoint> ring, String field) {
    InvalidValueException.requirePresent(ring, field);
    List<GeoPoint> out = new ArrayList<>(ring.size());
    for (GeoPoint v : ring) {
      InvalidValueException.requirePresent(v, field + " vertex");
      if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
        out.add(v);
      }
    }
    if (out.size() > 1 && out.get(0).equals(out.get(out.size() - 1))) {
      out.remove(out.size() - 1);
    }
    InvalidValueException.check(out.size() >= 3, field, ring.size() + " vertices",
        "a ring needs at least 3 distinct vertices (4 positions when closed, as GeoJSON writes it)");
    double minLon = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    for (GeoPoint v : out) {
      minLon = Math.min(minLon, v.lon());
      maxLon = Math.max(maxLon, v.lon());
    }
    InvalidValueException.check(maxLon - minLon < 180, field, minLon + ".." + maxLon,
        "a ring must span less than 180° of longitude; split a polygon that crosses the "
            + "antimeridian (RFC 7946 §3.1.9)");
    String crossing = selfCrossing(out);
    InvalidValueException.check(crossing == null, field, crossing,
        "a ring must not cross or touch itself");
    InvalidValueException.check(signedArea(out) != 0, field, out.get(0),
        "the ring encloses no area (its vertices lie on one line)");
    return out;
  }

  /** Returns a description of the first pair of non-adjacent edges that meet, or null. */
  private static String selfCrossing(List<GeoPoint> ring) {
    int n = ring.size();
    for (int i = 0; i < n; i++) {
      GeoPoint a = ring.get(i);
      GeoPoint b = ring.get((i + 1) % n);
      for (int j = i + 2; j < n; j++) {
        if (i == 0 && j == n - 1) {
          continue;
        }
        GeoPoint c = ring.get(j);
        GeoPoint d = ring.get((j + 1) % n);
        if (segmentsMeet(a, b, c, d)) {
          return "edge " + i + " (" + a + " to " + b + ") meets edge " + j + " (" + c + " to " + d
              + ")";
        }
      }
    }
    return null;
  }

  /** Returns a description of the first edge of {@code a} that meets an edge of {@code b}, or null. */
  private static String ringsMeet(List<GeoPoint> a, List<GeoPoint> b) {
    for (int i = 0; i < a.size(); i++) {
      GeoPoint p = a.get(i);
      GeoPoint q = a.get((i + 1) % a.size());
      for (int j = 0; j < b.size(); j++) {
        GeoPoint r = b.get(j);
        GeoPoint t = b.get((j + 1) % b.size());
        if (segmentsMeet(p, q, r, t)) {
          return "edge " + i + " (" + p + " to " + q + ") meets edge " + j + " (" + r + " to " + t
              + ")";
        }
      }
    }
    return null;
  }

  private static boolean segmentsMeet(GeoPoint a, GeoPoint b, GeoPoint c, GeoPoint d) {
    double d1 = orient(c, d, a);
    double d2 = orient(c, d, b);
    double d3 = orient(a, b, c);
    double d4 = orient(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
      return true;
    }
    return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b))
        || (d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d));
  }

  private static double orient(GeoPoint p, GeoPoint q, GeoPoint r) {
    return (q.lon() - p.lon()) * (r.lat() - p.lat()) - (q.lat() - p.lat()) * (r.lon() - p.lon());
  }

  private static boolean onSegment(GeoPoint p, GeoPoint q, GeoPoint r) {
    return Math.min(p.lon(), q.lon()) <= r.lon() && r.lon() <= Math.max(p.lon(), q.lon())
        && Math.min(p.lat(), q.lat()) <= r.lat() && r.lat() <= Math.max(p.lat(), q.lat());
  }
}
