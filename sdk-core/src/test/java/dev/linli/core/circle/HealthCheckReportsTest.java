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
  void profilesJson_streamed_isByteForByteTheDocumentBuiltAsATree() throws Exception {
    // The writer once built the whole document as a Jackson tree and printed it; it now streams.
    // The tree path, kept here, is the reference for the bytes.
    HealthCheckResult withAges = HealthCheck.builder().parallelism(1).build()
        .run(HealthCheckTest.smallCity(11, 40, 120));
    for (HealthCheckResult r : List.of(RESULT, withAges)) {
      com.fasterxml.jackson.databind.ObjectMapper mapper =
          dev.linli.core.internal.JsonMapping.mapper(false);
      com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
      root.put("format", "linli-health-check");
      root.put("version", 1);
      root.put("standard", r.standard().id());
      root.put("travel", r.travel().describe());
      root.set("profiles", mapper.valueToTree(r.profiles()));
      String expected = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
      ByteArrayOutputStream streamed = new ByteArrayOutputStream();
      HealthCheckReports.writeProfilesJson(r, streamed);
      assertEquals(expected, streamed.toString(StandardCharsets.UTF_8));
      assertTrue(expected.contains("\"types\" : [ {"), "the profiles have nested lists");
    }
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

  @Test
  void computedCoordinates_areWrittenToSevenDecimals() {
    SitingPlan plan = Siting.greedy(RESULT, "public-gym", Siting.gridCandidates(CITY, 300), 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HealthCheckReports.writeSitesGeoJson(plan, out);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"coordinates\":\\[([^]]*)\\]")
        .matcher(out.toString(StandardCharsets.UTF_8));
    int seen = 0;
    while (m.find()) {
      for (String c : m.group(1).split(",")) {
        int dot = c.indexOf('.');
        assertTrue(dot < 0 || c.length() - dot - 1 <= 7, c);
        assertTrue(!c.contains("E") && !c.contains("e"), c);
        seen++;
      }
    }
    assertEquals(plan.steps().size() * 2, seen);
    assertEquals("120.1560276", dev.linli.core.internal.GeoJsonOut.computed(120.1560276179651)
        .toPlainString());
    assertEquals("120", dev.linli.core.internal.GeoJsonOut.computed(120.0).toString());
    assertEquals("30.5", dev.linli.core.internal.GeoJsonOut.computed(30.50000000001).toString());
  }

  @net.jqwik.api.Property(tries = 3000)
  void fixed_equalsStringFormat(@net.jqwik.api.ForAll double v,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 8) int decimals) {
    assertEquals(String.format(java.util.Locale.ROOT, "%." + decimals + "f", v),
        HealthCheckReports.fixed(v, decimals));
  }

  /**
   * Values of the reports' range, values on and an ulp or three beside the ties at each number of
   * decimals, and values with three decimals (many ending in 5): the text from the scaled product
   * is String.format's whenever it is given, and fixed's always is.
   */
  @net.jqwik.api.Property(tries = 5000)
  void fixedFromScaled_isStringFormat_orDeclines(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 3e6) double any,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 8) int decimals,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int kind,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = -3, max = 3) int ulps) {
    double v = kind == 0 ? any : kind == 2 ? Math.round(any * 1000) / 1000.0
        : (Math.floor(any / 1000) + 0.5) / Math.pow(10, decimals);
    for (int i = 0; i < Math.abs(ulps); i++) {
      v = ulps > 0 ? Math.nextUp(v) : Math.nextDown(v);
    }
    net.jqwik.api.Assume.that(v > 0 && v != Math.rint(v));
    String expected = String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    String scaled = HealthCheckReports.fixedFromScaled(v, decimals);
    if (scaled != null) {
      assertEquals(expected, scaled, v + " to " + decimals);
    }
    assertEquals(expected, HealthCheckReports.fixed(v, decimals), v + " to " + decimals);
    net.jqwik.api.statistics.Statistics.label("path").collect(scaled != null ? "scaled" : "digits");
    net.jqwik.api.statistics.Statistics.label("path").coverage(c -> {
      c.check("scaled").percentage(p -> p > 35);
      c.check("digits").percentage(p -> p > 10);
    });
  }

  /** Whole numbers of every size up to and past 10^15, where fixed stops writing them itself. */
  @net.jqwik.api.Property(tries = 3000)
  void fixed_equalsStringFormat_onWholeNumbers(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = -4_000_000_000_000_000L,
          max = 4_000_000_000_000_000L) long n,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 60) int shift,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 8) int decimals) {
    double v = (double) (n >> shift);
    assertEquals(String.format(java.util.Locale.ROOT, "%." + decimals + "f", v),
        HealthCheckReports.fixed(v, decimals), Double.toString(v));
    for (double w : new double[] {1e15 - 1, 1e15, 1e15 + 2, 999_999_999_999_999.0, 100.0,
        -100.0}) {
      assertEquals(String.format(java.util.Locale.ROOT, "%." + decimals + "f", w),
          HealthCheckReports.fixed(w, decimals), Double.toString(w));
    }
  }

  /** Whole numbers and their neighbours: the text is Double.toString's, or null (then it is used). */
  @net.jqwik.api.Property(tries = 3000)
  void integralText_isDoubleToString_orNull(@net.jqwik.api.ForAll double any,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = -12_000_000,
          max = 12_000_000) int whole,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 300) int small) {
    for (double v : new double[] {any, whole, small, -small, whole + 0.5, Math.nextUp((double) whole),
        Math.nextDown((double) small)}) {
      String text = HealthCheckReports.integralText(v);
      boolean wholeBelow = v == Math.rint(v) && Math.abs(v) < 1e7
          && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(-0.0);
      assertEquals(wholeBelow, text != null, Double.toString(v));
      if (text != null) {
        assertEquals(Double.toString(v), text);
      }
    }
  }

  @Test
  void integralText_onEdges() {
    int written = 0;
    for (double v : new double[] {0.0, 1.0, 255.0, 256.0, 9_999_999.0, -9_999_999.0, -1.0, 100.0,
        6046.0}) {
      assertEquals(Double.toString(v), HealthCheckReports.integralText(v));
      written++;
    }
    for (double v : new double[] {-0.0, 1e7, -1e7, 0.5, 1e-300, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE,
        Math.nextUp(255.0)}) {
      assertEquals(null, HealthCheckReports.integralText(v), Double.toString(v));
    }
    assertEquals(9, written);
  }

  /** The digit rounding against the BigDecimal it replaced, over every magnitude of double. */
  @net.jqwik.api.Property(tries = 5000)
  void roundHalfUp_equalsBigDecimal(@net.jqwik.api.ForAll double v,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 8) int decimals) {
    double x = Math.abs(v);
    net.jqwik.api.Assume.that(Double.isFinite(x) && x != 0);
    String shortest = Double.toString(x);
    assertEquals(new java.math.BigDecimal(shortest)
        .setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString(),
        HealthCheckReports.roundHalfUp(shortest, decimals), shortest + " to " + decimals);
  }

  @Test
  void roundHalfUp_equalsBigDecimal_onCarriesAndEdges() {
    int carries = 0;
    for (double v : new double[] {0.5, 0.05, 0.005, 9.5, 9.95, 9.995, 99.9999, 0.9999999, 1e-7,
        4.5e-7, 5e-7, 1.0E20, 1.2345E10, 9.999999999999999E22, Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, 10.0, 123456.7895}) {
      String shortest = Double.toString(v);
      for (int d = 0; d <= 8; d++) {
        String expected = new java.math.BigDecimal(shortest)
            .setScale(d, java.math.RoundingMode.HALF_UP).toPlainString();
        assertEquals(expected, HealthCheckReports.roundHalfUp(shortest, d), shortest + " to " + d);
        if (expected.replace(".", "").replaceFirst("^0+", "").startsWith("1")
            && shortest.startsWith("9")) {
          carries++;
        }
      }
    }
    assertTrue(carries >= 10, "a carry through every digit is reached: " + carries);
  }

  @Test
  void fixed_refusesDecimalsOutsideZeroToEight() {
    for (int d : new int[] {-1, 9}) {
      dev.linli.core.InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.linli.core.InvalidValueException.class, () -> HealthCheckReports.fixed(1.5, d));
      assertTrue(e.getMessage().contains("decimals") && e.getMessage().contains("0 to 8"),
          e.getMessage());
    }
    assertEquals("1.50000000", HealthCheckReports.fixed(1.5, 8));
  }

  @Test
  void fixed_equalsStringFormat_onHalfwayAndEdgeValues() {
    for (double v : new double[] {0.125, 1.005, 2.675, -1.005, 0.5, 1.5, -0.5, 0.0, -0.0, 1e-7,
        -1e-7, 123456789.955, 1e20, 99.995, 0.045, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      for (int d = 0; d <= 3; d++) {
        assertEquals(String.format(java.util.Locale.ROOT, "%." + d + "f", v),
            HealthCheckReports.fixed(v, d), v + " to " + d);
      }
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      // Values like the reports' own: metres to 0.1, scores to 0.01, many ending in 5.
      double v = Math.round(random.nextDouble() * 2_000_000) / 1000.0;
      int d = random.nextInt(3);
      assertEquals(String.format(java.util.Locale.ROOT, "%." + d + "f", v),
          HealthCheckReports.fixed(v, d), Double.toString(v));
    }
  }
}
