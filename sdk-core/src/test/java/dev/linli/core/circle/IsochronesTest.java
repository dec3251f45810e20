package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.geo.GeoPoint;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

class IsochronesTest {
  private static final double LAT = 30.25;
  private static final double LON = 120.15;
  private static final double METRES_PER_DEG_LAT = Math.PI / 180 * GeoPoint.EARTH_RADIUS_METRES;

  @Example
  void straightLine_geodesicCircles_ofTheCircuityRadius_counterClockwise() {
    City city = HealthCheckTest.smallCity(2, 12, 0);
    List<Isochrone> all = Isochrones.builder().build().aroundCommunities(city);
    assertEquals(36, all.size());
    for (Isochrone i : all) {
      double radius = i.minutes() * 80 / 1.3;
      assertEquals(65, i.ring().size());
      for (GeoPoint p : i.ring()) {
        assertEquals(radius, i.place().distanceTo(p), radius * 1e-9);
      }
      assertTrue(signedArea(i.ring()) > 0, "counter-clockwise");
      // A 64-gon inscribed in the circle has 99.84% of its area.
      assertEquals(Math.PI * radius * radius * 0.9984, i.areaSquareMetres(), radius * radius * 0.01);
    }
    assertEquals(List.of(5.0, 10.0, 15.0), all.subList(0, 3).stream().map(Isochrone::minutes)
        .toList());
  }

  @Example
  void network_gridAroundANode_isTheDiamondOfTheBudget() {
    // 150 m grid; 5 minutes at 80 m/min = 400 m: two blocks and 100 m of the third along an axis.
    WalkNetwork grid = grid(21, 150, new SplittableRandom(0), 0);
    GeoPoint centre = grid.node(10 * 21 + 10);
    List<Isochrone> both = Isochrones.builder().travel(grid).minutes(10, 5).build()
        .around("c", "community", centre);
    Isochrone five = both.get(0);
    // 800 m: five blocks and 50 m of the sixth.
    assertEquals(2 * 800.0 * 800.0, both.get(1).areaSquareMetres(), 2 * 800.0 * 800.0 * 0.01);
    assertEquals(61, both.get(1).reachedNodes());
    assertEquals(13, five.reachedNodes()); // |dx| + |dy| <= 2 blocks
    // A diamond of area 2 x 400² with corners 400 m north, south, east and west (the hull keeps
    // some points of its sides, collinear but for rounding).
    assertEquals(2 * 400.0 * 400.0, five.areaSquareMetres(), 2 * 400.0 * 400.0 * 0.01);
    double farthest = 0;
    for (GeoPoint p : five.ring()) {
      farthest = Math.max(farthest, centre.distanceTo(p));
    }
    assertEquals(400, farthest, 1);
  }

  /**
   * On random grids with missing and one-way edges, every node a plain Dijkstra reaches within
   * the budget lies inside its polygon (or on its edge), and every vertex of the polygon is within
   * the budget of the place.
   */
  @Property(tries = 60)
  void network_polygonHoldsEveryReachedNode_andNoVertexBeyondTheBudget(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int minutes = 2 + random.nextInt(14);
    WalkNetwork grid = grid(15, 60 + random.nextInt(100), random, 0.25);
    int start = random.nextInt(grid.nodeCount());
    GeoPoint place = grid.node(start);
    double budget = minutes * 80.0;
    // A longer walk drawn in the same search must not leak into this one.
    Isochrone iso = Isochrones.builder().travel(grid).minutes(minutes, minutes + 5).build()
        .around("p", "community", place).get(0);
    double[] dist = dijkstra(grid, start);
    int reached = 0;
    for (int v = 0; v < grid.nodeCount(); v++) {
      if (dist[v] <= budget) {
        reached++;
        assertTrue(inside(iso.ring(), grid.node(v)), "node " + v + " at " + dist[v] + " m");
      }
    }
    assertEquals(reached, iso.reachedNodes());
    for (GeoPoint vertex : iso.ring()) {
      // Or, where the reached points were collinear, a corner of a 5 m octagon around one.
      boolean octagon = false;
      for (int v = 0; v < grid.nodeCount(); v++) {
        octagon |= dist[v] <= budget && grid.node(v).distanceTo(vertex) <= 5.01;
      }
      assertTrue(networkDistanceTo(grid, dist, vertex) <= budget + 0.5 || octagon,
          vertex.toString());
    }
    assertTrue(signedArea(iso.ring()) > 0, "counter-clockwise");
    Statistics.label("more than 10 nodes reached").collect(reached > 10);
    Statistics.label("more than 10 nodes reached").coverage(c -> c.check(true).percentage(
        p -> p >= 50));
  }

  @Example
  void network_placeFarFromEveryPath_getsATinyOctagon_andZeroNodes() {
    WalkNetwork grid = grid(5, 100, new SplittableRandom(1), 0);
    Isochrone far = Isochrones.builder().travel(grid).minutes(5).build()
        .around("x", "centre", GeoPoint.of(LAT + 0.2, LON)).get(0);
    assertEquals(0, far.reachedNodes());
    assertEquals(9, far.ring().size());
    assertTrue(far.areaSquareMetres() < 100);
  }

  @Example
  void geoJson_isAFeatureCollectionOfClosedCounterClockwisePolygons() throws Exception {
    City city = HealthCheckTest.smallCity(3, 4, 0);
    List<Isochrone> all = Isochrones.builder().minutes(15, 5).segments(16).build()
        .aroundCommunities(city);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Isochrones.writeGeoJson(all, bytes);
    JsonNode root = new ObjectMapper().readTree(bytes.toByteArray());
    assertEquals("FeatureCollection", root.get("type").asText());
    assertEquals(8, root.get("features").size());
    JsonNode first = root.get("features").get(0);
    assertEquals("Polygon", first.get("geometry").get("type").asText());
    JsonNode ring = first.get("geometry").get("coordinates").get(0);
    assertEquals(17, ring.size());
    assertEquals(ring.get(0), ring.get(16));
    List<GeoPoint> points = new ArrayList<>();
    ring.forEach(p -> points.add(GeoPoint.of(p.get(1).asDouble(), p.get(0).asDouble())));
    assertTrue(signedArea(points) > 0);
    assertEquals(5.0, first.get("properties").get("minutes").asDouble());
    assertEquals(400.0, first.get("properties").get("metres").asDouble());
    assertEquals("community", first.get("properties").get("kind").asText());
    assertEquals(city.communities().get(0).id(), first.get("properties").get("id").asText());
  }

  @Example
  void builder_rejectsOutOfRangeValues() {
    assertEquals("minutes = 0.0: must be more than 0 and at most 120", assertThrows(
        InvalidValueException.class, () -> Isochrones.builder().minutes(5, 0)).getMessage());
    assertEquals("segments = 4: must be between 8 and 720", assertThrows(
        InvalidValueException.class, () -> Isochrones.builder().segments(4)).getMessage());
    assertEquals("walkingSpeed = 500.0: must be between 20 and 200 metres per minute",
        assertThrows(InvalidValueException.class, () -> Isochrones.builder().walkingSpeed(500))
            .getMessage());
  }

  /** A square grid of {@code n x n} nodes; a share of edges dropped or made one-way. */
  static WalkNetwork grid(int n, double spacing, SplittableRandom random, double damage) {
    WalkNetwork.Builder b = WalkNetwork.builder();
    double dLat = spacing / METRES_PER_DEG_LAT;
    double dLon = dLat / Math.cos(Math.toRadians(LAT));
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        b.node(GeoPoint.of(LAT + r * dLat, LON + c * dLon));
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        int v = r * n + c;
        for (int w : new int[] {c + 1 < n ? v + 1 : -1, r + 1 < n ? v + n : -1}) {
          if (w < 0) {
            continue;
          }
          double roll = random.nextDouble();
          if (roll < damage / 2) {
            continue;
          }
          boolean oneWay = roll < damage;
          if (oneWay && random.nextBoolean()) {
            b.edge(w, v, true);
          } else {
            b.edge(v, w, oneWay);
          }
        }
      }
    }
    return b.build();
  }

  /** A plain Dijkstra from one node over the edges as walked. */
  static double[] dijkstra(WalkNetwork g, int start) {
    double[] dist = new double[g.nodeCount()];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    List<List<double[]>> out = new ArrayList<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      out.add(new ArrayList<>());
    }
    g.forEachEdge((from, to, m) -> out.get(from).add(new double[] {to, m}));
    PriorityQueue<double[]> q = new PriorityQueue<>((a, b) -> Double.compare(a[1], b[1]));
    dist[start] = 0;
    q.add(new double[] {start, 0});
    while (!q.isEmpty()) {
      double[] top = q.poll();
      int v = (int) top[0];
      if (top[1] > dist[v]) {
        continue;
      }
      for (double[] e : out.get(v)) {
        int w = (int) e[0];
        if (dist[v] + e[1] < dist[w]) {
          dist[w] = dist[v] + e[1];
          q.add(new double[] {w, dist[w]});
        }
      }
    }
    return dist;
  }

  /** Walking distance to a vertex: a node's own, or via the node at either end of its edge. */
  private static double networkDistanceTo(WalkNetwork g, double[] dist, GeoPoint p) {
    for (int v = 0; v < g.nodeCount(); v++) {
      if (g.node(v).distanceTo(p) < 0.01) {
        return dist[v];
      }
    }
    double[] found = {Double.POSITIVE_INFINITY};
    g.forEachEdge((from, to, m) -> {
      GeoPoint a = g.node(from);
      GeoPoint b = g.node(to);
      double along = a.distanceTo(p);
      if (Math.abs(along + p.distanceTo(b) - m) < 0.01) {
        found[0] = Math.min(found[0], dist[from] + along);
      }
    });
    return found[0];
  }

  /** Twice the signed area in a local plane; positive when counter-clockwise. */
  static double signedArea(List<GeoPoint> ring) {
    double s = 0;
    for (int i = 0; i < ring.size() - 1; i++) {
      GeoPoint a = ring.get(i);
      GeoPoint b = ring.get(i + 1);
      s += (a.lon() - LON) * (b.lat() - LAT) - (b.lon() - LON) * (a.lat() - LAT);
    }
    return s;
  }

  /** Inside a convex counter-clockwise ring, or within 1 cm of its boundary. */
  static boolean inside(List<GeoPoint> ring, GeoPoint p) {
    double k = Math.cos(Math.toRadians(LAT)) * METRES_PER_DEG_LAT;
    for (int i = 0; i < ring.size() - 1; i++) {
      GeoPoint a = ring.get(i);
      GeoPoint b = ring.get(i + 1);
      double ax = (a.lon() - p.lon()) * k;
      double ay = (a.lat() - p.lat()) * METRES_PER_DEG_LAT;
      double bx = (b.lon() - p.lon()) * k;
      double by = (b.lat() - p.lat()) * METRES_PER_DEG_LAT;
      double len = Math.hypot(bx - ax, by - ay);
      if (len > 0 && (ax * by - ay * bx) / len < -0.01) {
        return false;
      }
    }
    return true;
  }
}
