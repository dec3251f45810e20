package dev.linli.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

class GeoPolygonTest {
  private static final double R = GeoPoint.EARTH_RADIUS_METRES;
  private static final AtomicInteger CENTROID_OUTSIDE = new AtomicInteger();

  static GeoPolygon rectangle(double lat0, double lon0, double lat1, double lon1) {
    return GeoPolygon.of(List.of(GeoPoint.of(lat0, lon0), GeoPoint.of(lat0, lon1),
        GeoPoint.of(lat1, lon1), GeoPoint.of(lat1, lon0), GeoPoint.of(lat0, lon0)));
  }

  /** A latitude-longitude rectangle on the sphere has area R² Δλ (sin φ₁ − sin φ₀), by hand. */
  @Test
  void area_ofRectangle_equalsTheClosedForm() {
    GeoPolygon block = rectangle(30.27, 120.15, 30.28, 120.16);
    double expected = R * R * Math.toRadians(0.01)
        * (Math.sin(Math.toRadians(30.28)) - Math.sin(Math.toRadians(30.27)));
    assertEquals(expected, block.areaSquareMetres(), 1e-6 * expected);
    // About 1.11 km × 0.96 km: 1.07 km², 107 ha.
    assertEquals(107.0, Boundary.of(block).areaHectares(), 1.0);
  }

  @Test
  void hole_isSubtractedAndExcluded() {
    List<GeoPoint> outer = rectangle(30.27, 120.15, 30.28, 120.16).exterior();
    List<GeoPoint> hole = rectangle(30.273, 120.153, 30.277, 120.157).exterior();
    GeoPolygon ring = new GeoPolygon(List.of(outer, hole));
    double expected = rectangle(30.27, 120.15, 30.28, 120.16).areaSquareMetres()
        - rectangle(30.273, 120.153, 30.277, 120.157).areaSquareMetres();
    assertEquals(expected, ring.areaSquareMetres(), 1e-6);
    assertFalse(ring.contains(GeoPoint.of(30.275, 120.155)), "in the hole");
    assertTrue(ring.contains(GeoPoint.of(30.271, 120.151)));
    assertFalse(ring.contains(GeoPoint.of(30.281, 120.155)), "outside");
    GeoPoint inside = ring.interiorPoint();
    assertTrue(ring.contains(inside), "the centroid is in the hole, the interior point is not");
    assertNotEquals(ring.centroid(), inside);
  }

  @Test
  void winding_eitherWayIsAccepted_andNormalisedToTheRightHandRule() {
    List<GeoPoint> ccw = rectangle(30.27, 120.15, 30.28, 120.16).exterior();
    List<GeoPoint> cw = new ArrayList<>(ccw);
    Collections.reverse(cw);
    GeoPolygon a = GeoPolygon.of(ccw);
    GeoPolygon b = GeoPolygon.of(cw);
    assertEquals(a.areaSquareMetres(), b.areaSquareMetres(), 1e-6);
    assertEquals(GeoPoint.of(30.27, 120.16), b.exterior().get(1), "exterior counter-clockwise");
    // A hole given counter-clockwise is stored clockwise.
    List<GeoPoint> hole = rectangle(30.273, 120.153, 30.277, 120.157).exterior();
    GeoPolygon withHole = new GeoPolygon(List.of(cw, hole));
    assertEquals(List.of(GeoPoint.of(30.277, 120.153), GeoPoint.of(30.277, 120.157),
        GeoPoint.of(30.273, 120.157), GeoPoint.of(30.273, 120.153)), withHole.holes().get(0));
  }

  @Test
  void cShape_centroidOutside_interiorPointInside() {
    GeoPolygon c = GeoPolygon.of(List.of(GeoPoint.of(0, 0), GeoPoint.of(0, 0.03),
        GeoPoint.of(0.01, 0.03), GeoPoint.of(0.01, 0.01), GeoPoint.of(0.02, 0.01),
        GeoPoint.of(0.02, 0.03), GeoPoint.of(0.03, 0.03), GeoPoint.of(0.03, 0)));
    assertFalse(c.contains(c.centroid()), "a C-shape's centroid lies in its mouth");
    assertTrue(c.contains(c.interiorPoint()));
    assertTrue(c.contains(GeoPoint.of(0.015, 0.005)));
    assertFalse(c.contains(GeoPoint.of(0.015, 0.02)));
  }

  @Test
  void badRings_areRefused_withWhatIsWrong() {
    InvalidValueException bowTie = assertThrows(InvalidValueException.class,
        () -> GeoPolygon.of(List.of(GeoPoint.of(0, 0), GeoPoint.of(0.01, 0.01),
            GeoPoint.of(0, 0.01), GeoPoint.of(0.01, 0))));
    assertTrue(bowTie.getMessage().contains("must not cross"), bowTie.getMessage());
    assertTrue(assertThrows(InvalidValueException.class, () -> GeoPolygon.of(List.of(
        GeoPoint.of(0, 0), GeoPoint.of(0, 1), GeoPoint.of(0, 0)))).getMessage()
        .contains("at least 3 distinct vertices"));
    assertTrue(assertThrows(InvalidValueException.class, () -> GeoPolygon.of(List.of(
        GeoPoint.of(0, 0), GeoPoint.of(0, 1), GeoPoint.of(0, 2)))).getMessage()
        .contains("no area"));
    assertTrue(assertThrows(InvalidValueException.class, () -> GeoPolygon.of(List.of(
        GeoPoint.of(0, 170), GeoPoint.of(1, -170), GeoPoint.of(1, 170)))).getMessage()
        .contains("antimeridian"));
    InvalidValueException outside = assertThrows(InvalidValueException.class,
        () -> new GeoPolygon(List.of(rectangle(0, 0, 0.01, 0.01).exterior(),
            rectangle(0.005, 0.005, 0.02, 0.008).exterior())));
    assertEquals("rings[1]", outside.field());
    // Every vertex of this hole is inside the exterior, but an edge cuts through its notch.
    List<GeoPoint> notched = List.of(GeoPoint.of(0, 0), GeoPoint.of(0, 0.03),
        GeoPoint.of(0.03, 0.03), GeoPoint.of(0.03, 0.016), GeoPoint.of(0.015, 0.015),
        GeoPoint.of(0.03, 0.014), GeoPoint.of(0.03, 0));
    InvalidValueException crossing = assertThrows(InvalidValueException.class,
        () -> new GeoPolygon(List.of(notched, rectangle(0.01, 0.01, 0.02, 0.02).exterior())));
    assertTrue(crossing.getMessage().contains("must not cross or touch ring 0"),
        crossing.getMessage());
  }

  /** Random star-shaped rings around a point near Hangzhou, some concave, some with a hole. */
  static GeoPolygon randomPolygon(SplittableRandom random) {
    double lat = 30.2 + random.nextDouble() * 0.1;
    double lon = 120.1 + random.nextDouble() * 0.1;
    int n = 3 + random.nextInt(14);
    double[] angles = new double[n];
    for (int i = 0; i < n; i++) {
      angles[i] = random.nextDouble() * 2 * Math.PI;
    }
    Arrays.sort(angles);
    List<GeoPoint> ring = new ArrayList<>();
    double inner = 0.002;
    for (double a : angles) {
      double r = inner + random.nextDouble() * 0.008;
      ring.add(GeoPoint.of(lat + r * Math.sin(a), lon + r * Math.cos(a)));
    }
    if (random.nextBoolean()) {
      Collections.reverse(ring);
    }
    try {
      if (random.nextInt(3) == 0) {
        double h = inner * 0.5;
        List<GeoPoint> hole = List.of(GeoPoint.of(lat - h, lon - h), GeoPoint.of(lat - h, lon + h),
            GeoPoint.of(lat + h, lon + h), GeoPoint.of(lat + h, lon - h));
        return new GeoPolygon(List.of(ring, hole));
      }
      return GeoPolygon.of(ring);
    } catch (InvalidValueException e) {
      // Sorted angles can still give collinear or degenerate rings (two angles nearly equal).
      return rectangle(lat, lon, lat + 0.005, lon + 0.005);
    }
  }

  /** Winding number by summed angles: an oracle independent of the crossing-number test. */
  static boolean windingContains(GeoPolygon polygon, GeoPoint p) {
    int inside = 0;
    for (List<GeoPoint> ring : polygon.rings()) {
      double sum = 0;
      for (int i = 0; i < ring.size(); i++) {
        GeoPoint a = ring.get(i);
        GeoPoint b = ring.get((i + 1) % ring.size());
        double a1 = Math.atan2(a.lat() - p.lat(), a.lon() - p.lon());
        double a2 = Math.atan2(b.lat() - p.lat(), b.lon() - p.lon());
        double d = a2 - a1;
        while (d > Math.PI) {
          d -= 2 * Math.PI;
        }
        while (d < -Math.PI) {
          d += 2 * Math.PI;
        }
        sum += d;
      }
      inside += (int) Math.round(sum / (2 * Math.PI));
    }
    return inside != 0;
  }

  @Property(tries = 300)
  void contains_agreesWithWindingNumber(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeoPolygon polygon = randomPolygon(random);
    GeoPoint first = polygon.exterior().get(0);
    for (int k = 0; k < 200; k++) {
      GeoPoint p = GeoPoint.of(first.lat() - 0.012 + random.nextDouble() * 0.024,
          first.lon() - 0.012 + random.nextDouble() * 0.024);
      assertEquals(windingContains(polygon, p), polygon.contains(p), () -> p + " in " + polygon);
    }
  }

  @Property(tries = 300)
  void samplesAndInteriorPoint_lieInside_andAreDeterministic(@ForAll long seed) {
    GeoPolygon polygon = randomPolygon(new SplittableRandom(seed));
    List<GeoPoint> points = polygon.samplePoints(40, seed);
    assertEquals(40, points.size());
    for (GeoPoint p : points) {
      assertTrue(windingContains(polygon, p), () -> p + " outside " + polygon);
    }
    assertEquals(points, polygon.samplePoints(40, seed));
    assertEquals(40, points.stream().distinct().count(), "a real spread, not one point repeated");
    assertTrue(windingContains(polygon, polygon.interiorPoint()));
    if (!polygon.contains(polygon.centroid())) {
      CENTROID_OUTSIDE.incrementAndGet();
    }
  }

  @AfterContainer
  static void concaveCasesWereMet() {
    assertTrue(CENTROID_OUTSIDE.get() >= 3,
        "random rings put the centroid outside only " + CENTROID_OUTSIDE + " times");
  }

  /**
   * Area against a local equirectangular projection: within 0.05%, plus a band of 1 cm along every
   * edge, because the two treat an edge as slightly different curves (the spherical formula's edge
   * strays up to about R·Δφ²/8, a centimetre or two over a kilometre), which only matters for slivers.
   */
  @Property(tries = 300)
  void area_matchesLocalProjection_andIgnoresWindingAndStart(@ForAll long seed) {
    GeoPolygon polygon = randomPolygon(new SplittableRandom(seed));
    double projected = 0;
    double perimeter = 0;
    for (List<GeoPoint> ring : polygon.rings()) {
      for (int i = 0; i < ring.size(); i++) {
        perimeter += ring.get(i).distanceTo(ring.get((i + 1) % ring.size()));
      }
      double lat0 = Math.toRadians(ring.get(0).lat());
      double sum = 0;
      for (int i = 0; i < ring.size(); i++) {
        GeoPoint a = ring.get(i);
        GeoPoint b = ring.get((i + 1) % ring.size());
        sum += Math.toRadians(a.lon()) * Math.cos(lat0) * Math.toRadians(b.lat())
            - Math.toRadians(b.lon()) * Math.cos(lat0) * Math.toRadians(a.lat());
      }
      projected += R * R * sum / 2;
    }
    assertEquals(projected, polygon.areaSquareMetres(), 5e-4 * projected + 0.01 * perimeter,
        polygon::toString);
    List<GeoPoint> rotated = new ArrayList<>(polygon.exterior());
    Collections.rotate(rotated, 2);
    List<List<GeoPoint>> rings = new ArrayList<>(polygon.rings());
    rings.set(0, rotated);
    assertEquals(polygon.areaSquareMetres(), new GeoPolygon(rings).areaSquareMetres(),
        1e-6 * projected);
  }

  @Test
  void boundary_spreadsPointsOverPartsByArea() {
    GeoPolygon big = rectangle(30.27, 120.15, 30.28, 120.17);
    GeoPolygon small = rectangle(30.30, 120.15, 30.305, 120.155);
    Boundary b = new Boundary(List.of(big, small));
    List<GeoPoint> points = b.samplePoints(9, 7);
    assertEquals(9, points.size());
    long inSmall = points.stream().filter(small::contains).count();
    assertEquals(1, inSmall, "the small part has 1/8 of the area: 9 × 1/9 → 1 point");
    assertTrue(points.stream().allMatch(b::contains));
    assertTrue(big.contains(b.interiorPoint()));
    assertEquals(big.areaSquareMetres() + small.areaSquareMetres(), b.areaSquareMetres(), 1e-6);
  }
}
