package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.circle.Gap;
import dev.linli.core.circle.HealthCheckReports;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.circle.Siting;
import dev.linli.core.circle.SitingPlan;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.geo.GeoPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code linli report}: the researcher's health-check report, a self-contained {@code report.html}
 * with the data files behind it. Reads the same inputs as {@code linli circles}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"City health check report for researchers: score every community, flag the "
        + "bottom 10%%, list the gaps per district and recommend sites for the largest gaps.",
        "Writes report.html (self-contained: map, histogram, tables; no scripts or external files) "
            + "and scores.csv, gaps.csv, profiles.json, communities.geojson, sites.csv and "
            + "sites.geojson into --out."})
final class ReportCommand implements Callable<Integer> {
  /** The files the command writes, in the order the report lists them. */
  static final List<String> FILES = List.of("report.html", "scores.csv", "gaps.csv",
      "profiles.json", "communities.geojson", "sites.csv", "sites.geojson");

  @Spec CommandSpec spec;
  @Mixin CirclesCommand.Inputs inputs;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output directory (created if missing).")
  Path out;

  @Option(names = "--site-type", paramLabel = "TYPE",
      description = {"Facility type to recommend sites for; repeat for several. Default: the "
          + "three types that leave the most residents without service city-wide."})
  List<String> siteTypes;

  @Option(names = "--sites", defaultValue = "3", paramLabel = "K",
      description = "New sites per type, 0-100 (default: ${DEFAULT-VALUE}).")
  int sites;

  @Option(names = "--spacing", defaultValue = "400", paramLabel = "METRES",
      description = "Spacing of the candidate grid for sites (default: ${DEFAULT-VALUE} m).")
  double spacing;

  @Override
  public Integer call() throws IOException {
    InvalidValueException.check(sites >= 0 && sites <= 100, "sites", sites,
        "must be between 0 and 100");
    HeapBudget.check(inputs.communities, inputs.facilities, Runtime.getRuntime().maxMemory());
    City city = inputs.city(spec.commandLine().getErr());
    HealthCheckResult result = inputs.check(city, spec.commandLine().getErr()).run(city);
    List<SitingPlan> plans = new ArrayList<>();
    List<String> types = siteTypes == null ? largestGaps(result, 3) : List.copyOf(siteTypes);
    if (sites > 0 && !types.isEmpty()) {
      List<GeoPoint> candidates = Siting.gridCandidates(city, spacing);
      for (String type : types) {
        plans.add(Siting.greedy(result, type, candidates, sites));
      }
    }
    Files.createDirectories(out);
    CirclesCommand.csv(out.resolve("scores.csv"), inputs.bom,
        w -> HealthCheckReports.writeScoresCsv(result, w));
    CirclesCommand.csv(out.resolve("gaps.csv"), inputs.bom, w -> HealthCheckReports.writeGapsCsv(result, w));
    CirclesCommand.bytes(out.resolve("profiles.json"),
        o -> HealthCheckReports.writeProfilesJson(result, o));
    CirclesCommand.bytes(out.resolve("communities.geojson"),
        o -> HealthCheckReports.writeCommunitiesGeoJson(result, o));
    CirclesCommand.csv(out.resolve("sites.csv"), inputs.bom, w -> w.write(sitesCsv(plans)));
    CirclesCommand.text(out.resolve("sites.geojson"), w -> w.write(sitesGeoJson(plans)));
    String html = new HealthReportPage(result, plans, FacilityTaxonomy.hangzhou())
        .render(FILES.subList(1, FILES.size()));
    Files.writeString(out.resolve("report.html"), html, StandardCharsets.UTF_8);

    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "scored %d communities against %d facilities (%s); bottom %d flagged; "
        + "%d gaps; %d sites recommended for %s%n", result.profiles().size(),
        city.facilities().size(), result.travel().describe(), result.bottom().size(),
        result.gaps().size(), plans.stream().mapToInt(p -> p.steps().size()).sum(),
        types.isEmpty() || sites == 0 ? "no type" : String.join(", ", types));
    o.println("wrote " + String.join(", ", FILES) + " to " + out);
    o.flush();
    return 0;
  }

  /**
   * Returns the facility types with the most residents affected over all districts.
   *
   * @param result the health check
   * @param n how many types at most
   * @return type codes, most residents affected first (ties by code)
   */
  static List<String> largestGaps(HealthCheckResult result, int n) {
    Map<String, Long> affected = new LinkedHashMap<>();
    for (Gap g : result.gaps()) {
      affected.merge(g.typeCode(), g.residentsAffected(), Long::sum);
    }
    return affected.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).toList();
  }

  /** All plans in one CSV: the SDK's sites columns, the header once, steps numbered per type. */
  private static String sitesCsv(List<SitingPlan> plans) {
    StringBuilder csv = new StringBuilder();
    if (plans.isEmpty()) {
      // The header alone, from the SDK's writer, so the columns cannot drift from docs/formats.md.
      StringWriter w = new StringWriter();
      HealthCheckReports.writeSitesCsv(new SitingPlan("none", 0, 0, List.of()), w);
      return w.toString();
    }
    for (SitingPlan plan : plans) {
      StringWriter w = new StringWriter();
      HealthCheckReports.writeSitesCsv(plan, w);
      String text = w.toString();
      csv.append(csv.length() == 0 ? text : text.substring(text.indexOf('\n') + 1));
    }
    return csv.toString();
  }

  /**
   * All plans in one GeoJSON FeatureCollection, one feature per line like every Linli GeoJSON file;
   * feature ids are {@code TYPE-site-N} so that they stay unique across types.
   */
  private static String sitesGeoJson(List<SitingPlan> plans) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<String> features = new ArrayList<>();
    for (SitingPlan plan : plans) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      HealthCheckReports.writeSitesGeoJson(plan, bytes);
      for (JsonNode feature : mapper.readTree(bytes.toByteArray()).path("features")) {
        ObjectNode f = (ObjectNode) feature;
        f.put("id", plan.typeCode() + "-" + f.path("id").asText());
        features.add(mapper.writeValueAsString(f));
      }
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[\n" + String.join(",\n", features)
        + (features.isEmpty() ? "" : "\n") + "]}\n";
  }
}
