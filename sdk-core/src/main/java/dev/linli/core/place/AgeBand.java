package dev.linli.core.place;

/**
 * The age bands in which Linli counts residents, chosen for the services each band uses: infant care
 * (托育) for 0–3, schools and children's spaces for 4–17, working adults 18–59, the active elderly
 * 60–79 (canteens, activities) and the oldest old 80+ (day care, home visits).
 *
 * <p>Bands are closed ranges of whole years of age and cover every age exactly once.
 *
 * @since 0.1.0
 */
public enum AgeBand {
  /** Ages 0 to 3. */
  AGE_0_3(0, 3),
  /** Ages 4 to 17. */
  AGE_4_17(4, 17),
  /** Ages 18 to 59. */
  AGE_18_59(18, 59),
  /** Ages 60 to 79. */
  AGE_60_79(60, 79),
  /** Ages 80 and over. */
  AGE_80_PLUS(80, Integer.MAX_VALUE);

  private final int minAge;
  private final int maxAge;

  AgeBand(int minAge, int maxAge) {
    this.minAge = minAge;
    this.maxAge = maxAge;
  }

  /**
   * Returns the band that contains {@code age}.
   *
   * @param age age in whole years, {@code >= 0}
   * @return the band
   * @throws dev.linli.core.InvalidValueException if {@code age} is negative
   */
  public static AgeBand ofAge(int age) {
    dev.linli.core.InvalidValueException.check(age >= 0, "age", age, "must be >= 0");
    for (AgeBand band : values()) {
      if (age <= band.maxAge) {
        return band;
      }
    }
    throw new AssertionError("bands cover every age");
  }

  /**
   * Returns the youngest age in the band.
   *
   * @return the minimum age in years
   */
  public int minAge() {
    return minAge;
  }

  /**
   * Returns the oldest age in the band, {@link Integer#MAX_VALUE} for the open top band.
   *
   * @return the maximum age in years
   */
  public int maxAge() {
    return maxAge;
  }

  /**
   * Returns whether the band is part of the elderly population (60 and over).
   *
   * @return true for {@link #AGE_60_79} and {@link #AGE_80_PLUS}
   */
  public boolean isElderly() {
    return minAge >= 60;
  }
}
