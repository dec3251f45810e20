package dev.linli.points;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The ledger contract on the compact store, the default of {@code Ledger.builder().build()}: the
 * same properties, and the simulation's every outcome and final state equal to the reference
 * in-memory store's.
 */
class CompactLedgerContractTest extends LedgerContract {
  @Override
  Ledger open(Ledger.Builder settings) {
    return settings.build();
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
