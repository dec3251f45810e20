package dev.linli.scheduling.engine;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.rule.CentreQuota;
import dev.linli.scheduling.rule.RuleSet;
import java.util.Set;

/**
 * Checks the centre quotas of a resource's rules against the engine's resources, when an engine is
 * built and when its rules are replaced: a quota naming an unknown resource would count nothing
 * there, and one that leaves out its own resource would cap requests it does not count.
 */
final class CentreQuotas {
  private CentreQuotas() {}

  /**
   * Refuses centre quotas in {@code rules} that name a resource outside {@code known} or leave
   * out {@code resourceId}.
   *
   * @throws InvalidValueException naming the quota and the resource
   */
  static void check(String resourceId, RuleSet rules, Set<String> known) {
    for (CentreQuota q : rules.centreQuotas()) {
      String field = "rules." + resourceId + ".centre-quota." + q.name() + ".resources";
      for (String id : q.resources()) {
        InvalidValueException.check(known.contains(id), field, id,
            "names no resource given to the engine; resources are " + new java.util.TreeSet<>(known));
      }
      InvalidValueException.check(q.resources().contains(resourceId), field, q.resources(),
          "must include " + resourceId + ", the resource whose rules hold the quota");
    }
  }
}
