package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.Ledger;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir Path dir;

  /** Runs a workload with a snapshot after {@code snapshotAt} steps; returns the final state. */
  private Map<String, Object> runWithSnapshot(Path where, long seed, int snapshotAt, int steps,
      long segmentBytes) {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(seed, clock);
    try (DurableLedger d = DurableLedger.open(where, JournalWorkload.options(clock)
        .segmentBytes(segmentBytes).build())) {
      w.setUp(d.ledger(), 10);
      for (int i = 0; i < steps; i++) {
        if (i == snapshotAt) {
          d.snapshot();
        }
        w.step(d.ledger());
      }
      return JournalWorkload.state(d.ledger());
    }
  }

  private static DurableLedger reopen(Path where) {
    return DurableLedger.open(where,
        Ledger.builder().clock(MutableClock.at("2026-03-01T00:00:00Z")));
  }

  @Test
  void reopen_withSnapshot_replaysOnlyTheRest_sameState() {
    Map<String, Object> before = runWithSnapshot(dir, 5, 700, 1000, 64 << 20);
    try (DurableLedger d = reopen(dir)) {
      OpenReport r = d.openReport();
      assertTrue(r.snapshotRecords() > 0, r::toString);
      assertEquals(r.records(), r.snapshotRecords() + r.replayed());
      assertTrue(r.replayed() < r.records() / 2, r::toString);
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
  }

  @Test
  void snapshotAtTheEnd_replaysNothing_andSegmentsRoll() {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(11, clock);
    Map<String, Object> before;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .segmentBytes(4096).build())) {
      w.setUp(d.ledger(), 10);
      for (int i = 0; i < 400; i++) {
        w.step(d.ledger());
      }
      d.snapshot();
      d.snapshot();
      d.snapshot();
      before = JournalWorkload.state(d.ledger());
    }
    try (DurableLedger d = reopen(dir)) {
      assertEquals(0, d.openReport().replayed());
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
  }

  @Test
  void damagedSnapshot_isIgnored_journalReplayed() throws IOException {
    Map<String, Object> before = runWithSnapshot(dir, 6, 300, 500, 64 << 20);
    Path snap = Snapshots.list(dir).get(0);
    try (RandomAccessFile f = new RandomAccessFile(snap.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x40);
    }
    try (DurableLedger d = reopen(dir)) {
      assertEquals(0, d.openReport().snapshotRecords());
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
  }

  @Test
  void snapshotOfAnotherJournal_failsTheHashCheck_isIgnored() throws IOException {
    Path other = dir.resolve("other");
    runWithSnapshot(other, 99, 300, 301, 64 << 20);
    Path mine = dir.resolve("mine");
    Map<String, Object> before = runWithSnapshot(mine, 7, 10_000, 400, 64 << 20);
    Path foreign = Snapshots.list(other).get(0);
    Files.copy(foreign, mine.resolve(foreign.getFileName()));
    try (DurableLedger d = reopen(mine)) {
      assertEquals(0, d.openReport().snapshotRecords(), "its hash is not this journal's");
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
  }

  @Test
  void snapshotEvery_snapshotsInTheBackgroundWhileWritersRun_reopenReplaysOnlyTheTail()
      throws InterruptedException {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(17, clock);
    Map<String, Object> before;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .snapshotEvery(1000).build())) {
      w.setUp(d.ledger(), 10);
      for (int i = 0; i < 3000; i++) {
        w.step(d.ledger());
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (snapshots().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(!snapshots().isEmpty(), "a background snapshot within 20 s");
      assertTrue(d.lastSnapshotFailure().isEmpty());
      for (int i = 0; i < 200; i++) {
        w.step(d.ledger());
      }
      before = JournalWorkload.state(d.ledger());
    }
    try (DurableLedger d = reopen(dir)) {
      OpenReport r = d.openReport();
      assertTrue(r.snapshotRecords() >= 1000, r::toString);
      assertTrue(r.replayed() < r.records() - 1000, r::toString);
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
  }

  private java.util.List<Path> snapshots() {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".snap")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void snapshotEvery_tooSmall_rejectedWithTheRule() {
    dev.linli.core.InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.linli.core.InvalidValueException.class,
        () -> JournalOptions.builder().snapshotEvery(10));
    assertTrue(e.getMessage().contains("snapshotEvery = 10: must be 0 (never) or at least 1000"),
        e.getMessage());
  }
}
