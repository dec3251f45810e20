package dev.linli.core.circle;

import dev.linli.core.facility.Facility;
import dev.linli.core.geo.SpatialIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One type's reach from every origin: the nearest distance, the facilities within each circle
 * level, gravity accessibility and E2SFCA, each summed per origin while the walks are found.
 *
 * <p>The walks themselves, every (origin, facility) pair within the largest circle, are not kept:
 * they grow with communities x facilities when both crowd one area (hundreds of millions of pairs
 * for a city of 100,000 communities and 3,000,000 facilities), while what scoring needs grows with
 * the origins only. Each facility's walks are summed as soon as its search ends, in the order the
 * search gives them, so the sums are bit for bit those of summing a list of every pair.
 */
final class TypeReach {
  final String typeCode;
  final List<Facility> facilities;
  /** Per origin: walking metres to the nearest facility, infinite beyond the largest circle. */
  final double[] nearest;
  /** Per origin: capacity-weighted distance decay summed over the facilities within reach. */
  final double[] gravity;
  /** Per origin: E2SFCA, each facility's capacity shared among the demand of its catchment. */
  final double[] access;
  /** Per origin and circle level ({@code o * levels + l}): facilities within that level. */
  final int[] counts;
  /** Circle levels counted per origin. */
  final int levels;

  private TypeReach(String typeCode, List<Facility> facilities, Sums sums) {
    this.typeCode = typeCode;
    this.facilities = facilities;
    this.nearest = sums.nearest;
    this.gravity = sums.gravity;
    this.access = sums.access;
    this.counts = sums.counts;
    this.levels = sums.levelMetres.length;
  }

  /**
   * What summing a type's walks needs besides the walks: the circle levels, the decay and band
   * weights, and the residents of the served ages at each origin.
   */
  record Scoring(double[] levelMetres, Decay decay, IndexWeights weights, double[] served) {}

  /**
   * Searches outward from each facility of the type and sums its walks per origin.
   * {@code metresPerMinute} turns a {@link TravelMatrix}'s minutes into walking-equivalent metres
   * (unused by the other models).
   */
  static TypeReach compute(String typeCode, List<Facility> facilities, Origins origins,
      SpatialIndex<Integer> originIndex, Travel travel, double limit, double metresPerMinute,
      Scoring scoring) {
    Sums out = new Sums(origins.size(), facilities, scoring);
    if (travel instanceof TravelMatrix matrix) {
      if (!(metresPerMinute > 0)) {
        throw new IllegalArgumentException("a travel matrix needs the walking speed");
      }
      Map<String, Integer> communityIndex = new HashMap<>();
      for (int c = 0; c < origins.communities.size(); c++) {
        communityIndex.put(origins.communities.get(c).id(), c);
      }
      for (int f = 0; f < facilities.size(); f++) {
        // Communities in index order, so walks come out as a search from the facility gives them.
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : matrix.toFacility(facilities.get(f)).entrySet()) {
          Integer c = communityIndex.get(e.getKey());
          double metres = e.getValue() * metresPerMinute;
          if (c != null && metres <= limit) {
            rows.add(new double[] {c, metres});
          }
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        for (double[] row : rows) {
          int c = (int) row[0];
          for (int o = origins.firstOrigin[c]; o < origins.firstOrigin[c + 1]; o++) {
            out.add(o, f, row[1]);
          }
        }
      }
    } else if (travel instanceof StraightLine line) {
      double circuity = line.circuity();
      for (int f = 0; f < facilities.size(); f++) {
        int facility = f;
        // The hits without a list of them: a facility's walks are summed as they are found.
        originIndex.forEachWithin(facilities.get(f).location(), limit / circuity,
            (o, metres) -> out.add(o, facility, metres * circuity));
      }
    } else {
      WalkNetwork network = (WalkNetwork) travel;
      int[] originNode = new int[origins.size()];
      double[] originAccess = new double[origins.size()];
      // Origins grouped by the node they join the network at.
      java.util.Map<Integer, List<Integer>> atNode = new java.util.HashMap<>();
      for (int o = 0; o < origins.size(); o++) {
        SpatialIndex.Hit<Integer> hit = network.attach(origins.point[o]);
        originNode[o] = hit == null ? -1 : hit.item();
        originAccess[o] = hit == null ? Double.POSITIVE_INFINITY : hit.distanceMetres();
        if (hit != null) {
          atNode.computeIfAbsent(hit.item(), k -> new java.util.ArrayList<>()).add(o);
        }
      }
      WalkNetwork.Scratch scratch = network.newScratch();
      for (int f = 0; f < facilities.size(); f++) {
        SpatialIndex.Hit<Integer> start = network.attach(facilities.get(f).location());
        if (start == null || start.distanceMetres() > limit) {
          continue;
        }
        int facility = f;
        network.searchTowards(start.item(), start.distanceMetres(), limit, scratch,
            (node, metres) -> {
              for (int o : atNode.getOrDefault(node, List.of())) {
                double total = metres + originAccess[o];
                if (total <= limit) {
                  out.add(o, facility, total);
                }
              }
            });
      }
    }
    return new TypeReach(typeCode, facilities, out.finish());
  }

  /**
   * Computes every type in one pass: a single search from each home collects the facilities of all
   * types within the limit. Cheaper than per-type searches when homes are fewer than facilities.
   * Homes are split into {@code chunks} that can run on separate threads; the result does not
   * depend on the split. The walks are kept until every home is searched (a facility's walks come
   * from many homes) and summed one type at a time, each type's dropped once summed.
   */
  static List<TypeReach> computeAllFromHomes(List<String> types, Map<String, List<Facility>> byType,
      Origins origins, WalkNetwork network, double limit, int threads, List<Scoring> scoring) {
    int typeCount = types.size();
    Map<Integer, List<int[]>> facilitiesAt = new HashMap<>();
    double[][] access = new double[typeCount][];
    for (int t = 0; t < typeCount; t++) {
      List<Facility> list = byType.getOrDefault(types.get(t), List.of());
      access[t] = new double[list.size()];
      for (int f = 0; f < list.size(); f++) {
        SpatialIndex.Hit<Integer> hit = network.attach(list.get(f).location());
        access[t][f] = hit == null ? Double.POSITIVE_INFINITY : hit.distanceMetres();
        if (hit != null && hit.distanceMetres() <= limit) {
          facilitiesAt.computeIfAbsent(hit.item(), k -> new ArrayList<>()).add(new int[] {t, f});
        }
      }
    }
    int n = origins.size();
    int chunks = Math.max(1, Math.min(threads, n));
    List<Pairs[]> parts = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = chunks == 1 ? null
        : java.util.concurrent.Executors.newFixedThreadPool(chunks);
    try {
      List<java.util.concurrent.Future<Pairs[]>> futures = new ArrayList<>();
      for (int c = 0; c < chunks; c++) {
        int from = (int) ((long) n * c / chunks);
        int to = (int) ((long) n * (c + 1) / chunks);
        java.util.concurrent.Callable<Pairs[]> job = () -> {
          Pairs[] pairs = new Pairs[typeCount];
          for (int t = 0; t < typeCount; t++) {
            pairs[t] = new Pairs();
          }
          WalkNetwork.Scratch scratch = network.newScratch();
          for (int o = from; o < to; o++) {
            SpatialIndex.Hit<Integer> home = network.attach(origins.point[o]);
            if (home == null || home.distanceMetres() > limit) {
              continue;
            }
            int origin = o;
            network.searchFrom(home.item(), home.distanceMetres(), limit, scratch, (node, m) -> {
              for (int[] tf : facilitiesAt.getOrDefault(node, List.of())) {
                double total = m + access[tf[0]][tf[1]];
                if (total <= limit) {
                  pairs[tf[0]].add(origin, tf[1], total);
                }
              }
            });
          }
          return pairs;
        };
        if (pool == null) {
          parts.add(job.call());
        } else {
          futures.add(pool.submit(job));
        }
      }
      for (java.util.concurrent.Future<Pairs[]> f : futures) {
        parts.add(HealthCheck.await(f));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("health check interrupted", e);
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    List<TypeReach> out = new ArrayList<>(typeCount);
    for (int t = 0; t < typeCount; t++) {
      Pairs merged = new Pairs();
      for (Pairs[] part : parts) {
        Pairs p = part[t];
        part[t] = null;
        for (int i = 0; i < p.size; i++) {
          merged.add(p.origin[i], p.facility[i], p.metres[i]);
        }
      }
      merged.sortByFacility();
      List<Facility> facilities = byType.getOrDefault(types.get(t), List.of());
      Sums sums = new Sums(n, facilities, scoring.get(t));
      for (int i = 0; i < merged.size; i++) {
        sums.add(merged.origin[i], merged.facility[i], merged.metres[i]);
      }
      out.add(new TypeReach(types.get(t), facilities, sums.finish()));
    }
    return out;
  }

  /**
   * Per-origin sums of one type's walks, given facility by facility (all walks of a facility
   * together, facilities in any order): a facility's walks are buffered until the next facility's
   * begin, because its E2SFCA share needs the demand of its whole catchment first.
   */
  private static final class Sums {
    final List<Facility> facilities;
    final double[] levelMetres;
    final Decay decay;
    final IndexWeights weights;
    final double[] served;
    final double[] nearest;
    final double[] gravity;
    final double[] access;
    final int[] counts;
    // The current facility's walks.
    int facility = -1;
    int[] origin = new int[64];
    double[] metres = new double[64];
    double[] band = new double[64];
    int size;

    Sums(int origins, List<Facility> facilities, Scoring scoring) {
      this.facilities = facilities;
      this.levelMetres = scoring.levelMetres();
      this.decay = scoring.decay();
      this.weights = scoring.weights();
      this.served = scoring.served();
      nearest = new double[origins];
      Arrays.fill(nearest, Double.POSITIVE_INFINITY);
      gravity = new double[origins];
      access = new double[origins];
      counts = new int[origins * levelMetres.length];
    }

    void add(int o, int f, double m) {
      if (f != facility) {
        flush();
        facility = f;
      }
      if (size == origin.length) {
        origin = Arrays.copyOf(origin, size * 2);
        metres = Arrays.copyOf(metres, size * 2);
        band = Arrays.copyOf(band, size * 2);
      }
      origin[size] = o;
      metres[size] = m;
      size++;
    }

    Sums finish() {
      flush();
      return this;
    }

    /** Sums the current facility's walks into the origins', in the order they were found. */
    private void flush() {
      if (size == 0) {
        return;
      }
      int capacity = Math.max(1, facilities.get(facility).capacity());
      int levels = levelMetres.length;
      double demand = 0;
      for (int i = 0; i < size; i++) {
        int o = origin[i];
        double m = metres[i];
        nearest[o] = Math.min(nearest[o], m);
        gravity[o] += capacity * decay.weight(m);
        int level = levels;
        for (int l = levels - 1; l >= 0; l--) {
          if (m <= levelMetres[l]) {
            counts[o * levels + l]++;
            level = l;
          }
        }
        band[i] = weights.band(level);
        demand += served[o] * band[i];
      }
      if (demand > 0) {
        for (int i = 0; i < size; i++) {
          access[origin[i]] += capacity / demand * band[i];
        }
      }
      size = 0;
    }
  }

  /** A growable list of walks. */
  private static final class Pairs {
    int[] origin = new int[256];
    int[] facility = new int[256];
    double[] metres = new double[256];
    int size;

    /** Orders walks by facility then origin, the order a search from the facilities produces. */
    void sortByFacility() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> facility[a] != facility[b]
          ? Integer.compare(facility[a], facility[b]) : Integer.compare(origin[a], origin[b]));
      int[] o2 = new int[size];
      int[] f2 = new int[size];
      double[] m2 = new double[size];
      for (int i = 0; i < size; i++) {
        o2[i] = origin[order[i]];
        f2[i] = facility[order[i]];
        m2[i] = metres[order[i]];
      }
      origin = o2;
      facility = f2;
      metres = m2;
    }

    void add(int o, int f, double m) {
      if (size == origin.length) {
        origin = Arrays.copyOf(origin, size * 2);
        facility = Arrays.copyOf(facility, size * 2);
        metres = Arrays.copyOf(metres, size * 2);
      }
      origin[size] = o;
      facility[size] = f;
      metres[size] = m;
      size++;
    }
  }
}
