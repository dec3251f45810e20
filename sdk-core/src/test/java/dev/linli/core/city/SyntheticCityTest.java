package dev.linli.core.city;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.Facility;
import dev.linli.core.io.CityCsv;
import dev.linli.core.place.Community;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticCityTest {
  private static City hangzhou;

  @BeforeAll
  static void generate() {
    hangzhou = SyntheticCity.builder().seed(42).build().generate();
  }

  @Test
  void defaults_matchHangzhouScale() {
    assertEquals(1260, hangzhou.communities().size());
    assertEquals(35_000, hangzhou.facilities().size());
    assertEquals(13, hangzhou.districts().size());
    assertTrue(hangzhou.subdistricts().size() >= 180 && hangzhou.subdistricts().size() <= 200,
        "subdistricts: " + hangzhou.subdistricts().size());
    Set<String> types = hangzhou.facilities().stream().map(Facility::typeCode)
        .collect(Collectors.toSet());
    assertEquals(20, types.size());
  }

  @Test
  void sameSeed_sameBytes_otherSeed_otherCity() {
    City again = SyntheticCity.builder().seed(42).build().generate();
    assertEquals(hangzhou, again);
    assertArrayEquals(csv(hangzhou).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        csv(again).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertNotEquals(hangzhou, SyntheticCity.builder().seed(43).build().generate());
  }

  @Test
  void everythingLiesInsideGreaterHangzhou() {
    for (Community c : hangzhou.communities()) {
      assertTrue(inside(c.centroid().lat(), c.centroid().lon()), c.id() + " " + c.centroid());
    }
    for (Facility f : hangzhou.facilities()) {
      assertTrue(inside(f.location().lat(), f.location().lon()), f.id() + " " + f.location());
    }
  }

  @Test
  void coreIsDenserAndOlderThanPeriphery() {
    Map<String, String> district = hangzhou.districtOfCommunity();
    double coreDensity = mean(hangzhou, district, Set.of("sc", "gs", "xh"),
        Community::densityPerHectare);
    double ruralDensity = mean(hangzhou, district, Set.of("tl", "ca", "jd"),
        Community::densityPerHectare);
    assertTrue(coreDensity > 5 * ruralDensity, coreDensity + " vs " + ruralDensity);
    double coreElderly = mean(hangzhou, district, Set.of("sc", "gs", "xh"),
        c -> c.population().elderly() / (double) c.population().total());
    double newTowns = mean(hangzhou, district, Set.of("bj", "qt"),
        c -> c.population().elderly() / (double) c.population().total());
    assertTrue(coreElderly > newTowns, coreElderly + " vs " + newTowns);
  }

  @Test
  void aboutOneInTenCommunitiesIsClearlyUnderServed() {
    Map<String, Integer> count = new HashMap<>();
    for (Facility f : hangzhou.facilities()) {
      count.merge(f.communityId(), 1, Integer::sum);
    }
    double[] perThousand = hangzhou.communities().stream()
        .mapToDouble(c -> 1000.0 * count.getOrDefault(c.id(), 0) / c.population().total())
        .sorted().toArray();
    double median = perThousand[perThousand.length / 2];
    long clearlyBelow = java.util.Arrays.stream(perThousand).filter(v -> v < 0.3 * median).count();
    assertTrue(clearlyBelow >= 0.08 * perThousand.length && clearlyBelow <= 0.2 * perThousand.length,
        "communities with under 30% of the median facilities per resident: " + clearlyBelow);
  }

  @Property(tries = 30)
  void anySize_exactCounts_validCity(@ForAll @IntRange(min = 1, max = 60) int communities,
      @ForAll @IntRange(min = 0, max = 2000) int facilities, @ForAll long seed) {
    City city = SyntheticCity.builder().seed(seed).communities(communities).facilities(facilities)
        .build().generate();
    assertEquals(communities, city.communities().size());
    assertEquals(facilities, city.facilities().size());
    assertEquals(List.of(), city.toBuilder().problems());
  }

  @Test
  void badSizes_rejected() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> SyntheticCity.builder().communities(0));
    assertEquals("communities = 0: must be between 1 and 100000", e.getMessage());
    e = assertThrows(InvalidValueException.class, () -> SyntheticCity.builder().facilities(-1));
    assertEquals("facilities = -1: must be between 0 and 5000000", e.getMessage());
  }

  @Test
  void apportion_isExactAndProportional() {
    assertArrayEquals(new int[] {2, 1, 1}, SyntheticCityGenerator.apportion(
        new double[] {2, 1, 1}, 4));
    assertArrayEquals(new int[] {1, 0, 0}, SyntheticCityGenerator.apportion(
        new double[] {5, 1, 1}, 1));
  }

  private static boolean inside(double lat, double lon) {
    return lat > 29.0 && lat < 30.8 && lon > 118.5 && lon < 120.8;
  }

  private static double mean(City city, Map<String, String> district, Set<String> districts,
      java.util.function.ToDoubleFunction<Community> f) {
    return city.communities().stream().filter(c -> districts.contains(district.get(c.id())))
        .mapToDouble(f).average().orElseThrow();
  }

  private static String csv(City city) {
    StringWriter out = new StringWriter();
    CityCsv.strict().writeCommunities(city, out);
    CityCsv.strict().writeFacilities(city.facilities(), out);
    return out.toString();
  }
}
