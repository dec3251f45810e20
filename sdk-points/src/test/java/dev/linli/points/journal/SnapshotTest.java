package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.internal.LedgerState;
import dev.linli.points.internal.TransferColumns;
import dev.linli.points.journal.testing.CapturedLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      assertEquals(1, d.openReport().replayed(), "only the record binding the last snapshot");
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

  /**
   * Rewrites {@code snap} with one transfer's amount raised by {@code delta} (and the credited
   * account's lots, if any, left alone): every section CRC is recomputed, as a forger would.
   */
  private static void forge(Path snap, long delta) throws IOException, Snapshots.Unusable {
    Snapshots.Loaded l = Snapshots.read(snap);
    LedgerState forged;
    TransferColumns c = l.state().columns();
    if (c != null) {
      int slot = c.count() / 2;
      c.amount()[slot >>> TransferColumns.PAGE_BITS][slot & ((1 << TransferColumns.PAGE_BITS) - 1)]
          += (int) delta;
      forged = l.state();
    } else {
      List<Transfer> transfers = new ArrayList<>(l.state().transfers());
      Transfer t = transfers.get(transfers.size() / 2);
      transfers.set(transfers.size() / 2, new Transfer(t.id(), t.debitAccountId(),
          t.creditAccountId(), t.amount() + delta, t.asset(), t.code(), t.userData(),
          t.reverses(), t.operator(), t.timestamp()));
      forged = new LedgerState(l.state().accounts(), l.state().sinks(), transfers,
          l.state().holds(), l.state().last());
    }
    Snapshots.write(snap.getParent(), new JournalWriter.Position(l.records(), l.hash(),
        l.segment(), l.offset()), l.config(), forged);
    Snapshots.read(snap); // still a well-formed snapshot: every CRC matches
  }

  @Test
  void forgedSnapshot_crcsRecomputed_isIgnoredAndLogged_verifyReportsIt() throws Exception {
    Map<String, Object> before = runWithSnapshot(dir, 8, 300, 500, 64 << 20);
    Checkpoint checkpoint;
    java.security.KeyPair key = java.security.KeyPairGenerator.getInstance("Ed25519")
        .generateKeyPair();
    try (DurableLedger d = reopen(dir)) {
      assertTrue(d.openReport().snapshotRecords() > 0, "the genuine snapshot is used");
      checkpoint = d.checkpoint().sign(key.getPrivate());
    }
    Path snap = Snapshots.list(dir).get(0);
    forge(snap, 1_000_000);
    try (DurableLedger d = reopen(dir)) {
      assertEquals(0, d.openReport().snapshotRecords(), "the forged snapshot is not loaded");
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
    assertEquals(before.get("transfers"), DurableLedger.readOnly(dir).transfers(),
        "what 'points balances' reads");
    assertFalse(CapturedLog.containing("Snapshot " + snap, "ignored", "the file was altered")
        .isEmpty(), "opening logs why it passed the snapshot over");
    for (Checkpoint cp : new Checkpoint[] {null, checkpoint}) {
      Verification v = JournalVerifier.verify(dir, cp, cp == null ? null : key.getPublic());
      Verification.Broken b = assertInstanceOf(Verification.Broken.class, v);
      assertEquals(snap.toString(), b.where());
      assertTrue(b.reason().contains("snapshot altered"), b.reason());
    }
  }

  @Test
  void snapshotWhoseBindingRecordWasLost_isIgnoredAndLogged_verifyNotesIt() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(9, clock);
    Map<String, Object> before;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      w.setUp(d.ledger(), 10);
      for (int i = 0; i < 300; i++) {
        w.step(d.ledger());
      }
      before = JournalWorkload.state(d.ledger());
      d.snapshot();
    }
    // A crash after the snapshot's rename but before its binding record reached the disk.
    Path snap = Snapshots.list(dir).get(0);
    Snapshots.Loaded l = Snapshots.read(snap);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(l.segment(),
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(l.offset() + DurableLedger.coveredRecordLength(l));
    }
    try (DurableLedger d = reopen(dir)) {
      assertEquals(0, d.openReport().snapshotRecords());
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
    assertFalse(CapturedLog.containing("Snapshot " + snap, "ignored", "no journal record binds")
        .isEmpty(), "opening logs why it passed the snapshot over");
    Verification.Intact ok = assertInstanceOf(Verification.Intact.class,
        JournalVerifier.verify(dir));
    assertTrue(ok.notes().stream().anyMatch(n -> n.contains(snap.getFileName().toString())
        && n.contains("no journal record binds")), ok.notes()::toString);
  }

  @Test
  void reopen_logsWhatItReplayed() {
    runWithSnapshot(dir, 10, 100, 200, 64 << 20);
    try (DurableLedger d = reopen(dir)) {
      OpenReport r = d.openReport();
      assertFalse(CapturedLog.containing("Recovered the ledger in " + dir, r.records()
          + " records, " + r.snapshotRecords() + " of them from snapshot",
          r.replayed() + " replayed in").isEmpty());
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
