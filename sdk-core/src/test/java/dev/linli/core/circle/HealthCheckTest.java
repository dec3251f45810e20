package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.place.Community;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  private static final HealthCheck STRAIGHT = HealthCheck.builder().parallelism(1).build();

  @Test
  void aWorkerRunningOutOfMemory_reachesTheCallerAsItself_notWrapped() {
    // The CLI catches OutOfMemoryError to print a message instead of a stack trace; a worker's
    // once arrived wrapped in an IllegalStateException, and a 100,000-community city printed one.
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    java.util.concurrent.FutureTask<Object> worker = new java.util.concurrent.FutureTask<>(() -> {
      throw oom;
    });
    worker.run();
    assertSame(oom, org.junit.jupiter.api.Assertions.assertThrows(OutOfMemoryError.class,
        () -> HealthCheck.await(worker)));
    IllegalArgumentException bad = new IllegalArgumentException("bad");
    java.util.concurrent.FutureTask<Object> failing = new java.util.concurrent.FutureTask<>(() -> {
      throw bad;
    });
    failing.run();
    assertSame(bad, org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> HealthCheck.await(failing)));
    java.util.concurrent.FutureTask<Object> checked = new java.util.concurrent.FutureTask<>(() -> {
      throw new java.io.IOException("disk");
    });
    checked.run();
    assertEquals("disk", org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> HealthCheck.await(checked)).getCause().getCause()
        .getMessage());
  }

  @Test
  void hangzhouScale_bottomTenPercent_withReasons() {
    City city = SyntheticCity.builder().seed(42).build().generate();
    long start = System.nanoTime();
    HealthCheckResult result = HealthCheck.builder().build().run(city);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1260, result.profiles().size());
    assertEquals(126, result.bottom().size(), "bottom 10% of 1,260");
    CommunityProfile worst = result.bottom().get(0);
    assertEquals(1260, worst.rank());
    assertTrue(!worst.reasons().isEmpty(), "the worst community says why");
    assertTrue(result.ranking().get(0).index() > worst.index());
    assertTrue(millis < 20_000, "took " + millis + " ms");
    assertTrue(!result.gaps().isEmpty());
  }

  @Property(tries = 60)
  void nearest_equalsBruteForce_straightLine(@ForAll long seed) {
    City city = smallCity(seed, 30, 120);
    HealthCheckResult result = STRAIGHT.run(city);
    double limit = CircleStandard.gb50180().largestDistanceMetres();
    for (Community c : city.communities()) {
      for (TypeMeasure m : result.profile(c.id()).types()) {
        double best = Double.POSITIVE_INFINITY;
        for (Facility f : city.facilities()) {
          if (f.typeCode().equals(m.typeCode())) {
            best = Math.min(best, c.centroid().distanceTo(f.location()) * 1.3);
          }
        }
        Double expected = best <= limit ? best : null;
        if (expected == null) {
          assertEquals(null, m.nearestMetres(), c.id() + " " + m.typeCode());
        } else {
          assertEquals(expected, m.nearestMetres(), 1e-6, c.id() + " " + m.typeCode());
        }
      }
    }
  }

  @Property(tries = 40)
  void addingAFacility_neverLowersCoverageOrIndex_removingNeverRaises(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 19) int typeIndex) {
    City city = smallCity(seed, 25, 80);
    HealthCheckResult before = STRAIGHT.run(city);
    SplittableRandom random = new SplittableRandom(seed ^ 7);
    String type = CircleStandard.gb50180().requiredTypes().get(typeIndex);
    Facility extra = new Facility("NEW", type, Name.of("新", "new"), point(random), 10,
        OpeningHours.ALWAYS, null, null);
    HealthCheckResult after = before.withChanges(List.of(extra), List.of());
    assertNotWorse(before, after);
    if (!city.facilities().isEmpty()) {
      String victim = city.facilities().get(random.nextInt(city.facilities().size())).id();
      assertNotWorse(before.withChanges(List.of(), List.of(victim)), before);
    }
  }

  @Property(tries = 30)
  void whatIf_equalsFullRecompute(@ForAll long seed) {
    City city = smallCity(seed, 20, 60);
    HealthCheckResult base = STRAIGHT.run(city);
    SplittableRandom random = new SplittableRandom(seed);
    Facility extra = new Facility("NEW", "public-gym", Name.of("新", "new"), point(random), 10,
        OpeningHours.ALWAYS, null, null);
    List<String> removed = city.facilities().isEmpty() ? List.of()
        : List.of(city.facilities().get(0).id());
    HealthCheckResult incremental = base.withChanges(List.of(extra), removed);
    List<Facility> facilities = new ArrayList<>(city.facilities());
    facilities.removeIf(f -> removed.contains(f.id()));
    facilities.add(extra);
    City changed = city.toBuilder().build();
    changed = City.builder().districts(changed.districts())
        .subdistricts(changed.subdistricts()).communities(changed.communities())
        .facilities(facilities).build();
    assertEquals(STRAIGHT.run(changed).profiles(), incremental.profiles());
  }

  @Property(tries = 20)
  void sameResult_withOneThreadAndMany(@ForAll long seed) {
    City city = smallCity(seed, 40, 200);
    assertEquals(STRAIGHT.run(city).profiles(),
        HealthCheck.builder().parallelism(4).build().run(city).profiles());
  }

  @Property(tries = 200)
  void split_runsEveryIndexExactlyOnce(@ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 6) int parallelism) {
    java.util.concurrent.atomic.AtomicIntegerArray runs =
        new java.util.concurrent.atomic.AtomicIntegerArray(n);
    HealthCheck.split(parallelism, n, runs::incrementAndGet);
    for (int i = 0; i < n; i++) {
      assertEquals(1, runs.get(i), "index " + i + " of " + n + " with " + parallelism);
    }
  }

  @Test
  void split_usesThreadsBesideTheCaller_andRethrowsAFailureAsItself() {
    Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    HealthCheck.split(3, 90, i -> threads.add(Thread.currentThread().getName()));
    assertEquals(3, threads.size(), threads.toString());
    assertTrue(threads.contains(Thread.currentThread().getName()), threads.toString());
    IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> HealthCheck.split(3, 90, i -> {
          if (i == 80) {
            throw new IllegalStateException("index 80");
          }
        }));
    assertEquals("index 80", thrown.getMessage());
  }

  @Test
  void emptyCity_andCityWithoutFacilities() {
    assertEquals(0, STRAIGHT.run(City.EMPTY).profiles().size());
    City bare = smallCity(3, 10, 0);
    HealthCheckResult result = STRAIGHT.run(bare);
    assertTrue(result.profiles().stream().allMatch(p -> p.index() == 0));
    assertEquals(1, result.bottom().size());
    assertTrue(result.bottom().get(0).reasons().get(0).startsWith("no "),
        result.bottom().get(0).reasons().get(0));
  }

  @Test
  void estatesWithHeadCounts_weightTheMeasures() {
    City base = smallCity(8, 1, 0);
    Community c = base.communities().get(0);
    GeoPoint near = c.centroid();
    GeoPoint far = GeoPoint.of(near.lat() + 0.02, near.lon());
    City city = base.toBuilder()
        .estates(List.of(
            new dev.linli.core.place.Estate("E1", c.id(), Name.of("近", "near"), near, 3000),
            new dev.linli.core.place.Estate("E2", c.id(), Name.of("远", "far"), far, 1000)))
        .facilities(List.of(new Facility("F1", "community-canteen", Name.of("食堂", "canteen"),
            near, 50, OpeningHours.ALWAYS, null, null)))
        .build();
    TypeMeasure canteen = STRAIGHT.run(city).profile(c.id()).type("community-canteen");
    assertEquals(0.75, canteen.coverage().get(0), 1e-12, "three in four residents live near");
    assertEquals(null, canteen.nearestMetres(), "the far estate has no canteen within 1000 m");
    assertEquals(0.75, canteen.score(), 1e-12);
  }

  static void assertNotWorse(HealthCheckResult before, HealthCheckResult after) {
    for (int i = 0; i < before.profiles().size(); i++) {
      CommunityProfile b = before.profiles().get(i);
      CommunityProfile a = after.profiles().get(i);
      assertTrue(a.index() >= b.index() - 1e-9, b.communityId() + " index fell");
      for (int t = 0; t < b.types().size(); t++) {
        TypeMeasure tb = b.types().get(t);
        TypeMeasure ta = a.types().get(t);
        for (int l = 0; l < tb.coverage().size(); l++) {
          assertTrue(ta.coverage().get(l) >= tb.coverage().get(l) - 1e-12);
          assertTrue(ta.counts().get(l) >= tb.counts().get(l) - 1e-12);
        }
        assertTrue(ta.gravity() >= tb.gravity() - 1e-9);
        assertTrue(ta.e2sfcaPer1000() >= tb.e2sfcaPer1000() - 1e-9);
        assertTrue(ta.score() >= tb.score() - 1e-12);
      }
    }
  }

  /** A random city in a 3 km square so that circles overlap a lot. */
  static City smallCity(long seed, int communities, int facilities) {
    City generated = SyntheticCity.builder().seed(seed).communities(communities)
        .facilities(0).build().generate();
    SplittableRandom random = new SplittableRandom(seed);
    List<Community> moved = new ArrayList<>();
    for (Community c : generated.communities()) {
      moved.add(new Community(c.id(), c.subdistrictId(), c.name(), point(random), true,
          c.areaHectares(), c.population(), Set.of()));
    }
    List<String> types = CircleStandard.gb50180().requiredTypes();
    List<Facility> out = new ArrayList<>();
    for (int i = 0; i < facilities; i++) {
      out.add(new Facility("F" + i, types.get(random.nextInt(types.size())), Name.of("设施", "f"),
          point(random), random.nextInt(100), OpeningHours.ALWAYS, null, null));
    }
    return City.builder().districts(generated.districts()).subdistricts(generated.subdistricts())
        .communities(moved).facilities(out).build();
  }

  static GeoPoint point(SplittableRandom random) {
    return GeoPoint.of(30.25 + random.nextDouble() * 0.03, 120.15 + random.nextDouble() * 0.03);
  }
}
