package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.city.City;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckReportsTest {
  private static final City CITY = HealthCheckTest.smallCity(5, 20, 60);
  private static final HealthCheckResult RESULT =
      HealthCheck.builder().parallelism(1).build().run(CITY);

  @Test
  void scoresCsv_hasTheDocumentedColumns_oneRowPerCommunity() {
    StringWriter out = new StringWriter();
    HealthCheckReports.writeScoresCsv(RESULT, out);
    String[] lines = out.toString().split("\n");
    assertEquals(21, lines.length);
    List<String> header = List.of(lines[0].split(","));
    assertEquals(List.of("community_id", "name_zh", "name_en", "district_id", "subdistrict_id",
        "population", "index", "rank", "district_rank", "percentile", "stars", "bottom"),
        header.subList(0, 12));
    for (String type : CircleStandard.gb50180().requiredTypes()) {
      assertTrue(header.contains("nearest_" + type + "_m"), type);
    }
    assertEquals("reasons", header.get(header.size() - 1));
    long flagged = java.util.Arrays.stream(lines).skip(1)
        .filter(l -> l.split(",", -1)[11].equals("true")).count();
    assertEquals(2, flagged, "ceil(10% of 20) communities flagged");
  }

  @Test
  void profilesJson_isAVersionedDocument_andStable() {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    HealthCheckReports.writeProfilesJson(RESULT, a);
    HealthCheckReports.writeProfilesJson(HealthCheck.builder().parallelism(3).build().run(CITY), b);
    String text = a.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\n  \"format\" : \"linli-health-check\",\n  \"version\" : 1,"), text);
    assertEquals(text, b.toString(StandardCharsets.UTF_8), "same bytes with any thread count");
  }

  @Test
  void gapsAndSites_writeCsv() {
    StringWriter gaps = new StringWriter();
    HealthCheckReports.writeGapsCsv(RESULT, gaps);
    assertTrue(gaps.toString().startsWith(
        "district_id,type,communities_lacking,residents_affected,community_ids\n"));
    StringWriter sites = new StringWriter();
    SitingPlan plan = Siting.greedy(RESULT, "public-gym", Siting.gridCandidates(CITY, 300), 3);
    HealthCheckReports.writeSitesCsv(plan, sites);
    String[] lines = sites.toString().split("\n");
    assertEquals("step,type,lat,lon,newly_covered,total_covered", lines[0]);
    assertEquals(plan.steps().size() + 1, lines.length);
  }
}
