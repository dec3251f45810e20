package dev.linli.core.circle;

import dev.linli.core.geo.GeoPoint;
import java.util.List;

/**
 * Where to build new facilities of one type, and how many residents each one newly brings within
 * the type's required circle (补短板 siting). Immutable and thread-safe.
 *
 * @param typeCode the facility type
 * @param radiusMetres the walking distance a new facility serves (its required circle)
 * @param residentsUncovered residents without the type within the circle before any new facility
 * @param steps the chosen sites in the order chosen, with their gains
 * @since 0.1.0
 */
public record SitingPlan(String typeCode, double radiusMetres, double residentsUncovered,
    List<SitingPlan.Step> steps) {
  /**
   * One chosen site.
   *
   * @param candidate index of the site in the candidate list
   * @param site where it is
   * @param newlyCovered residents it brings within the circle, beyond the earlier steps
   * @param totalCovered residents brought within the circle by this and the earlier steps
   */
  public record Step(int candidate, GeoPoint site, double newlyCovered, double totalCovered) {}

  /** Copies the list. */
  public SitingPlan {
    steps = List.copyOf(steps);
  }

  /**
   * Returns the residents newly covered by all steps.
   *
   * @return the total gain
   */
  public double covered() {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).totalCovered();
  }
}
