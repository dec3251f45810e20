package dev.linli.core.circle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.internal.GeoJsonOut;
import dev.linli.core.internal.JsonMapping;
import dev.linli.core.internal.NonClosing;
import dev.linli.core.internal.Row;
import dev.linli.core.internal.Tables;
import dev.linli.core.place.Community;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a {@link HealthCheckResult} and {@link SitingPlan}s as files for people and other tools:
 * per-community CSV, JSON profiles, a gap list, GeoJSON, and self-contained SVG charts. Columns and
 * document shapes are listed in {@code docs/formats.md}. Output is deterministic. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class HealthCheckReports {
  /** The {@code format} of a profiles document. */
  public static final String PROFILES_FORMAT = "linli-health-check";

  private HealthCheckReports() {}

  /**
   * Writes one row per community: ids, index, rank, bottom flag, category scores and the walking
   * distance to the nearest facility of each type (empty if none within the largest circle).
   *
   * @param result the health check
   * @param out where to write; flushed, not closed
   */
  public static void writeScoresCsv(HealthCheckResult result, Writer out) {
    List<String> types = result.standard().requiredTypes();
    TreeSet<String> categories = new TreeSet<>();
    result.profiles().forEach(p -> categories.addAll(p.categoryScores().keySet()));
    List<String> header = new ArrayList<>(List.of("community_id", "name_zh", "name_en",
        "district_id", "subdistrict_id", "population", "index", "rank", "district_rank",
        "percentile", "stars", "bottom"));
    categories.forEach(c -> header.add("score_" + c));
    types.forEach(t -> header.add("nearest_" + t + "_m"));
    header.add("reasons");
    List<List<String>> rows = new ArrayList<>();
    for (CommunityProfile p : result.profiles()) {
      List<String> row = new ArrayList<>(List.of(p.communityId(), p.name().zh(), p.name().en(),
          p.districtId(), p.subdistrictId(), Integer.toString(p.population()), fixed(p.index(), 2),
          Integer.toString(p.rank()), Integer.toString(p.districtRank()), fixed(p.percentile(), 1),
          Integer.toString(p.stars()), Boolean.toString(p.bottom())));
      categories.forEach(c -> row.add(fixed(p.categoryScores().getOrDefault(c, 0.0), 2)));
      for (TypeMeasure m : p.types()) {
        row.add(m.nearestMetres() == null ? "" : fixed(m.nearestMetres(), 1));
      }
      row.add(String.join("; ", p.reasons()));
      rows.add(row);
    }
    Csv.write(out, header, rows);
  }

  /**
   * Writes the gap list: district, type, how many communities lack it, residents affected.
   *
   * @param result the health check
   * @param out where to write; flushed, not closed
   */
  public static void writeGapsCsv(HealthCheckResult result, Writer out) {
    List<List<String>> rows = new ArrayList<>();
    for (Gap g : result.gaps()) {
      rows.add(List.of(g.districtId(), g.typeCode(), Integer.toString(g.communities().size()),
          Long.toString(g.residentsAffected()), String.join(";", g.communities())));
    }
    Csv.write(out, List.of("district_id", "type", "communities_lacking", "residents_affected",
        "community_ids"), rows);
  }

  /**
   * Writes a siting plan, one row per chosen site.
   *
   * @param plan the plan
   * @param out where to write; flushed, not closed
   */
  public static void writeSitesCsv(SitingPlan plan, Writer out) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      SitingPlan.Step s = plan.steps().get(i);
      rows.add(List.of(Integer.toString(i + 1), plan.typeCode(), Row.decimal(s.site().lat()),
          Row.decimal(s.site().lon()), fixed(s.newlyCovered(), 0), fixed(s.totalCovered(), 0)));
    }
    Csv.write(out, List.of("step", "type", "lat", "lon", "newly_covered", "total_covered"), rows);
  }

  /**
   * Writes the profiles as one JSON document ({@code "format": "linli-health-check"}).
   *
   * @param result the health check
   * @param out where to write UTF-8; not closed
   */
  public static void writeProfilesJson(HealthCheckResult result, OutputStream out) {
    ObjectMapper mapper = JsonMapping.mapper(false);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", PROFILES_FORMAT);
    root.put("version", 1);
    root.put("standard", result.standard().id());
    root.put("travel", result.travel().describe());
    root.set("profiles", mapper.valueToTree(result.profiles()));
    try {
      mapper.writerWithDefaultPrettyPrinter().writeValue(NonClosing.output(out), root);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes communities as GeoJSON points with their index, rank, stars and bottom flag.
   *
   * @param result the health check
   * @param out where to write UTF-8; not closed
   */
  public static void writeCommunitiesGeoJson(HealthCheckResult result, OutputStream out) {
    Map<String, Community> byId = new java.util.HashMap<>();
    result.city().communities().forEach(c -> byId.put(c.id(), c));
    List<Object[]> features = new ArrayList<>();
    for (CommunityProfile p : result.profiles()) {
      features.add(new Object[] {p.communityId(), byId.get(p.communityId()).centroid(),
          Map.of("name_zh", p.name().zh(), "index", round(p.index(), 2), "rank", p.rank(),
              "stars", p.stars(), "bottom", p.bottom(), "population", p.population())});
    }
    points(features, out);
  }

  /**
   * Writes a siting plan's sites as GeoJSON points.
   *
   * @param plan the plan
   * @param out where to write UTF-8; not closed
   */
  public static void writeSitesGeoJson(SitingPlan plan, OutputStream out) {
    List<Object[]> features = new ArrayList<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      SitingPlan.Step s = plan.steps().get(i);
      features.add(new Object[] {"site-" + (i + 1), s.site(), Map.of("step", i + 1,
          "type", plan.typeCode(), "newly_covered", round(s.newlyCovered(), 0))});
    }
    points(features, out);
  }

  private static void points(List<Object[]> features, OutputStream out) {
    try (GeoJsonOut geo = GeoJsonOut.open(out)) {
      for (Object[] f : features) {
        GeoPoint at = (GeoPoint) f[1];
        geo.point((String) f[0], GeoJsonOut.computed(at.lon()), GeoJsonOut.computed(at.lat()));
        geo.properties().writeObjectField("properties", new java.util.TreeMap<>((Map<?, ?>) f[2]));
        geo.endFeature();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Draws the city: communities coloured by index (red low, green high), the bottom group outlined,
   * facilities as grey dots. Self-contained SVG with no scripts or fonts beyond the reader's default.
   *
   * @param result the health check
   * @param widthPixels drawing width, 200 to 4000
   * @return the SVG text
   */
  public static String mapSvg(HealthCheckResult result, int widthPixels) {
    dev.linli.core.InvalidValueException.check(widthPixels >= 200 && widthPixels <= 4000,
        "widthPixels", widthPixels, "must be between 200 and 4000");
    List<Community> communities = result.city().communities();
    double minLat = 90;
    double maxLat = -90;
    double minLon = 180;
    double maxLon = -180;
    for (Community c : communities) {
      minLat = Math.min(minLat, c.centroid().lat());
      maxLat = Math.max(maxLat, c.centroid().lat());
      minLon = Math.min(minLon, c.centroid().lon());
      maxLon = Math.max(maxLon, c.centroid().lon());
    }
    if (communities.isEmpty()) {
      minLat = maxLat = minLon = maxLon = 0;
    }
    double pad = 0.01;
    double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    double spanX = Math.max((maxLon - minLon) * kx, 1e-6) + 2 * pad;
    double spanY = Math.max(maxLat - minLat, 1e-6) + 2 * pad;
    double scale = (widthPixels - 20) / spanX;
    int height = (int) Math.ceil(spanY * scale) + 60;
    final double x0 = minLon;
    final double y0 = maxLat;
    java.util.function.Function<GeoPoint, double[]> xy = p -> new double[] {
        10 + ((p.lon() - x0) * kx + pad) * scale, 40 + ((y0 - p.lat()) + pad) * scale};
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", widthPixels, height,
        widthPixels, height));
    svg.append(String.format(Locale.ROOT, "<title>Community health check: %d communities, "
        + "bottom %d outlined</title>%n", communities.size(), result.bottom().size()));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fbfbf8\"/>\n");
    svg.append("<text x=\"10\" y=\"24\" font-size=\"16\">Service-circle index by community "
        + "(red low, green high; black ring: bottom group; grey dots: facilities)</text>\n");
    svg.append("<g fill=\"#9a9a9a\" fill-opacity=\"0.5\">\n");
    for (Facility f : result.city().facilities()) {
      double[] p = xy.apply(f.location());
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"0.8\"/>%n",
          p[0], p[1]));
    }
    svg.append("</g>\n<g stroke-width=\"1.5\">\n");
    Map<String, Community> byId = new java.util.HashMap<>();
    communities.forEach(c -> byId.put(c.id(), c));
    for (CommunityProfile prof : result.profiles()) {
      double[] p = xy.apply(byId.get(prof.communityId()).centroid());
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
          + "fill=\"%s\" stroke=\"%s\"><title>%s: index %.1f, rank %d</title></circle>%n", p[0],
          p[1], prof.bottom() ? 4.5 : 3.5, colour(prof.index()), prof.bottom() ? "#000" : "none",
          escape(prof.name().display()), prof.index(), prof.rank()));
    }
    svg.append("</g>\n</svg>\n");
    return svg.toString();
  }

  /**
   * Draws the distribution of the index in 20 bins of 5 points, with the bottom group's cut-off.
   *
   * @param result the health check
   * @return the SVG text
   */
  public static String histogramSvg(HealthCheckResult result) {
    int[] bins = new int[20];
    for (CommunityProfile p : result.profiles()) {
      bins[Math.min(19, (int) (p.index() / 5))]++;
    }
    int max = 1;
    for (int b : bins) {
      max = Math.max(max, b);
    }
    double cut = result.bottom().stream().mapToDouble(CommunityProfile::index).max().orElse(-1);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"300\" "
        + "viewBox=\"0 0 640 300\" font-family=\"sans-serif\" font-size=\"11\">\n");
    svg.append("<title>Distribution of the service-circle index</title>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fbfbf8\"/>\n");
    svg.append("<text x=\"40\" y=\"20\" font-size=\"14\">Communities by index (0-100)</text>\n");
    for (int b = 0; b < 20; b++) {
      double h = 220.0 * bins[b] / max;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"26\" height=\"%.1f\" "
          + "fill=\"%s\"><title>%d-%d: %d</title></rect>%n", 40 + b * 29, 260 - h, h,
          colour(b * 5 + 2.5), b * 5, b * 5 + 5, bins[b]));
    }
    for (int tick = 0; tick <= 100; tick += 20) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"278\" text-anchor=\"middle\">%d"
          + "</text>%n", 40 + tick * 29 / 5, tick));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"40\" y=\"294\">%d communities; max bin %d</text>%n",
        result.profiles().size(), max));
    if (cut >= 0) {
      double x = 40 + cut * 29 / 5;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"30\" x2=\"%.1f\" y2=\"262\" "
          + "stroke=\"#000\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"40\">bottom %d &#8804; "
          + "%.1f</text>%n", x, x, x + 4, result.bottom().size(), cut));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Red (0) through yellow (50) to green (100). */
  private static String colour(double index) {
    double t = Math.max(0, Math.min(1, index / 100));
    int r = (int) Math.round(t < 0.5 ? 215 : 215 - (t - 0.5) * 2 * (215 - 26));
    int g = (int) Math.round(t < 0.5 ? 48 + t * 2 * (190 - 48) : 190 - (t - 0.5) * 2 * (190 - 150));
    int b = (int) Math.round(t < 0.5 ? 39 : 39 + (t - 0.5) * 2 * (80 - 39));
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static double round(double v, int decimals) {
    double s = Math.pow(10, decimals);
    return Math.round(v * s) / s;
  }

  /** CSV through the same writer as the city files. */
  private static final class Csv {
    static void write(Writer out, List<String> header, List<List<String>> rows) {
      try {
        Tables.writeCsvRows(out, header, rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
