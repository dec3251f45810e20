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
      @ForAll @IntRange(min = 0, max = 100_000) int b, @ForAll @IntRange(min = 0, max = 9) int c) {
    Population p = new Population(a, b, c, a, b);
    assertEquals(p, Population.of(p.asMap()));
    assertEquals(2L * a + 2L * b + c, p.total());
    assertEquals(a + b, p.elderly());
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
