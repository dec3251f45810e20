package dev.linli.core.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.Problem;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.place.District;
import dev.linli.core.place.Subdistrict;
import dev.linli.core.testing.RandomCity;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CityTest {
  @Test
  void danglingAndDuplicate_allListedByBuilder() {
    CityBuilder b = City.builder()
        .districts(List.of(new District("D1", Name.of("上城区", "")),
            new District("D1", Name.of("拱墅区", ""))))
        .subdistricts(List.of(new Subdistrict("S1", "D9", Name.of("凯旋", ""))));
    assertEquals(List.of(
        new Problem("city", 0, "districts[1].id",
            "id \"D1\" is used twice; ids must be unique among districts"),
        new Problem("city", 0, "subdistricts[0].districtId",
            "refers to district \"D9\", which is not in the data")), b.problems());
    InvalidValueException e = assertThrows(InvalidValueException.class, b::build);
    assertEquals("districts[1].id = : id \"D1\" is used twice; ids must be unique among districts "
        + "(and 1 more problems)", e.getMessage());
  }

  /**
   * Every kind's id problems first, then every reference problem, kind by kind: the facilities'
   * ids and references, checked in one walk, keep the places three walks gave them.
   */
  @Test
  void facilityProblems_keepTheirPlaces_amongTheOtherKinds() {
    java.util.function.BiFunction<String, String[], Facility> facility = (id, refs) ->
        new Facility(id, "public-gym", Name.of("健身房", ""), GeoPoint.of(30.29, 120.2), 1,
            OpeningHours.ALWAYS, refs[0], refs[1]);
    CityBuilder b = City.builder()
        .districts(List.of(new District("D1", Name.of("上城区", "")),
            new District("D1", Name.of("拱墅区", ""))))
        .subdistricts(List.of(new Subdistrict("S1", "D9", Name.of("凯旋", ""))))
        .facilities(List.of(facility.apply("F0", new String[] {null, null}),
            facility.apply("F0", new String[] {"C9", "N9"}),
            facility.apply("F2", new String[] {"C8", null})));
    assertEquals(List.of(
        new Problem("city", 0, "districts[1].id",
            "id \"D1\" is used twice; ids must be unique among districts"),
        new Problem("city", 0, "facilities[1].id",
            "id \"F0\" is used twice; ids must be unique among facilities"),
        new Problem("city", 0, "subdistricts[0].districtId",
            "refers to district \"D9\", which is not in the data"),
        new Problem("city", 0, "facilities[1].communityId",
            "refers to community \"C9\", which is not in the data"),
        new Problem("city", 0, "facilities[2].communityId",
            "refers to community \"C8\", which is not in the data"),
        new Problem("city", 0, "facilities[1].siteId",
            "refers to neighbourhood centre \"N9\", which is not in the data")), b.problems());
  }

  @Property(tries = 100)
  void randomCities_areConsistent_andRebuildEqual(@ForAll long seed) {
    City city = RandomCity.build(seed, 10);
    assertEquals(List.of(), city.toBuilder().problems());
    assertEquals(city, city.toBuilder().build());
    assertEquals(city.communities().size(), city.districtOfCommunity().size());
  }

  @Test
  void empty_isValid() {
    assertEquals(0, City.EMPTY.communities().size());
  }
}
