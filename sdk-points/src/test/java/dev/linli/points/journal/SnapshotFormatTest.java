package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.internal.LedgerState;
import dev.linli.points.internal.TransferColumns;
import dev.linli.points.journal.testing.CapturedLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot format 2 (transfers as columns, docs/formats.md): round trips, every section's damage
 * refused by name with a fall back to replay, cut files, format 1 still read, unknown versions
 * refused.
 */
class SnapshotFormatTest {
  private static final String START = "2026-03-01T00:00:00Z";

  @TempDir Path dir;

  /** A section of a format 2 file: its kind, where its payload starts, how long it is. */
  record Section(byte kind, long payload, long length) {
    String name() {
      return Snapshots.SECTION_NAMES.get(kind);
    }
  }

  /** Lists the sections of a format 2 snapshot, in file order. */
  static List<Section> sections(Path snap) throws IOException {
    byte[] all = Files.readAllBytes(snap);
    ByteBuffer b = ByteBuffer.wrap(all);
    assertEquals(Snapshots.VERSION, b.getShort(8), "a format 2 snapshot");
    int at = 8 + 2 + 2 + 8 + Segments.HASH_BYTES;
    at += 2 + (b.getShort(at) & 0xFFFF) + 8;
    List<Section> out = new ArrayList<>();
    while (at < all.length) {
      long length = b.getLong(at + 1);
      out.add(new Section(all[at], at + 9L, length));
      at += (int) (9 + length + 4);
    }
    assertEquals(all.length, at);
    return out;
  }

  /** Everything {@link JournalWorkload#state} compares, plus histories and reversals. */
  static Map<String, Object> fullState(Ledger ledger) {
    Map<String, Object> out = JournalWorkload.state(ledger);
    Instant from = Instant.parse("2000-01-01T00:00:00Z");
    Instant to = Instant.parse("2400-01-01T00:00:00Z");
    for (Account a : ledger.accounts()) {
      out.put("history " + a.id(), ledger.history(a.id(), from, to));
    }
    for (Transfer t : ledger.transfers()) {
      out.put("reversed " + t.id(), ledger.reversedAmount(t.id()));
    }
    out.put("sums", ledger.sumOfBalances());
    return out;
  }

  /** Runs {@code steps} of a workload, snapshots at the end; returns the full state. */
  private static Map<String, Object> workload(Path where, long seed, int steps,
      boolean asColumns) {
    MutableClock clock = MutableClock.at(START);
    JournalWorkload w = new JournalWorkload(seed, clock);
    try (DurableLedger d = DurableLedger.open(where, JournalWorkload.options(clock).build())) {
      w.setUp(d.ledger(), 10);
      for (int i = 0; i < steps; i++) {
        w.step(d.ledger());
      }
      d.snapshot(asColumns, state -> state);
      return fullState(d.ledger());
    }
  }

  private static DurableLedger reopen(Path where) {
    return DurableLedger.open(where, Ledger.builder().clock(MutableClock.at(START)));
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.getFileName().toString().equals("LOCK")) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
  }

  private static int tries;

  /** A snapshot of any workload, taken at its end, opens to the same state as the journal. */
  @Property(tries = 12)
  void columnsSnapshot_reopensToTheSameState(@ForAll @IntRange(min = 1, max = 400) int steps,
      @ForAll @IntRange(min = 0, max = 1000) int seed) throws IOException {
    Path where = Files.createTempDirectory("linli-snapshot-format");
    try {
      Map<String, Object> before = workload(where, seed, steps, true);
      try (DurableLedger d = reopen(where)) {
        assertTrue(d.openReport().snapshotRecords() > 0, d.openReport()::toString);
        // Opened from the snapshot taken at the end (the journal may hold records written after
        // it, such as its binding record and what closing writes), not an older one or none.
        List<Path> snapshots = Snapshots.list(where);
        assertEquals(1, snapshots.size(), snapshots::toString);
        long takenAt;
        try {
          takenAt = Snapshots.read(snapshots.get(0)).records();
        } catch (Snapshots.Unusable e) {
          throw new AssertionError(e);
        }
        assertEquals(takenAt, d.openReport().snapshotRecords(), d.openReport()::toString);
        assertEquals(before, fullState(d.ledger()));
      }
      tries++;
    } finally {
      try (Stream<Path> files = Files.walk(where)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  @AfterContainer
  static void theRoundTripRan() {
    assertTrue(tries >= 12, "round trips: " + tries);
  }

  @Test
  void amountsAboveAnInt_farStamps_extras_holds_roundTrip() {
    MutableClock clock = MutableClock.at("2300-01-01T00:00:00Z");
    Map<String, Object> before;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      Ledger l = d.ledger();
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      l.createAccount(Account.member("m1", "points"));
      l.createAccount(Account.member("m2", "points"));
      assertEquals(TransferResult.OK, l.submit(TransferRequest.of("big", "pool", "m1",
          5_000_000_000L, "earn")));
      assertEquals(TransferResult.OK, l.submit(new TransferRequest("note", "pool", "m2", 7,
          "earn", "with user data", null)));
      Transfer big = l.find("big").orElseThrow();
      assertEquals(TransferResult.OK, l.submit(TransferRequest.reversal("back", big, 3)));
      assertEquals(TransferResult.OK, l.hold(TransferRequest.of("h1", "m1", "m2", 2, "booking"),
          Duration.ofHours(2)));
      clock.advance(Duration.ofDays(1));
      assertEquals(TransferResult.OK, l.submit(TransferRequest.of("later", "pool", "m2", 1,
          "earn")));
      d.snapshot();
      before = fullState(l);
    }
    try (DurableLedger d = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      assertTrue(d.openReport().snapshotRecords() > 0, d.openReport()::toString);
      assertEquals(before, fullState(d.ledger()));
      assertEquals(3, d.ledger().reversedAmount("big"));
      assertEquals(TransferResult.EXISTS, d.ledger().submit(TransferRequest.of("later", "pool",
          "m2", 1, "earn")), "idempotency survives the snapshot");
    }
  }

  @Test
  void aByteFlippedInAnySection_isRefusedByName_openReplaysAndLogs() throws Exception {
    Path origin = dir.resolve("origin");
    Map<String, Object> before = workload(origin, 21, 300, true);
    Path snap = Snapshots.list(origin).get(0);
    List<Section> sections = sections(snap);
    assertEquals(Snapshots.SECTIONS_2.length, sections.size());
    int n = 0;
    for (Section s : sections) {
      // The payload's middle, and the CRC after it.
      for (long at : new long[] {s.payload() + s.length() / 2, s.payload() + s.length() + 1}) {
        if (at == s.payload() + s.length() / 2 && s.length() == 0) {
          continue;
        }
        Path where = dir.resolve("case" + n++);
        copy(origin, where);
        Path damaged = where.resolve(snap.getFileName());
        flip(damaged, at);
        Snapshots.Unusable e = assertThrows(Snapshots.Unusable.class,
            () -> Snapshots.read(damaged));
        assertTrue(e.getMessage().contains("section " + s.name()), s + ": " + e.getMessage());
        try (DurableLedger d = reopen(where)) {
          assertEquals(0, d.openReport().snapshotRecords(), s::toString);
          assertEquals(before, fullState(d.ledger()), s::toString);
        }
        assertFalse(CapturedLog.containing("Snapshot " + damaged, "ignored",
            "section " + s.name()).isEmpty(), "logged: " + s);
      }
    }
    assertTrue(n >= 2 * Snapshots.SECTIONS_2.length - 1, "cases: " + n);
  }

  @Test
  void aCutFile_isRefusedAsEndingEarly_openReplays() throws Exception {
    Path origin = dir.resolve("origin");
    Map<String, Object> before = workload(origin, 22, 200, true);
    Path snap = Snapshots.list(origin).get(0);
    long size = Files.size(snap);
    int n = 0;
    for (Section s : sections(snap)) {
      for (long cut : new long[] {s.payload() - 5, s.payload() + s.length() / 2}) {
        Path where = dir.resolve("cut" + n++);
        copy(origin, where);
        Path damaged = where.resolve(snap.getFileName());
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
          f.setLength(cut);
        }
        Snapshots.Unusable e = assertThrows(Snapshots.Unusable.class,
            () -> Snapshots.read(damaged));
        assertTrue(e.getMessage().contains("ends early"), cut + " of " + size + ": "
            + e.getMessage());
      }
    }
    Path where = dir.resolve("cutLast");
    copy(origin, where);
    try (RandomAccessFile f = new RandomAccessFile(where.resolve(snap.getFileName()).toFile(),
        "rw")) {
      f.setLength(size - 1);
    }
    try (DurableLedger d = reopen(where)) {
      assertEquals(0, d.openReport().snapshotRecords());
      assertEquals(before, fullState(d.ledger()));
    }
    assertTrue(n >= 2 * Snapshots.SECTIONS_2.length, "cases: " + n);
  }

  @Test
  void formatOneSnapshot_stillOpens() throws IOException {
    Map<String, Object> before = workload(dir, 23, 300, false);
    Path snap = Snapshots.list(dir).get(0);
    assertEquals(Snapshots.VERSION_1, ByteBuffer.wrap(Files.readAllBytes(snap)).getShort(8));
    Snapshots.Loaded l = assertDoesNotThrowRead(snap);
    assertEquals(null, l.state().columns());
    try (DurableLedger d = reopen(dir)) {
      assertTrue(d.openReport().snapshotRecords() > 0, d.openReport()::toString);
      assertEquals(before, fullState(d.ledger()));
      // The next snapshot is written in the current format.
      Path next = d.snapshot();
      assertEquals(Snapshots.VERSION, ByteBuffer.wrap(Files.readAllBytes(next)).getShort(8));
    }
    try (DurableLedger d = reopen(dir)) {
      assertEquals(1, d.openReport().replayed(), d.openReport()::toString);
      assertEquals(before, fullState(d.ledger()));
    }
  }

  private static Snapshots.Loaded assertDoesNotThrowRead(Path snap) throws IOException {
    try {
      return Snapshots.read(snap);
    } catch (Snapshots.Unusable e) {
      throw new AssertionError("unusable: " + e.getMessage(), e);
    }
  }

  @Test
  void aBoundSnapshotWhoseStateDoesNotRestore_isIgnoredAndLogged_openReplays() {
    MutableClock clock = MutableClock.at(START);
    JournalWorkload w = new JournalWorkload(25, clock);
    Map<String, Object> before;
    Path snap;
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      w.setUp(d.ledger(), 10);
      for (int i = 0; i < 200; i++) {
        w.step(d.ledger());
      }
      // Checked and bound, yet naming an account the snapshot does not have: a bug's snapshot.
      snap = d.snapshot(true, s -> {
        TransferColumns c = s.columns();
        int[][] credit = c.credit().clone();
        credit[0] = credit[0].clone();
        credit[0][0] = 9_999;
        return new LedgerState(s.accounts(), s.sinks(), List.of(), s.holds(), s.last(),
            new TransferColumns(c.count(), c.accountIds(), c.codes(), c.extras(),
                c.bigAmounts(), c.farStamps(), c.debit(), credit, c.amount(), c.stamp(), c.kind(),
                c.idBytes(), c.idEnds()));
      });
      before = fullState(d.ledger());
    }
    try (DurableLedger d = reopen(dir)) {
      assertEquals(0, d.openReport().snapshotRecords());
      assertEquals(before, fullState(d.ledger()));
    }
    assertFalse(CapturedLog.containing("Snapshot " + snap, "ignored", "inconsistent",
        "transfer slot 0").isEmpty(), "logged");
  }

  @Test
  void aNewerFormat_isRefusedWithTheVersions_openReplaysAndLogs() throws IOException {
    Map<String, Object> before = workload(dir, 24, 100, true);
    Path snap = Snapshots.list(dir).get(0);
    try (RandomAccessFile f = new RandomAccessFile(snap.toFile(), "rw")) {
      f.seek(8);
      f.writeShort(3);
    }
    Snapshots.Unusable e = assertThrows(Snapshots.Unusable.class, () -> Snapshots.read(snap));
    assertTrue(e.getMessage().contains("snapshot format version 3, this library reads 1 and 2"),
        e.getMessage());
    try (DurableLedger d = reopen(dir)) {
      assertEquals(0, d.openReport().snapshotRecords());
      assertEquals(before, fullState(d.ledger()));
    }
    assertNotNull(CapturedLog.containing("Snapshot " + snap, "ignored", "format version 3")
        .stream().findFirst().orElse(null), "logged");
  }
}
