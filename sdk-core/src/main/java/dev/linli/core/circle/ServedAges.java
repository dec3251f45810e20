package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import dev.linli.core.place.AgeBand;
import dev.linli.core.place.Population;

/**
 * The ages a facility type serves, in whole years, both ends included: a kindergarten (幼儿园) serves
 * 3–6, an infant-care station (托育) 0–3, an elderly-care centre 60 and over ({@code maxAge} null).
 *
 * <p>Residents are counted in {@link AgeBand}s, which do not line up with every range, so a band that
 * a range covers in part counts in proportion to the years it covers, as if ages were spread evenly
 * across the band: ages 3–6 take 1 of the 4 years of {@link AgeBand#AGE_0_3} and 3 of the 14 years of
 * {@link AgeBand#AGE_4_17}. The open top band counts as 80–99 (20 years) when a range covers part of
 * it. A range covering whole bands counts them exactly. Immutable and thread-safe.
 *
 * @param minAge youngest age served, {@code >= 0}
 * @param maxAge oldest age served, {@code >= minAge}, or null for no upper limit
 * @since 0.2.0
 */
public record ServedAges(int minAge, Integer maxAge) {
  /** Everyone: ages 0 and over. */
  public static final ServedAges EVERYONE = new ServedAges(0, null);

  /** The width assumed for the open top band where a range covers part of it: 80–99. */
  private static final int TOP_BAND_YEARS = 20;
  /** The bands once: {@code values()} copies the array on every call, once per community here. */
  private static final AgeBand[] BANDS = AgeBand.values();

  /**
   * Validates the range.
   *
   * @throws InvalidValueException if an end is negative or the range is empty
   */
  public ServedAges {
    InvalidValueException.check(minAge >= 0, "minAge", minAge, "must be an age in years >= 0");
    InvalidValueException.check(maxAge == null || maxAge >= minAge, "maxAge", maxAge,
        "must be >= minAge (" + minAge + "), or left out for no upper limit");
  }

  /**
   * Returns whether every age is served.
   *
   * @return true for ages 0 and over
   */
  public boolean everyone() {
    return minAge == 0 && maxAge == null;
  }

  /**
   * Returns the number of residents of the served ages in a population.
   *
   * @param population head counts by band, not null
   * @return people, fractional where a band is covered in part; {@code population.total()} for
   *     {@link #EVERYONE}
   */
  public double people(Population population) {
    if (everyone()) {
      return population.total();
    }
    double out = 0;
    for (AgeBand band : BANDS) {
      int count = population.count(band);
      if (count == 0) {
        continue;
      }
      long top = maxAge == null ? Long.MAX_VALUE : maxAge;
      long lo = Math.max(band.minAge(), minAge);
      long hi = Math.min(band.maxAge(), top);
      if (lo > hi) {
        continue;
      }
      if (lo == band.minAge() && hi == band.maxAge()) {
        out += count;
        continue;
      }
      long width = band.maxAge() == Integer.MAX_VALUE ? TOP_BAND_YEARS
          : band.maxAge() - band.minAge() + 1L;
      long bandTop = band.minAge() + width - 1;
      long covered = Math.max(0, Math.min(hi, bandTop) - lo + 1);
      out += count * (double) covered / width;
    }
    return out;
  }

  @Override
  public String toString() {
    return maxAge == null ? minAge + "+" : minAge + "-" + maxAge;
  }
}
