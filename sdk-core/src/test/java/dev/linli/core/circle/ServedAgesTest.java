package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.place.Population;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServedAgesTest {
  private static final Population P = new Population(400, 1400, 4000, 2000, 600);
  private static final AtomicInteger E2SFCA_CHANGED = new AtomicInteger();

  /** Hand-computed: bands 0–3 (4 years), 4–17 (14), 18–59 (42), 60–79 (20), 80+ (taken as 20). */
  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "0, -, 8400",          // everyone
      "0, 3, 400",           // infant care: the whole 0-3 band
      "3, 6, 400",           // kindergarten: 1/4 of 400 + 3/14 of 1400 = 100 + 300
      "60, -, 2600",         // elderly: both top bands whole
      "70, -, 1600",         // 10/20 of 2000 + 600
      "85, -, 450",          // 15/20 of 600
      "18, 59, 4000",
      "5, 5, 100"})          // 1/14 of 1400
  void people_apportionsBandsByYearsCovered(int min, Integer max, double expected) {
    assertEquals(expected, new ServedAges(min, max).people(P), 1e-9);
  }

  @Test
  void badRanges_andUnknownTypes_areRefused() {
    assertThrows(InvalidValueException.class, () -> new ServedAges(-1, null));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> new ServedAges(6, 3));
    assertTrue(e.getMessage().contains("maxAge"), e.getMessage());
    InvalidValueException unknown = assertThrows(InvalidValueException.class,
        () -> CircleStandard.gb50180().withServedAges(Map.of("bakery", ServedAges.EVERYONE)));
    assertTrue(unknown.getMessage().contains("bakery"), unknown.getMessage());
  }

  @Test
  void bundledStandard_servesChildrenAndElderlyByAge_andRoundTripsAsJson() {
    CircleStandard std = CircleStandard.gb50180();
    assertEquals(new ServedAges(3, 6), std.served("kindergarten"));
    assertEquals(new ServedAges(0, 3), std.served("infant-care-station"));
    assertEquals(new ServedAges(60, null), std.served("elderly-care-centre"));
    assertEquals(ServedAges.EVERYONE, std.served("convenience-store"));
    assertEquals(std, CircleStandard.parse(new ByteArrayInputStream(
        std.toJson().getBytes(StandardCharsets.UTF_8)), "std.json"));
    String bad = std.toJson().replace("\"minAge\" : 3", "\"minAge\" : -3");
    assertNotEquals(std.toJson(), bad, "the document spells minAge as expected");
    assertThrows(DataFormatException.class, () -> CircleStandard.parse(
        new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "std.json"));
  }

  /**
   * The Done-when property: with every type serving everyone, results equal today's (a standard
   * without served ages). Ages 0–150 take the apportioning path, not the shortcut for everyone.
   */
  @Property(tries = 40)
  void everyTypeServingEveryone_reducesToTodaysScores(@ForAll long seed) {
    City city = HealthCheckTest.smallCity(seed, 25, 150);
    CircleStandard today = CircleStandard.gb50180().withServedAges(Map.of());
    Map<String, ServedAges> all = new HashMap<>();
    today.requiredTypes().forEach(t -> all.put(t, new ServedAges(0, 150)));
    HealthCheckResult before = HealthCheck.builder().standard(today).parallelism(1).build()
        .run(city);
    HealthCheckResult after = HealthCheck.builder().standard(today.withServedAges(all))
        .parallelism(1).build().run(city);
    assertEquals(before.profiles(), after.profiles());
    assertEquals(before.gaps(), after.gaps());
    for (CommunityProfile p : after.profiles()) {
      for (TypeMeasure m : p.types()) {
        assertEquals(p.population(), m.servedResidents(), 0.0);
      }
    }
    // With the bundled ages, E2SFCA and gaps count only the served ages; scores stay shares.
    HealthCheckResult byAge = HealthCheck.builder().parallelism(1).build().run(city);
    for (int c = 0; c < city.communities().size(); c++) {
      CommunityProfile p = byAge.profiles().get(c);
      CommunityProfile q = before.profiles().get(c);
      assertEquals(q.index(), p.index(), 1e-9);
      TypeMeasure kg = p.type("kindergarten");
      Population pop = city.communities().get(c).population();
      assertEquals(new ServedAges(3, 6).people(pop), kg.servedResidents(), 1e-9);
      assertEquals(kg.servedResidents() * (1 - kg.coverage().get(0)), kg.servedWithoutAccess(),
          1e-9);
      if (Math.abs(kg.e2sfcaPer1000() - q.type("kindergarten").e2sfcaPer1000()) > 1e-9) {
        E2SFCA_CHANGED.incrementAndGet();
      }
    }
  }

  @AfterContainer
  static void servedAgesReachedE2sfca() {
    assertTrue(E2SFCA_CHANGED.get() >= 50, "kindergarten E2SFCA changed only "
        + E2SFCA_CHANGED + " times");
  }

  @Test
  void gaps_countOnlyTheServedAges() {
    City city = HealthCheckTest.smallCity(11, 20, 0);
    HealthCheckResult result = HealthCheck.builder().parallelism(1).build().run(city);
    double children = 0;
    for (var c : city.communities()) {
      children += new ServedAges(3, 6).people(c.population());
    }
    long expected = Math.round(children);
    long counted = result.gaps().stream().filter(g -> g.typeCode().equals("kindergarten"))
        .mapToLong(Gap::residentsAffected).sum();
    // No facilities at all: every child of kindergarten age lacks one (rounded per district).
    assertEquals(expected, counted, result.gaps().stream().map(Gap::districtId).distinct().count());
    List<Gap> shops = result.gaps().stream().filter(g -> g.typeCode().equals("convenience-store"))
        .toList();
    assertEquals(city.communities().stream().mapToLong(c -> c.population().total()).sum(),
        shops.stream().mapToLong(Gap::residentsAffected).sum());
  }
}
