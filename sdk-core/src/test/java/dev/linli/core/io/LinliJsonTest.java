package dev.linli.core.io;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.city.City;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.place.Community;
import dev.linli.core.testing.RandomCity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinliJsonTest {
  private static final LinliJson JSON = LinliJson.strict();

  @Property(tries = 200)
  void city_roundTripsThroughJson(@ForAll long seed) {
    City city = RandomCity.build(seed, 6);
    String text = JSON.writeCity(city);
    City back = read(text).value();
    assertEquals(city, back);
    assertEquals(text, JSON.writeCity(back), "writing is deterministic");
  }

  @Property(tries = 100)
  void everyValue_roundTripsOnItsOwn(@ForAll long seed) {
    City city = RandomCity.build(seed, 4);
    List<List<?>> kinds = List.of(city.districts(), city.subdistricts(), city.communities(),
        city.estates(), city.buildings(), city.households(), city.grids(), city.centres(),
        city.residents(), city.volunteers(), city.teams(), city.organisations(), city.activities(),
        city.wishes(), city.facilities());
    for (List<?> values : kinds) {
      for (Object value : values) {
        assertEquals(value, JSON.fromJson(JSON.toJson(value), value.getClass()));
      }
    }
  }

  @Test
  void taxonomy_roundTrips() {
    FacilityTaxonomy hangzhou = FacilityTaxonomy.hangzhou();
    assertEquals(8, hangzhou.categories().size());
    assertEquals(20, hangzhou.keyTypes().size());
    assertEquals(24, hangzhou.types().size());
    String text = JSON.writeTaxonomy(hangzhou);
    assertEquals(hangzhou, JSON.readTaxonomy(stream(text), "t.json"));
  }

  @Test
  void threeBadRecords_allReportedWithLineAndPath() {
    String text = """
        {"format": "linli-city", "version": 1,
         "districts": [{"id": "D1", "name": {"zh": "上城区", "en": "Shangcheng"}}],
         "subdistricts": [
           {"id": "S1", "districtId": "D1", "name": {"zh": "凯旋街道"}},
           {"id": "S 2", "districtId": "D1", "name": {"zh": "x"}},
           {"id": "S3", "districtId": "D1", "name": {"zh": "", "en": ""}},
           {"id": "S4", "districtId": "D1", "name": {"zh": "y"}, "colour": "red"}
         ]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals(List.of(
        new Problem("city.json", 5, "$.subdistricts[1].id",
            "must be an id: 1-64 characters from A-Z a-z 0-9 . _ : -, starting with a letter or "
                + "digit (got S 2)"),
        new Problem("city.json", 6, "$.subdistricts[2].name",
            "needs a Chinese or an English name, or both (got \"\")"),
        new Problem("city.json", 7, "$.subdistricts[3].colour",
            "unknown field \"colour\"; allowed fields are [districtId, id, name] (read leniently "
                + "to ignore unknown fields)")), e.problems());
    assertTrue(e.getMessage().startsWith("3 problems in city.json:\n  city.json:5: "), e.getMessage());
  }

  @Test
  void badNestedValue_namesTheFullPath() {
    String community = """
        {"id": "C1", "subdistrictId": "S1", "name": {"zh": "景芳"},
         "centroid": {"lat": 30.29, "lon": 120.20}, "locationApproximate": true,
         "areaHectares": 50.5,
         "population": {"age0to3": 1, "age4to17": 2, "age18to59": 3, "age60to79": -5, "age80plus": 0},
         "tags": []}
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> JSON.fromJson(community, Community.class));
    assertEquals("1 problem in <json>:\n  <json>:4: $.population.age60to79: must be >= 0 (got -5)",
        e.getMessage());
  }

  @Test
  void missingCoordinate_isAnErrorNotZero() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> JSON.fromJson("{\"lat\": 30.1}", dev.linli.core.geo.GeoPoint.class));
    assertEquals("$.lon", e.problems().get(0).path());
    assertEquals("must be a number", e.problems().get(0).message());
  }

  @Test
  void wrongType_saysWhatWasExpected() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> JSON.fromJson("{\"lat\": \"north\", \"lon\": 1}", dev.linli.core.geo.GeoPoint.class));
    assertEquals("must be a number", e.problems().get(0).message());
    assertEquals("$.lat", e.problems().get(0).path());
  }

  @Test
  void danglingReference_reportedWithLineOfTheRecord() {
    String text = """
        {"format": "linli-city", "version": 1,
         "districts": [{"id": "D1", "name": {"zh": "上城区"}}],
         "subdistricts": [
           {"id": "S1", "districtId": "D9", "name": {"zh": "凯旋街道"}}
         ]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals(List.of(new Problem("city.json", 4, "$.subdistricts[0].districtId",
        "refers to district \"D9\", which is not in the data")), e.problems());
  }

  @Test
  void wrongFormatOrVersion_rejected() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read("{\"format\": \"geojson\", \"version\": 2}"));
    assertEquals(List.of(
        new Problem("city.json", 0, "$.version",
            "must be 1, the version this release reads (got 2)"),
        new Problem("city.json", 0, "$.format", "must be \"linli-city\" (got \"geojson\")")),
        e.problems());
  }

  @Test
  void malformedJson_reportsLine() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read("{\"format\": \"linli-city\",\n \"version\": 1,\n \"districts\": [ {\"id\": }]}"));
    Problem p = e.problems().get(0);
    assertEquals(3, p.line());
    assertTrue(p.message().startsWith("malformed JSON: unexpected character '}'"), p.message());
  }

  @Test
  void skipBadRows_loadsTheGoodOnesAndReportsTheRest() {
    String text = """
        {"format": "linli-city", "version": 1,
         "districts": [{"id": "D1", "name": {"zh": "上城区"}}, {"id": "", "name": {"zh": "x"}}]}
        """;
    Loaded<City> loaded = LinliJson.of(ReadOptions.strict().skipBadRows())
        .readCity(stream(text), "city.json");
    assertEquals(1, loaded.value().districts().size());
    assertEquals(1, loaded.skipped().size());
    assertEquals("$.districts[1].id", loaded.skipped().get(0).path());
  }

  @Test
  void lenient_ignoresUnknownFieldsAndSections() {
    String text = """
        {"format": "linli-city", "version": 1, "generator": "qgis",
         "districts": [{"id": "D1", "name": {"zh": "上城区"}, "colour": "red"}]}
        """;
    assertThrows(DataFormatException.class, () -> read(text));
    City city = LinliJson.of(ReadOptions.strict().lenient()).readCity(stream(text), "c").value();
    assertEquals("D1", city.districts().get(0).id());
  }

  @Test
  void unknownFacilityType_rejectedWithTheKnownList() {
    String text = """
        {"format": "linli-city", "version": 1,
         "facilities": [{"id": "F1", "typeCode": "casino", "name": {"zh": "x"},
           "location": {"lat": 30, "lon": 120}, "capacity": 1, "openingHours": "24/7"}]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals("$.facilities[0].typeCode", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().startsWith(
        "unknown facility type \"casino\"; the taxonomy hangzhou-2023 has [community-service-station,"),
        e.problems().get(0).message());
  }

  private static Loaded<City> read(String text) {
    return JSON.readCity(stream(text), "city.json");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
