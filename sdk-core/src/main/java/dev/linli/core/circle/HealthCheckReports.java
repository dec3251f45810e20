package dev.linli.core.circle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.internal.GeoJsonOut;
import dev.linli.core.internal.Row;
import dev.linli.core.internal.Tables;
import dev.linli.core.place.Community;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes a {@link HealthCheckResult} and {@link SitingPlan}s as files for people and other tools:
 * per-community CSV, JSON profiles, a gap list and GeoJSON: data only (drawing belongs to the
 * application; the example CLI draws its map and histogram in sdk-examples). Columns and
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
        "percentile", "stars", "bottom", "colour"));
    categories.forEach(c -> header.add("score_" + c));
    types.forEach(t -> header.add("nearest_" + t + "_m"));
    header.add("reasons");
    List<List<String>> rows = new ArrayList<>();
    for (CommunityProfile p : result.profiles()) {
      List<String> row = new ArrayList<>(List.of(p.communityId(), p.name().zh(), p.name().en(),
          p.districtId(), p.subdistrictId(), Integer.toString(p.population()), fixed(p.index(), 2),
          Integer.toString(p.rank()), Integer.toString(p.districtRank()), fixed(p.percentile(), 1),
          Integer.toString(p.stars()), Boolean.toString(p.bottom()), p.colour()));
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
    // Streamed, not built as a tree first and then written: the tree of a 1,260-community city's
    // profiles is 11 MB of JSON held as nodes, and building it took as long as writing it.
    try {
      ProfilesJson.write(result.standard().id(), result.travel().describe(), result.profiles(),
          out);
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Writes communities as GeoJSON points with their index, rank, stars, colour and bottom flag.
   *
   * @param result the health check
   * @param out where to write UTF-8; not closed
   */
  public static void writeCommunitiesGeoJson(HealthCheckResult result, OutputStream out) {
    Map<String, Community> byId = new java.util.HashMap<>();
    result.city().communities().forEach(c -> byId.put(c.id(), c));
    // Field by field, keys in the order the mapper sorted them in: the bytes points() writes,
    // without a map per community, its serializer and a flush of the stream after each.
    try (GeoJsonOut geo = GeoJsonOut.openFieldByField(out)) {
      for (CommunityProfile p : result.profiles()) {
        GeoPoint at = byId.get(p.communityId()).centroid();
        geo.point(p.communityId(), GeoJsonOut.computed(at.lon()), GeoJsonOut.computed(at.lat()));
        JsonGenerator g = geo.properties();
        g.writeObjectFieldStart("properties");
        g.writeBooleanField("bottom", p.bottom());
        g.writeStringField("colour", Objects.requireNonNull(p.colour(), "colour"));
        g.writeNumberField("index", round(p.index(), 2));
        g.writeStringField("name_zh", p.name().zh());
        g.writeNumberField("population", p.population());
        g.writeNumberField("rank", p.rank());
        g.writeNumberField("stars", p.stars());
        g.writeEndObject();
        geo.endFeature();
      }
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
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
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Formats a number as the reports' CSV cells are written: {@code String.format(Locale.ROOT,
   * "%.Nf", v)}'s text, without parsing a format string and looking up the locale's digits per
   * call (a sixth of a whole {@code circles score} run went there): like the formatter, it
   * rounds the shortest decimal that reads back as {@code v} (what {@link Double#toString} gives)
   * half up. Thread-safe.
   *
   * @param v the number; NaN and the infinities are written as the formatter writes them
   * @param decimals how many decimals, 0 to 8
   * @return the text, such as {@code "12.50"} or {@code "-0.0"}
   * @throws InvalidValueException if {@code decimals} is outside 0 to 8
   * @since 0.2.0
   */
  public static String fixed(double v, int decimals) {
    InvalidValueException.check(decimals >= 0 && decimals <= 8, "decimals", decimals,
        "must be 0 to 8");
    if (v == 0) {
      // The formatter's text ("0.00", "-0.0"): zeros are few (2% of scores.csv's cells), but
      // enough for a run to interpret and then compile the formatter's code just for them.
      String zero = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
      return 1 / v < 0 ? "-" + zero : zero;
    }
    if (!Double.isFinite(v)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    if (v < 0) {
      return "-" + fixed(-v, decimals); // the formatter keeps the sign of a value rounded to 0
    }
    if (v < 1e15 && v == (long) v) {
      // A whole number (an index or score of 100 in scores.csv, most often): its digits, then
      // the zeros, as the formatter writes every whole number below 2^53.
      return decimals == 0 ? Long.toString((long) v)
          : Long.toString((long) v) + "." + "0".repeat(decimals);
    }
    String near = fixedFromScaled(v, decimals);
    return near != null ? near : roundHalfUp(Double.toString(v), decimals);
  }

  /** {@code 10^d} for the decimals {@link #fixed} takes, each exact as a double. */
  private static final double[] TEN_TO = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

  /**
   * {@link #fixed}'s text of a positive finite {@code v} from {@code v x 10^decimals} rounded
   * half up, without {@link Double#toString}, or null when that product is not clear of a tie:
   * below 2^31 it is within 4e-7 of the shortest decimal's own (both are within an ulp or two
   * of the exact product, whose ulp there is at most 2^-22), so a fraction more than 1e-6 from
   * one half rounds both to the same whole number, and near a whole number both round to it.
   * Ties and large values (a value ending in 5 at the next decimal) go through the digits.
   */
  static String fixedFromScaled(double v, int decimals) {
    double scaled = v * TEN_TO[decimals];
    if (!(scaled < 0x1p31)) {
      return null;
    }
    double whole = Math.floor(scaled);
    double fraction = scaled - whole; // exact: both below 2^31
    if (Math.abs(fraction - 0.5) <= 1e-6) {
      return null;
    }
    String digits = Long.toString((long) whole + (fraction > 0.5 ? 1 : 0));
    if (decimals == 0) {
      return digits;
    }
    int n = digits.length();
    if (n > decimals) {
      char[] out = new char[n + 1];
      digits.getChars(0, n - decimals, out, 0);
      out[n - decimals] = '.';
      digits.getChars(n - decimals, n, out, n - decimals + 1);
      return new String(out);
    }
    char[] out = new char[decimals + 2]; // "0." and the decimals, zeros before the digits
    java.util.Arrays.fill(out, '0');
    out[1] = '.';
    digits.getChars(0, n, out, decimals + 2 - n);
    return new String(out);
  }

  /**
   * {@code new BigDecimal(shortest).setScale(decimals, HALF_UP).toPlainString()} for the output of
   * {@link Double#toString} of a positive finite value ({@code 12.5}, {@code 1.0E-5},
   * {@code 1.2345E10}), on the decimal digits themselves: the report writers call it for every cell
   * and the {@code BigDecimal} (a big integer and a second string per cell) was half its cost.
   */
  static String roundHalfUp(String shortest, int decimals) {
    int e = shortest.indexOf('E');
    int end = e < 0 ? shortest.length() : e;
    int exponent = e < 0 ? 0 : Integer.parseInt(shortest, e + 1, shortest.length(), 10);
    int dot = shortest.indexOf('.');
    // out[1 + lead ..] holds the digits without the dot; out[1 .. 1 + point + lead) are the
    // integer digits once the exponent is applied; zeros pad both sides.
    int point = dot + exponent;
    int lead = Math.max(0, -point);
    int keep = point + lead + decimals;
    char[] out = new char[Math.max(keep + 1, lead + end - 1) + 1];
    java.util.Arrays.fill(out, '0');
    shortest.getChars(0, dot, out, 1 + lead);
    shortest.getChars(dot + 1, end, out, 1 + lead + dot);
    // out[0] is room for a carry; HALF_UP: the first digit dropped decides.
    if (out[1 + keep] >= '5') {
      int i = keep;
      while (out[i] == '9') {
        out[i--] = '0';
      }
      out[i]++;
    }
    int intEnd = 1 + point + lead;
    int first = 0;
    while (first < intEnd - 1 && out[first] == '0') {
      first++;
    }
    if (decimals == 0) {
      return new String(out, first, intEnd - first);
    }
    // The integer digits, the point, the decimals: shift the decimals right by one in place.
    System.arraycopy(out, intEnd, out, intEnd + 1, decimals);
    out[intEnd] = '.';
    return new String(out, first, intEnd - first + 1 + decimals);
  }


  private static double round(double v, int decimals) {
    double s = Math.pow(10, decimals);
    return Math.round(v * s) / s;
  }

  /** {@link #integralText}'s texts of 0 to 255, which are most of the whole numbers written. */
  private static final String[] SMALL_INTEGRAL = new String[256];

  static {
    for (int i = 0; i < SMALL_INTEGRAL.length; i++) {
      SMALL_INTEGRAL[i] = i + ".0";
    }
  }

  /**
   * {@link Double#toString}'s text of a whole number of magnitude below 10<sup>7</sup> ({@code
   * "6046.0"}, {@code "-3.0"}), which is the integer and {@code ".0"}, built without the
   * shortest-digits algorithm; null for any other value (fractions, {@code -0.0}, 10<sup>7</sup>
   * and above, which it writes with an exponent, NaN and the infinities).
   */
  static String integralText(double v) {
    if (v >= 0 && v < SMALL_INTEGRAL.length && v == (int) v && (v != 0 || 1 / v > 0)) {
      return SMALL_INTEGRAL[(int) v];
    }
    if (Math.abs(v) < 1e7 && v == (long) v && v != 0) {
      return Long.toString((long) v).concat(".0");
    }
    return null;
  }

  /** CSV through the same writer as the city files. */
  private static final class Csv {
    static void write(Writer out, List<String> header, List<List<String>> rows) {
      try {
        Tables.writeCsvRows(out, header, rows);
      } catch (IOException e) {
        throw new LinliIoException("the output", "cannot be written", e);
      }
    }
  }
}
