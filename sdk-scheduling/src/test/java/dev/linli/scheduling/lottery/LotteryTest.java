package dev.linli.scheduling.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LotteryTest {
  private static List<Lottery.Entry> entries(int n, int households) {
    List<Lottery.Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Lottery.Entry("r" + i, "h" + (i % households), i % 3));
    }
    return out;
  }

  @Property(tries = 100)
  void theSameSeedAndEntries_giveTheSameDraw_inAnyOrder(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 60) int n, @ForAll @IntRange(min = 1, max = 40) int homes,
      @ForAll @IntRange(min = 0, max = 20) int places) {
    List<Lottery.Entry> list = entries(n, homes);
    Lottery.Draw a = Lottery.draw("stage-0101", places, list, seed);
    List<Lottery.Entry> shuffled = new ArrayList<>(list);
    Collections.shuffle(shuffled, new Random(seed));
    assertEquals(a, Lottery.draw("stage-0101", places, shuffled, seed));
    Set<String> households = new HashSet<>();
    for (Lottery.Ranked r : a.ranking()) {
      if (r.won()) {
        assertTrue(households.add(r.entry().householdId()), "one win per household");
      }
    }
    assertEquals(Math.min(places, Math.min(n, homes)), a.winners().size());
  }

  @Test
  void fewerRecentWins_meanBetterOdds() {
    int fresh = 0;
    int veteran = 0;
    for (long seed = 0; seed < 2000; seed++) {
      Lottery.Draw d = Lottery.draw("b", 1, List.of(new Lottery.Entry("fresh", "h1", 0),
          new Lottery.Entry("veteran", "h2", 3)), seed);
      if (d.winners().get(0).equals("fresh")) {
        fresh++;
      } else {
        veteran++;
      }
    }
    // Weights 1 and 1/4: the fresh entrant wins with probability 1 / (1 + 1/4) = 0.8.
    assertTrue(fresh > 1500 && fresh < 1700, "fresh " + fresh + ", veteran " + veteran);
  }

  @Test
  void theNumbersArePublishedAndReproducible() {
    Lottery.Draw d = Lottery.draw("b", 1, List.of(new Lottery.Entry("r1", "h1", 0)), 20261124L);
    assertEquals(Lottery.uniform(20261124L, "r1"), d.ranking().get(0).u());
    assertEquals(Math.log(d.ranking().get(0).u()), d.ranking().get(0).key());
    assertEquals("sha256-efraimidis-spirakis-v1", d.algorithm());
    assertThrows(InvalidValueException.class, () -> Lottery.draw("b", 1, List.of(
        new Lottery.Entry("r1", "h1", 0), new Lottery.Entry("r1", "h2", 0)), 1));
    Lottery.Draw two = Lottery.draw("b", 1, entries(6, 2), 7);
    assertEquals(1, two.winners().size());
    assertEquals(1, two.reserve().size(), "the other household is the reserve");
  }

  /**
   * A known answer computed outside this code base, from the published description only:
   * {@code src/test/resources/dev/linli/scheduling/lottery/known-answer.py} (Python's hashlib and
   * math.log). It covers the household rule (r-chen loses to r-chen-wife's household win) and the
   * weighting (r-wu wins for household hh-118 ahead of r-wang, who won recently).
   */
  @Test
  void aKnownAnswer_fromAnIndependentImplementation() {
    List<Lottery.Entry> entries = List.of(new Lottery.Entry("r-chen", "hh-201", 0),
        new Lottery.Entry("r-chen-wife", "hh-201", 0), new Lottery.Entry("r-li", "hh-302", 2),
        new Lottery.Entry("r-wang", "hh-118", 1), new Lottery.Entry("r-zhao", "hh-405", 0),
        new Lottery.Entry("r-sun", "hh-506", 3), new Lottery.Entry("r-zhou", "hh-607", 0),
        new Lottery.Entry("r-wu", "hh-118", 0));
    Lottery.Draw d = Lottery.draw("stage-0101", 3, entries, 20261124L);
    assertEquals(List.of("r-zhao", "r-chen-wife", "r-chen", "r-wu", "r-wang", "r-zhou", "r-li",
        "r-sun"), d.ranking().stream().map(r -> r.entry().residentId()).toList());
    assertEquals(List.of("r-zhao", "r-chen-wife", "r-wu"), d.winners());
    assertEquals(List.of("r-zhou", "r-li", "r-sun"), d.reserve());
    java.util.Map<String, Double> u = java.util.Map.of("r-chen", 0.1763358214586807,
        "r-chen-wife", 0.18372214188017816, "r-li", 0.13042807244530935,
        "r-wang", 0.3210809247268976, "r-zhao", 0.6018265359028478,
        "r-sun", 0.13229751232641268, "r-zhou", 0.039994689093422575,
        "r-wu", 0.15484872843118552);
    for (Lottery.Ranked r : d.ranking()) {
      assertEquals(u.get(r.entry().residentId()), r.u(), r.entry().residentId());
    }
  }
}
