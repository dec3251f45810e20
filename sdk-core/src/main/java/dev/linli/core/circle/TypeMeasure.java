package dev.linli.core.circle;

import java.util.List;

/**
 * What one community reaches of one facility type. Population-weighted over the community's homes
 * (its estates when they have locations and head counts, else its centroid). Distances are walking
 * metres under the health check's {@link Travel}; searches stop at the standard's largest circle.
 *
 * @param typeCode the facility type
 * @param requiredLevel code of the circle level at which the standard requires the type
 * @param nearestMetres walking distance to the nearest facility, or null if some homes have none
 *     within the largest circle
 * @param nearestMinutes the same in minutes at the standard's walking speed, or null
 * @param coverage per circle level, the share of residents with a facility within it, in [0, 1]
 * @param counts per circle level, the mean number of facilities within it (cumulative opportunities)
 * @param gravity sum over reachable facilities of capacity (1 if unknown) times distance decay
 * @param e2sfcaPer1000 enhanced two-step floating catchment accessibility: capacity available per
 *     1,000 residents of the served ages after sharing each facility among the residents of those
 *     ages in its catchment
 * @param score the type's index component in [0, 1]: coverage at the required level plus partial
 *     credit for residents who reach it only farther out
 * @param servedResidents residents of the ages the type serves ({@link CircleStandard#served}),
 *     fractional where an age band is served in part
 * @param servedWithoutAccess of those, how many live beyond the required circle:
 *     {@code servedResidents × (1 − coverage at the required level)}
 * @since 0.1.0
 */
public record TypeMeasure(
    String typeCode,
    String requiredLevel,
    Double nearestMetres,
    Double nearestMinutes,
    List<Double> coverage,
    List<Double> counts,
    double gravity,
    double e2sfcaPer1000,
    double score,
    double servedResidents,
    double servedWithoutAccess) {
  /** Copies the lists. */
  public TypeMeasure {
    coverage = List.copyOf(coverage);
    counts = List.copyOf(counts);
  }
}
