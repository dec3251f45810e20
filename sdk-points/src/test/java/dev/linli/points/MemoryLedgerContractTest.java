package dev.linli.points;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The ledger contract on the plain in-memory store (the reference the other stores are compared
 * with, so its simulation checks that two ledgers on it agree).
 */
class MemoryLedgerContractTest extends LedgerContract {
  @Override
  Ledger open(Ledger.Builder settings) {
    return reference(settings);
  }

  @Override
  int simulationOperations() {
    return 20_000;
  }

  @Property(tries = 50)
  void everyStateKeepsTheInvariants(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int members,
      @ForAll @IntRange(min = 1, max = 300) int steps) {
    super.everyStateKeepsTheInvariants(seed, members, steps);
  }
}
