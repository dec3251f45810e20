package dev.linli.core.io;

import static dev.linli.core.io.CityCsvTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.geo.Boundary;
import dev.linli.core.geo.GeoPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundaryGeoJsonTest {
  private static final String GOOD = """
      {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "JF", "properties": {"name": "景芳"},
         "geometry": {"type": "Polygon", "coordinates": [
           [[120.20, 30.28], [120.21, 30.28], [120.21, 30.29], [120.20, 30.29], [120.20, 30.28]],
           [[120.204, 30.284], [120.204, 30.286], [120.206, 30.286], [120.206, 30.284],
            [120.204, 30.284]]]}},
        {"type": "Feature", "id": "HM",
         "geometry": {"type": "MultiPolygon", "coordinates": [
           [[[120.22, 30.28], [120.22, 30.285], [120.225, 30.285], [120.225, 30.28], [120.22, 30.28, 5]]],
           [[[120.23, 30.28], [120.235, 30.28], [120.235, 30.285], [120.23, 30.28]]]]}}
      ]}
      """;

  @Test
  void polygonWithHole_andMultiPolygon_areRead() {
    Map<String, Boundary> read = BoundaryGeoJson.read(stream(GOOD), "b.geojson");
    assertEquals(List.of("JF", "HM"), List.copyOf(read.keySet()));
    Boundary jf = read.get("JF");
    assertEquals(1, jf.parts().get(0).holes().size());
    assertFalse(jf.contains(GeoPoint.of(30.285, 120.205)), "the hole");
    assertTrue(jf.contains(GeoPoint.of(30.281, 120.201)));
    assertEquals(2, read.get("HM").parts().size());
    assertTrue(read.get("HM").contains(GeoPoint.of(30.281, 120.234)), "the triangle part");
    // 0.01° × 0.01° at 30.28°N is about 1.11 km × 0.96 km, less a 0.002° × 0.002° hole.
    assertEquals(106.7 - 4.3, jf.areaHectares(), 0.2);
  }

  @Test
  void everyProblem_isReportedWithLineAndPath() {
    String bad = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "A",
           "geometry": {"type": "Polygon", "coordinates": [
             [[120.20, 30.28], [120.21, 30.28], [120.21, 30.29], [120.20, 30.29]]]}},
          {"type": "Feature", "id": "B",
           "geometry": {"type": "Point", "coordinates": [120.2, 30.28]}},
          {"type": "Feature", "id": "C",
           "geometry": {"type": "Polygon", "coordinates": [
             [[30.28, 120.20], [30.28, 120.21], [30.29, 120.21], [30.28, 120.20]]]}},
          {"type": "Feature", "id": "D",
           "geometry": {"type": "Polygon", "coordinates": [
             [[0, 0], [0.01, 0.01], [0, 0.01], [0.01, 0], [0, 0]]]}},
          {"type": "Feature", "id": "D",
           "geometry": {"type": "Polygon", "coordinates": [
             [[0, 0], [0.01, 0], [0.01, 0.01], [0, 0]]]}},
          {"type": "Feature", "id": 7,
           "geometry": {"type": "Polygon", "coordinates": [
             [[0, 0], [0.01, 0], [0.01, 0.01], [0, 0]]]}}
        ]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> BoundaryGeoJson.read(stream(bad), "b.geojson"));
    List<Problem> problems = e.problems();
    assertEquals(6, problems.size(), problems::toString);
    assertProblem(problems.get(0), 2, "$.features[0].geometry.coordinates[0]", "must be closed");
    assertProblem(problems.get(1), 5, "$.features[1].geometry.type", "\"Polygon\" or");
    assertProblem(problems.get(2), 7, "$.features[2].geometry.coordinates[0][0]",
        "longitude first");
    assertProblem(problems.get(3), 10, "$.features[3].geometry.coordinates[0]",
        "must not cross or touch itself");
    assertProblem(problems.get(4), 13, "$.features[4].id", "duplicate id D");
    assertProblem(problems.get(5), 16, "$.features[5].id", "string \"id\"");
  }

  @Test
  void notAFeatureCollection_isRefused() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> BoundaryGeoJson.read(stream("{\"type\": \"Feature\"}"), "b.geojson"));
    assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("$.type")));
    assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("$.features")));
  }

  private static void assertProblem(Problem p, long line, String path, String text) {
    assertEquals(line, p.line(), p::toString);
    assertEquals(path, p.path(), p::toString);
    assertTrue(p.message().contains(text), p::toString);
  }
}
