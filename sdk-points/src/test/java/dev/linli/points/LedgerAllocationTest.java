package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the compact store allocates per transfer in linked batches, every part on the calling
 * thread ({@code batchIndexThread(false)}), measured by the JVM's per-thread allocation counter.
 * It keeps about 57 bytes a transfer; the rest is garbage for the collector and, on a machine
 * whose first touch of memory is slow, heap to grow into. Measured here 76 bytes; the bound
 * catches the copies this store once made to fit (99.6 bytes with the first, 82.2 with the
 * second): each id page's arena allocated at 8 bytes an id, then doubled and trimmed for ids of
 * ten characters, and members' first history chunks grown by half instead of doubled (copying
 * twice what they keep; 1,000 members fill theirs here, as 10,000 do in a few million transfers).
 */
class LedgerAllocationTest {
  private static final int MEMBERS = 1_000;
  private static final int BATCH = 8_190;

  @Test
  void linkedBatchesOfTenCharacterIds_allocateUnder80BytesATransfer() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Ledger ledger = Ledger.builder().clock(MutableClock.at("2026-03-01T00:00:00Z"))
        .batchIndexThread(false).build();
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    String[] members = new String[MEMBERS];
    for (int i = 0; i < MEMBERS; i++) {
      members[i] = "m" + i;
      ledger.createAccount(Account.member(members[i], "points"));
    }
    int batches = 160;
    long allocated = 0;
    for (int b = 0; b < batches; b++) {
      List<TransferRequest> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        int n = b * BATCH + i;
        batch.add(TransferRequest.of("t" + (100_000_000 + n), "pool", members[n % MEMBERS], 10,
            "gift"));
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      List<TransferResult> results = ledger.submitLinked(batch);
      allocated += threads.getCurrentThreadAllocatedBytes() - before;
      assertEquals(TransferResult.OK, results.get(BATCH - 1));
    }
    double perTransfer = allocated / (double) (batches * BATCH);
    assertTrue(perTransfer < 80, "allocated " + perTransfer + " bytes a transfer");
  }
}
