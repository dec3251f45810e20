package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.journal.testing.CapturedLog;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DurableLedgerTest {
  @TempDir Path dir;

  private static MutableClock clock() {
    return MutableClock.at("2026-03-01T00:00:00Z");
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void reopen_afterRandomWorkload_sameState(Durability durability) {
    MutableClock clock = clock();
    JournalWorkload w = new JournalWorkload(42, clock);
    Map<String, Object> before;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .durability(durability).build())) {
      assertTrue(d.openReport().created());
      w.setUp(d.ledger(), 15);
      for (int i = 0; i < 1500; i++) {
        w.step(d.ledger());
      }
      before = JournalWorkload.state(d.ledger());
    }
    try (DurableLedger d = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      assertFalse(d.openReport().created());
      assertTrue(d.openReport().tornTail().isEmpty());
      assertEquals(before, JournalWorkload.state(d.ledger()));
      assertEquals(Map.of("points", 0L), d.ledger().sumOfBalances());
    }
  }

  @Test
  void reopen_continuesTheJournal() {
    MutableClock clock = clock();
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      d.ledger().createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      d.ledger().createAccount(Account.member("m1", "points"));
      assertEquals(TransferResult.OK, d.ledger().submit(TransferRequest.of("t1", "pool", "m1", 10,
          "elderly-care")));
    }
    clock.advance(Duration.ofDays(1));
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      assertEquals(TransferResult.EXISTS, d.ledger().submit(TransferRequest.of("t1", "pool", "m1",
          10, "elderly-care")));
      assertEquals(TransferResult.OK, d.ledger().submit(TransferRequest.of("t2", "pool", "m1", 5,
          "elderly-care")));
    }
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      assertEquals(15, d.ledger().balance("m1").balance());
      assertEquals(2, d.ledger().lots("m1").size());
      assertEquals(5, d.openReport().records(), "config, 2 accounts, 2 transfers");
    }
  }

  @Test
  void lotsExpireAfterReopen_asTheyWouldHaveWithoutIt() {
    MutableClock clock = clock();
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      d.ledger().createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      d.ledger().createAccount(Account.member("m1", "points"));
      d.ledger().submit(TransferRequest.of("t1", "pool", "m1", 10, "elderly-care"));
    }
    clock.advance(Duration.ofDays(61));
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      assertEquals(1, d.ledger().expireLots().size());
    }
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      assertEquals(0, d.ledger().balance("m1").balance());
      assertEquals(10, d.ledger().balance("expired").balance());
      assertTrue(d.ledger().expireLots().isEmpty(), "the sweep stays idempotent across reopen");
    }
  }

  @Test
  void secondOpen_whileOpen_throwsJournalLocked() {
    try (DurableLedger d = DurableLedger.open(dir, JournalOptions.defaults())) {
      assertTrue(d.openReport().created());
      JournalLockedException e = assertThrows(JournalLockedException.class,
          () -> DurableLedger.open(dir, JournalOptions.defaults()));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
      assertEquals("journal-locked", e.code());
    }
    DurableLedger.open(dir, JournalOptions.defaults()).close();
  }

  @Test
  void open_withOtherConfiguration_throwsNamingBoth() {
    DurableLedger.open(dir, Ledger.builder().expireLots("points", Period.ofDays(90), "x"))
        .close();
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> DurableLedger.open(dir, Ledger.builder()
            .expireLots("points", Period.ofDays(30), "x")));
    assertTrue(e.getMessage().contains("P90D") && e.getMessage().contains("P30D"),
        e.getMessage());
  }

  private long fillAndClose(int transfers) {
    MutableClock clock = clock();
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      Ledger l = d.ledger();
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      l.createAccount(Account.member("m1", "points"));
      for (int i = 0; i < transfers; i++) {
        l.submit(TransferRequest.of("t" + i, "pool", "m1", 1, "elderly-care"));
      }
      return d.openReport().records() + 2 + transfers;
    }
  }

  private Path onlySegment() throws IOException {
    return Segments.list(dir).get(0);
  }

  @Test
  void tornTail_partialLastRecord_truncatedAndReported() throws IOException {
    fillAndClose(10);
    Path seg = onlySegment();
    long size = Files.size(seg);
    Files.write(seg, new byte[] {0, 0, 0, 90, -1, -1, -1, -91, 1, 2, 3},
        StandardOpenOption.APPEND);
    try (DurableLedger d = DurableLedger.open(dir, JournalOptions.defaults())) {
      OpenReport.TornTail torn = d.openReport().tornTail().orElseThrow();
      assertEquals(size, torn.offset());
      assertEquals(11, torn.bytes());
      assertEquals(10, d.ledger().balance("m1").balance());
    }
    assertEquals(size, Files.size(seg), "the torn bytes are gone");
  }

  @Test
  void readOnly_whileOpenAndWithATornTail_seesWhatWasWritten_changesNoFile() throws IOException {
    fillAndClose(10);
    Path seg = onlySegment();
    Files.write(seg, new byte[] {0, 0, 0, 90, -1, -1, -1, -91, 1, 2, 3},
        StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(seg);
    Ledger copy = DurableLedger.readOnly(dir);
    assertEquals(10, copy.balance("m1").balance());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(seg)), "nothing truncated");
    try (DurableLedger d = DurableLedger.open(dir, JournalOptions.defaults())) {
      d.ledger().submit(TransferRequest.of("t-more", "pool", "m1", 5, "elderly-care"));
      assertEquals(15, DurableLedger.readOnly(dir).balance("m1").balance(),
          "a reader next to the writer sees what was written");
      copy.submit(TransferRequest.of("t-copy", "pool", "m1", 1, "elderly-care"));
      assertTrue(d.ledger().find("t-copy").isEmpty(), "the copy is detached");
    }
  }

  @Test
  void readOnly_ofADirectoryWithoutJournal_saysSo() {
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> DurableLedger.readOnly(dir));
    assertTrue(e.getMessage().contains("no segment files"), e.getMessage());
  }

  @Test
  void tornTail_lastRecordCutShort_dropsOnlyThatRecord() throws IOException {
    fillAndClose(10);
    Path seg = onlySegment();
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(f.length() - 5);
    }
    try (DurableLedger d = DurableLedger.open(dir, JournalOptions.defaults())) {
      assertTrue(d.openReport().tornTail().isPresent());
      assertEquals(9, d.ledger().balance("m1").balance());
      assertEquals(TransferResult.OK, d.ledger().submit(TransferRequest.of("t9", "pool", "m1", 1,
          "elderly-care")), "the lost, unacknowledged transfer can be submitted again");
    }
    assertTrue(JournalVerifier.verify(dir).intact());
  }

  @Test
  void corruptionInTheMiddle_throwsNamingFileAndOffset() throws IOException {
    fillAndClose(10);
    Path seg = onlySegment();
    long size = Files.size(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.seek(size / 2);
      int b = f.read();
      f.seek(size / 2);
      f.write(b ^ 0x10);
    }
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> DurableLedger.open(dir, JournalOptions.defaults()));
    assertEquals(seg, e.file());
    assertTrue(e.offset() > 0 && e.offset() <= size / 2, e.getMessage());
    assertTrue(e.getMessage().contains("offset " + e.offset()), e.getMessage());
    // The failed open released the lock and changed nothing.
    assertEquals(size, Files.size(seg));
    assertThrows(JournalCorruptedException.class,
        () -> DurableLedger.open(dir, JournalOptions.defaults()));
  }

  @Test
  void smallSegments_rollAndRecover() throws IOException {
    MutableClock clock = clock();
    JournalWorkload w = new JournalWorkload(9, clock);
    Map<String, Object> before;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .segmentBytes(4096).build())) {
      w.setUp(d.ledger(), 8);
      for (int i = 0; i < 600; i++) {
        w.step(d.ledger());
      }
      before = JournalWorkload.state(d.ledger());
    }
    assertTrue(Segments.list(dir).size() > 3, "rolled into several segments");
    try (DurableLedger d = DurableLedger.open(dir, Ledger.builder().clock(clock),
        JournalOptions.builder().segmentBytes(4096).build())) {
      assertEquals(before, JournalWorkload.state(d.ledger()));
    }
    assertTrue(JournalVerifier.verify(dir).intact());
    Files.delete(Segments.list(dir).get(1));
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> DurableLedger.open(dir, JournalOptions.defaults()));
    assertTrue(e.reason().contains("missing"), e.getMessage());
  }

  @Test
  void concurrentWriters_groupCommit_everyAcknowledgedTransferSurvives() throws Exception {
    MutableClock clock = clock();
    List<String> acked = new ArrayList<>();
    FaultyChannel.Budget disk = new FaultyChannel.Budget(Long.MAX_VALUE);
    disk.forceMillis = 2; // a disk where a force takes time, as real ones do
    long forcesBefore;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .durability(Durability.FSYNC_EVERY_BATCH).opener(disk.opener()).build())) {
      forcesBefore = disk.forces.get();
      Ledger l = d.ledger();
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      for (int t = 0; t < 8; t++) {
        l.createAccount(Account.member("m" + t, "points"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          List<String> mine = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            String id = "w" + thread + "-" + i;
            if (l.submit(TransferRequest.of(id, "pool", "m" + thread, 1, "elderly-care"))
                == TransferResult.OK) {
              mine.add(id);
            }
          }
          return mine;
        }));
      }
      for (Future<List<String>> f : futures) {
        acked.addAll(f.get());
      }
      pool.shutdown();
      long forces = disk.forces.get() - forcesBefore;
      assertTrue(forces >= 1 && forces <= 400, "800 acknowledged submits from 8 threads share"
          + " forces: " + forces);
    }
    assertEquals(800, acked.size());
    try (DurableLedger d = DurableLedger.open(dir, JournalOptions.defaults())) {
      for (String id : acked) {
        assertTrue(d.ledger().find(id).isPresent(), id);
      }
      assertEquals(800, d.ledger().transferCount());
    }
  }

  @Test
  void everyNms_forcesInTheBackground() throws Exception {
    MutableClock clock = clock();
    FaultyChannel.Budget disk = new FaultyChannel.Budget(Long.MAX_VALUE);
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .durability(Durability.FSYNC_EVERY_N_MS).flushInterval(Duration.ofMillis(5))
        .opener(disk.opener()).build())) {
      disk.forcedBy.clear(); // opening (segment header) forced on this thread; calls must not
      long before = disk.forces.get();
      d.ledger().createAccount(Account.member("m1", "points"));
      // The flusher may force at any moment, even before the next line: ask who forced, not when.
      assertFalse(disk.forcedBy.contains(Thread.currentThread()), "the call itself does not force");
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (disk.forces.get() == before && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(disk.forces.get() > before, "the background thread forced");
      assertFalse(disk.forcedBy.contains(Thread.currentThread()), "no caller forced");
      assertEquals(2, d.checkpoint().records());
    }
  }

  @Test
  void backgroundSnapshotFailure_isLogged_andReported() throws Exception {
    MutableClock clock = clock();
    FaultyChannel.Budget disk = new FaultyChannel.Budget(Long.MAX_VALUE);
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .durability(Durability.NONE).snapshotEvery(1000).opener(disk.opener()).build())) {
      d.ledger().createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      d.ledger().createAccount(Account.member("m1", "points"));
      disk.failForce = true; // NONE never forces for a call; a snapshot forces first
      try {
        for (int i = 0; i < 1000; i++) {
          d.ledger().submit(TransferRequest.of("t" + i, "pool", "m1", 1, "elderly-care"));
        }
      } catch (JournalFailedException e) {
        // the snapshot's failed force failed the journal while the last submits ran
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (d.lastSnapshotFailure().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(d.lastSnapshotFailure().isPresent(), "the background snapshot failed");
    }
    assertFalse(CapturedLog.containing("Background snapshot of the journal in " + dir
        + " failed").isEmpty(), "and said so in the log");
  }

  @Test
  void closedLedger_refusesCalls() {
    DurableLedger d = DurableLedger.open(dir, JournalOptions.defaults());
    d.close();
    d.close();
    assertThrows(IllegalStateException.class,
        () -> d.ledger().createAccount(Account.member("m1", "points")));
  }
}
