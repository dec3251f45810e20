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
 * @param plan the chosen sites in the order chosen, each with the residents it newly brings within
 *     the circle (the same shape as a coverage plan, for the same reports)
 * @param residentsUncoverable residents outside the circle that no candidate could bring within it
 * @param bottomResidentsUncovered residents of the bottom group outside the circle before
 * @param bottomResidentsCovered of those, residents the new sites bring within the circle
 * @param residentMetresBefore total resident-metres to the nearest existing facility
 * @param residentMetresAfter total resident-metres with the new sites
 * @param optimal whether the plan is proven optimal for its objective (by an exact search), not
 *     only the best a heuristic found
 * @since 0.1.0
 */
public record SitingOutcome(SitingObjective objective, SitingPlan plan,
    double residentsUncoverable, double bottomResidentsUncovered, double bottomResidentsCovered,
    double residentMetresBefore, double residentMetresAfter, boolean optimal) {
  /** Checks presence. */
  public SitingOutcome {
    java.util.Objects.requireNonNull(objective, "objective");
    java.util.Objects.requireNonNull(plan, "plan");
  }

  /**
   * An outcome not proven optimal, as before {@code optimal} was recorded.
   *
   * @param objective what was optimised
   * @param plan the chosen sites
   * @param residentsUncoverable residents no candidate could bring within the circle
   * @param bottomResidentsUncovered residents of the bottom group outside the circle before
   * @param bottomResidentsCovered of those, residents the new sites bring within the circle
   * @param residentMetresBefore total resident-metres to the nearest existing facility
   * @param residentMetresAfter total resident-metres with the new sites
   */
  public SitingOutcome(SitingObjective objective, SitingPlan plan, double residentsUncoverable,
      double bottomResidentsUncovered, double bottomResidentsCovered, double residentMetresBefore,
      double residentMetresAfter) {
    this(objective, plan, residentsUncoverable, bottomResidentsUncovered, bottomResidentsCovered,
        residentMetresBefore, residentMetresAfter, false);
  }

  /** @return the facility type */
  public String typeCode() {
    return plan.typeCode();
  }

  /** @return indexes of the chosen sites in the candidate list, in the order chosen */
  public List<Integer> candidates() {
    return plan.steps().stream().map(SitingPlan.Step::candidate).toList();
  }

  /** @return the chosen sites, in the order chosen */
  public List<GeoPoint> sites() {
    return plan.steps().stream().map(SitingPlan.Step::site).toList();
  }

  /** @return residents outside the type's circle before any new site */
  public double residentsUncovered() {
    return plan.residentsUncovered();
  }

  /** @return of those, residents the new sites bring within the circle */
  public double residentsCovered() {
    return plan.covered();
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
      return plan.steps().size();
    }
    return objective instanceof SitingObjective.GapFilling ? bottomResidentsCovered
        : plan.covered();
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
