package dev.linli.core.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PopulationTest {
  @Property
  void ageBands_coverEveryAgeOnce(@ForAll @IntRange(min = 0, max = 130) int age) {
    AgeBand band = AgeBand.ofAge(age);
    assertEquals(true, age >= band.minAge() && age <= band.maxAge());
  }

  @Property
  void asMap_andOf_roundTrip(@ForAll @IntRange(min = 0, max = 100_000) int a,
      @ForAll @IntRange(min = 0, max = 100_000) int b, @ForAll @IntRange(min = 0, max = 9) int c,
      @ForAll @IntRange(min = 0, max = 100_000) int d,
      @ForAll @IntRange(min = 0, max = 100_000) int e) {
    Population p = new Population(a, b, c, d, e);
    assertEquals(p, Population.of(p.asMap()));
    assertEquals((long) a + b + c + d + e, p.total());
    assertEquals(d + e, p.elderly());
    // Each band by name, so that two bands swapped anywhere cannot pass unseen.
    assertEquals(java.util.Map.of(AgeBand.AGE_0_3, a, AgeBand.AGE_4_17, b, AgeBand.AGE_18_59, c,
        AgeBand.AGE_60_79, d, AgeBand.AGE_80_PLUS, e), p.asMap());
    assertEquals(java.util.List.of(a, b, c, d, e), java.util.Arrays.stream(AgeBand.values())
        .map(p::count).toList());
  }

  @Test
  void everyBand_isItsOwnField() {
    Population p = new Population(1, 20, 300, 4000, 50000);
    assertEquals(1, p.count(AgeBand.AGE_0_3));
    assertEquals(20, p.count(AgeBand.AGE_4_17));
    assertEquals(300, p.count(AgeBand.AGE_18_59));
    assertEquals(4000, p.count(AgeBand.AGE_60_79));
    assertEquals(50000, p.count(AgeBand.AGE_80_PLUS));
    assertEquals(54000, p.elderly());
    assertEquals(new Population(2, 40, 600, 8000, 100000), p.plus(p));
  }

  @Test
  void overflowingTotal_rejected() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> new Population(Integer.MAX_VALUE, 1, 0, 0, 0));
    assertEquals("population = 2147483648: total must be at most 2147483647", e.getMessage());
  }

  @Test
  void yinger_densityFromTheArticle() {
    // 盈二: 27.6 ha, 9,842 residents.
    Community yinger = new Community("yinger", "yingfeng", Name.of("盈二社区", "Ying'er"),
        GeoPoint.of(30.2, 120.25), true, 27.6, new Population(300, 1400, 5900, 1800, 442),
        Set.of(Community.FUTURE_COMMUNITY));
    assertEquals(9842, yinger.population().total());
    assertEquals(356.6, yinger.densityPerHectare(), 0.1);
  }

  @Test
  void badTag_rejectedWithRule() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> new Community("c",
        "s", Name.of("x", ""), GeoPoint.of(30, 120), false, 0, Population.EMPTY, Set.of("Future")));
    assertEquals("tags = Future: each tag must be lower-case letters, digits, '-' and ':' "
        + "(1-48 characters)", e.getMessage());
  }
}
