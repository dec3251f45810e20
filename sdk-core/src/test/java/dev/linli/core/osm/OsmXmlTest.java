package dev.linli.core.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OsmXmlTest {
  /** Records what a reader hands over. */
  private static final class Recorder implements OsmHandler {
    final List<String> seen = new ArrayList<>();

    @Override
    public void node(long id, double lat, double lon, Map<String, String> tags) {
      seen.add("n" + id + " " + lat + " " + lon + " " + new java.util.TreeMap<>(tags));
    }

    @Override
    public void way(long id, long[] nodeIds, Map<String, String> tags) {
      seen.add("w" + id + " " + Arrays.toString(nodeIds) + " " + new java.util.TreeMap<>(tags));
    }
  }

  private static List<String> read(String xml) {
    Recorder r = new Recorder();
    OsmXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.osm", r);
    return r.seen;
  }

  @Test
  void readsNodesAndWaysWithTags_skipsRelationsBoundsAndDeletedElements() {
    assertEquals(List.of("n1 30.28 120.2 {}", "n2 30.2810001 120.2000002 {name=景芳, shop=convenience}",
        "w10 [1, 2] {highway=footway}"), read("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- from JOSM -->
        <osm version="0.6" generator="JOSM">
          <bounds minlat="30" minlon="120" maxlat="31" maxlon="121"/>
          <node id="1" lat="30.28" lon="120.20"/>
          <node id="2" lat="30.2810001" lon="120.2000002">
            <tag k="shop" v="convenience"/><tag k="name" v="景芳"/>
          </node>
          <node id="3" action="delete" lat="30.29" lon="120.2"/>
          <node id="4" visible="false" lat="30.29" lon="120.2"/>
          <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
          <way id="11" action="delete"><nd ref="1"/><nd ref="2"/></way>
          <relation id="20"><member type="way" ref="10" role=""/><tag k="type" v="route"/></relation>
        </osm>
        """));
  }

  @Test
  void notOsmXml_isRefusedWithTheRootItFound() {
    Problem p = assertThrows(DataFormatException.class, () -> read("""
        <?xml version="1.0"?>
        <gpx version="1.1"><trk/></gpx>
        """)).problems().get(0);
    assertEquals(2, p.line());
    assertTrue(p.message().contains("not OpenStreetMap XML") && p.message().contains("<gpx>"),
        p.message());
  }

  @Test
  void notXmlAtAll_isRefusedWithLineAndColumn() {
    Problem p = assertThrows(DataFormatException.class, () -> read("\0\0\0\rOSMHeader..."))
        .problems().get(0);
    assertTrue(p.message().contains("not well-formed XML") && p.message().contains("line 1")
        && p.message().contains(".osm.pbf"), p.message());
    assertThrows(DataFormatException.class, () -> read(""));
  }

  @Test
  void truncatedXml_isRefused() {
    String m = assertThrows(DataFormatException.class, () -> read("""
        <osm version="0.6">
          <node id="1" lat="30.28" lon="120.20"/>
          <way id="10"><nd ref="1"/>""")).getMessage();
    assertTrue(m.contains("t.osm:3"), m);
  }

  @Test
  void badElements_areAllReportedWithTheirLines() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> read("""
        <osm version="0.6">
          <node id="1" lat="95.0" lon="120.20"/>
          <node id="x2" lat="30" lon="120"/>
          <node id="3" lat="30"/>
          <way id="10"><nd ref="1"/><nd/></way>
          <node id="4" lat="30" lon="120"><tag k="name"/></node>
        </osm>
        """));
    List<String> got = e.problems().stream().map(p -> p.line() + " " + p.path()).toList();
    assertEquals(List.of("2 node[@id=1]/@lat", "3 node/@id", "4 node[@id=3]/@lon",
        "5 way[@id=10]/nd/@ref", "6 node[@id=4]/tag"), got);
    assertTrue(e.problems().get(0).message().contains("-90 to 90")
        && e.problems().get(0).message().contains("95.0"), e.getMessage());
  }

  @Test
  void externalEntities_areNotResolved() {
    assertThrows(DataFormatException.class, () -> read("""
        <?xml version="1.0"?>
        <!DOCTYPE osm [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <osm version="0.6"><node id="1" lat="30" lon="120"><tag k="n" v="&x;"/></node></osm>
        """));
  }
}
