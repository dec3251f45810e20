package dev.linli.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.Problem;
import dev.linli.core.circle.IndexWeights;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 19: every JSON reader refuses what it does not understand, in one shared place. */
class StrictJsonTest {
  private static final String CITY = """
      {"format": "linli-city", "version": 1,
       "districts": [{"id": "xihu", "name": {"zh": "西湖区", "en": "Xihu"}}]}
      """;
  private static final String WEIGHTS_HEAD = """
      {"format": "linli-index-weights", "version": 1, "id": "w",
      """;

  private static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String weights() throws IOException {
    try (InputStream in = IndexWeights.class.getResourceAsStream("index-weights.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String messages(DataFormatException e) {
    return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void city_withGarbageAfterTheDocument_isRefused() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(utf8(CITY + "garbage"), "city.json"));
    assertTrue(messages(e).contains("city.json:3: $: has more after the end of the JSON value"),
        messages(e));
  }

  @Test
  void city_withASecondDocumentAppended_isRefused() {
    assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(utf8(CITY + CITY), "city.json"));
  }

  @Test
  void geoJson_withASecondFeatureCollectionAppended_isRefused() {
    String fc = "{\"type\": \"FeatureCollection\", \"features\": []}\n";
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CityGeoJson.of(ReadOptions.strict()).readFacilities(utf8(fc + fc), "f.geojson"));
    assertTrue(messages(e).contains("f.geojson:2: $: has more after the end"), messages(e));
  }

  @Test
  void duplicateKey_isRefused_byTheStreamingAndTheTreeReaders() throws IOException {
    String city = CITY.replace("\"id\": \"xihu\",", "\"id\": \"xihu\", \"id\": \"gongshu\",");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(utf8(city), "city.json"));
    assertTrue(messages(e).contains("field \"id\" appears twice"), messages(e));
    String doubled = weights().replace("\"partialCredit\": 0.5,",
        "\"partialCredit\": 0.5, \"partialCredit\": 0.9,");
    DataFormatException w = assertThrows(DataFormatException.class,
        () -> IndexWeights.parse(utf8(doubled), "weights.json"));
    assertTrue(messages(w).contains("field \"partialCredit\" appears twice"), messages(w));
  }

  @Test
  void unknownField_inAVersionedDocument_isRefusedWithItsLine() throws IOException {
    String typo = weights().replace("\"partialCredit\": 0.5,", "\"partialCredit\": 0.5,\n"
        + "  \"partialCedit\": 0.9,");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> IndexWeights.parse(utf8(typo), "weights.json"));
    Problem p = e.problems().get(0);
    assertEquals("$.partialCedit", p.path(), messages(e));
    assertEquals(7, p.line(), "the line of the unknown field: " + messages(e));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4294967297", "2147483648"})
  void wholeNumberOutOfRange_isRefusedWithTheRange_notWrapped(String n) {
    String city = """
        {"format": "linli-city", "version": 1,
         "districts": [{"id": "xihu", "name": {"zh": "西湖区", "en": "Xihu"}}],
         "subdistricts": [{"id": "bs", "districtId": "xihu", "name": {"zh": "北山", "en": "Beishan"}}],
         "communities": [{"id": "c", "subdistrictId": "bs", "name": {"zh": "c", "en": "c"},
           "centre": {"lat": 30.25, "lon": 120.15}, "areaSqKm": 1.0,
           "population": {"age0to3": N, "age4to17": 0, "age18to59": 0, "age60to79": 0,
             "age80plus": 0}}]}
        """.replace("N", n);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(utf8(city), "city.json"));
    String m = messages(e);
    assertTrue(m.contains("must be a whole number from -2147483648 to 2147483647 (got " + n + ")"),
        m);
    assertFalse(m.contains("got 1)") || m.contains("got -2147483648"), m);
  }

  @Test
  void byteOrderMark_isAcceptedByEveryReader() throws IOException {
    String bom = "\uFEFF";
    assertEquals(1, LinliJson.strict().readCity(utf8(bom + CITY), "city.json").value()
        .districts().size());
    assertEquals(IndexWeights.defaults(), IndexWeights.parse(utf8(bom + weights()), "w.json"));
    String fc = bom + "{\"type\": \"FeatureCollection\", \"features\": []}";
    assertEquals(0, CityGeoJson.of(ReadOptions.strict()).readFacilities(utf8(fc), "f.geojson")
        .value().size());
  }

  @Test
  void longValues_areCutInMessages() {
    String huge = "x".repeat(100_000);
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> InvalidValueException.check(false, "name", huge, "must be short"));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
    assertTrue(e.value().endsWith("…(100000 characters)"), e.value());
    assertEquals(80, e.value().indexOf('…'));
    assertEquals("short", Problem.excerpt("short"));
    assertThrows(InvalidValueException.class, () -> Name.of("", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"format\": \"linli-city\", \"version\": 1, \"districts\": [}",
      "{\"format\": linli-city}", "{\"format\": \"linli-city\"", "[1, 2", "\u0000"})
  void malformedJson_isDescribedWithoutJavaOrJacksonNames(String text) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(utf8(text), "city.json"));
    String m = messages(e);
    for (String leak : new String[] {"Exception", "com.fasterxml", "(code ", "Input length",
        "JsonToken", "START_", "END_", "expecting", "token 'null'"}) {
      assertFalse(m.contains(leak), "leaks " + leak + ": " + m);
    }
    assertTrue(m.contains("city.json:1: $:"), m);
  }

  @Test
  void invalidUtf8_saysSoInWords(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("city.json");
    byte[] gbk = "{\"format\": \"linli-city\", \"version\": 1, \"x\": \"西湖\"}"
        .getBytes(java.nio.charset.Charset.forName("GBK"));
    Files.write(file, gbk);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(file));
    assertTrue(messages(e).contains("is not valid UTF-8"), messages(e));
  }

  // --- the public StrictJson reader, for applications' own files ---

  @Test
  void readLines_numbersEveryLine_skipsBlanks_andAcceptsAByteOrderMark() {
    java.util.List<StrictJson.Line> lines = StrictJson.readLines(
        utf8("\uFEFF{\"op\": \"a\"}\n\n  \n{\"op\": \"b\"}\n"), "r.jsonl");
    assertEquals(2, lines.size());
    assertEquals(1, lines.get(0).number());
    assertEquals("a", lines.get(0).value().get("op").asText());
    assertEquals(4, lines.get(1).number());
  }

  @Test
  void readLines_reportsEveryBadLine_notOnlyTheFirst() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> StrictJson.readLines(
        utf8("{\"op\": 1}\n{bad\n{\"op\": 1, \"op\": 2}\n{} {}\n"), "r.jsonl"));
    assertEquals(java.util.List.of(2L, 3L, 4L),
        e.problems().stream().map(Problem::line).toList(), messages(e));
    assertTrue(messages(e).contains("field \"op\" appears twice"), messages(e));
  }

  @Test
  void readTree_refusesADuplicateKeyAndTrailingData_namingTheLine() {
    DataFormatException dup = assertThrows(DataFormatException.class,
        () -> StrictJson.readTree(utf8("{\"a\": 1,\n \"a\": 2}"), "d.json"));
    assertTrue(messages(dup).contains("d.json:2:"), messages(dup));
    DataFormatException more = assertThrows(DataFormatException.class,
        () -> StrictJson.readTree(utf8("{}\n[]"), "d.json"));
    assertTrue(messages(more).contains("has more after the end"), messages(more));
  }

  @Test
  void unknownFields_namesEachUnknownField_atTheGivenLine() {
    java.util.List<Problem> found = StrictJson.unknownFields(
        StrictJson.readTree(utf8("{\"op\": 1, \"seat\": 2, \"whom\": 3}"), "r.jsonl"),
        java.util.Set.of("op", "seats"), "r.jsonl", 7);
    assertEquals(java.util.List.of("$.seat", "$.whom"),
        found.stream().map(Problem::path).sorted().toList());
    assertTrue(found.stream().allMatch(p -> p.line() == 7 && p.message().contains("[op, seats]")),
        found::toString);
    assertTrue(StrictJson.unknownFields(StrictJson.readTree(utf8("[1]"), "x"),
        java.util.Set.of(), "x", 1).isEmpty(), "not an object: left to the caller");
  }

  @Test
  void intField_defaultsWhenMissing_refusesNullFractionsAndWrapping() {
    com.fasterxml.jackson.databind.JsonNode n = StrictJson.readTree(utf8(
        "{\"one\": 3, \"none\": null, \"half\": 1.5, \"big\": 2147483648}"), "x");
    assertEquals(3, StrictJson.intField(n, "one", 1));
    assertEquals(1, StrictJson.intField(n, "missing", 1));
    for (String field : new String[] {"none", "half", "big"}) {
      InvalidValueException e = assertThrows(InvalidValueException.class,
          () -> StrictJson.intField(n, field, 1), field);
      assertTrue(e.getMessage().contains(field), e.getMessage());
    }
    assertTrue(assertThrows(InvalidValueException.class, () -> StrictJson.intField(n, "none", 1))
        .getMessage().contains("leave the field out"));
  }

  @Test
  void versioned_checksFormatAndVersion_refusesNulls_andDropsTheHeader() {
    com.fasterxml.jackson.databind.node.ObjectNode body = StrictJson.versioned(StrictJson.readTree(
        utf8("{\"format\": \"app-doc\", \"version\": 1, \"comment\": \"c\", \"x\": 2}"),
        "a.json"), "a.json", "app-doc");
    assertEquals(java.util.List.of("x"), iterate(body.fieldNames()));
    DataFormatException e = assertThrows(DataFormatException.class, () -> StrictJson.versioned(
        StrictJson.readTree(utf8("{\"format\": \"other\", \"version\": 2, \"x\": null}"),
        "a.json"), "a.json", "app-doc"));
    assertEquals(java.util.List.of("$.format", "$.version", "$.x"),
        e.problems().stream().map(Problem::path).sorted().toList(), messages(e));
  }

  @Test
  void line_refusesANumberBelowOne() {
    assertThrows(InvalidValueException.class, () -> new StrictJson.Line(0,
        StrictJson.readTree(utf8("{}"), "x")));
  }

  private static java.util.List<String> iterate(java.util.Iterator<String> it) {
    java.util.List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void city_explicitNullInARecord_isRefusedWithItsLineAndPath_notReadAsLeftOut() {
    String city = CITY.replace("\"name\": {\"zh\": \"西湖区\", \"en\": \"Xihu\"}}",
        "\"name\": {\"zh\": \"西湖区\", \"en\": null}}");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LinliJson.strict().readCity(utf8(city), "city.json"));
    assertEquals("city.json:2: $.districts[0].name.en: must not be null; leave the field out"
        + " instead", messages(e));
  }

  @Test
  void duration_acceptsOnlyTheUpperCaseUnsignedIsoForm() {
    assertEquals(java.time.Duration.ofMinutes(90), StrictJson.duration("PT1H30M", "by"));
    assertEquals(java.time.Duration.ofDays(7), StrictJson.duration("P7D", "by"));
    assertEquals(java.time.Duration.ofMillis(1500), StrictJson.duration("PT1.5S", "by"));
    for (String bad : new String[] {"pt1h", "PT1h", "-PT1H", "+PT1H", "PT1,5S", "PT", "P", "1H",
        " PT1H", "P1W"}) {
      InvalidValueException e = assertThrows(InvalidValueException.class,
          () -> StrictJson.duration(bad, "by"), bad);
      assertTrue(e.getMessage().startsWith("by = " + bad + ": must be an ISO-8601 duration in"
          + " upper case without a sign"), e.getMessage());
    }
  }
}
