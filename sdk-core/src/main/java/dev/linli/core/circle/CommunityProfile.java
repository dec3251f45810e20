package dev.linli.core.circle;

import dev.linli.core.Name;
import java.util.List;
import java.util.Map;

/**
 * One community's health-check profile (一社一画像): every measure, its index with the components that
 * make it up, where it ranks, and why it is flagged if it is in the bottom group.
 *
 * <p>Ranks start at 1 for the best index; ties are broken by community id, so rankings are stable.
 * {@code percentile} is 100 for the best community and 0 for the worst. {@code stars},
 * {@code starsEarned} and {@code colour} are the five-star, three-colour rating (五星三色) under the
 * health check's {@link StarRating}: stars earned by category thresholds, not ranks (before 0.2.0,
 * {@code stars} were percentile quintiles; {@link #quintile()} still gives those). Serialises to stable JSON (fields in this
 * order, maps sorted by key). Immutable and thread-safe.
 *
 * @param communityId the community
 * @param name its name
 * @param districtId its district
 * @param subdistrictId its subdistrict
 * @param population its residents
 * @param index composite index, 0–100
 * @param categoryScores score per facility category, 0–100
 * @param types measures per required facility type, in the standard's order
 * @param missing per circle level, the required types (at that level or a smaller one) that most
 *     residents cannot reach within it
 * @param rank rank in the city, 1 = best
 * @param districtRank rank within its district, 1 = best
 * @param percentile position in the city, 100 = best
 * @param stars stars earned under the {@link StarRating}, 0 to its number of stars
 * @param starsEarned codes of the stars earned, in the rating's order
 * @param colour code of the rating colour, such as {@code red}
 * @param bottom true if in the bottom group flagged for gap filling (补短板)
 * @param reasons for a bottom community, what is missing or too far; empty otherwise
 * @since 0.1.0
 */
public record CommunityProfile(
    String communityId,
    Name name,
    String districtId,
    String subdistrictId,
    int population,
    double index,
    Map<String, Double> categoryScores,
    List<TypeMeasure> types,
    Map<String, List<String>> missing,
    int rank,
    int districtRank,
    double percentile,
    int stars,
    List<String> starsEarned,
    String colour,
    boolean bottom,
    List<String> reasons) {
  /** Copies the collections. */
  public CommunityProfile {
    categoryScores = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(categoryScores));
    types = List.copyOf(types);
    missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
    reasons = List.copyOf(reasons);
    starsEarned = List.copyOf(starsEarned);
  }

  /**
   * Returns the percentile quintile: 1 for the lowest 20% of the city, 5 for the top 20%.
   *
   * @return 1 to 5
   * @since 0.2.0
   */
  public int quintile() {
    return Math.min(5, 1 + (int) (percentile / 20));
  }

  /**
   * Returns the measure of one type.
   *
   * @param typeCode a facility type required by the standard
   * @return the measure
   * @throws IllegalArgumentException if the standard does not require the type
   */
  public TypeMeasure type(String typeCode) {
    // A loop, not a stream: the gap list asks once per community and type (25,200 times for
    // 1,260 communities), and each stream was a pipeline of objects built for one lookup.
    for (TypeMeasure t : types) {
      if (t.typeCode().equals(typeCode)) {
        return t;
      }
    }
    throw new IllegalArgumentException("the standard does not score " + typeCode);
  }
}
