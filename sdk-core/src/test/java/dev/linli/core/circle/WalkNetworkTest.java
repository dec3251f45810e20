package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.place.Community;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WalkNetworkTest {
  @Property(tries = 60)
  void nearest_equalsPlainDijkstraPerCommunity_andIsNeverShorterThanStraightLine(
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    WalkNetwork network = randomGraph(random, 60 + random.nextInt(100));
    // More homes than facilities (per-type searches from facilities) or fewer (one pass from homes).
    City city = random.nextBoolean() ? HealthCheckTest.smallCity(seed, 40, random.nextInt(30))
        : HealthCheckTest.smallCity(seed, 15, 20 + random.nextInt(600));
    HealthCheckResult result = HealthCheck.builder().travel(network).parallelism(1).build()
        .run(city);
    double limit = CircleStandard.gb50180().largestDistanceMetres();
    for (Community c : city.communities()) {
      SpatialIndex.Hit<Integer> home = network.attach(c.centroid());
      double[] dist = dijkstraForward(network, home.item(), home.distanceMetres());
      for (TypeMeasure m : result.profile(c.id()).types()) {
        double best = Double.POSITIVE_INFINITY;
        for (Facility f : city.facilities()) {
          if (f.typeCode().equals(m.typeCode())) {
            SpatialIndex.Hit<Integer> at = network.attach(f.location());
            best = Math.min(best, dist[at.item()] + at.distanceMetres());
          }
        }
        if (best > limit) {
          assertEquals(null, m.nearestMetres(), c.id() + " " + m.typeCode());
        } else {
          assertEquals(best, m.nearestMetres(), 1e-6, c.id() + " " + m.typeCode());
          double straight = Double.POSITIVE_INFINITY;
          for (Facility f : city.facilities()) {
            if (f.typeCode().equals(m.typeCode())) {
              straight = Math.min(straight, c.centroid().distanceTo(f.location()));
            }
          }
          assertTrue(m.nearestMetres() >= straight - 1e-6, "network shorter than straight line");
        }
      }
    }
  }

  @Property(tries = 20)
  void sameResult_withOneThreadAndMany(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    WalkNetwork network = randomGraph(random, 200);
    for (City city : List.of(HealthCheckTest.smallCity(seed, 40, 20),
        HealthCheckTest.smallCity(seed, 10, 300))) {
      assertEquals(HealthCheck.builder().travel(network).parallelism(1).build().run(city).profiles(),
          HealthCheck.builder().travel(network).parallelism(3).build().run(city).profiles());
    }
  }

  /** Plain Dijkstra from a home over the edges as walked (forward). */
  private static double[] dijkstraForward(WalkNetwork network, int start, double startMetres) {
    int n = network.nodeCount();
    List<List<double[]>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    network.forEachEdge((from, to, metres) -> out.get(from).add(new double[] {to, metres}));
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    dist[start] = startMetres;
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[1], b[1]));
    queue.add(new double[] {start, startMetres});
    while (!queue.isEmpty()) {
      double[] top = queue.poll();
      int node = (int) top[0];
      if (top[1] > dist[node]) {
        continue;
      }
      for (double[] e : out.get(node)) {
        double nd = top[1] + e[1];
        if (nd < dist[(int) e[0]]) {
          dist[(int) e[0]] = nd;
          queue.add(new double[] {e[0], nd});
        }
      }
    }
    return dist;
  }

  /** A random jittered grid with some missing and one-way edges, in the 3 km test square. */
  static WalkNetwork randomGraph(SplittableRandom random, int approxNodes) {
    int side = (int) Math.ceil(Math.sqrt(approxNodes));
    WalkNetwork.Builder b = WalkNetwork.builder();
    int[][] id = new int[side][side];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        id[i][j] = b.node(GeoPoint.of(30.25 + 0.03 * (i + random.nextDouble() * 0.5) / side,
            120.15 + 0.03 * (j + random.nextDouble() * 0.5) / side));
      }
    }
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        if (i + 1 < side && random.nextInt(10) > 0) {
          b.edge(id[i][j], id[i + 1][j], random.nextInt(8) == 0);
        }
        if (j + 1 < side && random.nextInt(10) > 0) {
          b.edge(id[i][j], id[i][j + 1], random.nextInt(8) == 0);
        }
      }
    }
    return b.build();
  }

  @Test
  void geoJson_snapsOnewayBarrierAndComponents() {
    String text = """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "properties": {},
          "geometry": {"type": "LineString", "coordinates": [[120.0, 30.0], [120.001, 30.0]]}},
         {"type": "Feature", "properties": {"oneway": "yes"},
          "geometry": {"type": "LineString", "coordinates": [[120.0010001, 30.0], [120.002, 30.0]]}},
         {"type": "Feature", "properties": {"barrier": true},
          "geometry": {"type": "LineString", "coordinates": [[120.002, 30.0], [120.003, 30.0]]}},
         {"type": "Feature", "properties": {},
          "geometry": {"type": "MultiLineString", "coordinates": [[[121.0, 31.0], [121.001, 31.0]]]}}
        ]}
        """;
    WalkNetwork n = WalkNetwork.fromGeoJson(stream(text), "paths.geojson", 1.0);
    assertEquals(5, n.nodeCount(), "the 1 cm gap is snapped; the barrier's far node is never added");
    assertEquals(2 + 1 + 2, n.edgeCount());
    assertEquals(List.of(3, 2), n.components());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    n.writeGeoJson(out);
    WalkNetwork again = WalkNetwork.fromGeoJson(stream(out.toString(StandardCharsets.UTF_8)),
        "again.geojson", 0);
    assertEquals(n.nodeCount(), again.nodeCount());
    assertEquals(n.edgeCount(), again.edgeCount());
  }

  @Test
  void geoJson_badFeatures_allReported() {
    String text = """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.0, 30.0]}},
         {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[30.0, 120.0], [30.0, 120.1]]}}
        ]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> WalkNetwork.fromGeoJson(stream(text), "paths.geojson", 1.0));
    assertEquals(List.of(
        new Problem("paths.geojson", 0, "$.features[0].geometry",
            "must be a LineString or MultiLineString (got Point)"),
        new Problem("paths.geojson", 0, "$.features[1].geometry.coordinates",
            "must be a latitude in degrees between -90 and 90 (got 120.0); GeoJSON puts longitude "
                + "first"),
        new Problem("paths.geojson", 0, "$.features[1].geometry.coordinates",
            "must be a latitude in degrees between -90 and 90 (got 120.1); GeoJSON puts longitude "
                + "first")), e.problems());
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
