package dev.linli.scheduling.engine;

import dev.linli.scheduling.rule.RuleSet;
import java.util.Objects;

/**
 * A resource's rule set with its version: 1 for the rules the engine was built with, one more for
 * each {@link BookingEngine#updateRules}; 0 with {@link RuleSet#NONE} when a resource never had rules.
 *
 * @param rules the rules
 * @param version their version, {@code >= 0}
 */
record VersionedRules(RuleSet rules, int version) {
  static final VersionedRules NONE = new VersionedRules(RuleSet.NONE, 0);

  VersionedRules {
    Objects.requireNonNull(rules, "rules");
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0: " + version);
    }
  }
}
