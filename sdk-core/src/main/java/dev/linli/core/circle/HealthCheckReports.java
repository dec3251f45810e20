package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.internal.GeoJsonOut;
import dev.linli.core.internal.JsonMapping;
import dev.linli.core.internal.NonClosing;
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
    // profiles is 11 MB of JSON held as nodes, and building it took as long as writing it. From
    // the factory, not through a mapper's writer: the same generator and layout (a writer only
    // sets the pretty printer here), and no mapper to build in a run that needs none.
    try (com.fasterxml.jackson.core.JsonGenerator g =
        JsonMapping.factory().createGenerator(NonClosing.output(out))) {
      g.setPrettyPrinter(new dev.linli.core.internal.PrettyLayout());
      g.writeStartObject();
      g.writeStringField("format", PROFILES_FORMAT);
      g.writeNumberField("version", 1);
      g.writeStringField("standard", result.standard().id());
      g.writeStringField("travel", result.travel().describe());
      g.writeFieldName("profiles");
      g.writeStartArray();
      for (CommunityProfile p : result.profiles()) {
        ProfileFields.write(g, p);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      out.write('\n');
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
    return roundHalfUp(Double.toString(v), decimals);
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

  /**
   * A profile written field by field through the generator, as the mapper wrote the records (the
   * components in order, {@code null}s left out, map keys sorted) without its reflection: a
   * getter call through {@code Method.invoke} and a generated accessor class per component. The
   * bytes are pinned by HealthCheckReportsTest against the document built as a tree by the mapper.
   */
  private static final class ProfileFields {
    private static final SerializedString COMMUNITY_ID = new SerializedString("communityId");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString ZH = new SerializedString("zh");
    private static final SerializedString EN = new SerializedString("en");
    private static final SerializedString DISTRICT_ID = new SerializedString("districtId");
    private static final SerializedString SUBDISTRICT_ID = new SerializedString("subdistrictId");
    private static final SerializedString POPULATION = new SerializedString("population");
    private static final SerializedString INDEX = new SerializedString("index");
    private static final SerializedString CATEGORY_SCORES = new SerializedString("categoryScores");
    private static final SerializedString TYPES = new SerializedString("types");
    private static final SerializedString MISSING = new SerializedString("missing");
    private static final SerializedString RANK = new SerializedString("rank");
    private static final SerializedString DISTRICT_RANK = new SerializedString("districtRank");
    private static final SerializedString PERCENTILE = new SerializedString("percentile");
    private static final SerializedString STARS = new SerializedString("stars");
    private static final SerializedString STARS_EARNED = new SerializedString("starsEarned");
    private static final SerializedString COLOUR = new SerializedString("colour");
    private static final SerializedString BOTTOM = new SerializedString("bottom");
    private static final SerializedString REASONS = new SerializedString("reasons");
    private static final SerializedString TYPE_CODE = new SerializedString("typeCode");
    private static final SerializedString REQUIRED_LEVEL = new SerializedString("requiredLevel");
    private static final SerializedString NEAREST_METRES = new SerializedString("nearestMetres");
    private static final SerializedString NEAREST_MINUTES = new SerializedString("nearestMinutes");
    private static final SerializedString COVERAGE = new SerializedString("coverage");
    private static final SerializedString COUNTS = new SerializedString("counts");
    private static final SerializedString GRAVITY = new SerializedString("gravity");
    private static final SerializedString E2SFCA = new SerializedString("e2sfcaPer1000");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString SERVED = new SerializedString("servedResidents");
    private static final SerializedString SERVED_WITHOUT = new SerializedString(
        "servedWithoutAccess");

    private ProfileFields() {}

    static void write(JsonGenerator g, CommunityProfile p) throws IOException {
      g.writeStartObject();
      text(g, COMMUNITY_ID, p.communityId());
      if (p.name() != null) {
        g.writeFieldName(NAME);
        g.writeStartObject();
        text(g, ZH, p.name().zh());
        text(g, EN, p.name().en());
        g.writeEndObject();
      }
      text(g, DISTRICT_ID, p.districtId());
      text(g, SUBDISTRICT_ID, p.subdistrictId());
      g.writeFieldName(POPULATION);
      g.writeNumber(p.population());
      g.writeFieldName(INDEX);
      number(g, p.index());
      g.writeFieldName(CATEGORY_SCORES);
      g.writeStartObject();
      for (Map.Entry<String, Double> e : new java.util.TreeMap<>(p.categoryScores()).entrySet()) {
        if (e.getValue() != null) {
          g.writeFieldName(e.getKey());
          number(g, e.getValue());
        }
      }
      g.writeEndObject();
      g.writeFieldName(TYPES);
      g.writeStartArray();
      for (TypeMeasure m : p.types()) {
        type(g, m);
      }
      g.writeEndArray();
      g.writeFieldName(MISSING);
      g.writeStartObject();
      for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(p.missing()).entrySet()) {
        if (e.getValue() != null) {
          g.writeFieldName(e.getKey());
          texts(g, e.getValue());
        }
      }
      g.writeEndObject();
      g.writeFieldName(RANK);
      g.writeNumber(p.rank());
      g.writeFieldName(DISTRICT_RANK);
      g.writeNumber(p.districtRank());
      g.writeFieldName(PERCENTILE);
      number(g, p.percentile());
      g.writeFieldName(STARS);
      g.writeNumber(p.stars());
      g.writeFieldName(STARS_EARNED);
      texts(g, p.starsEarned());
      text(g, COLOUR, p.colour());
      g.writeFieldName(BOTTOM);
      g.writeBoolean(p.bottom());
      g.writeFieldName(REASONS);
      texts(g, p.reasons());
      g.writeEndObject();
    }

    private static void type(JsonGenerator g, TypeMeasure m) throws IOException {
      g.writeStartObject();
      text(g, TYPE_CODE, m.typeCode());
      text(g, REQUIRED_LEVEL, m.requiredLevel());
      if (m.nearestMetres() != null) {
        g.writeFieldName(NEAREST_METRES);
        number(g, m.nearestMetres());
      }
      if (m.nearestMinutes() != null) {
        g.writeFieldName(NEAREST_MINUTES);
        number(g, m.nearestMinutes());
      }
      g.writeFieldName(COVERAGE);
      numbers(g, m.coverage());
      g.writeFieldName(COUNTS);
      numbers(g, m.counts());
      g.writeFieldName(GRAVITY);
      number(g, m.gravity());
      g.writeFieldName(E2SFCA);
      number(g, m.e2sfcaPer1000());
      g.writeFieldName(SCORE);
      number(g, m.score());
      g.writeFieldName(SERVED);
      number(g, m.servedResidents());
      g.writeFieldName(SERVED_WITHOUT);
      number(g, m.servedWithoutAccess());
      g.writeEndObject();
    }

    private static void text(JsonGenerator g, SerializedString field, String value)
        throws IOException {
      if (value != null) {
        g.writeFieldName(field);
        g.writeString(value);
      }
    }

    private static void texts(JsonGenerator g, List<String> values) throws IOException {
      g.writeStartArray();
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }

    /**
     * Writes {@code v} as {@link JsonGenerator#writeNumber(double)} does, with {@link
     * #integralText}'s text for whole numbers (three in five of the document's numbers).
     */
    private static void number(JsonGenerator g, double v) throws IOException {
      String integral = integralText(v);
      if (integral != null) {
        g.writeNumber(integral);
      } else {
        g.writeNumber(v);
      }
    }

    private static void numbers(JsonGenerator g, List<Double> values) throws IOException {
      g.writeStartArray();
      for (Double v : values) {
        number(g, v);
      }
      g.writeEndArray();
    }
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
