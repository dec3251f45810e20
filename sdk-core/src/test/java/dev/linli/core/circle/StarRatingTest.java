package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.city.City;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StarRatingTest {
  private static final StarRating R = StarRating.defaults();

  /**
   * Hand-computed with the bundled thresholds (80 per star; red: 4 stars and index 80; yellow: 2
   * stars and index 60; else grey). Columns: the eight category scores, the index, then the stars
   * earned and the colour.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // gov | edu | elderly | health | culture | sports | commerce | conv | index | earned | colour
      "100 | 100 | 100 | 100 | 100 | 100 | 100 | 100 | 100 | governance education care culture-sports daily-life | red",
      // care: (90 + 69) / 2 = 79.5 < 80, so 4 stars; index 85 -> red
      "80 | 80 | 90 | 69 | 80 | 80 | 80 | 80 | 85 | governance education culture-sports daily-life | red",
      // the same stars with index 79.9 miss red and land on yellow
      "80 | 80 | 90 | 69 | 80 | 80 | 80 | 80 | 79.9 | governance education culture-sports daily-life | yellow",
      // culture-sports (100 + 60) / 2 = 80 exactly: earned; 2 stars, index 60 -> yellow
      "0 | 0 | 0 | 0 | 100 | 60 | 80 | 80 | 60 | culture-sports daily-life | yellow",
      // 2 stars but index 59 -> grey
      "0 | 0 | 0 | 0 | 100 | 60 | 80 | 80 | 59 | culture-sports daily-life | grey",
      // one star with index 95 is grey: colours need stars and index together
      "95 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 95 | governance | grey",
      "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | '' | grey"})
  void grade_matchesHandComputedCases(double gov, double edu, double elderly, double health,
      double culture, double sports, double commerce, double conv, double index, String earned,
      String colour) {
    Map<String, Double> scores = Map.of("governance", gov, "education", edu, "elderly-care",
        elderly, "health", health, "culture", culture, "sports", sports, "commerce", commerce,
        "convenience", conv);
    StarRating.Grade g = R.grade(scores, index);
    List<String> expected = earned.isBlank() ? List.of() : List.of(earned.split(" "));
    assertEquals(expected, g.earned());
    assertEquals(expected.size(), g.stars());
    assertEquals(colour, g.colour());
  }

  @Test
  void missingCategory_countsZero() {
    StarRating.Grade g = R.grade(Map.of("governance", 100.0), 90);
    assertEquals(List.of("governance"), g.earned());
    assertEquals("grey", g.colour());
  }

  @Test
  void ratingDocument_roundTrips_andBadRatingsAreRefused() {
    assertEquals(R, StarRating.parse(new ByteArrayInputStream(
        R.toJson().getBytes(StandardCharsets.UTF_8)), "r.json"));
    StarRating.Star star = new StarRating.Star("s", Name.of("星", "s"), List.of("health"), 50);
    StarRating.Colour any = new StarRating.Colour("grey", Name.of("灰", "grey"), 0, 0);
    InvalidValueException lastAsks = assertThrows(InvalidValueException.class,
        () -> new StarRating("r", Name.of("r", "r"), List.of(star),
            List.of(new StarRating.Colour("red", Name.of("红", "red"), 1, 0))));
    assertTrue(lastAsks.getMessage().contains("every community gets one"), lastAsks.getMessage());
    assertThrows(InvalidValueException.class, () -> new StarRating("r", Name.of("r", "r"),
        List.of(star), List.of(new StarRating.Colour("red", Name.of("红", "red"), 2, 0), any)));
    assertThrows(InvalidValueException.class, () -> new StarRating("r", Name.of("r", "r"),
        List.of(star, star), List.of(any)));
    StarRating unknownCategory = new StarRating("r", Name.of("r", "r"),
        List.of(new StarRating.Star("s", Name.of("星", "s"), List.of("bakeries"), 50)), List.of(any));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> HealthCheck.builder().rating(unknownCategory).build());
    assertTrue(e.getMessage().contains("bakeries"), e.getMessage());
  }

  @Test
  void profiles_carryTheGradeOfTheirScores() {
    City city = HealthCheckTest.smallCity(21, 30, 400);
    HealthCheckResult result = HealthCheck.builder().parallelism(1).build().run(city);
    java.util.Set<String> colours = new java.util.HashSet<>();
    for (CommunityProfile p : result.profiles()) {
      StarRating.Grade g = R.grade(p.categoryScores(), p.index());
      assertEquals(g.stars(), p.stars());
      assertEquals(g.earned(), p.starsEarned());
      assertEquals(g.colour(), p.colour());
      colours.add(p.colour());
      assertEquals(Math.min(5, 1 + (int) (p.percentile() / 20)), p.quintile());
    }
    assertTrue(colours.size() >= 2, "colours seen: " + colours);
  }
}
