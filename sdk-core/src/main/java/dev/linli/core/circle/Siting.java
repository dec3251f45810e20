package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.place.Community;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses sites for new facilities to bring the most residents within a type's required circle:
 * the maximum-coverage problem, with existing facilities fixed.
 *
 * <p>{@link #greedy} adds, one at a time, the candidate that covers the most still-uncovered residents,
 * re-evaluating lazily (a candidate's gain can only shrink as others are chosen, so a stale gain is an
 * upper bound); it is guaranteed at least (1 − 1/e) ≈ 63% of the optimum and is usually optimal or
 * within a few percent. {@link #exact} enumerates every combination, for small instances and for
 * checking. Coverage is straight-line distance times the circuity factor (the health check's factor,
 * or {@value StraightLine#DEFAULT_CIRCUITY} when it used a walk network).
 *
 * <p>{@link #plan} chooses sites for other {@link SitingObjective objectives} too: p-median (least
 * total walk), LSCP (fewest sites covering everyone coverable) and gap-filling (the bottom group
 * first), each by a heuristic ({@link #heuristic}), with an exact branch and bound for p-median and
 * LSCP on small instances; {@link #optimum} is the brute-force optimum, for checking.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Siting {
  /** Largest number of combinations {@link #exact} will enumerate. */
  public static final long MAX_EXACT_COMBINATIONS = 5_000_000;

  /**
   * Work budget of the exact search {@link #plan} runs for p-median and LSCP, in home evaluations
   * (one home looked at in one node of the branch and bound): about a tenth of a second.
   */
  public static final long EXACT_WORK = 10_000_000;

  /**
   * Most candidates {@link #plan} runs an exact p-median search over (the search recurses once per
   * candidate), and most sites of the heuristic's LSCP plan it runs an exact LSCP search from.
   */
  public static final int EXACT_MAX_CANDIDATES = 4_096;

  private Siting() {}

  /**
   * Chooses up to {@code k} sites greedily; stops early when no candidate adds anyone.
   *
   * @param result a health check of the city
   * @param typeCode a type the standard requires
   * @param candidates possible sites
   * @param k the budget of new facilities, {@code >= 0}
   * @return the plan
   * @throws InvalidValueException if the type is not required or {@code k} is negative
   */
  public static SitingPlan greedy(HealthCheckResult result, String typeCode,
      List<GeoPoint> candidates, int k) {
    Instance p = new Instance(result, typeCode, candidates, k);
    boolean[] covered = new boolean[p.homes.length];
    // Max-heap on (gain bound, -index): ties go to the earlier candidate.
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
        ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
    for (int c = 0; c < candidates.size(); c++) {
      queue.add(new double[] {p.gain(c, covered), c});
    }
    List<SitingPlan.Step> steps = new ArrayList<>();
    double total = 0;
    while (steps.size() < k && !queue.isEmpty()) {
      double[] top = queue.poll();
      int c = (int) top[1];
      double gain = p.gain(c, covered);
      if (!queue.isEmpty() && gain < queue.peek()[0]) {
        queue.add(new double[] {gain, c});
        continue;
      }
      if (gain <= 0) {
        break;
      }
      for (int h : p.covers.get(c)) {
        covered[h] = true;
      }
      total += gain;
      steps.add(new SitingPlan.Step(c, candidates.get(c), gain, total));
    }
    return new SitingPlan(typeCode, p.radius, p.uncovered, steps);
  }

  /**
   * Chooses the best {@code k} sites by trying every combination.
   *
   * @param result a health check of the city
   * @param typeCode a type the standard requires
   * @param candidates possible sites
   * @param k the budget
   * @return the optimal plan, steps in candidate order
   * @throws InvalidValueException if there are more than {@link #MAX_EXACT_COMBINATIONS}
   *     combinations
   */
  public static SitingPlan exact(HealthCheckResult result, String typeCode,
      List<GeoPoint> candidates, int k) {
    Instance p = new Instance(result, typeCode, candidates, k);
    int n = candidates.size();
    int choose = Math.min(k, n);
    InvalidValueException.check(combinations(n, choose) <= MAX_EXACT_COMBINATIONS, "k", k,
        "is too large for an exact search over " + n + " candidates; use greedy");
    int[] pick = new int[choose];
    for (int i = 0; i < choose; i++) {
      pick[i] = i;
    }
    int[] best = pick.clone();
    double bestValue = -1;
    while (true) {
      double value = p.value(pick);
      if (value > bestValue) {
        bestValue = value;
        best = pick.clone();
      }
      int i = choose - 1;
      while (i >= 0 && pick[i] == n - choose + i) {
        i--;
      }
      if (i < 0) {
        break;
      }
      pick[i]++;
      for (int j = i + 1; j < choose; j++) {
        pick[j] = pick[j - 1] + 1;
      }
    }
    boolean[] covered = new boolean[p.homes.length];
    List<SitingPlan.Step> steps = new ArrayList<>();
    double total = 0;
    for (int c : best) {
      double gain = p.gain(c, covered);
      for (int h : p.covers.get(c)) {
        covered[h] = true;
      }
      total += gain;
      steps.add(new SitingPlan.Step(c, candidates.get(c), gain, total));
    }
    return new SitingPlan(typeCode, p.radius, p.uncovered, steps);
  }

  /**
   * Chooses sites for an objective: the {@link #heuristic}'s plan, proven optimal or improved to
   * the optimum for {@code p-median} and {@code lscp} on small instances. For those two a branch
   * and bound starts from the heuristic's plan; when it ends within {@link #EXACT_WORK} home
   * evaluations (p-median: with at most {@link #EXACT_MAX_CANDIDATES} candidates and a candidates ×
   * homes table within that budget), its plan is the
   * optimum and {@link SitingOutcome#optimal()} is true. That always happens for p-median when
   * 2<sup>candidates + 1</sup> × homes ≤ {@link #EXACT_WORK} (for example 12 candidates and
   * 1,200 homes) and usually far beyond; otherwise the heuristic's plan is returned, not marked
   * optimal. {@code coverage} and {@code gap-filling} always get the heuristic's plan.
   *
   * @param result a health check of the city
   * @param typeCode a type the standard requires
   * @param candidates possible sites
   * @param objective what to optimise
   * @return the plan and what it achieves on every objective's measure
   * @throws InvalidValueException if the type is not required, or (p-median) candidates × homes
   *     exceeds 50,000,000 distances
   */
  public static SitingOutcome plan(HealthCheckResult result, String typeCode,
      List<GeoPoint> candidates, SitingObjective objective) {
    java.util.Objects.requireNonNull(objective, "objective");
    return new SitingSearch(result, typeCode, candidates).planned(objective, EXACT_WORK);
  }

  /**
   * Chooses sites for an objective with its heuristic only: greedy with lazy re-evaluation for
   * {@code coverage} and {@code gap-filling} (the bottom group's residents first, ties broken by
   * everyone's); greedy by homes newly covered then removal of redundant sites, latest first, for
   * {@code lscp}; greedy adding then vertex substitution (Teitz–Bart: swap one chosen site for one
   * other candidate while the best swap lowers the total) for {@code p-median}. None is guaranteed
   * optimal ({@link SitingOutcome#optimal()} is false); {@link #optimum} gives the optimum on
   * small instances to compare with.
   *
   * @param result a health check of the city
   * @param typeCode a type the standard requires
   * @param candidates possible sites
   * @param objective what to optimise
   * @return the plan and what it achieves on every objective's measure
   * @throws InvalidValueException if the type is not required, or (p-median) candidates × homes
   *     exceeds 50,000,000 distances
   */
  public static SitingOutcome heuristic(HealthCheckResult result, String typeCode,
      List<GeoPoint> candidates, SitingObjective objective) {
    java.util.Objects.requireNonNull(objective, "objective");
    return new SitingSearch(result, typeCode, candidates).heuristic(objective);
  }

  /**
   * Finds the optimal plan for an objective by trying every combination of candidates (for
   * {@code lscp}, every combination of each size from 0 up until one covers every resident any
   * candidate can cover). Among equal plans the first in candidate order wins.
   *
   * @param result a health check of the city
   * @param typeCode a type the standard requires
   * @param candidates possible sites
   * @param objective what to optimise
   * @return the optimal plan, sites in candidate order
   * @throws InvalidValueException if the type is not required or the search would try more than
   *     {@link #MAX_EXACT_COMBINATIONS} combinations
   */
  public static SitingOutcome optimum(HealthCheckResult result, String typeCode,
      List<GeoPoint> candidates, SitingObjective objective) {
    java.util.Objects.requireNonNull(objective, "objective");
    return new SitingSearch(result, typeCode, candidates).exact(objective);
  }

  /**
   * Returns a square grid of candidate sites over the area of the city's communities.
   *
   * @param city the city
   * @param spacingMetres distance between grid points, {@code >= 10}
   * @return the grid points, row by row from the south-west
   * @throws InvalidValueException if the spacing is below 10 m or the grid would exceed 1,000,000
   *     points
   */
  public static List<GeoPoint> gridCandidates(City city, double spacingMetres) {
    InvalidValueException.check(spacingMetres >= 10, "spacingMetres", spacingMetres,
        "must be at least 10 metres");
    double minLat = 90;
    double maxLat = -90;
    double minLon = 180;
    double maxLon = -180;
    for (Community c : city.communities()) {
      minLat = Math.min(minLat, c.centroid().lat());
      maxLat = Math.max(maxLat, c.centroid().lat());
      minLon = Math.min(minLon, c.centroid().lon());
      maxLon = Math.max(maxLon, c.centroid().lon());
    }
    List<GeoPoint> out = new ArrayList<>();
    if (city.communities().isEmpty()) {
      return out;
    }
    double dLat = spacingMetres / 111_195.0;
    double dLon = dLat / Math.cos(Math.toRadians((minLat + maxLat) / 2));
    long count = (long) ((maxLat - minLat) / dLat + 1) * (long) ((maxLon - minLon) / dLon + 1);
    InvalidValueException.check(count <= 1_000_000, "spacingMetres", spacingMetres,
        "gives " + count + " candidates; use a larger spacing (at most 1,000,000 candidates)");
    for (double lat = minLat; lat <= maxLat + 1e-12; lat += dLat) {
      for (double lon = minLon; lon <= maxLon + 1e-12; lon += dLon) {
        out.add(GeoPoint.of(lat, lon));
      }
    }
    return out;
  }

  private static long combinations(int n, int k) {
    long c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
      if (c > MAX_EXACT_COMBINATIONS) {
        return c;
      }
    }
    return c;
  }

  /** The homes not yet served and which of them each candidate would serve. */
  private static final class Instance {
    final double[][] homes;
    final List<int[]> covers = new ArrayList<>();
    final double radius;
    final double uncovered;

    Instance(HealthCheckResult result, String typeCode, List<GeoPoint> candidates, int k) {
      InvalidValueException.check(k >= 0, "k", k, "must be >= 0");
      CircleLevel level = result.standard().requiredLevel(typeCode).orElseThrow(() ->
          new InvalidValueException("type", typeCode, "must be a type the standard requires: "
              + result.standard().requiredTypes()));
      radius = level.distanceMetres();
      double circuity = result.travel() instanceof StraightLine line ? line.circuity()
          : StraightLine.DEFAULT_CIRCUITY;
      homes = result.uncoveredHomes(typeCode);
      double sum = 0;
      List<Integer> ids = new ArrayList<>();
      for (int h = 0; h < homes.length; h++) {
        ids.add(h);
        sum += homes[h][2];
      }
      uncovered = sum;
      SpatialIndex<Integer> index = SpatialIndex.of(ids, h -> new GeoPoint(homes[h][0], homes[h][1]));
      for (GeoPoint candidate : candidates) {
        covers.add(index.within(candidate, radius / circuity).stream()
            .mapToInt(SpatialIndex.Hit::item).sorted().toArray());
      }
    }

    double gain(int candidate, boolean[] covered) {
      double g = 0;
      for (int h : covers.get(candidate)) {
        if (!covered[h]) {
          g += homes[h][2];
        }
      }
      return g;
    }

    double value(int[] picks) {
      boolean[] covered = new boolean[homes.length];
      double v = 0;
      for (int c : picks) {
        for (int h : covers.get(c)) {
          if (!covered[h]) {
            covered[h] = true;
            v += homes[h][2];
          }
        }
      }
      return v;
    }
  }
}
