package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A seeded simulation of a million random operations, with every invariant checked per batch. */
class LedgerSimulationTest {
  @Test
  void aMillionOperations_keepEveryInvariant() {
    LedgerWorkload w = new LedgerWorkload(20261124L, 200);
    for (int batch = 0; batch < 1_000; batch++) {
      for (int i = 0; i < 1_000; i++) {
        w.step();
      }
      w.checkInvariants();
      if (batch % 100 == 99) {
        w.checkAsOf(5);
      }
    }
    assertEquals(1_000_000, w.operations);
  }
}
