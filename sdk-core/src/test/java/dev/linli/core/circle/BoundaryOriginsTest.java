package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.Boundary;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.GeoPolygon;
import dev.linli.core.place.Community;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BoundaryOriginsTest {
  /** A random star-shaped outline around each community's centroid, skipping every third one. */
  static Map<String, Boundary> outlines(City city, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Boundary> out = new LinkedHashMap<>();
    for (int i = 0; i < city.communities().size(); i++) {
      Community c = city.communities().get(i);
      if (i % 3 == 2) {
        continue;
      }
      int n = 3 + random.nextInt(10);
      double[] angles = new double[n];
      for (int k = 0; k < n; k++) {
        angles[k] = (k + random.nextDouble() * 0.9) * 2 * Math.PI / n;
      }
      Arrays.sort(angles);
      List<GeoPoint> ring = new ArrayList<>();
      for (double a : angles) {
        double r = 0.001 + random.nextDouble() * 0.004;
        ring.add(GeoPoint.of(c.centroid().lat() + r * Math.sin(a),
            c.centroid().lon() + r * Math.cos(a)));
      }
      out.put(c.id(), Boundary.of(GeoPolygon.of(ring)));
    }
    return out;
  }

  /** The Done-when property: every origin drawn from a polygon lies inside that polygon. */
  @Property(tries = 60)
  void spreadOrigins_lieInsideTheirPolygons_andShareTheCommunity(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int points) {
    City city = HealthCheckTest.smallCity(seed, 12, 0);
    Map<String, Boundary> outlines = outlines(city, seed);
    BoundaryOrigins setting = points == 0 ? BoundaryOrigins.centroids(outlines)
        : BoundaryOrigins.spread(outlines, points, seed);
    Origins origins = new Origins(city, setting);
    int fromPolygons = 0;
    for (int c = 0; c < city.communities().size(); c++) {
      Community community = city.communities().get(c);
      Boundary boundary = outlines.get(community.id());
      double share = 0;
      for (int o = origins.firstOrigin[c]; o < origins.firstOrigin[c + 1]; o++) {
        share += origins.share[o];
        if (boundary == null) {
          assertEquals(community.centroid(), origins.point[o]);
        } else {
          assertTrue(boundary.contains(origins.point[o]), origins.point[o] + " outside "
              + community.id());
          fromPolygons++;
        }
      }
      assertEquals(1.0, share, 1e-9);
      int expected = boundary == null ? 1 : Math.max(1, points);
      assertEquals(expected, origins.firstOrigin[c + 1] - origins.firstOrigin[c]);
    }
    assertTrue(fromPolygons >= 8 * Math.max(1, points), "origins drawn from polygons: "
        + fromPolygons);
    Origins again = new Origins(city, setting);
    assertTrue(Arrays.equals(origins.point, again.point), "the same seed gives the same origins");
  }

  @Test
  void spreadOrigins_changeTheMeasures_whereTheCentroidMisleads() {
    City base = HealthCheckTest.smallCity(5, 1, 0);
    Community c = base.communities().get(0);
    GeoPoint centre = c.centroid();
    // A 1.1 km × 0.1 km strip running east of the centroid; the canteen sits at the centroid.
    Boundary strip = Boundary.of(GeoPolygon.of(List.of(centre,
        GeoPoint.of(centre.lat(), centre.lon() + 0.0115),
        GeoPoint.of(centre.lat() + 0.001, centre.lon() + 0.0115),
        GeoPoint.of(centre.lat() + 0.001, centre.lon()))));
    City city = base.toBuilder().facilities(List.of(new Facility("F1", "community-canteen",
        Name.of("食堂", "canteen"), centre, 50, OpeningHours.ALWAYS, null, null))).build();
    HealthCheck plain = HealthCheck.builder().parallelism(1).build();
    HealthCheck spread = HealthCheck.builder().parallelism(1)
        .origins(BoundaryOrigins.spread(Map.of(c.id(), strip), 200, 1)).build();
    assertEquals(1.0, plain.run(city).profile(c.id()).type("community-canteen").coverage().get(0));
    double covered = spread.run(city).profile(c.id()).type("community-canteen").coverage().get(0);
    // Within 300 m walking = 231 m straight at circuity 1.3: about a fifth of the strip's length.
    assertTrue(covered > 0.1 && covered < 0.35, "covered " + covered);
    assertNotEquals(plain.run(city).profile(c.id()).index(), spread.run(city).profile(c.id()).index());
  }

  @Test
  void boundaryOfAnUnknownCommunity_isRefused() {
    City city = HealthCheckTest.smallCity(5, 3, 0);
    Map<String, Boundary> outlines = new LinkedHashMap<>(outlines(city, 1));
    outlines.put("NOWHERE", outlines.values().iterator().next());
    HealthCheck check = HealthCheck.builder().origins(BoundaryOrigins.centroids(outlines)).build();
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> check.run(city));
    assertTrue(e.getMessage().contains("NOWHERE"), e.getMessage());
  }
}
