package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.journal.testing.CapturedLog;
import dev.linli.points.Account;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes (the write stops at a byte and every later write fails, as a killed process or a full
 * disk leaves a journal) at every record boundary and inside records; after reopening with a
 * healthy disk, every acknowledged transfer is present exactly once and no linked batch is
 * partially present.
 */
class JournalCrashTest {
  private static final int STEPS = 120;
  private static final long SEED = 2026;
  /** Short enough that the run's simulated weeks expire lots, several per sweep. */
  private static final Period LIFETIME = Period.ofDays(3);
  /** Sweeps of the reference run; the same seed makes the same sweeps before any crash. */
  private List<List<String>> referenceSweeps = List.of();

  @TempDir Path root;

  /** Runs the seeded workload until the journal fails; returns it with what was acknowledged. */
  private static JournalWorkload run(Path dir, FaultyChannel.Budget budget, List<Long> boundaries,
      Durability durability) {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(SEED, clock);
    DurableLedger d;
    try {
      d = DurableLedger.open(dir, JournalWorkload.options(clock, LIFETIME)
          .durability(durability).opener(budget.opener()).build());
    } catch (JournalFailedException e) {
      return w;
    }
    try {
      w.setUp(d.ledger(), 6);
      record(budget, boundaries);
      for (int i = 0; i < STEPS; i++) {
        w.step(d.ledger());
        record(budget, boundaries);
      }
    } catch (JournalFailedException e) {
      assertTrue(e.getMessage().contains("No space left") || e.getMessage().contains("fsync"),
          e.getMessage());
      assertThrows(JournalFailedException.class, () -> d.ledger().balance("pool"),
          "a failed ledger refuses every call");
    } finally {
      d.close();
    }
    return w;
  }

  private static void record(FaultyChannel.Budget budget, List<Long> boundaries) {
    if (boundaries != null) {
      boundaries.add(budget.written.get());
    }
  }

  private void checkRecovered(Path dir, JournalWorkload w, String what) {
    try (DurableLedger d = DurableLedger.open(dir,
        Ledger.builder().clock(MutableClock.at("2026-03-01T00:00:00Z")))) {
      Ledger l = d.ledger();
      Map<String, Integer> seen = new HashMap<>();
      for (Transfer t : l.transfers()) {
        seen.merge(t.id(), 1, Integer::sum);
      }
      for (String id : w.acknowledged) {
        assertEquals(1, seen.getOrDefault(id, 0), what + ": acknowledged " + id);
      }
      for (int count : seen.values()) {
        assertEquals(1, count, what);
      }
      for (List<String> batch : w.batches) {
        long present = batch.stream().filter(seen::containsKey).count();
        assertTrue(present == 0 || present == batch.size(), what + ": batch " + batch
            + " is partially present");
      }
      for (List<String> sweep : referenceSweeps) {
        long present = sweep.stream().filter(seen::containsKey).count();
        assertTrue(present == 0 || present == sweep.size(), what + ": lot-expiry sweep " + sweep
            + " is partially present");
      }
      assertEquals(Map.of("points", 0L), l.sumOfBalances(), what);
      for (Account a : l.accounts()) {
        assertTrue(l.balance(a.id()).available() >= -a.overdraftLimit(), what);
      }
    }
    assertTrue(JournalVerifier.verify(dir).intact(), what);
  }

  @Test
  void crashAtEveryRecordBoundaryAndInsideRecords_acknowledgedSurviveExactlyOnce()
      throws IOException {
    List<Long> boundaries = new ArrayList<>();
    JournalWorkload reference = run(root.resolve("reference"), new FaultyChannel.Budget(
        Long.MAX_VALUE), boundaries, Durability.NONE);
    assertTrue(reference.acknowledged.size() > 40, "the workload does enough");
    referenceSweeps = reference.sweeps;
    assertTrue(reference.sweeps.stream().filter(x -> x.size() >= 2).count() >= 2,
        "sweeps that expire several lots at once: " + reference.sweeps);
    TreeSet<Long> cuts = new TreeSet<>();
    long previous = 0;
    for (long b : boundaries) {
      if (b > previous) {
        cuts.add(b);
        cuts.add(previous + 1);
        cuts.add(previous + 13);
        cuts.add((previous + b) / 2);
        cuts.add(b - 1);
      }
      previous = b;
    }
    cuts.add(10L);
    int n = 0;
    for (long cut : cuts) {
      Path dir = root.resolve("cut" + cut);
      JournalWorkload w = run(dir, new FaultyChannel.Budget(cut), null, Durability.NONE);
      if (!Files.exists(dir.resolve(Segments.fileName(0)))) {
        // The crash came before the journal's first segment existed: there is nothing to keep.
        assertTrue(w.acknowledged.isEmpty());
        continue;
      }
      checkRecovered(dir, w, "cut at byte " + cut);
      n++;
    }
    assertTrue(n > 100, "crashed at " + n + " offsets");
  }

  @Test
  void diskFullMidRun_refusesFurtherCalls_recoversConsistently() {
    Path dir = root.resolve("full");
    FaultyChannel.Budget budget = new FaultyChannel.Budget(2_500);
    JournalWorkload w = run(dir, budget, null, Durability.FSYNC_EVERY_BATCH);
    assertTrue(budget.bytesLeft.get() <= 0, "the disk filled up");
    checkRecovered(dir, w, "disk full");
  }

  @Test
  void fsyncFails_refusesFurtherCalls_recoversConsistently() {
    Path dir = root.resolve("fsync");
    FaultyChannel.Budget budget = new FaultyChannel.Budget(Long.MAX_VALUE);
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(SEED, clock);
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .durability(Durability.FSYNC_EVERY_BATCH).opener(budget.opener()).build())) {
      w.setUp(d.ledger(), 4);
      budget.failForce = true;
      JournalFailedException e = assertThrows(JournalFailedException.class,
          () -> d.ledger().submit(TransferRequest.of("late", "pool", "m1", 5, "gift")));
      assertTrue(e.getMessage().contains("fsync"), e.getMessage());
      assertEquals("journal-failed", e.code());
      assertThrows(JournalFailedException.class, () -> d.ledger().transfers());
    }
    assertFalse(CapturedLog.containing("Journal in " + dir + " failed: writing or forcing records")
        .isEmpty(), "the group commit's failure is logged");
    checkRecovered(dir, w, "fsync failure");
  }
}
