package dev.linli.points;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants over random operation sequences (transfers, linked batches and their replays, holds,
 * posts, voids, reversals, clock moves and expiry sweeps), checked after every operation: balances
 * sum to zero, no account goes below its floor, lots hold exactly the unspent points (so expiry never
 * takes a spent point), a hold resolves at most once, a replayed batch changes nothing, and the
 * as-of balance equals replaying history to that instant.
 */
class LedgerProperties {
  @Property(tries = 200)
  void everyStateKeepsTheInvariants(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int members,
      @ForAll @IntRange(min = 50, max = 300) int steps) {
    LedgerWorkload w = new LedgerWorkload(seed, members);
    for (int i = 0; i < steps; i++) {
      w.step();
      w.checkInvariants();
    }
    w.checkAsOf(20);
    // The invariants must meet expiry sweeps that take something, in most runs.
    boolean expired = w.ledger.transfers().stream().anyMatch(t -> t.code().equals("expiry"));
    Statistics.label("lots expired").collect(expired);
    Statistics.label("lots expired").coverage(c -> c.check(true).percentage(p -> p >= 60));
  }
}
