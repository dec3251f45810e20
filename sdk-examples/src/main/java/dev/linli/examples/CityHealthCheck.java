package dev.linli.examples;

import dev.linli.core.city.City;
import dev.linli.core.circle.CommunityProfile;
import dev.linli.core.circle.Gap;
import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckReports;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.circle.Siting;
import dev.linli.core.circle.SitingPlan;
import dev.linli.core.facility.Facility;
import dev.linli.core.io.CityCsv;
import dev.linli.core.io.CityGeoJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * For researchers: the city health check (体检) from data files to results. This program reads
 * communities and facilities from CSV or GeoJSON ({@code docs/formats.md}), scores every community's
 * walking access to the 20 key facility types of the 15-minute life circle, prints the ranking and
 * the bottom 10% with the reasons, and writes {@code scores.csv} and {@code sites.geojson} (three new
 * facilities of the type that leaves the most residents without service). Depends only on the public
 * API of sdk-core.
 *
 * <p>Run with the bundled synthetic city ({@code sample/hangzhou-seed/synthetic/}):
 * {@code java -cp linli.jar dev.linli.examples.CityHealthCheck}; or with your own files:
 * {@code java -cp linli.jar dev.linli.examples.CityHealthCheck communities.csv facilities.geojson
 * out/}.
 */
public final class CityHealthCheck {
  /** Where the bundled synthetic city lives on the class path. */
  public static final String SAMPLE = "/sample/hangzhou-seed/synthetic/";

  private CityHealthCheck() {}

  /**
   * Runs the example.
   *
   * @param args none (bundled sample, output to {@code health-check/}), or the communities and
   *     facilities files, optionally followed by the output directory
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if given one argument or more than three
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 1 || args.length > 3) {
      throw new IllegalArgumentException("usage: CityHealthCheck [COMMUNITIES FACILITIES [OUT_DIR]]"
          + "; got " + args.length + " arguments");
    }
    City city = args.length == 0 ? sampleCity() : readCity(Path.of(args[0]), Path.of(args[1]));
    run(city, Path.of(args.length == 3 ? args[2] : "health-check"), System.out);
  }

  /**
   * Reads the bundled synthetic city: 80 communities (GeoJSON) and 1,800 facilities (CSV).
   *
   * @return the city
   * @throws IOException if the sample is missing from the class path
   */
  public static City sampleCity() throws IOException {
    try (InputStream communities = sample("communities.geojson");
        InputStream facilities = sample("facilities.csv")) {
      return read("communities.geojson", communities, "facilities.csv", facilities);
    }
  }

  /**
   * Reads communities and facilities from files; {@code .geojson} and {@code .json} files are read
   * as GeoJSON, anything else as CSV.
   *
   * @param communities the communities file
   * @param facilities the facilities file
   * @return the city
   * @throws IOException if a file cannot be read
   * @throws dev.linli.core.DataFormatException listing every problem with file, line and field
   */
  public static City readCity(Path communities, Path facilities) throws IOException {
    try (InputStream c = Files.newInputStream(communities);
        InputStream f = Files.newInputStream(facilities)) {
      return read(communities.getFileName().toString(), c, facilities.getFileName().toString(), f);
    }
  }

  /**
   * Runs the health check on a city, prints the results to {@code out} and writes the files.
   *
   * @param city the city, with its facilities
   * @param outDir where to write {@code scores.csv} and {@code sites.geojson} (created if missing)
   * @param out where to print
   * @return the health check, for callers that want to look further
   * @throws IOException if the files cannot be written
   */
  public static HealthCheckResult run(City city, Path outDir, PrintStream out) throws IOException {
    // 1. The default health check: GB 50180-2018 circles (5/10/15 minutes) over Hangzhou's 20 key
    //    types, straight-line distance x 1.3 for walking. Pass a WalkNetwork for real paths.
    HealthCheckResult result = HealthCheck.builder().build().run(city);
    out.printf(Locale.ROOT, "%d communities, %d facilities; standard %s; travel %s%n",
        city.communities().size(), city.facilities().size(), result.standard().id(),
        result.travel().describe());

    // 2. The ranking, best first: rank 1 has the highest index (0-100).
    List<CommunityProfile> ranking = result.ranking();
    out.println("best five:");
    for (CommunityProfile p : ranking.subList(0, Math.min(5, ranking.size()))) {
      out.printf(Locale.ROOT, "  %3d  %5.1f  %s%n", p.rank(), p.index(), p.name());
    }

    // 3. The bottom 10% (rounded up), worst first, with what they are missing.
    List<CommunityProfile> bottom = result.bottom();
    out.printf(Locale.ROOT, "bottom %d of %d, flagged for gap filling (补短板):%n", bottom.size(),
        ranking.size());
    for (CommunityProfile p : bottom) {
      out.printf(Locale.ROOT, "  %3d  %5.1f  %s: %d reasons, first: %s%n", p.rank(), p.index(),
          p.name(), p.reasons().size(), p.reasons().isEmpty() ? "none" : p.reasons().get(0));
    }

    // 4. Which type leaves the most residents without service, summed over the district gap lists?
    Map<String, Long> affected = new TreeMap<>();
    for (Gap g : result.gaps()) {
      affected.merge(g.typeCode(), g.residentsAffected(), Long::sum);
    }
    String worst = affected.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).orElse("community-canteen");

    // 5. Three new facilities of that type, sited greedily on a 400 m grid of candidates.
    SitingPlan plan = Siting.greedy(result, worst, Siting.gridCandidates(city, 400), 3);
    out.printf(Locale.ROOT, "three new %s bring %.0f of %.0f unserved residents within %.0f m%n",
        worst, plan.covered(), plan.residentsUncovered(), plan.radiusMetres());

    // 6. Files for spreadsheets and GIS (columns in docs/formats.md).
    Files.createDirectories(outDir);
    try (Writer w = Files.newBufferedWriter(outDir.resolve("scores.csv"), StandardCharsets.UTF_8)) {
      HealthCheckReports.writeScoresCsv(result, w);
    }
    try (OutputStream o = Files.newOutputStream(outDir.resolve("sites.geojson"))) {
      HealthCheckReports.writeSitesGeoJson(plan, o);
    }
    out.println("wrote scores.csv and sites.geojson to " + outDir);
    return result;
  }

  private static City read(String communitiesName, InputStream communities,
      String facilitiesName, InputStream facilities) {
    // Strict readers: a bad row stops the run with file, line and field in the message.
    City places = geoJson(communitiesName)
        ? CityGeoJson.strict().readCommunities(communities, communitiesName).value()
        : CityCsv.strict().readCommunities(communities, communitiesName).value();
    List<Facility> list = geoJson(facilitiesName)
        ? CityGeoJson.strict().readFacilities(facilities, facilitiesName).value()
        : CityCsv.strict().readFacilities(facilities, facilitiesName).value();
    return places.toBuilder().facilities(list).build();
  }

  private static boolean geoJson(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".geojson") || lower.endsWith(".json");
  }

  private static InputStream sample(String name) throws IOException {
    InputStream in = CityHealthCheck.class.getResourceAsStream(SAMPLE + name);
    if (in == null) {
      throw new IOException("the sample " + SAMPLE + name + " is missing from the class path");
    }
    return in;
  }
}
