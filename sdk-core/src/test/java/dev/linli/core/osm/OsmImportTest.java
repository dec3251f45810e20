package dev.linli.core.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Name;
import dev.linli.core.circle.CircleStandard;
import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.circle.TypeMeasure;
import dev.linli.core.circle.WalkNetwork;
import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.place.Community;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OsmImportTest {
  private static final Map<Long, GeoPoint> NODES = OsmFixture.nodes();

  private static OsmImport.Result fixture() throws IOException {
    try (InputStream in = OsmFixture.open(OsmFixture.XML)) {
      return OsmImport.defaults().readXml(in, "jingfang-block.osm");
    }
  }

  @Test
  void fixture_givesTheExpectedNetwork_edgeForEdge() throws IOException {
    OsmImport.Result r = fixture();
    assertEquals(new TreeSet<>(OsmFixture.EXPECTED_EDGES), OsmFixture.edges(r.network(), NODES));
    assertEquals(OsmFixture.EXPECTED_EDGES.size(), r.network().edgeCount());
    Set<Long> used = new HashSet<>();
    OsmFixture.EXPECTED_EDGES.forEach(e -> Arrays.stream(e.split(">")).forEach(
        id -> used.add(Long.parseLong(id))));
    assertEquals(used.size(), r.network().nodeCount(), "only nodes of walkable segments");
  }

  @Test
  void fixture_summaryCountsEveryCase() throws IOException {
    OsmImport.Summary s = fixture().summary();
    assertEquals(48, s.nodes());
    assertEquals(24, s.ways());
    // 101-104, 106, 109, 111-115, 117, 118, 120-122
    assertEquals(16, s.walkableWays());
    assertEquals(2, s.blockingNodes(), "the fence 13 and the private gate 18");
    assertEquals(1, s.missingNodes(), "w118's segment to node 999");
    assertEquals(1, s.hoursNotRead(), "the clinic's sunrise-sunset");
    assertEquals(Map.of("community-health-centre", 1, "community-health-station", 1,
        "convenience-store", 2, "ebike-charging-point", 1, "elderly-care-centre", 1,
        "kindergarten", 2, "public-gym", 1, "reading-room", 1), s.facilitiesByType());
    assertTrue(s.describe().contains("16 walkable"), s.describe());
  }

  @Test
  void fixture_facilitiesFromNodesAndWays() throws IOException {
    List<Facility> fs = fixture().facilities();
    Map<String, Facility> byId = new LinkedHashMap<>();
    fs.forEach(f -> byId.put(f.id(), f));
    assertEquals(List.of("osm-n201", "osm-n202", "osm-n203", "osm-n204", "osm-n205", "osm-n207",
        "osm-n208", "osm-n211", "osm-w301", "osm-w302"), List.copyOf(byId.keySet()));
    Facility kindergarten = byId.get("osm-n201");
    assertEquals("kindergarten", kindergarten.typeCode());
    assertEquals(Name.of("景芳幼儿园", "Jingfang Kindergarten"), kindergarten.name());
    assertEquals(NODES.get(201L), kindergarten.location());
    assertEquals(OpeningHours.parse("Mo-Fr 07:30-17:30"), kindergarten.openingHours());
    assertEquals(0, kindergarten.capacity());
    assertEquals(OpeningHours.ALWAYS, byId.get("osm-n203").openingHours(), "unreadable hours");
    assertEquals(Name.of("社区阅览室", "Reading room"), byId.get("osm-n211").name(),
        "unnamed: the type's name");
    // The building of w301 is the square 27-28-29-30: its centroid is the square's centre.
    GeoPoint centre = byId.get("osm-w301").location();
    assertEquals((NODES.get(27L).lat() + NODES.get(29L).lat()) / 2, centre.lat(), 1e-9);
    assertEquals((NODES.get(27L).lon() + NODES.get(29L).lon()) / 2, centre.lon(), 1e-9);
    // The open way w302 (7, 9, 10): the mean of its nodes.
    GeoPoint mean = byId.get("osm-w302").location();
    assertEquals((NODES.get(7L).lat() + NODES.get(9L).lat() + NODES.get(10L).lat()) / 3,
        mean.lat(), 1e-9);
    assertEquals((NODES.get(7L).lon() + NODES.get(9L).lon() + NODES.get(10L).lon()) / 3,
        mean.lon(), 1e-9);
  }

  @Test
  void noWalkableWay_isRefusedWithWhatTheFileHas() {
    String xml = """
        <osm version="0.6">
          <node id="1" lat="30.28" lon="120.20"/>
          <node id="2" lat="30.281" lon="120.20"/>
          <way id="5"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/></way>
        </osm>
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> OsmImport.defaults().readXml(stream(xml), "m.osm"));
    String m = e.getMessage();
    assertTrue(m.contains("m.osm") && m.contains("no walkable way")
        && m.contains("linli-walk-default") && m.contains("{motorway=1}"), m);
  }

  @Test
  void ownProfile_changesTheNetwork() throws IOException {
    WalkProfile cyclewaysToo = new WalkProfile("with-cycleways", List.of("footway", "cycleway"),
        List.of(), List.of("yes"), List.of("no"), List.of("private"), List.of("oneway"),
        List.of());
    OsmImport.Result r;
    try (InputStream in = OsmFixture.open(OsmFixture.XML)) {
      r = OsmImport.builder().profile(cyclewaysToo).build().readXml(in, "x");
    }
    Set<String> edges = OsmFixture.edges(r.network(), NODES);
    assertTrue(edges.containsAll(List.of("6>10", "10>6")), "cycleway now walkable: " + edges);
    assertTrue(edges.contains("13>14") && edges.contains("12>13"), "no fence blocks now");
    assertTrue(!edges.contains("1>2"), "residential streets left out: " + edges);
    assertTrue(edges.contains("37>36") && !edges.contains("36>37"),
        "oneway binds walkers in this profile (w119 oneway=-1, access=no allowed)");
  }

  @Test
  void finish_twice_isRefused() throws IOException {
    OsmImport.Collector c = OsmImport.defaults().collector("x");
    try (InputStream in = OsmFixture.open(OsmFixture.XML)) {
      OsmXml.read(in, "x", c);
    }
    c.finish();
    assertThrows(IllegalStateException.class, c::finish);
  }

  @Test
  void builder_refusesAMappingWithATypeTheTaxonomyLacks() {
    PoiMapping m = new PoiMapping("m", List.of(new PoiMapping.Rule(Map.of("amenity", "bar"),
        "pub")));
    assertThrows(dev.linli.core.InvalidValueException.class,
        () -> OsmImport.builder().mapping(m).build());
  }

  /**
   * Network distances on the imported fixture equal a plain Dijkstra over the expected edges:
   * homes and facilities sit on fixture nodes, and the health check's nearest distance per type
   * is compared with a textbook search over {@link OsmFixture#EXPECTED_EDGES}.
   */
  @Property(tries = 40)
  void distances_equalPlainDijkstraOverTheExpectedEdges(@ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    OsmImport.Result r = fixture();
    List<Long> onNetwork = new ArrayList<>(new TreeSet<>(
        OsmFixture.EXPECTED_EDGES.stream().map(e -> Long.parseLong(e.split(">")[0])).toList()));
    List<String> types = CircleStandard.gb50180().requiredTypes().subList(0, 3);
    City generated = SyntheticCity.builder().seed(seed).communities(6).facilities(0).build()
        .generate();
    List<Community> homes = new ArrayList<>();
    Map<String, Long> homeNode = new HashMap<>();
    for (int i = 0; i < generated.communities().size(); i++) {
      Community c = generated.communities().get(i);
      long node = i == 0 ? 1L : onNetwork.get(random.nextInt(onNetwork.size()));
      homes.add(new Community(c.id(), c.subdistrictId(), c.name(), NODES.get(node), true,
          c.areaHectares(), c.population(), Set.of()));
      homeNode.put(c.id(), node);
    }
    List<Facility> facilities = new ArrayList<>();
    Map<String, List<Long>> typeNodes = new TreeMap<>();
    for (int i = 0; i < 8; i++) {
      String type = types.get(i % types.size());
      long node = i == 0 ? 2L : onNetwork.get(random.nextInt(onNetwork.size()));
      facilities.add(new Facility("F" + i, type, Name.of("设施", "f"), NODES.get(node), 1,
          OpeningHours.ALWAYS, null, null));
      typeNodes.computeIfAbsent(type, k -> new ArrayList<>()).add(node);
    }
    City city = City.builder().districts(generated.districts())
        .subdistricts(generated.subdistricts()).communities(homes).facilities(facilities).build();
    HealthCheckResult result = HealthCheck.builder().travel(r.network()).parallelism(1).build()
        .run(city);
    double limit = CircleStandard.gb50180().largestDistanceMetres();
    int compared = 0;
    for (Community c : homes) {
      Map<Long, Double> dist = dijkstra(homeNode.get(c.id()));
      for (TypeMeasure m : result.profile(c.id()).types()) {
        List<Long> at = typeNodes.get(m.typeCode());
        if (at == null) {
          continue;
        }
        double best = at.stream().mapToDouble(n -> dist.getOrDefault(n, Double.MAX_VALUE))
            .min().orElseThrow();
        if (best > limit) {
          assertNull(m.nearestMetres(), c.id() + " " + m.typeCode());
        } else {
          assertEquals(best, m.nearestMetres(), 1e-6, c.id() + " " + m.typeCode());
          compared++;
        }
      }
    }
    assertTrue(compared >= 1, "home on node 1 reaches the facility on node 2");
  }

  /** Textbook Dijkstra over the fixture's expected edges, great-circle lengths. */
  private static Map<Long, Double> dijkstra(long start) {
    Map<Long, List<Long>> out = new HashMap<>();
    for (String e : OsmFixture.EXPECTED_EDGES) {
      String[] p = e.split(">");
      out.computeIfAbsent(Long.parseLong(p[0]), k -> new ArrayList<>()).add(Long.parseLong(p[1]));
    }
    Map<Long, Double> dist = new HashMap<>();
    dist.put(start, 0.0);
    PriorityQueue<Object[]> queue = new PriorityQueue<>((a, b) -> Double.compare((double) a[1],
        (double) b[1]));
    queue.add(new Object[] {start, 0.0});
    while (!queue.isEmpty()) {
      Object[] top = queue.poll();
      long node = (long) top[0];
      double d = (double) top[1];
      if (d > dist.get(node)) {
        continue;
      }
      for (long next : out.getOrDefault(node, List.of())) {
        double nd = d + NODES.get(node).distanceTo(NODES.get(next));
        if (nd < dist.getOrDefault(next, Double.POSITIVE_INFINITY)) {
          dist.put(next, nd);
          queue.add(new Object[] {next, nd});
        }
      }
    }
    return dist;
  }

  /**
   * Random OSM documents (a grid of ways with random tags from every case, random barriers,
   * listed in random order): the network holds exactly the segments the profile's rules allow,
   * in the directions they allow, and the same data in another order gives the same network.
   */
  @Property(tries = 60)
  void randomDocuments_networkIsExactlyTheAllowedSegments_inAnyOrder(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int side = 3 + random.nextInt(5);
    List<String> nodeXml = new ArrayList<>();
    Map<Long, GeoPoint> nodes = new HashMap<>();
    Map<Long, Map<String, String>> nodeTags = new HashMap<>();
    List<Map<String, String>> barrierPalette = List.of(Map.of(), Map.of(), Map.of(),
        Map.of("barrier", "fence"), Map.of("barrier", "gate"),
        Map.of("barrier", "gate", "access", "private"),
        Map.of("barrier", "gate", "access", "private", "foot", "yes"),
        Map.of("barrier", "bollard", "foot", "no"));
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        long id = 1000 + i * side + j;
        GeoPoint p = GeoPoint.of(30.27 + i * 0.0007, 120.19 + j * 0.0007);
        nodes.put(id, p);
        Map<String, String> tags = barrierPalette.get(random.nextInt(barrierPalette.size()));
        nodeTags.put(id, tags);
        nodeXml.add(nodeXml(id, p, tags));
      }
    }
    List<Map<String, String>> wayPalette = List.of(Map.of("highway", "footway"),
        Map.of("highway", "residential", "oneway", "yes"),
        Map.of("highway", "footway", "oneway:foot", "yes"),
        Map.of("highway", "footway", "oneway:foot", "-1"),
        Map.of("highway", "service", "access", "private"),
        Map.of("highway", "service", "access", "private", "foot", "yes"),
        Map.of("highway", "primary", "foot", "no"), Map.of("highway", "cycleway"),
        Map.of("highway", "cycleway", "foot", "designated"), Map.of("highway", "motorway"),
        Map.of("highway", "steps"), Map.of("building", "yes"));
    List<String> wayXml = new ArrayList<>();
    Set<String> expected = new TreeSet<>();
    WalkProfile profile = WalkProfile.bundled();
    long wayId = 1;
    for (int i = 0; i < side; i++) {
      for (int dir = 0; dir < 2; dir++) {
        // a row or a column as one way, in a random direction
        List<Long> refs = new ArrayList<>();
        for (int j = 0; j < side; j++) {
          refs.add(dir == 0 ? 1000L + i * side + j : 1000L + j * side + i);
        }
        if (random.nextBoolean()) {
          Collections.reverse(refs);
        }
        Map<String, String> tags = wayPalette.get(random.nextInt(wayPalette.size()));
        wayXml.add(wayXml(wayId++, refs, tags));
        WalkProfile.Walk walk = profile.walk(tags, false);
        for (int k = 1; k < refs.size() && walk != WalkProfile.Walk.NO; k++) {
          long a = refs.get(k - 1);
          long b = refs.get(k);
          if (profile.blocks(nodeTags.get(a)) || profile.blocks(nodeTags.get(b))) {
            continue;
          }
          if (walk != WalkProfile.Walk.BACKWARD) {
            expected.add(a + ">" + b);
          }
          if (walk != WalkProfile.Walk.FORWARD) {
            expected.add(b + ">" + a);
          }
        }
      }
    }
    String ordered = document(nodeXml, wayXml);
    if (expected.isEmpty()) {
      assertThrows(DataFormatException.class,
          () -> OsmImport.defaults().readXml(stream(ordered), "random.osm"));
      return;
    }
    OsmImport.Result r = OsmImport.defaults().readXml(stream(ordered), "random.osm");
    assertEquals(expected, OsmFixture.edges(r.network(), nodes));
    List<String> shuffledNodes = new ArrayList<>(nodeXml);
    List<String> shuffledWays = new ArrayList<>(wayXml);
    Collections.shuffle(shuffledNodes, new java.util.Random(seed));
    Collections.shuffle(shuffledWays, new java.util.Random(seed + 1));
    List<String> mixed = new ArrayList<>(shuffledWays);
    mixed.addAll(shuffledNodes);
    OsmImport.Result again = OsmImport.defaults().readXml(stream(document(mixed, List.of())),
        "shuffled.osm");
    assertEquals(geoJson(r.network()), geoJson(again.network()),
        "ways before nodes, any order: the same network, node numbers included");
  }

  private static String geoJson(WalkNetwork network) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    network.writeGeoJson(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String nodeXml(long id, GeoPoint p, Map<String, String> tags) {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
        "<node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\">", id, p.lat(), p.lon()));
    tags.forEach((k, v) -> sb.append("<tag k=\"").append(k).append("\" v=\"").append(v)
        .append("\"/>"));
    return sb.append("</node>").toString();
  }

  static String wayXml(long id, List<Long> refs, Map<String, String> tags) {
    StringBuilder sb = new StringBuilder("<way id=\"" + id + "\">");
    refs.forEach(r -> sb.append("<nd ref=\"").append(r).append("\"/>"));
    tags.forEach((k, v) -> sb.append("<tag k=\"").append(k).append("\" v=\"").append(v)
        .append("\"/>"));
    return sb.append("</way>").toString();
  }

  static String document(List<String> first, List<String> then) {
    return "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n" + String.join("\n", first) + "\n"
        + String.join("\n", then) + "\n</osm>\n";
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
