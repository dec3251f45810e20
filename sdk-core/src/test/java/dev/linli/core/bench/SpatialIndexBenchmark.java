package dev.linli.core.bench;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The spatial index on the 35,000 facilities of the synthetic Hangzhou, side by side with a linear
 * scan (what circle scoring would do without an index). Queries are the 1,260 community centroids,
 * cycled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpatialIndexBenchmark {
  List<Facility> facilities;
  GeoPoint[] queries;
  SpatialIndex<Facility> index;
  int next;

  @Setup(Level.Trial)
  public void build() {
    City city = SyntheticCity.builder().seed(42).build().generate();
    facilities = city.facilities();
    queries = city.communities().stream().map(c -> c.centroid()).toArray(GeoPoint[]::new);
    index = SpatialIndex.of(facilities, Facility::location);
  }

  private GeoPoint query() {
    next = (next + 1) % queries.length;
    return queries[next];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SpatialIndex<Facility> buildIndex() {
    return SpatialIndex.of(facilities, Facility::location);
  }

  @Benchmark
  public Object indexNearest1() {
    return index.nearest(query(), 1);
  }

  @Benchmark
  public Object indexNearest10() {
    return index.nearest(query(), 10);
  }

  @Benchmark
  public Object indexWithin1000m() {
    return index.within(query(), 1000);
  }

  @Benchmark
  public Object scanNearest10() {
    GeoPoint q = query();
    // The best simple scan: one distance per facility and a bounded max-heap of the 10 nearest,
    // instead of sorting all 35,000 (which also recomputes distances in the comparator).
    java.util.PriorityQueue<Scanned> heap = new java.util.PriorityQueue<>(11,
        Comparator.comparingDouble(Scanned::metres).reversed());
    for (Facility f : facilities) {
      double d = q.distanceTo(f.location());
      if (heap.size() < 10) {
        heap.add(new Scanned(f, d));
      } else if (d < heap.peek().metres()) {
        heap.poll();
        heap.add(new Scanned(f, d));
      }
    }
    List<Scanned> nearest = new ArrayList<>(heap);
    nearest.sort(Comparator.comparingDouble(Scanned::metres));
    return nearest;
  }

  /** A facility and its distance from the query, for the scanning baseline. */
  record Scanned(Facility facility, double metres) {}

  @Benchmark
  public Object scanWithin1000m() {
    GeoPoint q = query();
    List<Facility> out = new ArrayList<>();
    for (Facility f : facilities) {
      if (q.distanceTo(f.location()) <= 1000) {
        out.add(f);
      }
    }
    return out;
  }
}
