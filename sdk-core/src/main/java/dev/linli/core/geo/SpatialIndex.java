package dev.linli.core.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;

/**
 * An immutable index of items by WGS-84 location answering nearest-k and within-radius queries by
 * great-circle distance.
 *
 * <p>Points are stored as unit vectors in a k-d tree. Straight-line (chord) distance between unit
 * vectors grows strictly with great-circle distance, so the tree's pruning is exact everywhere on
 * Earth: near the poles, across the antimeridian and for any radius, with no planar approximation.
 * Reported distances are {@link GeoPoint#distanceTo} (haversine, metres) and results are sorted by
 * distance, ties broken by the order in which items were given, so the same input gives the same
 * answer. Building takes O(n log n); a query visits O(log n + k) nodes for clustered data.
 *
 * <p>Instances are immutable and safe to query from many threads at once.
 *
 * <pre>{@code
 * SpatialIndex<Facility> index = SpatialIndex.of(city.facilities(), Facility::location);
 * List<SpatialIndex.Hit<Facility>> nearest = index.nearest(home, 3);
 * List<SpatialIndex.Hit<Facility>> walk = index.within(home, 1000);
 * }</pre>
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public final class SpatialIndex<T> {
  /**
   * One result: an item and its great-circle distance from the query point.
   *
   * @param item the item, not null
   * @param distanceMetres great-circle distance in metres, {@code >= 0}
   * @param <T> the item type
   */
  public record Hit<T>(T item, double distanceMetres) {}

  private static final double R = GeoPoint.EARTH_RADIUS_METRES;

  // Tree order: the node of range [lo, hi) is at (lo + hi) >>> 1, split on axis[node].
  private final Object[] items;
  private final GeoPoint[] points;
  private final int[] inputIndex;
  private final double[] x;
  private final double[] y;
  private final double[] z;
  private final byte[] axis;

  private SpatialIndex(Object[] items, GeoPoint[] points) {
    int n = items.length;
    this.items = new Object[n];
    this.points = new GeoPoint[n];
    this.inputIndex = new int[n];
    this.x = new double[n];
    this.y = new double[n];
    this.z = new double[n];
    this.axis = new byte[n];
    double[][] v = new double[n][];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = unit(points[i]);
      order[i] = i;
    }
    build(order, v, axis, 0, n);
    for (int i = 0; i < n; i++) {
      int src = order[i];
      this.items[i] = items[src];
      this.points[i] = points[src];
      this.inputIndex[i] = src;
      this.x[i] = v[src][0];
      this.y[i] = v[src][1];
      this.z[i] = v[src][2];
    }
  }

  /**
   * Builds an index of {@code items}, located by {@code location}.
   *
   * @param items the items, not null; none may be null
   * @param location where each item is, not null; must not return null
   * @param <E> the item type
   * @return the index
   * @throws NullPointerException if an item or its location is null
   */
  public static <E> SpatialIndex<E> of(Collection<? extends E> items,
      Function<? super E, GeoPoint> location) {
    Objects.requireNonNull(location, "location");
    Object[] array = items.toArray();
    GeoPoint[] points = new GeoPoint[array.length];
    for (int i = 0; i < array.length; i++) {
      @SuppressWarnings("unchecked") // array holds the collection's elements, which are E
      E item = (E) Objects.requireNonNull(array[i], "items[" + i + "]");
      points[i] = Objects.requireNonNull(location.apply(item), "location of items[" + i + "]");
    }
    return new SpatialIndex<>(array, points);
  }

  /**
   * Returns the number of items.
   *
   * @return the size
   */
  public int size() {
    return items.length;
  }

  /**
   * Returns the {@code k} items nearest to {@code query}.
   *
   * @param query the query point, not null
   * @param k how many, {@code >= 0}; more than {@link #size()} returns every item
   * @return up to {@code k} hits, nearest first
   * @throws IllegalArgumentException if {@code k} is negative
   */
  public List<Hit<T>> nearest(GeoPoint query, int k) {
    Objects.requireNonNull(query, "query");
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0: " + k);
    }
    int want = Math.min(k, items.length);
    if (want == 0) {
      return List.of();
    }
    double[] q = unit(query);
    // Max-heap on (chord², input index): the root is the worst of the best so far.
    PriorityQueue<int[]> heap = new PriorityQueue<>(want + 1, (a, b) -> compare(q, b[0], a[0]));
    nearest(q, 0, items.length, want, heap);
    List<Integer> nodes = new ArrayList<>(heap.size());
    heap.forEach(node -> nodes.add(node[0]));
    return hits(query, nodes);
  }

  /**
   * Returns every item within {@code radiusMetres} of {@code query} (inclusive).
   *
   * @param query the query point, not null
   * @param radiusMetres the radius in metres, finite and {@code >= 0}
   * @return the hits, nearest first
   * @throws IllegalArgumentException if the radius is negative, NaN or infinite
   */
  public List<Hit<T>> within(GeoPoint query, double radiusMetres) {
    List<Hit<T>> out = new ArrayList<>();
    forEachWithin(query, radiusMetres, (item, metres) -> out.add(new Hit<>(item, metres)));
    return out;
  }

  /**
   * Gives {@code action} every item within {@code radiusMetres} of {@code query} (inclusive) with
   * its distance in metres, nearest first: the hits of {@link #within}, in the same order,
   * without a list and a {@link Hit} for each (a health check asks once per facility).
   *
   * @param query the query point, not null
   * @param radiusMetres the radius in metres, finite and {@code >= 0}
   * @param action called once per hit, on the calling thread, before this method returns
   * @throws IllegalArgumentException if the radius is negative, NaN or infinite
   * @since 0.2.0
   */
  public void forEachWithin(GeoPoint query, double radiusMetres,
      ObjDoubleConsumer<? super T> action) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(action, "action");
    if (!(radiusMetres >= 0) || Double.isInfinite(radiusMetres)) {
      throw new IllegalArgumentException("radiusMetres must be a finite number >= 0: "
          + radiusMetres);
    }
    double angle = Math.min(radiusMetres / R, Math.PI);
    double chord = 2 * Math.sin(angle / 2);
    // A little slack so that rounding never prunes a point the haversine check would accept.
    double limit = chord * chord * (1 + 1e-9) + 1e-18;
    double[] q = unit(query);
    Found found = new Found();
    within(q, 0, items.length, limit, query, radiusMetres, found);
    // Nearest first, ties by input order: the same order as hits(), without boxing each node
    // or measuring it twice (a health check makes hundreds of millions of these hits).
    int n = found.size;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sort(order, 0, n - 1, found);
    for (int i = 0; i < n; i++) {
      action.accept(item(found.node[order[i]]), found.metres[order[i]]);
    }
  }

  /** Nodes within the radius and their great-circle metres, as found. */
  private static final class Found {
    int[] node = new int[16];
    double[] metres = new double[16];
    int size;

    void add(int n, double m) {
      if (size == node.length) {
        node = java.util.Arrays.copyOf(node, size * 2);
        metres = java.util.Arrays.copyOf(metres, size * 2);
      }
      node[size] = n;
      metres[size] = m;
      size++;
    }
  }

  /** Whether found hit {@code a} comes before {@code b}: nearer, or as near and given earlier. */
  private boolean before(Found found, int a, int b) {
    int c = Double.compare(found.metres[a], found.metres[b]);
    return c != 0 ? c < 0 : inputIndex[found.node[a]] < inputIndex[found.node[b]];
  }

  /** Sorts order[lo..hi] by {@link #before}, a total order, so any correct sort agrees. */
  private void sort(int[] order, int lo, int hi, Found found) {
    while (hi - lo > 16) {
      int p = order[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (before(found, order[i], p)) {
          i++;
        }
        while (before(found, p, order[j])) {
          j--;
        }
        if (i <= j) {
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      // Recurse into the smaller side, loop on the larger: stack depth O(log n).
      if (j - lo < hi - i) {
        sort(order, lo, j, found);
        lo = i;
      } else {
        sort(order, i, hi, found);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      int v = order[i];
      int k = i - 1;
      while (k >= lo && before(found, v, order[k])) {
        order[k + 1] = order[k];
        k--;
      }
      order[k + 1] = v;
    }
  }

  /** Sorts nodes by great-circle distance, ties by input order, and wraps them as hits. */
  private List<Hit<T>> hits(GeoPoint query, List<Integer> nodes) {
    int n = nodes.size();
    double[] distance = new double[n];
    Integer[] rank = new Integer[n];
    for (int i = 0; i < n; i++) {
      distance[i] = query.distanceTo(points[nodes.get(i)]);
      rank[i] = i;
    }
    java.util.Arrays.sort(rank, Comparator.<Integer>comparingDouble(i -> distance[i])
        .thenComparingInt(i -> inputIndex[nodes.get(i)]));
    List<Hit<T>> out = new ArrayList<>(n);
    for (int i : rank) {
      out.add(new Hit<>(item(nodes.get(i)), distance[i]));
    }
    return out;
  }

  private void nearest(double[] q, int lo, int hi, int k, PriorityQueue<int[]> heap) {
    if (lo >= hi) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    if (heap.size() < k) {
      heap.add(new int[] {mid});
    } else if (compare(q, mid, heap.peek()[0]) < 0) {
      heap.poll();
      heap.add(new int[] {mid});
    }
    double diff = coordinate(q, axis[mid]) - coordinate(mid, axis[mid]);
    boolean leftFirst = diff < 0;
    nearest(q, leftFirst ? lo : mid + 1, leftFirst ? mid : hi, k, heap);
    if (heap.size() < k || diff * diff <= chord2(q, heap.peek()[0])) {
      nearest(q, leftFirst ? mid + 1 : lo, leftFirst ? hi : mid, k, heap);
    }
  }

  private void within(double[] q, int lo, int hi, double limit, GeoPoint query, double radius,
      Found out) {
    if (lo >= hi) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    if (chord2(q, mid) <= limit) {
      double metres = query.distanceTo(points[mid]);
      if (metres <= radius) {
        out.add(mid, metres);
      }
    }
    double diff = coordinate(q, axis[mid]) - coordinate(mid, axis[mid]);
    if (diff < 0 || diff * diff <= limit) {
      within(q, lo, mid, limit, query, radius, out);
    }
    if (diff >= 0 || diff * diff <= limit) {
      within(q, mid + 1, hi, limit, query, radius, out);
    }
  }

  private int compare(double[] q, int a, int b) {
    int c = Double.compare(chord2(q, a), chord2(q, b));
    return c != 0 ? c : Integer.compare(inputIndex[a], inputIndex[b]);
  }

  private double chord2(double[] q, int i) {
    double dx = q[0] - x[i];
    double dy = q[1] - y[i];
    double dz = q[2] - z[i];
    return dx * dx + dy * dy + dz * dz;
  }

  private double coordinate(int i, int a) {
    return a == 0 ? x[i] : a == 1 ? y[i] : z[i];
  }

  private static double coordinate(double[] q, int a) {
    return q[a];
  }

  @SuppressWarnings("unchecked") // items holds only elements given to of(), which are T
  private T item(int i) {
    return (T) items[i];
  }

  private static double[] unit(GeoPoint p) {
    double lat = Math.toRadians(p.lat());
    double lon = Math.toRadians(p.lon());
    double c = Math.cos(lat);
    return new double[] {c * Math.cos(lon), c * Math.sin(lon), Math.sin(lat)};
  }

  /** Median-splits order[lo, hi) on the axis of widest spread, recursively, recording the axis. */
  private static void build(int[] order, double[][] v, byte[] axisOut, int lo, int hi) {
    if (hi - lo <= 1) {
      return;
    }
    int a = widestAxis(order, v, lo, hi);
    int mid = (lo + hi) >>> 1;
    select(order, v, a, lo, hi - 1, mid);
    axisOut[mid] = (byte) a;
    build(order, v, axisOut, lo, mid);
    build(order, v, axisOut, mid + 1, hi);
  }

  private static int widestAxis(int[] order, double[][] v, int lo, int hi) {
    int best = 0;
    double bestSpread = -1;
    for (int a = 0; a < 3; a++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = lo; i < hi; i++) {
        double c = v[order[i]][a];
        min = Math.min(min, c);
        max = Math.max(max, c);
      }
      if (max - min > bestSpread) {
        bestSpread = max - min;
        best = a;
      }
    }
    return best;
  }

  /** Quickselect: after it, order[k] holds the k-th smallest on axis a within [lo, hi]. */
  private static void select(int[] order, double[][] v, int a, int lo, int hi, int k) {
    while (hi > lo) {
      double pivot = v[order[(lo + hi) >>> 1]][a];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (v[order[i]][a] < pivot) {
          i++;
        }
        while (v[order[j]][a] > pivot) {
          j--;
        }
        if (i <= j) {
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }
}
