package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.geo.SpatialIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The city health check (体检): scores every community's walking access to the facility types a
 * {@link CircleStandard} requires, ranks them, and flags the bottom group for gap filling (补短板).
 *
 * <p>Configure once with {@link #builder()} and {@link #run} on any number of cities. Searches are
 * bounded by the largest circle and use the {@link Travel} model (straight line by default). With
 * straight lines, each type searches outward from its facilities over the spatial index. On a walk
 * network, searches start from the smaller side: from the facilities of a type when they are fewer
 * than the homes, or, when a city has more facilities than homes (Hangzhou: 35,000 facilities, 1,260
 * communities), once from every home collecting all types together. Work is spread over up to
 * {@code parallelism} threads that the run creates and shuts down itself, and the result is the same
 * for any thread count. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * HealthCheckResult result = HealthCheck.builder().build().run(city);
 * result.bottom().forEach(p -> System.out.println(p.name() + " " + p.reasons()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HealthCheck {
  final CircleStandard standard;
  final IndexWeights weights;
  final FacilityTaxonomy taxonomy;
  final Travel travel;
  final Decay decay;
  final int parallelism;
  final double bottomShare;
  final BoundaryOrigins boundaries;
  final StarRating rating;

  private HealthCheck(Builder b) {
    this.standard = b.standard;
    this.weights = b.weights;
    this.taxonomy = b.taxonomy;
    this.travel = b.travel;
    this.decay = b.decay;
    this.parallelism = b.parallelism;
    this.bottomShare = b.bottomShare;
    this.boundaries = b.boundaries;
    this.rating = b.rating;
    List<String> categories = taxonomy.categories().stream()
        .map(dev.linli.core.facility.FacilityCategory::code).toList();
    for (String category : rating.categories()) {
      InvalidValueException.check(categories.contains(category), "rating.stars.categories",
          category, "is not a category of taxonomy " + taxonomy.id() + ": " + categories);
    }
    for (String type : standard.requiredTypes()) {
      InvalidValueException.check(taxonomy.type(type).isPresent(), "standard.requiredTypes", type,
          "is not a type of taxonomy " + taxonomy.id() + ": " + taxonomy.typeCodes());
    }
  }

  /**
   * Returns a builder with the defaults: GB 50180 standard, default weights, Hangzhou taxonomy,
   * straight line x 1.3, exponential decay halving every 500 m, bottom 10%, one thread per core.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the health check.
   *
   * @param city communities (with populations) and facilities; estates with locations and head
   *     counts refine where residents live
   * @return the profiles, ranking, bottom group and gaps
   * @throws InvalidValueException if a boundary is given for a community the city does not have
   * @throws dev.linli.core.DataFormatException if a {@link TravelMatrix} names a community or
   *     facility the city does not have (each with its line)
   */
  public HealthCheckResult run(City city) {
    Objects.requireNonNull(city, "city");
    if (boundaries != null) {
      java.util.Set<String> known = new java.util.HashSet<>();
      city.communities().forEach(c -> known.add(c.id()));
      for (String id : boundaries.boundaries().keySet()) {
        InvalidValueException.check(known.contains(id), "boundaries.id", id,
            "must be the id of a community of the city (" + known.size() + " communities)");
      }
    }
    if (travel instanceof TravelMatrix matrix) {
      List<dev.linli.core.Problem> problems = matrix.problemsWith(city);
      if (!problems.isEmpty()) {
        throw new dev.linli.core.DataFormatException(problems);
      }
    }
    Origins origins = new Origins(city, boundaries);
    List<Integer> ids = new ArrayList<>();
    for (int o = 0; o < origins.size(); o++) {
      ids.add(o);
    }
    SpatialIndex<Integer> originIndex = SpatialIndex.of(ids, o -> origins.point[o]);
    Map<String, List<Facility>> byType = new HashMap<>();
    for (Facility f : city.facilities()) {
      byType.computeIfAbsent(f.typeCode(), k -> new ArrayList<>()).add(f);
    }
    List<String> types = standard.requiredTypes();
    TypeReach[] reach = new TypeReach[types.size()];
    double limit = standard.largestDistanceMetres();
    int facilityCount = 0;
    for (String type : types) {
      facilityCount += byType.getOrDefault(type, List.of()).size();
    }
    if (travel instanceof WalkNetwork network && origins.size() <= facilityCount) {
      return new HealthCheckResult(this, city, origins, originIndex,
          TypeReach.computeAllFromHomes(types, byType, origins, network, limit, parallelism,
              types.stream().map(type -> scoring(origins, type)).toList()));
    }
    if (parallelism == 1) {
      for (int t = 0; t < types.size(); t++) {
        reach[t] = TypeReach.compute(types.get(t), byType.getOrDefault(types.get(t), List.of()),
            origins, originIndex, travel, limit, standard.walkingSpeedMetresPerMinute(),
            scoring(origins, types.get(t)));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, types.size()));
      try {
        List<Future<TypeReach>> futures = new ArrayList<>();
        for (String type : types) {
          futures.add(pool.submit(() -> TypeReach.compute(type,
              byType.getOrDefault(type, List.of()), origins, originIndex, travel, limit,
              standard.walkingSpeedMetresPerMinute(), scoring(origins, type))));
        }
        for (int t = 0; t < types.size(); t++) {
          reach[t] = await(futures.get(t));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return new HealthCheckResult(this, city, origins, originIndex, List.of(reach));
  }

  /** What summing one type's walks per origin needs of this configuration. */
  TypeReach.Scoring scoring(Origins origins, String type) {
    double[] levelMetres = standard.levels().stream().mapToDouble(CircleLevel::distanceMetres)
        .toArray();
    return new TypeReach.Scoring(levelMetres, decay, weights, HealthCheckResult.servedPopulation(
        origins, HealthCheckResult.servedFraction(this, origins, type)));
  }

  /**
   * Runs {@code body} for every index in {@code [0, n)}, in contiguous ranges on up to {@code
   * parallelism} threads created for the call (the calling thread takes the first range), and
   * returns when all are done. Each index runs exactly once; what it writes must be its own (an
   * array slot), so the outcome is the same for any thread count.
   *
   * @throws RuntimeException or Error what the first range that failed threw, as itself
   */
  static void split(int parallelism, int n, java.util.function.IntConsumer body) {
    int threads = Math.max(1, Math.min(parallelism, n));
    if (threads == 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads - 1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 1; k < threads; k++) {
        int from = (int) ((long) n * k / threads);
        int to = (int) ((long) n * (k + 1) / threads);
        futures.add(pool.submit(() -> {
          for (int i = from; i < to; i++) {
            body.accept(i);
          }
        }));
      }
      int to = (int) ((long) n / threads);
      for (int i = 0; i < to; i++) {
        body.accept(i);
      }
      for (Future<?> f : futures) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A task's result, or what it threw as itself: an {@link OutOfMemoryError} on a worker thread
   * must reach the caller as one (the CLI turns it into a message), not wrapped.
   */
  static <T> T await(Future<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("health check interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** Configures a {@link HealthCheck}. Not thread-safe. */
  public static final class Builder {
    private CircleStandard standard = CircleStandard.gb50180();
    private IndexWeights weights = IndexWeights.defaults();
    private FacilityTaxonomy taxonomy = FacilityTaxonomy.hangzhou();
    private Travel travel = StraightLine.defaults();
    private Decay decay = new Decay.Exponential(500);
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private double bottomShare = 0.10;
    private BoundaryOrigins boundaries;
    private StarRating rating = StarRating.defaults();

    private Builder() {}

    /**
     * Sets the five-star, three-colour rating (五星三色); default {@link StarRating#defaults()}.
     *
     * @param value the rating, not null
     * @return this builder
     * @since 0.2.0
     */
    public Builder rating(StarRating value) {
      this.rating = Objects.requireNonNull(value, "rating");
      return this;
    }

    /**
     * Sets community boundaries and how origins are placed inside them; by default every community
     * without estates starts at its centroid.
     *
     * @param value the boundaries and placement, not null
     * @return this builder
     * @since 0.2.0
     */
    public Builder origins(BoundaryOrigins value) {
      this.boundaries = Objects.requireNonNull(value, "origins");
      return this;
    }

    /** @param value the life-circle standard @return this builder */
    public Builder standard(CircleStandard value) {
      this.standard = Objects.requireNonNull(value, "standard");
      return this;
    }

    /** @param value the index weights @return this builder */
    public Builder weights(IndexWeights value) {
      this.weights = Objects.requireNonNull(value, "weights");
      return this;
    }

    /** @param value the taxonomy that gives each type its category @return this builder */
    public Builder taxonomy(FacilityTaxonomy value) {
      this.taxonomy = Objects.requireNonNull(value, "taxonomy");
      return this;
    }

    /** @param value straight line, a walk network or a travel-time matrix @return this builder */
    public Builder travel(Travel value) {
      this.travel = Objects.requireNonNull(value, "travel");
      return this;
    }

    /** @param value distance decay for gravity accessibility @return this builder */
    public Builder decay(Decay value) {
      this.decay = Objects.requireNonNull(value, "decay");
      return this;
    }

    /**
     * Sets how many threads a run may use.
     *
     * @param value 1 or more
     * @return this builder
     * @throws InvalidValueException if below 1
     */
    public Builder parallelism(int value) {
      InvalidValueException.check(value >= 1, "parallelism", value, "must be >= 1");
      this.parallelism = value;
      return this;
    }

    /**
     * Sets the share of communities flagged for gap filling.
     *
     * @param value between 0 and 1; default 0.10 (Hangzhou's bottom 10%)
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder bottomShare(double value) {
      InvalidValueException.check(value >= 0 && value <= 1, "bottomShare", value,
          "must be between 0 and 1");
      this.bottomShare = value;
      return this;
    }

    /**
     * Returns the configured health check.
     *
     * @return the health check
     * @throws InvalidValueException if the standard requires a type the taxonomy lacks, or a star
     *     of the rating names a category it lacks
     */
    public HealthCheck build() {
      return new HealthCheck(this);
    }
  }
}
