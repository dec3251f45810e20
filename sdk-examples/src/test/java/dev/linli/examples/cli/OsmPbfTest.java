package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.circle.WalkNetwork;
import dev.linli.core.osm.OsmFixture;
import dev.linli.core.osm.OsmImport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsmPbfTest {
  static Path copy(String resource, Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = OsmFixture.open(resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  private static String geoJson(WalkNetwork network) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    network.writeGeoJson(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void xmlAndPbfOfTheSameData_giveTheSameGraphAndFacilities(@TempDir Path dir)
      throws IOException {
    OsmImport.Result xml = OsmFiles.read(copy(OsmFixture.XML, dir, "a.osm"),
        OsmImport.defaults());
    OsmImport.Result pbf = OsmFiles.read(copy(OsmFixture.PBF, dir, "a.osm.pbf"),
        OsmImport.defaults());
    assertEquals(geoJson(xml.network()), geoJson(pbf.network()), "node for node, edge for edge");
    assertEquals(xml.network().nodeCount(), pbf.network().nodeCount());
    assertEquals(new TreeSet<>(OsmFixture.EXPECTED_EDGES),
        OsmFixture.edges(pbf.network(), OsmFixture.nodes()));
    assertEquals(xml.facilities(), pbf.facilities());
    assertEquals(xml.summary(), pbf.summary());
    assertEquals(10, pbf.facilities().size());
  }

  @Test
  void gzippedXml_andAPbfNamedLikeXml_areReadByTheirBytes(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("a.osm.gz");
    try (InputStream in = OsmFixture.open(OsmFixture.XML);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      in.transferTo(out);
    }
    OsmImport.Result viaGz = OsmFiles.read(gz, OsmImport.defaults());
    OsmImport.Result misnamed = OsmFiles.read(copy(OsmFixture.PBF, dir, "download.xml"),
        OsmImport.defaults());
    assertEquals(geoJson(viaGz.network()), geoJson(misnamed.network()));
    assertEquals(viaGz.facilities(), misnamed.facilities());
  }

  /**
   * Every way of cutting the PBF file short inside a block is an error that says so. PBF has no
   * end marker, so a cut between whole blocks cannot be seen: osmium writes nodes, ways and
   * relations in blocks of their own, and a file cut before the ways has no walkable way (refused),
   * one cut just before the relations block (which the import does not use) reads complete.
   */
  @Test
  void truncatedPbf_atEveryLength_isRefusedSayingWhere(@TempDir Path dir) throws IOException {
    byte[] whole;
    try (InputStream in = OsmFixture.open(OsmFixture.PBF)) {
      whole = in.readAllBytes();
    }
    Path full = dir.resolve("full.osm.pbf");
    Files.write(full, whole);
    OsmImport.Result complete = OsmFiles.read(full, OsmImport.defaults());
    int insideBlock = 0;
    int readWhole = 0;
    for (int cut = 1; cut < whole.length; cut++) {
      Path file = dir.resolve("cut-" + cut + ".osm.pbf");
      Files.write(file, Arrays.copyOf(whole, cut));
      try {
        OsmImport.Result r = OsmFiles.read(file, OsmImport.defaults());
        readWhole++;
        assertEquals(geoJson(complete.network()), geoJson(r.network()), "cut at " + cut);
        assertEquals(complete.facilities(), r.facilities(), "cut at " + cut);
      } catch (DataFormatException e) {
        String m = e.getMessage();
        if (m.contains("cut short")) {
          insideBlock++;
          assertTrue(m.contains("ends inside block") && m.contains(file.toString()), m);
        } else {
          assertTrue(m.contains("no walkable way") || m.contains("is empty"),
              "cut at " + cut + ": " + m);
        }
      }
      Files.delete(file);
    }
    assertTrue(readWhole <= 1, readWhole + " cuts read as complete");
    assertTrue(insideBlock >= whole.length - 10, insideBlock + " of " + whole.length);
  }

  @Test
  void damagedPbf_isRefusedNamingTheBlock(@TempDir Path dir) throws IOException {
    byte[] whole;
    try (InputStream in = OsmFixture.open(OsmFixture.PBF)) {
      whole = in.readAllBytes();
    }
    // The first block's length grown past the format's 64 KiB limit for a header.
    byte[] big = whole.clone();
    big[1] = 0x7f;
    Path file = dir.resolve("big.osm.pbf");
    Files.write(file, big);
    String m = assertThrows(DataFormatException.class,
        () -> OsmFiles.read(file, OsmImport.defaults())).getMessage();
    assertTrue(m.contains("block 1 at byte 0") && m.contains("not an .osm.pbf file"), m);
    // The last block's zlib data scrambled.
    byte[] scrambled = whole.clone();
    for (int i = scrambled.length - 40; i < scrambled.length - 10; i++) {
      scrambled[i] ^= 0x5a;
    }
    Path bad = dir.resolve("bad.osm.pbf");
    Files.write(bad, scrambled);
    m = assertThrows(DataFormatException.class, () -> OsmFiles.read(bad, OsmImport.defaults()))
        .getMessage();
    assertTrue(m.matches("(?s).*block [0-9]+ .*damaged.*"), m);
  }
}
