package dev.linli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.ChinaCoordinates;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.io.CityCsv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's sdk-core example, line for line, so that it cannot rot. */
class ReadmeExampleTest {
  @Test
  void readmeExample_runs(@TempDir Path dir) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      runReadmeExample(dir);
    } finally {
      System.setOut(original);
    }
    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].matches(".+ \\d+ m"), lines[0]);
  }

  private static void runReadmeExample(Path dir) {
    // --- README begins (with file resolved in a temporary directory) ---
    City city = SyntheticCity.builder().seed(42).build().generate();   // 1,260 communities, 35,000 facilities
    Path file = dir.resolve("facilities.csv"); // README: Path file = Path.of("facilities.csv");
    CityCsv.strict().writeFacilities(city.facilities(), file);
    List<Facility> facilities = CityCsv.strict().readFacilities(file).value(); // every bad row reported at once
    SpatialIndex<Facility> index = SpatialIndex.of(facilities, Facility::location);
    GeoPoint here = ChinaCoordinates.toWgs84(GeoPoint.of(30.2845, 120.2097));  // a GCJ-02 point from a map app
    for (SpatialIndex.Hit<Facility> hit : index.nearest(here, 3)) {
      System.out.printf("%s %.0f m%n", hit.item().name(), hit.distanceMetres());
    }
    // --- README ends ---
  }

  @Test
  void snippet_isTheReadmesJavaBlock_lineForLine() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeExampleTest.class);
  }
}
