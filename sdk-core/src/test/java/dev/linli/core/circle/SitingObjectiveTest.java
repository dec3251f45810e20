package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.Name;
import dev.linli.core.place.Community;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The four siting objectives: each heuristic against the brute-force optimum on small instances
 * (how often it is optimal and its worst ratio are printed after the run), and what each objective
 * means checked from outside the search.
 */
class SitingObjectiveTest {
  private static final HealthCheck CHECK = HealthCheck.builder().parallelism(1).build();
  private static final List<String> TYPES =
      List.of("community-canteen", "public-gym", "elderly-care-centre");
  /** Objective code → {instances, optimal, worst ratio}. */
  private static final Map<String, double[]> RATIOS = new TreeMap<>();

  /** A small random instance: a 3 km city of 20–49 communities, 8–13 candidates, 2–4 sites, a short, medium or long circle. */
  record Instance(HealthCheckResult result, String type, List<GeoPoint> candidates, int k) {}

  static Instance instance(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    City city = HealthCheckTest.smallCity(seed, 20 + random.nextInt(30), random.nextInt(15));
    List<GeoPoint> candidates = new ArrayList<>();
    for (int c = 0; c < 8 + random.nextInt(6); c++) {
      candidates.add(HealthCheckTest.point(random));
    }
    return new Instance(CHECK.run(city), TYPES.get(random.nextInt(TYPES.size())), candidates,
        2 + random.nextInt(3));
  }

  private static boolean compare(String code, SitingOutcome heuristic, SitingOutcome optimum) {
    double ratio = heuristic.ratioTo(optimum);
    boolean optimal = Math.abs(heuristic.value() - optimum.value())
        <= 1e-9 * Math.max(1, Math.abs(optimum.value()));
    synchronized (RATIOS) {
      double[] r = RATIOS.computeIfAbsent(code, k -> new double[] {0, 0, 1});
      r[0]++;
      r[1] += optimal ? 1 : 0;
      r[2] = code.equals("p-median") || code.equals("lscp") ? Math.max(r[2], ratio)
          : Math.min(r[2], ratio);
    }
    Statistics.label(code + " optimal").collect(optimal);
    // Instances where the objective has something to do (someone to cover, a walk to shorten).
    boolean work = code.equals("p-median") ? heuristic.residentMetresAfter()
        < heuristic.residentMetresBefore() : heuristic.residentsCovered() > 0;
    Statistics.label(code + " has work").collect(work);
    Statistics.label(code + " has work").coverage(c -> c.check(true).percentage(p -> p >= 60));
    return optimal;
  }

  @AfterContainer
  static void report() {
    RATIOS.forEach((code, r) -> System.out.printf(Locale.ROOT,
        "siting %-11s heuristic optimal on %.0f of %.0f instances (%.1f%%), worst ratio to the "
            + "optimum %.3f%n", code, r[1], r[0], 100 * r[1] / r[0], r[2]));
  }

  @Property(tries = 150)
  void pMedian_matchesBruteForce_andTotalsAreResidentMetres(@ForAll long seed) {
    Instance in = instance(seed);
    SitingObjective objective = new SitingObjective.PMedian(in.k);
    SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, objective);
    SitingOutcome optimum = Siting.optimum(in.result, in.type, in.candidates, objective);
    assertEquals(Math.min(in.k, in.candidates.size()), heuristic.sites().size());
    assertEquals(residentMetres(in, heuristic.sites()), heuristic.residentMetresAfter(),
        1e-6 * heuristic.residentMetresAfter());
    assertEquals(residentMetres(in, optimum.sites()), optimum.residentMetresAfter(),
        1e-6 * optimum.residentMetresAfter());
    assertTrue(heuristic.value() >= optimum.value() * (1 - 1e-9), "beat the optimum?");
    compare("p-median", heuristic, optimum);
    // About 94% on these instances; without vertex substitution about 45%.
    Statistics.label("p-median optimal").coverage(c -> c.check(true).percentage(p -> p >= 80));
  }

  @Property(tries = 150)
  void lscp_matchesBruteForce_andCoversEveryCoverableResident(@ForAll long seed) {
    Instance in = instance(seed);
    SitingObjective objective = new SitingObjective.SetCover();
    SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, objective);
    SitingOutcome optimum = Siting.optimum(in.result, in.type, in.candidates, objective);
    for (SitingOutcome o : List.of(heuristic, optimum)) {
      assertEquals(o.residentsUncovered() - o.residentsUncoverable(), o.residentsCovered(), 1e-6);
      // Checked again from outside: build the sites and run the health check once more.
      assertEquals(o.residentsUncoverable(), uncoveredAfterBuilding(in, o.sites()),
          1e-6 * Math.max(1, o.residentsUncovered()));
    }
    assertTrue(heuristic.sites().size() >= optimum.sites().size(), "beat the optimum?");
    compare("lscp", heuristic, optimum);
    Statistics.label("lscp optimal").coverage(c -> c.check(true).percentage(p -> p >= 90));
  }

  @Property(tries = 150)
  void coverage_withinOneMinusOneOverE_ofBruteForce(@ForAll long seed) {
    Instance in = instance(seed);
    SitingObjective objective = new SitingObjective.MaxCoverage(in.k);
    SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, objective);
    SitingOutcome optimum = Siting.optimum(in.result, in.type, in.candidates, objective);
    assertTrue(heuristic.value() <= optimum.value() + 1e-6, "beat the optimum?");
    assertTrue(heuristic.value() >= (1 - 1 / Math.E) * optimum.value() - 1e-6);
    // The same residents as today's greedy siting.
    assertEquals(Siting.greedy(in.result, in.type, in.candidates, in.k).covered(),
        heuristic.residentsCovered(), 1e-6);
    compare("coverage", heuristic, optimum);
  }

  @Property(tries = 150)
  void gapFilling_servesTheBottomGroupFirst(@ForAll long seed) {
    Instance in = instance(seed);
    SitingObjective gap = new SitingObjective.GapFilling(in.k);
    SitingObjective coverage = new SitingObjective.MaxCoverage(in.k);
    SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, gap);
    SitingOutcome optimum = Siting.optimum(in.result, in.type, in.candidates, gap);
    SitingOutcome mostCovered = Siting.optimum(in.result, in.type, in.candidates, coverage);
    assertTrue(heuristic.value() <= optimum.value() + 1e-6, "beat the optimum?");
    // Lexicographic: never fewer bottom residents than the coverage optimum, never more overall.
    assertTrue(optimum.bottomResidentsCovered() >= mostCovered.bottomResidentsCovered() - 1e-6);
    assertTrue(optimum.residentsCovered() <= mostCovered.residentsCovered() + 1e-6);
    boolean differs = optimum.bottomResidentsCovered() > mostCovered.bottomResidentsCovered() + 1e-6;
    Statistics.label("gap-filling reaches more of the bottom than coverage").collect(differs);
    Statistics.label("gap-filling reaches more of the bottom than coverage")
        .coverage(c -> c.check(true).count(n -> n >= 20));
    compare("gap-filling", heuristic, optimum);
  }

  /** Like {@link #instance} with more candidates (12–19), where the heuristics miss more often. */
  static Instance wideInstance(long seed) {
    Instance in = instance(seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<GeoPoint> candidates = new ArrayList<>();
    for (int c = 0; c < 12 + random.nextInt(8); c++) {
      candidates.add(HealthCheckTest.point(random));
    }
    return new Instance(in.result, in.type, candidates, in.k);
  }

  @Property(tries = 200)
  void pMedian_plan_isExact_equalToBruteForceOnEverySmallInstance(@ForAll long seed) {
    Instance in = wideInstance(seed);
    SitingObjective objective = new SitingObjective.PMedian(in.k);
    SitingSearch search = new SitingSearch(in.result, in.type, in.candidates);
    SitingOutcome plan = search.planned(objective, Siting.EXACT_WORK);
    SitingOutcome optimum = Siting.optimum(in.result, in.type, in.candidates, objective);
    SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, objective);
    assertTrue(plan.optimal(), "the exact search ran out of work on a small instance");
    assertTrue(optimum.optimal());
    assertEquals(optimum.value(), plan.value(), 1e-9 * Math.max(1, optimum.value()));
    assertEquals(Math.min(in.k, in.candidates.size()), plan.sites().size());
    assertEquals(residentMetres(in, plan.sites()), plan.residentMetresAfter(),
        1e-6 * plan.residentMetresAfter());
    assertEquals(plan, Siting.plan(in.result, in.type, in.candidates, objective));
    // The bound cuts often enough that the search looks at fewer homes than brute force (about
    // 45% of these instances: both are tiny; the gap grows with the instance).
    long bruteForce = combinations(in.candidates.size(), Math.min(in.k, in.candidates.size()))
        * in.result.origins().size();
    Statistics.label("p-median exact searched less than brute force")
        .collect(search.lastSearchWork < bruteForce);
    boolean improved = heuristic.value() > optimum.value() * (1 + 1e-9);
    Statistics.label("p-median exact improved on the heuristic").collect(improved);
    Statistics.label("p-median exact improved on the heuristic")
        .coverage(c -> c.check(true).count(n -> n >= 3));
    Statistics.label("p-median exact searched less than brute force")
        .coverage(c -> c.check(true).percentage(p -> p >= 30));
  }

  // 1,000 tries: the exact search improves on the heuristic in about 2.5% of these instances, so
  // 200 tries fell short of the floor of 3 about one run in eight (seen in a helper's builds).
  @Property(tries = 1000)
  void lscp_plan_isExact_equalToBruteForceOnEverySmallInstance(@ForAll long seed) {
    Instance in = wideInstance(seed);
    SitingObjective objective = new SitingObjective.SetCover();
    SitingOutcome plan = Siting.plan(in.result, in.type, in.candidates, objective);
    SitingOutcome optimum = Siting.optimum(in.result, in.type, in.candidates, objective);
    SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, objective);
    assertTrue(plan.optimal(), "the exact search ran out of work on a small instance");
    assertEquals(optimum.sites().size(), plan.sites().size());
    assertEquals(plan.residentsUncovered() - plan.residentsUncoverable(), plan.residentsCovered(),
        1e-6);
    assertEquals(plan.residentsUncoverable(), uncoveredAfterBuilding(in, plan.sites()),
        1e-6 * Math.max(1, plan.residentsUncovered()));
    Statistics.label("lscp has several sites").collect(plan.sites().size() >= 2);
    Statistics.label("lscp has several sites").coverage(c -> c.check(true).count(n -> n >= 40));
    boolean improved = heuristic.sites().size() > optimum.sites().size();
    Statistics.label("lscp exact improved on the heuristic").collect(improved);
    Statistics.label("lscp exact improved on the heuristic")
        .coverage(c -> c.check(true).count(n -> n >= 3));
  }

  @Example
  void exactSearch_outOfWorkOrOverTheCandidateLimit_returnsTheHeuristicNotMarkedOptimal() {
    Instance in = wideInstance(8);
    for (SitingObjective objective : List.of(new SitingObjective.PMedian(in.k),
        new SitingObjective.SetCover())) {
      SitingOutcome heuristic = Siting.heuristic(in.result, in.type, in.candidates, objective);
      assertTrue(!heuristic.optimal());
      SitingSearch search = new SitingSearch(in.result, in.type, in.candidates);
      assertEquals(heuristic, search.planned(objective, in.result.origins().size() * 3L));
      assertTrue(search.planned(objective, Siting.EXACT_WORK).optimal());
    }
    List<GeoPoint> many = new ArrayList<>(in.candidates);
    SplittableRandom random = new SplittableRandom(8);
    while (many.size() <= Siting.EXACT_MAX_CANDIDATES) {
      many.add(HealthCheckTest.point(random));
    }
    SitingObjective median = new SitingObjective.PMedian(in.k);
    assertEquals(Siting.heuristic(in.result, in.type, many, median),
        Siting.plan(in.result, in.type, many, median));
    // Coverage and gap-filling keep their heuristics.
    SitingObjective coverage = new SitingObjective.MaxCoverage(in.k);
    assertTrue(!Siting.plan(in.result, in.type, in.candidates, coverage).optimal());
  }

  private static long combinations(int n, int k) {
    long c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
    }
    return c;
  }

  @Example
  void pMedian_withNoExistingFacility_placesTheWeightedMedianOfARow() {
    // Three communities 0.01° of longitude apart on one parallel; one site at one of them.
    City city = HealthCheckTest.smallCity(3, 3, 0);
    List<Community> row = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Community c = city.communities().get(i);
      row.add(new Community(c.id(), c.subdistrictId(), c.name(),
          GeoPoint.of(30.25, 120.15 + 0.01 * i), true, c.areaHectares(), c.population(),
          c.tags()));
    }
    City line = City.builder().districts(city.districts()).subdistricts(city.subdistricts())
        .communities(row).build();
    HealthCheckResult result = CHECK.run(line);
    List<GeoPoint> candidates = row.stream().map(Community::centroid).toList();
    SitingOutcome plan = Siting.heuristic(result, "public-gym", candidates,
        SitingObjective.of("p-median", 1));
    double[] p = row.stream().mapToDouble(c -> c.population().total()).toArray();
    double[] steps = {p[1] + 2 * p[2], p[0] + p[2], 2 * p[0] + p[1]};
    int best = 0;
    for (int i = 1; i < 3; i++) {
      best = steps[i] < steps[best] ? i : best;
    }
    assertEquals(List.of(best), plan.candidates());
    double step = row.get(0).centroid().distanceTo(row.get(1).centroid()) * 1.3;
    assertEquals(steps[best] * step, plan.residentMetresAfter(), 1e-4 * plan.residentMetresAfter());
    assertEquals(Double.POSITIVE_INFINITY, plan.residentMetresBefore());
  }

  @Example
  void lscp_dropsTheSiteGreedyChoseFirst_onceTheOthersCoverItsHomes() {
    // Six homes 150 m apart on one parallel, a 300 m circle (230.8 m straight at 1.3). The middle
    // candidate covers four homes and is chosen first; the two end candidates are then both
    // needed, and together they cover everything the middle one did.
    City city = HealthCheckTest.smallCity(4, 6, 0);
    double step = 150 / (111_195.0 * Math.cos(Math.toRadians(30.25)));
    List<Community> row = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Community c = city.communities().get(i);
      row.add(new Community(c.id(), c.subdistrictId(), c.name(),
          GeoPoint.of(30.25, 120.15 + step * i), true, c.areaHectares(), c.population(),
          c.tags()));
    }
    HealthCheckResult result = CHECK.run(City.builder().districts(city.districts())
        .subdistricts(city.subdistricts()).communities(row).build());
    List<GeoPoint> candidates = List.of(GeoPoint.of(30.25, 120.15 + 2.5 * step),
        GeoPoint.of(30.25, 120.15 + step), GeoPoint.of(30.25, 120.15 + 4 * step));
    SitingOutcome plan = Siting.heuristic(result, "community-canteen", candidates,
        new SitingObjective.SetCover());
    assertEquals(List.of(1, 2), plan.candidates());
    assertEquals(plan.residentsUncovered(), plan.residentsCovered(), 1e-9);
    assertEquals(List.of(1, 2), Siting.optimum(result, "community-canteen", candidates,
        new SitingObjective.SetCover()).candidates());
  }

  @Example
  void objectiveCodes_parse_andBadOnesAreNamed() {
    assertEquals(new SitingObjective.PMedian(3), SitingObjective.of(" P-Median ", 3));
    assertEquals(new SitingObjective.SetCover(), SitingObjective.of("lscp", 99));
    assertEquals(new SitingObjective.GapFilling(2), SitingObjective.of("gap-filling", 2));
    assertEquals(new SitingObjective.MaxCoverage(0), SitingObjective.of("coverage", 0));
    assertEquals("objective = median: must be one of [coverage, p-median, lscp, gap-filling]",
        assertThrows(InvalidValueException.class, () -> SitingObjective.of("median", 1))
            .getMessage());
    assertEquals("sites = -1: must be >= 0", assertThrows(InvalidValueException.class,
        () -> new SitingObjective.PMedian(-1)).getMessage());
  }

  @Example
  void exactSearch_refusesTooManyCombinations() {
    Instance in = instance(5);
    List<GeoPoint> many = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 200; i++) {
      many.add(HealthCheckTest.point(random));
    }
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> Siting.optimum(in.result, in.type, many, new SitingObjective.PMedian(5)));
    assertEquals("candidates = 200: are too many for an exact search (more than 5000000 "
        + "combinations); use the heuristic", e.getMessage());
  }

  /** Resident-metres computed here, independently of the search: each community's centroid to
   * the nearest existing facility of the type or new site, straight line × 1.3. */
  private static double residentMetres(Instance in, List<GeoPoint> sites) {
    double total = 0;
    ServedAges ages = in.result.standard().served(in.type);
    for (Community c : in.result.city().communities()) {
      // The residents of the ages the type serves (everyone, or 60+ for elderly care).
      double people = ages.everyone() ? c.population().total() : ages.people(c.population());
      if (people <= 0) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      for (Facility f : in.result.city().facilities()) {
        if (f.typeCode().equals(in.type)) {
          best = Math.min(best, c.centroid().distanceTo(f.location()) * 1.3);
        }
      }
      for (GeoPoint s : sites) {
        best = Math.min(best, (float) (c.centroid().distanceTo(s) * 1.3));
      }
      total += people * best;
    }
    return total;
  }

  /** Residents still outside the type's circle once facilities stand at the sites. */
  private static double uncoveredAfterBuilding(Instance in, List<GeoPoint> sites) {
    List<Facility> added = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      added.add(new Facility("NEW-" + i, in.type, Name.of("新", "new"), sites.get(i), 10,
          OpeningHours.ALWAYS, null, null));
    }
    HealthCheckResult after = in.result.withChanges(added, List.of());
    double radius = after.standard().requiredLevel(in.type).orElseThrow().distanceMetres();
    double[] nearest = after.nearestByOrigin(in.type);
    ServedAges ages = after.standard().served(in.type);
    Origins origins = after.origins();
    double left = 0;
    for (int o = 0; o < origins.size(); o++) {
      Community c = origins.communities.get(origins.community[o]);
      double people = ages.everyone() ? origins.population[o]
          : origins.share[o] * ages.people(c.population());
      left += nearest[o] > radius ? people : 0;
    }
    return left;
  }
}
