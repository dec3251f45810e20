package dev.linli.scheduling.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SeasonAllocationTest {
  @Test
  void noGroupGetsASecondSlotBeforeEveryGroupHasAFirst_whereGreedyWouldStarveOne() {
    List<String> slots = List.of("tue-19", "thu-19", "sat-09");
    List<SeasonAllocation.Request> requests = List.of(
        new SeasonAllocation.Request("a-dance", 2, List.of("tue-19", "thu-19")),
        new SeasonAllocation.Request("b-choir", 1, List.of("tue-19", "thu-19")),
        new SeasonAllocation.Request("c-taichi", 1, List.of("tue-19", "sat-09")));
    SeasonAllocation.Result greedy = SeasonAllocation.greedy(slots, requests);
    assertEquals(Map.of("a-dance", 2, "c-taichi", 1), greedy.perGroup(), "the choir starves");
    SeasonAllocation.Result fair = SeasonAllocation.fair(slots, requests);
    assertEquals(Map.of("a-dance", 1, "b-choir", 1, "c-taichi", 1), fair.perGroup());
    assertEquals(List.of(new SeasonAllocation.Assignment("a-dance", "thu-19", 1, 2),
        new SeasonAllocation.Assignment("b-choir", "tue-19", 1, 1),
        new SeasonAllocation.Assignment("c-taichi", "sat-09", 1, 2)), fair.assignments());
    assertEquals(3, SeasonAllocation.optimum(slots, requests));
  }

  private static List<SeasonAllocation.Request> random(SplittableRandom r, List<String> slots,
      int groups) {
    List<SeasonAllocation.Request> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<String> prefs = new ArrayList<>(slots);
      java.util.Collections.shuffle(prefs, new java.util.Random(r.nextLong()));
      out.add(new SeasonAllocation.Request("g" + g, 1 + r.nextInt(3),
          prefs.subList(0, 1 + r.nextInt(Math.min(5, prefs.size())))));
    }
    return out;
  }

  @Property(tries = 300)
  void everyAllocationRespectsCapacityWantsAndPreferences_andFairnessHolds(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> slots = new ArrayList<>();
    for (int s = 0; s < 2 + r.nextInt(8); s++) {
      slots.add("s" + s);
    }
    List<SeasonAllocation.Request> requests = random(r, slots, 1 + r.nextInt(7));
    int optimum = SeasonAllocation.optimum(slots, requests);
    for (SeasonAllocation.Result res : List.of(SeasonAllocation.fair(slots, requests),
        SeasonAllocation.greedy(slots, requests))) {
      Set<String> used = new HashSet<>();
      for (SeasonAllocation.Assignment a : res.assignments()) {
        assertTrue(used.add(a.slotId()), "one group per slot");
        SeasonAllocation.Request req = requests.stream()
            .filter(x -> x.groupId().equals(a.groupId())).findFirst().orElseThrow();
        assertTrue(req.preferences().contains(a.slotId()), "only slots the group asked for");
      }
      requests.forEach(q -> assertTrue(res.perGroup().getOrDefault(q.groupId(), 0) <= q.wanted()));
      assertTrue(res.assignments().size() <= optimum);
    }
    SeasonAllocation.Result fair = SeasonAllocation.fair(slots, requests);
    int firsts = fair.perGroup().size();
    int bestFirsts = SeasonAllocation.optimum(slots, requests.stream().map(q ->
        new SeasonAllocation.Request(q.groupId(), 1, q.preferences())).toList());
    assertEquals(bestFirsts, firsts, "as many groups as possible get at least one slot");
  }

  @Test
  void closenessToTheOptimum_onSmallInstances() {
    SplittableRandom r = new SplittableRandom(20261124L);
    long fairTotal = 0;
    long greedyTotal = 0;
    long optimumTotal = 0;
    int fairOptimal = 0;
    double worst = 1;
    for (int i = 0; i < 500; i++) {
      List<String> slots = new ArrayList<>();
      for (int s = 0; s < 3 + r.nextInt(8); s++) {
        slots.add("s" + s);
      }
      List<SeasonAllocation.Request> requests = random(r, slots, 2 + r.nextInt(8));
      int opt = SeasonAllocation.optimum(slots, requests);
      int fair = SeasonAllocation.fair(slots, requests).assignments().size();
      fairTotal += fair;
      greedyTotal += SeasonAllocation.greedy(slots, requests).assignments().size();
      optimumTotal += opt;
      fairOptimal += fair == opt ? 1 : 0;
      worst = Math.min(worst, opt == 0 ? 1 : (double) fair / opt);
    }
    // Measured: see docs/benchmarks.md (season allocation); fairness may cost a little total.
    assertTrue(fairTotal >= 0.9 * optimumTotal, fairTotal + " of " + optimumTotal);
    assertTrue(fairOptimal >= 350, fairOptimal + " of 500 optimal");
    System.out.printf(java.util.Locale.ROOT, "season allocation on 500 small instances: fair %d,"
        + " greedy %d, optimum %d; fair optimal on %d; worst fair/optimum %.3f%n", fairTotal,
        greedyTotal, optimumTotal, fairOptimal, worst);
  }
}
