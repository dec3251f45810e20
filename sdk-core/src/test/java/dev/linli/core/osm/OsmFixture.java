package dev.linli.core.osm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.circle.WalkNetwork;
import dev.linli.core.geo.GeoPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OSM test fixture: {@code jingfang-block.osm} (hand-made, one way per tag case, real tags on a
 * 3 x 4 block grid of 景芳) and {@code jingfang-block.osm.pbf}, the same data written by osmium
 * ({@code osmium cat jingfang-block.osm -o jingfang-block.osm.pbf}), shared with sdk-examples'
 * PBF tests through the test jar. Helpers read a network's edges back as OSM node ids.
 */
public final class OsmFixture {
  /** The XML fixture's resource name. */
  public static final String XML = "/dev/linli/core/osm/jingfang-block.osm";
  /** The PBF fixture's resource name. */
  public static final String PBF = "/dev/linli/core/osm/jingfang-block.osm.pbf";

  /**
   * Every directed edge the default walk profile makes of the fixture, as {@code from>to} OSM node
   * ids, by the way that makes it.
   */
  public static final Set<String> EXPECTED_EDGES = Set.of(
      "1>2", "2>1", "2>3", "3>2",          // w101 residential
      "3>4", "4>3",                        // w102 residential oneway=yes: walkers go both ways
      "4>5",                               // w103 oneway:foot=yes
      "6>5",                               // w104 oneway:foot=-1
      "2>8", "8>2",                        // w106 access=private, foot=yes
      "6>11", "11>6",                      // w109 cycleway, foot=yes
      "14>15", "15>14", "15>16", "16>15",  // w112 through a plain gate
      "24>25", "25>24", "25>26", "26>25",  // w114 through a private gate with foot=yes
      "20>21", "21>20", "21>22", "22>21",  // w115 pedestrian area: around the ring
      "22>23", "23>22", "23>20", "20>23",
      "32>33", "33>32",                    // w117 steps
      "34>35", "35>34",                    // w118 path; its node 999 is not in the file
      "12>1", "1>12",                      // w120 living_street
      "4>21", "21>4",                      // w121 footway
      "6>32", "32>6");                     // w122 footway

  private OsmFixture() {}

  /** Opens a fixture resource. */
  public static InputStream open(String resource) {
    InputStream in = OsmFixture.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    return in;
  }

  /** The fixture's node positions by id, read with {@link OsmXml}. */
  public static Map<Long, GeoPoint> nodes() {
    Map<Long, GeoPoint> out = new HashMap<>();
    try (InputStream in = open(XML)) {
      OsmXml.read(in, XML, new OsmHandler() {
        @Override
        public void node(long id, double lat, double lon, Map<String, String> tags) {
          out.put(id, GeoPoint.of(lat, lon));
        }

        @Override
        public void way(long id, long[] nodeIds, Map<String, String> tags) {}
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A network's directed edges as {@code from>to} OSM node ids, through its GeoJSON export. */
  public static Set<String> edges(WalkNetwork network, Map<Long, GeoPoint> nodes) {
    Map<String, Long> byPoint = new HashMap<>();
    nodes.forEach((id, p) -> byPoint.put(key(p.lat(), p.lon()), id));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    network.writeGeoJson(bytes);
    Set<String> out = new TreeSet<>();
    try {
      for (JsonNode f : new ObjectMapper().readTree(bytes.toByteArray()).get("features")) {
        JsonNode c = f.get("geometry").get("coordinates");
        Long a = byPoint.get(key(c.get(0).get(1).asDouble(), c.get(0).get(0).asDouble()));
        Long b = byPoint.get(key(c.get(1).get(1).asDouble(), c.get(1).get(0).asDouble()));
        out.add(a + ">" + b);
        if (!f.get("properties").path("oneway").asBoolean(false)) {
          out.add(b + ">" + a);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String key(double lat, double lon) {
    return Math.round(lat * 1e7) + "," + Math.round(lon * 1e7);
  }
}
