package dev.linli.core.circle;

import dev.linli.core.geo.GeoPoint;
import java.util.List;

/**
 * A siting plan under a {@link SitingObjective}, with what it achieves on every objective's measure
 * so that plans for different objectives can be compared side by side. Immutable and thread-safe.
 *
 * <p>Residents "uncovered" live outside the type's required circle of every existing facility
 * (as the health check measured it); "covered" ones of them are brought within the circle by the
 * new sites (straight line times circuity). Resident-metres sum, over every resident of the city,
 * the distance to the nearest facility of the type, existing or new; it is infinite while some
 * residents have no facility of the type at all.
 *
 * @param objective what was optimised
 * @param typeCode the facility type
 * @param radiusMetres the type's required circle, in walking metres
 * @param candidates indexes of the chosen sites in the candidate list, in the order chosen
 * @param sites the chosen sites, in the same order
 * @param residentsUncovered residents outside the circle before any new site
 * @param residentsCovered of those, residents the new sites bring within the circle
 * @param residentsUncoverable of those, residents that no candidate could bring within the circle
 * @param bottomResidentsUncovered residents of the bottom group outside the circle before
 * @param bottomResidentsCovered of those, residents the new sites bring within the circle
 * @param residentMetresBefore total resident-metres to the nearest existing facility
 * @param residentMetresAfter total resident-metres with the new sites
 * @since 0.1.0
 */
public record SitingOutcome(SitingObjective objective, String typeCode, double radiusMetres,
    List<Integer> candidates, List<GeoPoint> sites, double residentsUncovered,
    double residentsCovered, double residentsUncoverable, double bottomResidentsUncovered,
    double bottomResidentsCovered, double residentMetresBefore, double residentMetresAfter) {
  /** Copies the lists. */
  public SitingOutcome {
    candidates = List.copyOf(candidates);
    sites = List.copyOf(sites);
  }

  /**
   * Returns the value the objective optimises: residents covered ({@code coverage}),
   * resident-metres after ({@code p-median}), the number of sites ({@code lscp}), or bottom-group
   * residents covered ({@code gap-filling}).
   *
   * @return the objective's value for this plan
   */
  public double value() {
    if (objective instanceof SitingObjective.PMedian) {
      return residentMetresAfter;
    }
    if (objective instanceof SitingObjective.SetCover) {
      return sites.size();
    }
    return objective instanceof SitingObjective.GapFilling ? bottomResidentsCovered
        : residentsCovered;
  }

  /**
   * Returns this plan's value divided by another plan's (usually the optimum's) for the same
   * objective: at most 1 for the maximised objectives (coverage, gap-filling), at least 1 for the
   * minimised ones (p-median, lscp); 1 when both are 0.
   *
   * @param optimum a plan for the same objective and instance, not null
   * @return the ratio
   */
  public double ratioTo(SitingOutcome optimum) {
    double mine = value();
    double best = optimum.value();
    if (mine == best) {
      return 1;
    }
    return mine / best;
  }
}
