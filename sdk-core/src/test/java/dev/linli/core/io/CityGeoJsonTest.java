package dev.linli.core.io;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.testing.RandomCity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import static dev.linli.core.io.CityCsvTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CityGeoJsonTest {
  private static final CityGeoJson GEO = CityGeoJson.strict();

  @Property(tries = 200)
  void communities_roundTrip(@ForAll long seed) {
    City full = RandomCity.build(seed, 8);
    City city = City.builder().districts(full.districts()).subdistricts(full.subdistricts())
        .communities(full.communities()).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GEO.writeCommunities(city, out);
    City back = GEO.readCommunities(stream(out.toString(StandardCharsets.UTF_8)), "c.geojson")
        .value();
    assertEquals(city.communities(), back.communities());
  }

  @Property(tries = 200)
  void facilities_roundTrip(@ForAll long seed) {
    List<Facility> facilities = RandomCity.build(seed, 8).facilities();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GEO.writeFacilities(facilities, out);
    assertEquals(facilities,
        GEO.readFacilities(stream(out.toString(StandardCharsets.UTF_8)), "f.geojson").value());
  }

  @Test
  void written_isRfc7946_longitudeFirst_typedProperties() {
    Facility gym = new Facility("F1", "public-gym", dev.linli.core.Name.of("百姓健身房", "Gym"),
        dev.linli.core.geo.GeoPoint.of(30.2905, 120.2052), 40,
        dev.linli.core.facility.OpeningHours.parse("Mo-Su 06:00-22:00"), null, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GEO.writeFacilities(List.of(gym), out);
    assertEquals("""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"F1","geometry":{"type":"Point","coordinates":[120.2052,30.2905]},\
        "properties":{"id":"F1","type":"public-gym","name_zh":"百姓健身房","name_en":"Gym",\
        "capacity":40,"opening_hours":"Mo-Su 06:00-22:00"}}
        ]}
        """, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badFeatures_allReportedWithJsonPath() {
    String text = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.2, 30.2]},
           "properties": {"id": "F1", "type": "public-gym", "name_zh": "健身房", "capacity": "big"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.2, 120.2]},
           "properties": {"id": "F2", "type": "public-gym", "name_zh": "健身房"}},
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
           "properties": {"id": "F3", "type": "public-gym", "name_zh": "健身房"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.2, 30.2]},
           "properties": {"id": "F4", "type": "public-gym", "name_zh": "健身房", "owner": "x"}}
        ]}
        """;
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> GEO.readFacilities(stream(text), "facilities.geojson"));
    assertEquals(List.of(
        new Problem("facilities.geojson", 2, "$.features[0].properties.capacity",
            "must be a whole number (got big)"),
        new Problem("facilities.geojson", 4, "$.features[1].geometry.coordinates",
            "must be a latitude in degrees between -90 and 90 (got 120.2); GeoJSON puts longitude "
                + "first"),
        new Problem("facilities.geojson", 6, "$.features[2].geometry",
            "must be a Point with coordinates [longitude, latitude] in WGS-84 (RFC 7946)"),
        new Problem("facilities.geojson", 8, "$.features[3].properties.owner",
            "unknown property \"owner\"; properties are [id, type, name_zh, name_en, capacity, "
                + "opening_hours, community_id, site_id] (read leniently to ignore unknown "
                + "properties)")), e.problems());
  }

  @Test
  void notAFeatureCollection_rejected() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> GEO.readFacilities(stream("{\"type\": \"Feature\"}"), "x.geojson"));
    assertEquals(List.of(
        new Problem("x.geojson", 1, "$.type", "must be \"FeatureCollection\" (got Feature)"),
        new Problem("x.geojson", 1, "$.features", "is required and must be an array")),
        e.problems());
  }

  @Test
  void lenient_ignoresForeignProperties() {
    String text = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.2, 30.2, 12.0]},
           "properties": {"id": "F4", "type": "public-gym", "name_zh": "健身房", "osm_id": 42}}]}
        """;
    List<Facility> read = CityGeoJson.of(ReadOptions.strict().lenient())
        .readFacilities(stream(text), "f.geojson").value();
    assertEquals(1, read.size());
    assertTrue(read.get(0).openingHours().equals(dev.linli.core.facility.OpeningHours.ALWAYS));
  }
}
