package dev.linli.core.circle;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.place.Community;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * The full health check of the synthetic Hangzhou (1,260 communities, 35,000 facilities, 20 types),
 * straight-line and over a synthetic walk network of about 100,000 nodes, each side by side with the
 * naive approach: every community against every facility (straight line), and one bounded Dijkstra
 * per community (network).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class HealthCheckBenchmark {
  City city;
  WalkNetwork network;
  HealthCheck straight;
  HealthCheck walk;

  /** JMH instantiates the state reflectively. */
  public HealthCheckBenchmark() {
    // nothing to set up before the trial
  }

  @Setup(Level.Trial)
  public void build() {
    city = SyntheticCity.builder().seed(42).build().generate();
    network = grid(316, 100, new SplittableRandom(42));
    straight = HealthCheck.builder().build();
    walk = HealthCheck.builder().travel(network).build();
  }

  /** A jittered street grid of side x side nodes, spacing metres apart, centred on Hangzhou's core. */
  static WalkNetwork grid(int side, double spacing, SplittableRandom random) {
    WalkNetwork.Builder b = WalkNetwork.builder();
    double dLat = spacing / 111_195.0;
    double dLon = dLat / Math.cos(Math.toRadians(30.27));
    int[][] id = new int[side][side];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        id[i][j] = b.node(GeoPoint.of(30.27 + (i - side / 2.0 + random.nextDouble() * 0.3) * dLat,
            120.17 + (j - side / 2.0 + random.nextDouble() * 0.3) * dLon));
      }
    }
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        if (i + 1 < side && random.nextInt(12) > 0) {
          b.edge(id[i][j], id[i + 1][j], false);
        }
        if (j + 1 < side && random.nextInt(12) > 0) {
          b.edge(id[i][j], id[i][j + 1], false);
        }
      }
    }
    return b.build();
  }

  @Benchmark
  public HealthCheckResult straightLineHealthCheck() {
    return straight.run(city);
  }

  /**
   * Naive: every community against every facility, keeping the nearest of each type; communities
   * spread over the same cores as the health check (a parallel stream), facility types looked up
   * once.
   */
  @Benchmark
  public double[][] straightLineNaiveAllPairs() {
    List<String> types = CircleStandard.gb50180().requiredTypes();
    List<Facility> facilities = city.facilities();
    int[] type = new int[facilities.size()];
    for (int i = 0; i < type.length; i++) {
      type[i] = types.indexOf(facilities.get(i).typeCode());
    }
    List<Community> communities = city.communities();
    double[][] nearest = new double[communities.size()][types.size()];
    java.util.stream.IntStream.range(0, communities.size()).parallel().forEach(c -> {
      java.util.Arrays.fill(nearest[c], Double.POSITIVE_INFINITY);
      GeoPoint home = communities.get(c).centroid();
      for (int i = 0; i < type.length; i++) {
        if (type[i] >= 0) {
          nearest[c][type[i]] = Math.min(nearest[c][type[i]],
              home.distanceTo(facilities.get(i).location()) * 1.3);
        }
      }
    });
    return nearest;
  }

  @Benchmark
  public HealthCheckResult networkHealthCheck() {
    return walk.run(city);
  }

  /**
   * Naive: one Dijkstra per community (bounded by the largest circle), then look up facilities;
   * on the same cores as the health check.
   */
  @Benchmark
  public double[][] networkNaivePerCommunityDijkstra() {
    List<String> types = CircleStandard.gb50180().requiredTypes();
    // Facilities of a required type at each node, as (type, access metres) pairs in plain arrays.
    Map<Integer, List<double[]>> facilitiesAtNode = new HashMap<>();
    for (Facility f : city.facilities()) {
      int t = types.indexOf(f.typeCode());
      if (t >= 0) {
        SpatialIndex.Hit<Integer> at = network.attach(f.location());
        facilitiesAtNode.computeIfAbsent(at.item(), k -> new java.util.ArrayList<>())
            .add(new double[] {t, at.distanceMetres()});
      }
    }
    ThreadLocal<WalkNetwork.Scratch> scratch = ThreadLocal.withInitial(network::newScratch);
    double limit = 1000;
    double[][] nearest = new double[city.communities().size()][types.size()];
    // Communities spread over the same cores as the health check, one scratch space per thread.
    java.util.stream.IntStream.range(0, city.communities().size()).parallel().forEach(c -> {
      double[] row = nearest[c];
      java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
      SpatialIndex.Hit<Integer> home = network.attach(city.communities().get(c).centroid());
      if (home.distanceMetres() > limit) {
        return;
      }
      // The grid is two-way, so distances towards the home equal distances from it.
      network.searchTowards(home.item(), home.distanceMetres(), limit, scratch.get(),
          (node, metres) -> {
            for (double[] f : facilitiesAtNode.getOrDefault(node, List.of())) {
              int t = (int) f[0];
              row[t] = Math.min(row[t], metres + f[1]);
            }
          });
    });
    return nearest;
  }
}
