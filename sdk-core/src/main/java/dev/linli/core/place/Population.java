package dev.linli.core.place;

import dev.linli.core.InvalidValueException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A head count of residents by {@link AgeBand}.
 *
 * <p>Counts are whole people, never negative; the total must fit in an {@code int}. Immutable and
 * thread-safe.
 *
 * @param age0to3 residents aged 0–3
 * @param age4to17 residents aged 4–17
 * @param age18to59 residents aged 18–59
 * @param age60to79 residents aged 60–79
 * @param age80plus residents aged 80 and over
 * @since 0.1.0
 */
public record Population(int age0to3, int age4to17, int age18to59, int age60to79, int age80plus) {
  /** A population of nobody, for places where no one lives or the count is not known yet. */
  public static final Population EMPTY = new Population(0, 0, 0, 0, 0);

  /**
   * Validates the counts.
   *
   * @throws InvalidValueException if a count is negative or the total overflows
   */
  public Population {
    check("age0to3", age0to3);
    check("age4to17", age4to17);
    check("age18to59", age18to59);
    check("age60to79", age60to79);
    check("age80plus", age80plus);
    long total = (long) age0to3 + age4to17 + age18to59 + age60to79 + age80plus;
    InvalidValueException.check(total <= Integer.MAX_VALUE, "population", total,
        "total must be at most " + Integer.MAX_VALUE);
  }

  private static void check(String field, int count) {
    InvalidValueException.check(count >= 0, field, count, "must be >= 0");
  }

  /**
   * Returns the population with the given count in each band.
   *
   * @param counts count per band; missing bands count zero
   * @return the population
   */
  public static Population of(Map<AgeBand, Integer> counts) {
    return new Population(counts.getOrDefault(AgeBand.AGE_0_3, 0),
        counts.getOrDefault(AgeBand.AGE_4_17, 0), counts.getOrDefault(AgeBand.AGE_18_59, 0),
        counts.getOrDefault(AgeBand.AGE_60_79, 0), counts.getOrDefault(AgeBand.AGE_80_PLUS, 0));
  }

  /**
   * Returns the count in {@code band}.
   *
   * @param band the band, not null
   * @return the number of residents in it
   */
  public int count(AgeBand band) {
    return switch (band) {
      case AGE_0_3 -> age0to3;
      case AGE_4_17 -> age4to17;
      case AGE_18_59 -> age18to59;
      case AGE_60_79 -> age60to79;
      case AGE_80_PLUS -> age80plus;
    };
  }

  /**
   * Returns the counts as a map in band order.
   *
   * @return a new map from every band to its count
   */
  public Map<AgeBand, Integer> asMap() {
    Map<AgeBand, Integer> map = new EnumMap<>(AgeBand.class);
    for (AgeBand band : AgeBand.values()) {
      map.put(band, count(band));
    }
    return map;
  }

  /**
   * Returns the total number of residents.
   *
   * @return the sum over all bands
   */
  public int total() {
    return age0to3 + age4to17 + age18to59 + age60to79 + age80plus;
  }

  /**
   * Returns the number of residents aged 60 and over.
   *
   * @return the elderly head count
   */
  public int elderly() {
    return age60to79 + age80plus;
  }

  /**
   * Returns this population plus {@code other}, band by band.
   *
   * @param other the population to add, not null
   * @return the sum
   * @throws InvalidValueException if the total overflows
   */
  public Population plus(Population other) {
    return new Population(Math.addExact(age0to3, other.age0to3),
        Math.addExact(age4to17, other.age4to17), Math.addExact(age18to59, other.age18to59),
        Math.addExact(age60to79, other.age60to79), Math.addExact(age80plus, other.age80plus));
  }
}
