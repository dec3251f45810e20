package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One siting instance (a health check, a type, candidate sites) and the searches over it: greedy
 * with lazy re-evaluation for coverage and gap-filling, greedy plus redundancy removal for set
 * covering, greedy plus vertex substitution (Teitz–Bart) for p-median, and brute force for all four.
 * Only homes with residents take part. Not thread-safe; one search per instance at a time.
 */
final class SitingSearch {
  /** Largest candidates × homes distance table a p-median search keeps in memory. */
  static final long MAX_DISTANCES = 50_000_000;

  private final String typeCode;
  private final List<GeoPoint> candidates;
  private final double radius;
  private final double circuity;
  private final GeoPoint[] point;
  private final double[] pop;
  private final boolean[] uncovered;
  private final boolean[] bottom;
  /** Metres to the nearest existing facility of the type (straight line x circuity), or infinity. */
  private final double[] existing;
  /** Per candidate, the uncovered homes it brings within the circle, ascending. */
  private final int[][] covers;
  private final boolean[] coverable;
  private float[] distances;

  SitingSearch(HealthCheckResult result, String typeCode, List<GeoPoint> candidates) {
    this.typeCode = typeCode;
    this.candidates = List.copyOf(candidates);
    CircleLevel level = result.standard().requiredLevel(typeCode).orElseThrow(() ->
        new InvalidValueException("type", typeCode, "must be a type the standard requires: "
            + result.standard().requiredTypes()));
    radius = level.distanceMetres();
    circuity = result.travel() instanceof StraightLine line ? line.circuity()
        : StraightLine.DEFAULT_CIRCUITY;
    Origins origins = result.origins();
    double[] nearest = result.nearestByOrigin(typeCode);
    // Residents of the ages the type serves (everyone unless the standard says otherwise).
    double[] served = result.servedByOrigin(typeCode);
    List<Integer> kept = new ArrayList<>();
    for (int o = 0; o < origins.size(); o++) {
      if (served[o] > 0) {
        kept.add(o);
      }
    }
    int n = kept.size();
    point = new GeoPoint[n];
    pop = new double[n];
    uncovered = new boolean[n];
    bottom = new boolean[n];
    existing = new double[n];
    List<Facility> ofType = result.city().facilities().stream()
        .filter(f -> f.typeCode().equals(typeCode)).toList();
    SpatialIndex<Facility> facilityIndex = SpatialIndex.of(ofType, Facility::location);
    List<CommunityProfile> profiles = result.profiles();
    for (int h = 0; h < n; h++) {
      int o = kept.get(h);
      point[h] = origins.point[o];
      pop[h] = served[o];
      uncovered[h] = nearest[o] > radius;
      bottom[h] = profiles.get(origins.community[o]).bottom();
      List<SpatialIndex.Hit<Facility>> hit = facilityIndex.nearest(point[h], 1);
      existing[h] = hit.isEmpty() ? Double.POSITIVE_INFINITY : hit.get(0).distanceMetres() * circuity;
    }
    List<Integer> open = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      if (uncovered[h]) {
        open.add(h);
      }
    }
    SpatialIndex<Integer> homeIndex = SpatialIndex.of(open, h -> point[h]);
    covers = new int[this.candidates.size()][];
    coverable = new boolean[n];
    for (int c = 0; c < covers.length; c++) {
      covers[c] = homeIndex.within(this.candidates.get(c), radius / circuity).stream()
          .mapToInt(SpatialIndex.Hit::item).sorted().toArray();
      for (int h : covers[c]) {
        coverable[h] = true;
      }
    }
  }

  /** Runs the heuristic for the objective. */
  SitingOutcome heuristic(SitingObjective objective) {
    if (objective instanceof SitingObjective.MaxCoverage m) {
      return outcome(objective, greedyCover(m.sites(), false));
    }
    if (objective instanceof SitingObjective.GapFilling g) {
      return outcome(objective, greedyCover(g.sites(), true));
    }
    if (objective instanceof SitingObjective.PMedian p) {
      return outcome(objective, pMedian(p.sites()));
    }
    return outcome(objective, setCover());
  }

  /**
   * The heuristic's plan, then for p-median and LSCP a branch and bound started from it: when the
   * search ends within {@code work} home evaluations its plan (the heuristic's or a better one) is
   * proven optimal; otherwise the heuristic's plan stands, not marked optimal.
   */
  SitingOutcome planned(SitingObjective objective, long work) {
    SitingOutcome heuristic = heuristic(objective);
    int[] start = heuristic.candidates().stream().mapToInt(Integer::intValue).toArray();
    int[] proven = null;
    lastSearchWork = 0;
    // The p-median search recurses once per candidate and keeps a candidates x homes table; the
    // LSCP search recurses once per site, fewer than the heuristic's.
    if (objective instanceof SitingObjective.PMedian p
        && candidates.size() <= Siting.EXACT_MAX_CANDIDATES
        && (long) (candidates.size() + 1) * pop.length <= work) {
      proven = new MedianBound(Math.min(p.sites(), candidates.size()), start, work).solve();
    } else if (objective instanceof SitingObjective.SetCover
        && start.length <= Siting.EXACT_MAX_CANDIDATES) {
      proven = new CoverBound(start, work).solve();
    }
    return proven == null ? heuristic : outcome(objective, proven, true);
  }

  /** Home evaluations the last branch and bound made (for tests that count its work). */
  long lastSearchWork;

  /**
   * p-median by depth-first branch and bound over the candidates in index order (take it, then
   * leave it). The bound at a node: every home walks to the nearest of its current facility and
   * every candidate not yet decided, which no completion can beat. Subsets of fewer than k sites
   * are valid plans too (a further site never lengthens a walk); the result is topped up to k
   * sites with unused candidates.
   */
  private final class MedianBound {
    private final int k;
    private final int homes = pop.length;
    private final long work;
    private long spent;
    /** suffix[i * homes + h]: the nearest candidate from i on to home h (n + 1 rows). */
    private final float[] suffix;
    private double best;
    private int[] bestPicks;
    private final int[] stack;

    MedianBound(int k, int[] start, long work) {
      this.k = k;
      this.work = work;
      table();
      int n = candidates.size();
      suffix = new float[(n + 1) * homes];
      Arrays.fill(suffix, n * homes, (n + 1) * homes, Float.POSITIVE_INFINITY);
      for (int c = n - 1; c >= 0; c--) {
        for (int h = 0; h < homes; h++) {
          suffix[c * homes + h] = Math.min(distances[c * homes + h], suffix[(c + 1) * homes + h]);
        }
      }
      bestPicks = start.clone();
      best = cost(start);
      stack = new int[k];
    }

    /** The optimal sites in candidate order, or null when the work ran out first. */
    int[] solve() {
      if (k == 0) {
        return new int[0];
      }
      boolean done = search(0, 0, existing.clone());
      lastSearchWork = spent;
      if (!done) {
        return null;
      }
      int[] picks = bestPicks.clone();
      Arrays.sort(picks);
      if (picks.length < k) {
        // Ties only: every further site left the total as it was.
        boolean[] used = new boolean[candidates.size()];
        for (int c : picks) {
          used[c] = true;
        }
        int[] full = Arrays.copyOf(picks, k);
        int m = picks.length;
        for (int c = 0; m < k; c++) {
          if (!used[c]) {
            full[m++] = c;
          }
        }
        Arrays.sort(full);
        picks = full;
      }
      return picks;
    }

    /** Returns false when the work ran out; {@code current} is each home's walk so far. */
    private boolean search(int next, int taken, double[] current) {
      spent += homes;
      if (spent > work) {
        return false;
      }
      double total = 0;
      double bound = 0;
      int row = next * homes;
      for (int h = 0; h < homes; h++) {
        total += pop[h] * current[h];
        bound += pop[h] * Math.min(current[h], suffix[row + h]);
      }
      if (total < best - 1e-9 * Math.max(1, best)) {
        best = total;
        bestPicks = Arrays.copyOf(stack, taken);
      }
      if (taken == k || next == candidates.size()
          || bound >= best - 1e-9 * Math.max(1, best)) {
        return true;
      }
      double[] with = new double[homes];
      int c = next * homes;
      for (int h = 0; h < homes; h++) {
        with[h] = Math.min(current[h], distances[c + h]);
      }
      stack[taken] = next;
      return search(next + 1, taken + 1, with) && search(next + 1, taken, current);
    }
  }

  /**
   * LSCP by branch and bound: some home every plan must cover and that the fewest candidates
   * cover is chosen, and each of those candidates is tried in turn. A node is cut when its sites
   * plus the fewest more that could cover the homes left (left / the largest candidate's homes,
   * rounded up) cannot beat the best plan so far.
   */
  private final class CoverBound {
    private final long work;
    private long spent;
    private final int[][] coveredBy;
    private final int largest;
    private int[] bestPicks;
    private final int[] stack;
    private final int[] times = new int[pop.length];
    private final boolean[] banned = new boolean[candidates.size()];

    CoverBound(int[] start, long work) {
      this.work = work;
      int homes = pop.length;
      int[] count = new int[homes];
      int most = 1;
      for (int[] homesOf : covers) {
        most = Math.max(most, homesOf.length);
        for (int h : homesOf) {
          count[h]++;
        }
      }
      largest = most;
      coveredBy = new int[homes][];
      for (int h = 0; h < homes; h++) {
        coveredBy[h] = new int[count[h]];
        count[h] = 0;
      }
      for (int c = 0; c < covers.length; c++) {
        for (int h : covers[c]) {
          coveredBy[h][count[h]++] = c;
        }
      }
      bestPicks = start.clone();
      stack = new int[Math.max(start.length, 1)];
    }

    int[] solve() {
      int left = 0;
      for (int h = 0; h < pop.length; h++) {
        left += coverable[h] ? 1 : 0;
      }
      boolean done = search(0, left);
      lastSearchWork = spent;
      if (!done) {
        return null;
      }
      int[] picks = bestPicks.clone();
      Arrays.sort(picks);
      return picks;
    }

    private boolean search(int taken, int left) {
      spent += pop.length;
      if (spent > work) {
        return false;
      }
      if (left == 0) {
        if (taken < bestPicks.length) {
          bestPicks = Arrays.copyOf(stack, taken);
        }
        return true;
      }
      // Even the largest candidates, all disjoint, need this many more sites.
      if (taken + (left + largest - 1) / largest >= bestPicks.length) {
        return true;
      }
      // The open home with the fewest candidates still allowed; none allowed: a dead end.
      int pivot = -1;
      int fewest = Integer.MAX_VALUE;
      for (int h = 0; h < pop.length && fewest > 0; h++) {
        if (coverable[h] && times[h] == 0) {
          int allowed = 0;
          for (int c : coveredBy[h]) {
            allowed += banned[c] ? 0 : 1;
          }
          if (allowed < fewest) {
            fewest = allowed;
            pivot = h;
          }
        }
      }
      if (fewest == 0) {
        return true;
      }
      // Each candidate tried is then left out of the later branches: every plan with it was
      // already searched, so no plan is searched twice.
      List<Integer> tried = new ArrayList<>();
      boolean done = true;
      for (int c : coveredBy[pivot]) {
        if (banned[c]) {
          continue;
        }
        int gained = 0;
        for (int h : covers[c]) {
          gained += times[h]++ == 0 ? 1 : 0;
        }
        stack[taken] = c;
        done = search(taken + 1, left - gained);
        for (int h : covers[c]) {
          times[h]--;
        }
        banned[c] = true;
        tried.add(c);
        if (!done) {
          break;
        }
      }
      for (int c : tried) {
        banned[c] = false;
      }
      return done;
    }
  }

  /** Finds the optimum by trying every combination; picks in candidate order. */
  SitingOutcome exact(SitingObjective objective) {
    int n = candidates.size();
    if (objective instanceof SitingObjective.SetCover) {
      long budget = Siting.MAX_EXACT_COMBINATIONS;
      for (int size = 0; size <= n; size++) {
        long count = combinations(n, size);
        checkBudget(count <= budget, n);
        budget -= count;
        int[] found = firstCover(size);
        if (found != null) {
          return outcome(objective, found, true);
        }
      }
      // No combination covers more than all candidates together.
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return outcome(objective, all, true);
    }
    int k = objective instanceof SitingObjective.PMedian p ? p.sites()
        : objective instanceof SitingObjective.GapFilling g ? g.sites()
        : ((SitingObjective.MaxCoverage) objective).sites();
    int choose = Math.min(k, n);
    checkBudget(combinations(n, choose) <= Siting.MAX_EXACT_COMBINATIONS, n);
    boolean median = objective instanceof SitingObjective.PMedian;
    boolean bottomFirst = objective instanceof SitingObjective.GapFilling;
    int[] pick = first(choose);
    int[] best = pick.clone();
    double[] bestValue = null;
    do {
      double[] value = median ? new double[] {-cost(pick), 0} : coverValue(pick, bottomFirst);
      if (bestValue == null || value[0] > bestValue[0]
          || (value[0] == bestValue[0] && value[1] > bestValue[1])) {
        bestValue = value;
        best = pick.clone();
      }
    } while (next(pick, n));
    return outcome(objective, best, true);
  }

  private static void checkBudget(boolean ok, int n) {
    InvalidValueException.check(ok, "candidates", n, "are too many for an exact search (more than "
        + Siting.MAX_EXACT_COMBINATIONS + " combinations); use the heuristic");
  }

  // ---- coverage and gap-filling: lazy greedy on (primary, secondary) gains ----

  private int[] greedyCover(int k, boolean bottomFirst) {
    boolean[] covered = new boolean[pop.length];
    Comparator<double[]> order = (a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
        : a[1] != b[1] ? Double.compare(b[1], a[1]) : Double.compare(a[2], b[2]);
    PriorityQueue<double[]> queue = new PriorityQueue<>(order);
    for (int c = 0; c < candidates.size(); c++) {
      queue.add(gain(c, covered, bottomFirst));
    }
    List<Integer> picks = new ArrayList<>();
    while (picks.size() < k && !queue.isEmpty()) {
      double[] top = queue.poll();
      double[] fresh = gain((int) top[2], covered, bottomFirst);
      // A stale gain bounds the fresh one from above (coverage only shrinks what is left).
      if (!queue.isEmpty() && order.compare(fresh, queue.peek()) > 0) {
        queue.add(fresh);
        continue;
      }
      if (fresh[0] <= 0 && fresh[1] <= 0) {
        break;
      }
      int c = (int) fresh[2];
      for (int h : covers[c]) {
        covered[h] = true;
      }
      picks.add(c);
    }
    return picks.stream().mapToInt(Integer::intValue).toArray();
  }

  private double[] gain(int c, boolean[] covered, boolean bottomFirst) {
    double all = 0;
    double low = 0;
    for (int h : covers[c]) {
      if (!covered[h]) {
        all += pop[h];
        low += bottom[h] ? pop[h] : 0;
      }
    }
    return bottomFirst ? new double[] {low, all, c} : new double[] {all, 0, c};
  }

  private double[] coverValue(int[] picks, boolean bottomFirst) {
    boolean[] covered = new boolean[pop.length];
    double all = 0;
    double low = 0;
    for (int c : picks) {
      for (int h : covers[c]) {
        if (!covered[h]) {
          covered[h] = true;
          all += pop[h];
          low += bottom[h] ? pop[h] : 0;
        }
      }
    }
    return bottomFirst ? new double[] {low, all} : new double[] {all, 0};
  }

  // ---- set covering: greedy by homes newly covered, then drop redundant sites ----

  private int[] setCover() {
    boolean[] covered = new boolean[pop.length];
    List<Integer> picks = new ArrayList<>();
    while (true) {
      int best = -1;
      int bestGain = 0;
      for (int c = 0; c < covers.length; c++) {
        int g = 0;
        for (int h : covers[c]) {
          g += covered[h] ? 0 : 1;
        }
        if (g > bestGain) {
          bestGain = g;
          best = c;
        }
      }
      if (best < 0) {
        break;
      }
      for (int h : covers[best]) {
        covered[h] = true;
      }
      picks.add(best);
    }
    // Redundancy removal, latest first: a site whose every home another site also covers goes.
    int[] times = new int[pop.length];
    for (int c : picks) {
      for (int h : covers[c]) {
        times[h]++;
      }
    }
    for (int i = picks.size() - 1; i >= 0; i--) {
      int c = picks.get(i);
      boolean redundant = true;
      for (int h : covers[c]) {
        redundant &= times[h] >= 2;
      }
      if (redundant) {
        for (int h : covers[c]) {
          times[h]--;
        }
        picks.remove(i);
      }
    }
    return picks.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] firstCover(int size) {
    int n = candidates.size();
    int[] pick = first(size);
    do {
      boolean[] covered = new boolean[pop.length];
      for (int c : pick) {
        for (int h : covers[c]) {
          covered[h] = true;
        }
      }
      boolean all = true;
      for (int h = 0; h < pop.length && all; h++) {
        all = !coverable[h] || covered[h];
      }
      if (all) {
        return pick;
      }
    } while (next(pick, n));
    return null;
  }

  // ---- p-median: greedy adding, then Teitz–Bart vertex substitution ----

  private int[] pMedian(int k) {
    int n = candidates.size();
    int choose = Math.min(k, n);
    if (choose == 0) {
      return new int[0];
    }
    table();
    int homes = pop.length;
    double[] current = existing.clone();
    List<Integer> picks = new ArrayList<>();
    boolean[] chosen = new boolean[n];
    for (int step = 0; step < choose; step++) {
      int best = -1;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int c = 0; c < n; c++) {
        if (chosen[c]) {
          continue;
        }
        double cost = 0;
        int row = c * homes;
        for (int h = 0; h < homes; h++) {
          cost += pop[h] * Math.min(current[h], distances[row + h]);
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = c;
        }
      }
      chosen[best] = true;
      picks.add(best);
      int row = best * homes;
      for (int h = 0; h < homes; h++) {
        current[h] = Math.min(current[h], distances[row + h]);
      }
    }
    int[] s = picks.stream().mapToInt(Integer::intValue).toArray();
    double[] best1 = new double[homes];
    double[] best2 = new double[homes];
    int[] who1 = new int[homes];
    double cost = nearestTwo(s, best1, best2, who1);
    // Each pass takes the best single swap (one chosen site out, one other candidate in) and stops
    // when none improves: a local optimum under substitution.
    for (int pass = 0; pass < 10_000; pass++) {
      int outSlot = -1;
      int in = -1;
      double bestSwap = cost;
      for (int slot = 0; slot < s.length; slot++) {
        for (int c = 0; c < n; c++) {
          if (chosen[c]) {
            continue;
          }
          double swapped = 0;
          int row = c * homes;
          for (int h = 0; h < homes; h++) {
            double keep = who1[h] == slot ? best2[h] : best1[h];
            swapped += pop[h] * Math.min(keep, distances[row + h]);
          }
          if (swapped < bestSwap - 1e-9 * Math.max(1, bestSwap)) {
            bestSwap = swapped;
            outSlot = slot;
            in = c;
          }
        }
      }
      if (outSlot < 0) {
        break;
      }
      chosen[s[outSlot]] = false;
      chosen[in] = true;
      s[outSlot] = in;
      cost = nearestTwo(s, best1, best2, who1);
    }
    return s;
  }

  /** Each home's nearest and second-nearest facility (existing = slot -1); returns the total. */
  private double nearestTwo(int[] s, double[] best1, double[] best2, int[] who1) {
    int homes = pop.length;
    double total = 0;
    for (int h = 0; h < homes; h++) {
      double b1 = existing[h];
      double b2 = Double.POSITIVE_INFINITY;
      int w = -1;
      for (int slot = 0; slot < s.length; slot++) {
        double d = distances[s[slot] * homes + h];
        if (d < b1) {
          b2 = b1;
          b1 = d;
          w = slot;
        } else if (d < b2) {
          b2 = d;
        }
      }
      best1[h] = b1;
      best2[h] = b2;
      who1[h] = w;
      total += pop[h] * b1;
    }
    return total;
  }

  private double cost(int[] picks) {
    table();
    int homes = pop.length;
    double total = 0;
    for (int h = 0; h < homes; h++) {
      double d = existing[h];
      for (int c : picks) {
        d = Math.min(d, distances[c * homes + h]);
      }
      total += pop[h] * d;
    }
    return total;
  }

  private void table() {
    if (distances != null) {
      return;
    }
    long size = (long) candidates.size() * pop.length;
    InvalidValueException.check(size <= MAX_DISTANCES, "candidates", candidates.size(),
        "with " + pop.length + " homes need " + size + " distances for p-median, more than "
            + MAX_DISTANCES + "; use fewer candidates (a larger grid spacing)");
    distances = new float[(int) size];
    for (int c = 0; c < candidates.size(); c++) {
      GeoPoint site = candidates.get(c);
      for (int h = 0; h < pop.length; h++) {
        distances[c * pop.length + h] = (float) (site.distanceTo(point[h]) * circuity);
      }
    }
  }

  // ---- what a plan achieves ----

  private SitingOutcome outcome(SitingObjective objective, int[] picks) {
    return outcome(objective, picks, false);
  }

  private SitingOutcome outcome(SitingObjective objective, int[] picks, boolean optimal) {
    boolean[] covered = new boolean[pop.length];
    for (int c : picks) {
      for (int h : covers[c]) {
        covered[h] = true;
      }
    }
    double open = 0;
    double unreachable = 0;
    double lowOpen = 0;
    double lowGot = 0;
    double before = 0;
    double after = 0;
    for (int h = 0; h < pop.length; h++) {
      if (uncovered[h]) {
        open += pop[h];
        unreachable += coverable[h] ? 0 : pop[h];
        lowOpen += bottom[h] ? pop[h] : 0;
        lowGot += bottom[h] && covered[h] ? pop[h] : 0;
      }
      double d = existing[h];
      before += pop[h] * d;
      for (int c : picks) {
        d = Math.min(d, distances != null ? distances[c * pop.length + h]
            : (float) (candidates.get(c).distanceTo(point[h]) * circuity));
      }
      after += pop[h] * d;
    }
    boolean[] seen = new boolean[pop.length];
    List<SitingPlan.Step> steps = new ArrayList<>();
    double total = 0;
    for (int c : picks) {
      double gain = 0;
      for (int h : covers[c]) {
        gain += seen[h] ? 0 : pop[h];
        seen[h] = true;
      }
      total += gain;
      steps.add(new SitingPlan.Step(c, candidates.get(c), gain, total));
    }
    return new SitingOutcome(objective, new SitingPlan(typeCode, radius, open, steps), unreachable,
        lowOpen, lowGot, before, after, optimal);
  }

  // ---- combinations in lexicographic order ----

  private static int[] first(int size) {
    int[] pick = new int[size];
    Arrays.setAll(pick, i -> i);
    return pick;
  }

  private static boolean next(int[] pick, int n) {
    int k = pick.length;
    int i = k - 1;
    while (i >= 0 && pick[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    pick[i]++;
    for (int j = i + 1; j < k; j++) {
      pick[j] = pick[j - 1] + 1;
    }
    return true;
  }

  private static long combinations(int n, int k) {
    long c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
      if (c > Siting.MAX_EXACT_COMBINATIONS) {
        return c;
      }
    }
    return c;
  }
}
