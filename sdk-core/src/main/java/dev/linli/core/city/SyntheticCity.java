package dev.linli.core.city;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.FacilityTaxonomy;

/**
 * Generates a synthetic city at Hangzhou's scale for tests, demos, benchmarks and teaching: by default
 * 1,260 communities in 13 districts and about 190 subdistricts, and 35,000 facilities of the 20 key
 * types of the {@link FacilityTaxonomy#hangzhou() Hangzhou taxonomy}.
 *
 * <p>The city looks like a real one where it matters for service-circle analysis: a dense, older
 * core (上城, 拱墅, 西湖) with small, crowded communities and many elderly residents; younger new
 * towns; a sparse rural periphery (淳安, 建德); facilities clustered where people live, in proportion to
 * the age group each type serves; and about one community in ten clearly under-served, with whole
 * facility types missing. District names and rough centres are Hangzhou's; everything else (subdistrict
 * and community names, positions, populations, facilities) is invented and marked approximate.
 *
 * <p>The same settings give the same city, value for value, so files written from it are identical
 * byte for byte on every machine. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * City city = SyntheticCity.builder().seed(42).communities(1260).facilities(35_000).build().generate();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SyntheticCity {
  /** Hangzhou's number of communities in the 2023 health check. */
  public static final int HANGZHOU_COMMUNITIES = 1260;
  /** Hangzhou's number of facility records in the 2023 health check. */
  public static final int HANGZHOU_FACILITIES = 35_000;
  /** Most communities a synthetic city may have. */
  public static final int MAX_COMMUNITIES = 100_000;
  /** Most facilities a synthetic city may have. */
  public static final int MAX_FACILITIES = 5_000_000;

  private final long seed;
  private final int communities;
  private final int facilities;
  private final double underServedShare;

  private SyntheticCity(Builder b) {
    this.seed = b.seed;
    this.communities = b.communities;
    this.facilities = b.facilities;
    this.underServedShare = b.underServedShare;
  }

  /**
   * Returns a builder with Hangzhou's defaults and seed 0.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates the city: districts, subdistricts, communities and facilities.
   *
   * @return the city; the same for the same settings
   */
  public City generate() {
    return new SyntheticCityGenerator(seed, communities, facilities, underServedShare).generate();
  }

  /** Configures a {@link SyntheticCity}. Not thread-safe. */
  public static final class Builder {
    private long seed;
    private int communities = HANGZHOU_COMMUNITIES;
    private int facilities = HANGZHOU_FACILITIES;
    private double underServedShare = 0.10;

    private Builder() {}

    /**
     * Sets the random seed.
     *
     * @param value any number
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the number of communities.
     *
     * @param value 1 to {@link #MAX_COMMUNITIES}
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder communities(int value) {
      InvalidValueException.check(value >= 1 && value <= MAX_COMMUNITIES, "communities", value,
          "must be between 1 and " + MAX_COMMUNITIES);
      this.communities = value;
      return this;
    }

    /**
     * Sets the exact number of facilities.
     *
     * @param value 0 to {@link #MAX_FACILITIES}
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder facilities(int value) {
      InvalidValueException.check(value >= 0 && value <= MAX_FACILITIES, "facilities", value,
          "must be between 0 and " + MAX_FACILITIES);
      this.facilities = value;
      return this;
    }

    /**
     * Sets the share of communities that are clearly under-served.
     *
     * @param value between 0 and 1; default 0.10
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder underServedShare(double value) {
      InvalidValueException.check(value >= 0 && value <= 1, "underServedShare", value,
          "must be between 0 and 1");
      this.underServedShare = value;
      return this;
    }

    /**
     * Returns the configured generator.
     *
     * @return the generator
     */
    public SyntheticCity build() {
      return new SyntheticCity(this);
    }
  }
}
