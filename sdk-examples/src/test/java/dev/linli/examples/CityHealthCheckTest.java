package dev.linli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.io.CityCsv;
import dev.linli.core.io.CityGeoJson;
import dev.linli.core.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityHealthCheckTest {
  @Test
  void theResearcherExample_onTheBundledCity_ranksFlagsAndWritesFiles(@TempDir Path dir)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    City city = CityHealthCheck.sampleCity();
    HealthCheckResult result = CityHealthCheck.run(city, dir.resolve("out"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("80 communities, 1800 facilities; standard gb50180-2018-hangzhou; travel "
        + "straight line x 1.30", lines.get(0));
    assertEquals("best five:", lines.get(1));
    assertTrue(lines.get(2).startsWith("    1  "), lines.get(2));
    assertEquals("bottom 8 of 80, flagged for gap filling (补短板):", lines.get(7));
    assertEquals(8, result.bottom().size(), "10% of 80");
    for (int i = 0; i < 8; i++) {
      assertTrue(lines.get(8 + i).startsWith(String.format(java.util.Locale.ROOT, "  %3d  ",
          80 - i)), "worst first: " + lines.get(8 + i));
      assertTrue(lines.get(8 + i).contains(result.bottom().get(i).name().zh()), lines.get(8 + i));
    }
    assertTrue(lines.get(16).matches("three new [a-z-]+ bring \\d+ of \\d+ unserved residents "
        + "within \\d+ m"), lines.get(16));
    assertEquals("wrote scores.csv and sites.geojson to " + dir.resolve("out"), lines.get(17));
    assertEquals(18, lines.size());

    List<String> scores = Files.readAllLines(dir.resolve("out/scores.csv"), StandardCharsets.UTF_8);
    assertEquals(81, scores.size());
    assertTrue(scores.get(0).startsWith("community_id,name_zh,name_en,district_id,subdistrict_id,"
        + "population,index,rank,district_rank,percentile,stars,bottom,"), scores.get(0));
    assertTrue(scores.get(0).endsWith(",reasons"), scores.get(0));
    assertEquals(8, scores.stream().skip(1).filter(l -> l.contains(",true,")).count(),
        "eight rows flagged bottom");
    JsonNode sites = new ObjectMapper().readTree(dir.resolve("out/sites.geojson").toFile());
    assertEquals("FeatureCollection", sites.path("type").asText());
    assertEquals(3, sites.path("features").size());
    assertEquals(1, sites.path("features").get(0).path("properties").path("step").asInt());
  }

  @Test
  void main_readsCsvAndGeoJsonFiles_intoTheGivenDirectory(@TempDir Path dir) throws IOException {
    City city = SyntheticCity.builder().seed(9).communities(30).facilities(500).build().generate();
    CityCsv.strict().writeCommunities(city, dir.resolve("communities.csv"));
    CityGeoJson.strict().writeFacilities(city.facilities(), dir.resolve("facilities.geojson"));
    PrintStream stdout = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      CityHealthCheck.main(new String[] {dir.resolve("communities.csv").toString(),
          dir.resolve("facilities.geojson").toString(), dir.resolve("result").toString()});
    } finally {
      System.setOut(stdout);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("30 communities, 500 facilities;"), printed);
    assertTrue(printed.contains("bottom 3 of 30"), printed);
    assertEquals(31, Files.readAllLines(dir.resolve("result/scores.csv"),
        StandardCharsets.UTF_8).size());
    assertTrue(Files.size(dir.resolve("result/sites.geojson")) > 0);
  }

  @Test
  void readCity_malformedFile_namesFileLineAndField(@TempDir Path dir) throws IOException {
    City city = SyntheticCity.builder().seed(1).communities(3).facilities(5).build().generate();
    CityCsv.strict().writeCommunities(city, dir.resolve("communities.csv"));
    Path bad = dir.resolve("facilities.csv");
    Files.writeString(bad, "id,type,name_zh,lat,lon\nF1,public-gym,健身房,30.2,120.2\n"
        + "F2,public-gym,健身房,95,120.2\n", StandardCharsets.UTF_8);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CityHealthCheck.readCity(dir.resolve("communities.csv"), bad));
    assertTrue(e.getMessage().contains("facilities.csv:3: lat: must be a latitude in degrees "
        + "between -90 and 90 (got 95.0)"), e.getMessage());
  }

  @Test
  void main_withOneArgument_explainsUsage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CityHealthCheck.main(new String[] {"communities.csv"}));
    assertEquals("usage: CityHealthCheck [COMMUNITIES FACILITIES [OUT_DIR]]; got 1 arguments",
        e.getMessage());
  }
}
