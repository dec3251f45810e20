package dev.linli.core.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.facility.FacilityTaxonomy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoiMappingTest {
  private static final PoiMapping BUNDLED = PoiMapping.bundled();

  private static Map<String, String> tags(String text) {
    Map<String, String> out = new HashMap<>();
    for (String pair : text.split(";")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], kv[1]);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "amenity=community_centre, community-service-station",
      "amenity=childcare, infant-care-station",
      "amenity=kindergarten, kindergarten",
      "amenity=kindergarten;building=yes;name=景芳幼儿园, kindergarten",
      "amenity=social_facility;social_facility=nursing_home, elderly-care-centre",
      "amenity=social_facility;social_facility=assisted_living, elderly-care-centre",
      "amenity=nursing_home, elderly-care-centre",
      "amenity=social_facility;social_facility=day_care, home-care-station",
      "amenity=canteen, community-canteen",
      "amenity=clinic, community-health-centre",
      "healthcare=centre, community-health-centre",
      "amenity=doctors, community-health-station",
      "healthcare=doctor, community-health-station",
      "amenity=arts_centre, culture-centre",
      "amenity=library, reading-room",
      "amenity=marketplace, fresh-market",
      "shop=convenience, convenience-store",
      "leisure=fitness_centre, public-gym",
      "leisure=pitch, sports-court",
      "leisure=sports_centre, sports-court",
      "amenity=parcel_locker, parcel-station",
      "amenity=post_office, parcel-station",
      "shop=repair, repair-service-point",
      "craft=electronics_repair, repair-service-point",
      "amenity=charging_station;bicycle=yes, ebike-charging-point",
  })
  void bundled_mapsEachTag(String tags, String type) {
    assertEquals(Optional.of(type), BUNDLED.typeOf(tags(tags)));
  }

  @ParameterizedTest(name = "{0} -> none")
  @CsvSource({
      "amenity=social_facility",
      "amenity=charging_station",
      "amenity=charging_station;motorcar=yes",
      "amenity=restaurant",
      "shop=supermarket",
      "highway=footway",
      "name=幼儿园",
  })
  void bundled_leavesOtherTagsAlone(String tags) {
    assertEquals(Optional.empty(), BUNDLED.typeOf(tags(tags)));
  }

  @Test
  void bundled_everyRuleIsCoveredAbove_andEveryTypeIsAKeyType() {
    // one test row per bundled rule: a new rule without a row fails here
    assertEquals(24, BUNDLED.rules().size());
    FacilityTaxonomy t = FacilityTaxonomy.hangzhou();
    for (PoiMapping.Rule r : BUNDLED.rules()) {
      assertTrue(t.type(r.type()).orElseThrow().key(), r.type());
    }
  }

  @Test
  void firstMatchingRuleWins() {
    PoiMapping m = PoiMapping.parse(stream("""
        {"format": "linli-osm-poi-mapping", "version": 1, "id": "mine", "rules": [
          {"tags": {"amenity": "social_facility", "social_facility:for": "senior"},
           "type": "elderly-care-centre"},
          {"tags": {"amenity": "social_facility"}, "type": "community-service-station"}]}
        """), "mine.json", FacilityTaxonomy.hangzhou());
    assertEquals(Optional.of("elderly-care-centre"),
        m.typeOf(tags("amenity=social_facility;social_facility:for=senior")));
    assertEquals(Optional.of("community-service-station"),
        m.typeOf(tags("amenity=social_facility;social_facility:for=child")));
  }

  @Test
  void parse_refusesAnUnknownType_naming_fileLineAndField() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> PoiMapping.parse(
        stream("""
            {"format": "linli-osm-poi-mapping", "version": 1, "id": "mine", "rules": [
              {"tags": {"amenity": "kindergarten"}, "type": "kindergarten"},
              {"tags": {"amenity": "bar"}, "type": "pub"}]}
            """), "mine.json", FacilityTaxonomy.hangzhou()));
    Problem p = e.problems().get(0);
    assertEquals(1, e.problems().size());
    assertEquals("mine.json", p.source());
    assertEquals(3, p.line());
    assertEquals("$.rules[1].type", p.path());
    assertTrue(p.message().contains("\"pub\"") && p.message().contains("kindergarten"),
        p.message());
  }

  @Test
  void parse_refusesUnknownFields_duplicateKeys_repeatedRules_emptyTags() {
    String unknown = """
        {"format": "linli-osm-poi-mapping", "version": 1, "id": "m", "rules": [
          {"tags": {"amenity": "library"}, "type": "reading-room", "weight": 2}]}
        """;
    Problem p = assertThrows(DataFormatException.class, () -> PoiMapping.parse(stream(unknown),
        "m.json", FacilityTaxonomy.hangzhou())).problems().get(0);
    assertTrue(p.path().contains("weight") && p.line() == 2, p.toString());

    String duplicateKey = """
        {"format": "linli-osm-poi-mapping", "version": 1, "id": "m", "rules": [
          {"tags": {"amenity": "library", "amenity": "clinic"}, "type": "reading-room"}]}
        """;
    String m = assertThrows(DataFormatException.class, () -> PoiMapping.parse(
        stream(duplicateKey), "m.json", FacilityTaxonomy.hangzhou())).getMessage();
    assertTrue(m.contains("m.json:2") && m.contains("amenity"), m);

    String repeated = """
        {"format": "linli-osm-poi-mapping", "version": 1, "id": "m", "rules": [
          {"tags": {"amenity": "library"}, "type": "reading-room"},
          {"tags": {"amenity": "library"}, "type": "culture-centre"}]}
        """;
    m = assertThrows(DataFormatException.class, () -> PoiMapping.parse(stream(repeated),
        "m.json", FacilityTaxonomy.hangzhou())).getMessage();
    assertTrue(m.contains("rules[1].tags") && m.contains("repeats"), m);

    String empty = """
        {"format": "linli-osm-poi-mapping", "version": 1, "id": "m", "rules": [
          {"tags": {}, "type": "reading-room"}]}
        """;
    m = assertThrows(DataFormatException.class, () -> PoiMapping.parse(stream(empty),
        "m.json", FacilityTaxonomy.hangzhou())).getMessage();
    assertTrue(m.contains("tags"), m);
  }

  @Test
  void bundled_roundTripsThroughItsDocument() {
    assertEquals(BUNDLED, PoiMapping.parse(stream(BUNDLED.toJson()), "p.json",
        FacilityTaxonomy.hangzhou()));
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
