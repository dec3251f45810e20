package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;
import java.util.List;
import java.util.Locale;

/**
 * What a siting plan optimises (spopt's names in brackets). Existing facilities of the type stay
 * where they are in every objective; new sites are chosen from a candidate list, and distances are
 * straight-line distance times the circuity factor, as in {@link Siting}.
 *
 * <ul>
 *   <li>{@link MaxCoverage} (MCLP): with {@code sites} new facilities, bring the most residents within
 *       the type's required circle.
 *   <li>{@link PMedian} (p-median): with {@code sites} new facilities, make the total walk of all
 *       residents to their nearest facility of the type (resident-metres) as small as possible.
 *   <li>{@link SetCover} (LSCP): the fewest new facilities that bring within the circle every resident
 *       that any candidate can reach.
 *   <li>{@link GapFilling}: with {@code sites} new facilities, first bring the most residents of the
 *       health check's bottom group (补短板) within the circle, then the most residents overall.
 * </ul>
 *
 * <p>Values are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface SitingObjective {
  /** Codes accepted by {@link #of}, in the order of the list above. */
  List<String> CODES = List.of("coverage", "p-median", "lscp", "gap-filling");

  /**
   * Returns the objective's code: {@code coverage}, {@code p-median}, {@code lscp} or
   * {@code gap-filling}.
   *
   * @return the code
   */
  String code();

  /**
   * Returns the objective named by a code.
   *
   * @param code one of {@link #CODES}, case-insensitive
   * @param sites the budget of new facilities; ignored by {@code lscp}
   * @return the objective
   * @throws InvalidValueException if the code is unknown or the budget negative
   */
  static SitingObjective of(String code, int sites) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    return switch (c) {
      case "coverage" -> new MaxCoverage(sites);
      case "p-median" -> new PMedian(sites);
      case "lscp" -> new SetCover();
      case "gap-filling" -> new GapFilling(sites);
      default -> throw new InvalidValueException("objective", code, "must be one of " + CODES);
    };
  }

  /**
   * Most residents within the circle with {@code sites} new facilities (maximal covering location).
   *
   * @param sites the budget, {@code >= 0}
   */
  record MaxCoverage(int sites) implements SitingObjective {
    /** @throws InvalidValueException if the budget is negative */
    public MaxCoverage {
      checkSites(sites);
    }

    @Override
    public String code() {
      return "coverage";
    }
  }

  /**
   * Least total resident-metres to the nearest facility with {@code sites} new facilities.
   *
   * @param sites the budget, {@code >= 0}
   */
  record PMedian(int sites) implements SitingObjective {
    /** @throws InvalidValueException if the budget is negative */
    public PMedian {
      checkSites(sites);
    }

    @Override
    public String code() {
      return "p-median";
    }
  }

  /** Fewest new facilities covering every resident a candidate can cover (set covering). */
  record SetCover() implements SitingObjective {
    @Override
    public String code() {
      return "lscp";
    }
  }

  /**
   * The bottom group's residents first, then everyone's, with {@code sites} new facilities.
   *
   * @param sites the budget, {@code >= 0}
   */
  record GapFilling(int sites) implements SitingObjective {
    /** @throws InvalidValueException if the budget is negative */
    public GapFilling {
      checkSites(sites);
    }

    @Override
    public String code() {
      return "gap-filling";
    }
  }

  private static void checkSites(int sites) {
    InvalidValueException.check(sites >= 0, "sites", sites, "must be >= 0");
  }
}
