package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.LedgerState;
import dev.linli.points.internal.TransferColumns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compact store's columns as a snapshot takes them ({@code export(ledger, true)}) and restores
 * them: the same ledger back, the pages shared not copied, and inconsistent columns refused.
 */
class CompactColumnsTest {
  private static Ledger ledger(MutableClock clock) {
    Ledger l = Ledger.builder().clock(clock).build();
    l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    l.createAccount(Account.member("m1", "points"));
    l.createAccount(Account.member("m2", "points"));
    for (int i = 0; i < 40_000; i++) {
      assertEquals(TransferResult.OK, l.submit(TransferRequest.of("t" + i, "pool",
          i % 2 == 0 ? "m1" : "m2", 1 + i % 7, i % 3 == 0 ? "earn" : "care")));
      if (i % 1000 == 0) {
        clock.advance(Duration.ofMinutes(1));
      }
    }
    Transfer t = l.find("t5").orElseThrow();
    assertEquals(TransferResult.OK, l.submit(TransferRequest.reversal("r5", t, 2)));
    return l;
  }

  private static Ledger fresh(MutableClock clock) {
    return Ledger.builder().clock(clock).build();
  }

  @Test
  void exportedColumns_restoreTheSameLedger() {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    Ledger original = ledger(clock);
    LedgerState state = LedgerAccess.get().export(original, true);
    TransferColumns c = state.columns();
    assertEquals(40_001, c.count());
    assertTrue(state.transfers().isEmpty());
    Ledger copy = fresh(clock);
    LedgerAccess.get().restore(copy, state);
    assertEquals(original.transfers(), copy.transfers());
    for (String id : List.of("pool", "m1", "m2")) {
      assertEquals(original.balance(id), copy.balance(id));
      assertEquals(original.history(id, clock.instant().minus(Duration.ofDays(1)),
          clock.instant().plusSeconds(1)), copy.history(id,
          clock.instant().minus(Duration.ofDays(1)), clock.instant().plusSeconds(1)));
    }
    assertEquals(2, copy.reversedAmount("t5"));
    assertEquals(TransferResult.EXISTS, copy.submit(TransferRequest.of("t39999", "pool", "m2",
        1 + 39_999 % 7, "earn")), "the rebuilt id index finds every id");
    assertEquals(TransferResult.OK, copy.submit(TransferRequest.of("t40000", "pool", "m2", 1,
        "earn")));
    // Later writes to the original leave the exported slots alone.
    int[] firstPage = c.debit()[0];
    assertEquals(TransferResult.OK, original.submit(TransferRequest.of("x", "pool", "m1", 1,
        "earn")));
    TransferColumns again = LedgerAccess.get().export(original, true).columns();
    assertSame(firstPage, again.debit()[0], "full pages are shared, not copied");
    assertNotSame(c.debit(), again.debit(), "the outer arrays are copies");
    assertEquals(40_002, again.count());
    assertEquals(40_001, c.count());
  }

  @Test
  void anAccountNumberOutOfRange_isRefused() {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    LedgerState state = LedgerAccess.get().export(ledger(clock), true);
    state.columns().credit()[1][5] = 99;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LedgerAccess.get().restore(fresh(clock), state));
    assertTrue(e.getMessage().contains("transfer slot " + ((1 << TransferColumns.PAGE_BITS) + 5)
        + ": accounts"), e.getMessage());
  }

  @Test
  void anIdThatComesTwice_isRefused() {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    LedgerState state = LedgerAccess.get().export(ledger(clock), true);
    // Ids "t1" and "t2" are slots 1 and 2 of the first page, bytes 2..3 and 4..5: make "t2" "t1".
    state.columns().idBytes()[0][5] = '1';
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LedgerAccess.get().restore(fresh(clock), state));
    assertTrue(e.getMessage().contains("ids 1 and 2 are the same"), e.getMessage());
  }

  @Test
  void columnsIntoAStoreOfObjects_areRefused() {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    LedgerState state = LedgerAccess.get().export(ledger(clock), true);
    Ledger objects = LedgerContract.reference(Ledger.builder().clock(clock));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LedgerAccess.get().restore(objects, state));
    assertTrue(e.getMessage().contains("restores only into the compact store"), e.getMessage());
  }
}
