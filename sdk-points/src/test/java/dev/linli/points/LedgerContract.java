package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every ledger store must do, run against each of them: the ledger properties (invariants
 * after every random operation) and a seeded simulation whose every outcome, and whose final state
 * (transfers, accounts, balances, lots, pending holds, histories, statements), must equal the
 * reference in-memory ledger's ({@link MemoryLedgerStore}) for the same seed.
 */
abstract class LedgerContract {
  static final long SEED = 20261204L;

  /**
   * Opens the reference ledger every store is compared with: the plain in-memory store, each
   * transfer a record in maps and lists.
   */
  static Ledger reference(Ledger.Builder settings) {
    return settings.build(expiries -> new MemoryLedgerStore());
  }

  /** Opens an empty ledger with {@code settings} (clock, lot expiry) on the store under test. */
  abstract Ledger open(Ledger.Builder settings);

  /** How many random operations the simulation runs on this store. */
  abstract int simulationOperations();

  /** The jqwik property body each store's class runs with its own number of tries. */
  void everyStateKeepsTheInvariants(long seed, int members, int steps) {
    LedgerWorkload w = new LedgerWorkload(seed, members, this::open, false);
    for (int i = 0; i < steps; i++) {
      w.step();
      w.checkInvariants();
    }
    w.checkAsOf(20);
  }

  @Test
  void simulation_keepsEveryInvariant_andMatchesTheInMemoryLedger() {
    LedgerWorkload here = new LedgerWorkload(SEED, 40, this::open, true);
    LedgerWorkload reference = new LedgerWorkload(SEED, 40, LedgerContract::reference, true);
    int operations = simulationOperations();
    for (int done = 0; done < operations; done += 250) {
      for (int i = 0; i < 250; i++) {
        here.step();
        reference.step();
      }
      here.checkInvariants();
      reference.checkInvariants();
      assertSameTrace(reference.trace, here.trace);
    }
    here.checkAsOf(20);
    reference.checkAsOf(20);
    assertSameTrace(reference.trace, here.trace);
    assertSameState(reference.ledger, here.ledger);
  }

  private static void assertSameTrace(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "outcome " + i + " differs");
    }
    assertEquals(expected.size(), actual.size(), "number of outcomes");
  }

  /** Asserts that two ledgers hold the same books, read through every query. */
  static void assertSameState(Ledger expected, Ledger actual) {
    assertEquals(expected.transfers(), actual.transfers(), "transfers");
    assertEquals(expected.transferCount(), actual.transferCount(), "transfer count");
    assertEquals(expected.accounts(), actual.accounts(), "accounts");
    assertEquals(expected.sumOfBalances(), actual.sumOfBalances(), "sums");
    List<Transfer> all = expected.transfers();
    Instant middle = all.isEmpty() ? Instant.EPOCH : all.get(all.size() / 2).timestamp();
    for (Account a : expected.accounts()) {
      String id = a.id();
      assertEquals(expected.balance(id), actual.balance(id), id);
      assertEquals(expected.balanceAsOf(id, middle), actual.balanceAsOf(id, middle), id);
      assertEquals(expected.lots(id), actual.lots(id), id);
      assertEquals(expected.pendingHolds(id), actual.pendingHolds(id), id);
      assertEquals(expected.history(id, Instant.MIN, Instant.MAX),
          actual.history(id, Instant.MIN, Instant.MAX), id);
      assertEquals(expected.statement(id, middle, Instant.MAX),
          actual.statement(id, middle, Instant.MAX), id);
    }
  }
}
