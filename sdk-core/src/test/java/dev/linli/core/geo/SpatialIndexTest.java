package dev.linli.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SpatialIndexTest {
  /** A labelled point; the label is its input position. */
  record Place(int id, GeoPoint at) {}

  @Property(tries = 300)
  void nearestAndWithin_equalBruteForce(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2000) int n, @ForAll @IntRange(min = 0, max = 40) int k,
      @ForAll @DoubleRange(min = 0, max = 3_000_000) double radius) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Place> places = places(random, n, random.nextInt(4));
    SpatialIndex<Place> index = SpatialIndex.of(places, Place::at);
    for (int q = 0; q < 5; q++) {
      GeoPoint query = random.nextBoolean() && n > 0 ? places.get(random.nextInt(n)).at()
          : point(random, random.nextInt(4));
      double r = q == 0 ? radius : radius / 1000;
      assertEquals(bruteNearest(places, query, k), ids(index.nearest(query, k)), "nearest " + k);
      List<SpatialIndex.Hit<Place>> within = index.within(query, r);
      assertEquals(bruteWithin(places, query, r), ids(within), "within " + r);
      List<SpatialIndex.Hit<Place>> visited = new ArrayList<>();
      index.forEachWithin(query, r, (place, metres) -> visited.add(new SpatialIndex.Hit<>(place,
          metres)));
      assertEquals(within, visited, "forEachWithin " + r);
      Statistics.label("some hits").collect(!within.isEmpty());
    }
    Statistics.label("some hits").coverage(c -> c.check(true).percentage(p -> p >= 30));
  }

  /**
   * Within a dense cluster with many exact duplicates, the hits come out nearest first and ties in
   * input order, as a brute-force sort gives them: past 16 hits the sort partitions, below it
   * inserts.
   */
  @Property(tries = 200)
  void within_manyHitsAndTies_sortedAsBruteForce(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // From the seed, not from jqwik's ranges, whose edge cases (1 point, radius 0) would dominate.
    int n = 1 + random.nextInt(1500);
    double radius = random.nextDouble() * 8000;
    List<Place> places = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      GeoPoint p = i > 0 && random.nextInt(4) == 0 ? places.get(random.nextInt(i)).at()
          : point(random, 0);
      places.add(new Place(i, p));
    }
    SpatialIndex<Place> index = SpatialIndex.of(places, Place::at);
    GeoPoint query = places.get(random.nextInt(n)).at();
    List<SpatialIndex.Hit<Place>> within = index.within(query, radius);
    assertEquals(bruteWithin(places, query, radius), ids(within), "within " + radius);
    boolean tied = false;
    for (int i = 1; i < within.size(); i++) {
      tied |= within.get(i).distanceMetres() == within.get(i - 1).distanceMetres();
    }
    Statistics.label("past 16 hits").collect(within.size() > 16);
    Statistics.label("tied distances").collect(tied);
    Statistics.label("past 16 hits").coverage(c -> c.check(true).percentage(p -> p >= 30));
    Statistics.label("tied distances").coverage(c -> c.check(true).percentage(p -> p >= 30));
  }

  @Test
  void distances_areHaversine_sortedAscending() {
    List<Place> places = places(new SplittableRandom(1), 500, 0);
    SpatialIndex<Place> index = SpatialIndex.of(places, Place::at);
    GeoPoint q = GeoPoint.of(30.27, 120.16);
    List<SpatialIndex.Hit<Place>> hits = index.nearest(q, 50);
    for (int i = 0; i < hits.size(); i++) {
      assertEquals(q.distanceTo(hits.get(i).item().at()), hits.get(i).distanceMetres());
      if (i > 0) {
        assertEquals(true, hits.get(i - 1).distanceMetres() <= hits.get(i).distanceMetres());
      }
    }
  }

  @Test
  void edgeCases_emptyIndex_kZero_kAboveSize_duplicates() {
    SpatialIndex<Place> empty = SpatialIndex.of(List.of(), Place::at);
    assertEquals(0, empty.size());
    assertEquals(List.of(), empty.nearest(GeoPoint.of(0, 0), 3));
    assertEquals(List.of(), empty.within(GeoPoint.of(0, 0), 1e7));
    GeoPoint p = GeoPoint.of(30, 120);
    List<Place> same = List.of(new Place(0, p), new Place(1, p), new Place(2, p));
    SpatialIndex<Place> index = SpatialIndex.of(same, Place::at);
    assertEquals(List.of(), index.nearest(p, 0));
    assertEquals(List.of(0, 1, 2), ids(index.nearest(p, 10)), "ties by input order");
    assertEquals(List.of(0, 1, 2), ids(index.within(p, 0)), "radius 0 keeps exact matches");
  }

  @Test
  void wholeEarthRadius_returnsEverything_acrossPolesAndAntimeridian() {
    List<Place> places = List.of(new Place(0, GeoPoint.of(90, 0)), new Place(1, GeoPoint.of(-90, 0)),
        new Place(2, GeoPoint.of(0, 180)), new Place(3, GeoPoint.of(0, -179.9999)));
    SpatialIndex<Place> index = SpatialIndex.of(places, Place::at);
    assertEquals(4, index.within(GeoPoint.of(10, 10), 30_000_000).size());
    assertEquals(List.of(2, 3), ids(index.nearest(GeoPoint.of(0, 179.99), 2)));
  }

  @Test
  void badArguments_rejectedWithTheirValues() {
    SpatialIndex<Place> index = SpatialIndex.of(List.of(), Place::at);
    assertEquals("k must be >= 0: -1", assertThrows(IllegalArgumentException.class,
        () -> index.nearest(GeoPoint.of(0, 0), -1)).getMessage());
    assertEquals("radiusMetres must be a finite number >= 0: NaN", assertThrows(
        IllegalArgumentException.class, () -> index.within(GeoPoint.of(0, 0), Double.NaN))
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> index.within(GeoPoint.of(0, 0), -1));
  }

  private static List<Integer> bruteNearest(List<Place> places, GeoPoint q, int k) {
    return places.stream().sorted(order(q)).limit(k).map(Place::id).toList();
  }

  private static List<Integer> bruteWithin(List<Place> places, GeoPoint q, double r) {
    return places.stream().filter(p -> q.distanceTo(p.at()) <= r).sorted(order(q))
        .map(Place::id).toList();
  }

  private static Comparator<Place> order(GeoPoint q) {
    return Comparator.comparingDouble((Place p) -> q.distanceTo(p.at()))
        .thenComparingInt(Place::id);
  }

  private static List<Integer> ids(List<SpatialIndex.Hit<Place>> hits) {
    return hits.stream().map(h -> h.item().id()).toList();
  }

  /** Kinds: 0 Hangzhou cluster, 1 whole globe, 2 near the poles, 3 around the antimeridian. */
  private static List<Place> places(SplittableRandom random, int n, int kind) {
    List<Place> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Some exact duplicates, to exercise ties.
      GeoPoint p = i > 0 && random.nextInt(20) == 0 ? out.get(random.nextInt(i)).at()
          : point(random, kind);
      out.add(new Place(i, p));
    }
    return out;
  }

  private static GeoPoint point(SplittableRandom random, int kind) {
    return switch (kind) {
      case 0 -> GeoPoint.of(30.27 + random.nextGaussian() * 0.05, 120.16 + random.nextGaussian() * 0.05);
      case 1 -> GeoPoint.of(Math.toDegrees(Math.asin(random.nextDouble() * 2 - 1)),
          random.nextDouble() * 360 - 180);
      case 2 -> GeoPoint.of((random.nextBoolean() ? 1 : -1) * (89 + random.nextDouble()),
          random.nextDouble() * 360 - 180);
      default -> GeoPoint.of(random.nextDouble() * 10 - 5,
          random.nextBoolean() ? 179 + random.nextDouble() : -180 + random.nextDouble());
    };
  }
}
