package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.internal.Sha256;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.internal.LedgerAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * A journal read with its frames checked on a second thread ahead of the replay must come out
 * exactly as read on one thread: the same records handed over in the same order with the same
 * bytes and chain hashes, the same state, the same end (records, last hash, torn tail, valid end),
 * or the same failure with the same message, whatever the damage and wherever it is; and the
 * checking thread has ended when the read returns or throws.
 */
class ReadAheadTest {
  private static final AtomicInteger JOURNALS = new AtomicInteger();
  private static final AtomicInteger OPENED = new AtomicInteger();
  private static final AtomicInteger TORN = new AtomicInteger();
  private static final AtomicInteger CORRUPTED = new AtomicInteger();
  private static final AtomicInteger CANNOT_APPLY = new AtomicInteger();
  private static final AtomicInteger VISITOR_THREW = new AtomicInteger();
  private static final AtomicInteger MANY_CHUNKS = new AtomicInteger();
  private static final AtomicInteger MANY_SEGMENTS = new AtomicInteger();
  private static final HexFormat HEX = HexFormat.of();

  @Property(tries = 150)
  void everyJournal_checkedAhead_readsAsReadAlone(@ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path dir = Files.createTempDirectory("linli-read-ahead");
    try {
      writeJournal(dir, random);
      if (segments(dir).size() >= 3) {
        MANY_SEGMENTS.incrementAndGet();
      }
      damage(dir, random);
      int chunk = List.of(40, 100, 700, 4096, 1 << 16).get(random.nextInt(5));
      long bytes = 0;
      for (Path p : segments(dir)) {
        bytes += Files.size(p);
      }
      if (bytes > 4L * chunk) {
        MANY_CHUNKS.incrementAndGet();
      }

      Outcome alone = replay(dir, false, chunk, JournalReader.Prepare.NEVER);
      // Transfers read on the checking thread, and on the reading thread, or as it goes.
      Outcome prepared = replay(dir, true, chunk, JournalReader.Prepare.ALWAYS);
      Outcome ahead = replay(dir, true, chunk, random.nextBoolean() ? JournalReader.Prepare.NEVER
          : JournalReader.Prepare.WHEN_AHEAD);
      assertEquals(alone, prepared);
      assertEquals(alone, ahead);
      assertNoCheckerLeft(dir);

      // The records as handed over, and a visitor that refuses one of them.
      long throwAt = random.nextInt(3) == 0 ? random.nextInt(200) : -1;
      List<String> seenAlone = new ArrayList<>();
      List<String> seenAhead = new ArrayList<>();
      String failAlone = read(dir, false, chunk, throwAt, seenAlone);
      String failAhead = read(dir, true, chunk, throwAt, seenAhead);
      assertEquals(failAlone, failAhead);
      assertEquals(seenAlone, seenAhead);
      assertNoCheckerLeft(dir);

      JOURNALS.incrementAndGet();
      if (alone.failure == null) {
        (alone.torn == null ? OPENED : TORN).incrementAndGet();
      } else if (alone.failure.contains("record cannot apply")) {
        CANNOT_APPLY.incrementAndGet();
      } else {
        CORRUPTED.incrementAndGet();
      }
      if (failAlone != null && failAlone.contains("Refused")) {
        VISITOR_THREW.incrementAndGet();
      }
    } finally {
      delete(dir);
    }
  }

  /** The property reaches every outcome and the paths it names, often. */
  @AfterContainer
  static void everyOutcomeWasReached() {
    int n = JOURNALS.get();
    if (n == 0) {
      return;
    }
    String counts = "of " + n + ": opened " + OPENED + ", torn " + TORN + ", corrupted "
        + CORRUPTED + ", cannot apply " + CANNOT_APPLY + ", visitor threw " + VISITOR_THREW
        + ", many chunks " + MANY_CHUNKS + ", many segments " + MANY_SEGMENTS;
    assertTrue(OPENED.get() >= n / 20, counts);
    assertTrue(TORN.get() >= n / 20, counts);
    assertTrue(CORRUPTED.get() >= n / 5, counts);
    assertTrue(CANNOT_APPLY.get() >= n / 20, counts);
    assertTrue(VISITOR_THREW.get() >= n / 20, counts);
    assertTrue(MANY_CHUNKS.get() >= n / 3, counts);
    assertTrue(MANY_SEGMENTS.get() >= n / 4, counts);
  }

  @Test
  void checkingThread_isANamedDaemon_andEndsWhenTheVisitorThrows() throws IOException {
    Path dir = Files.createTempDirectory("linli-read-ahead");
    try {
      writeJournal(dir, new SplittableRandom(5));
      String name = "linli-journal-check " + dir;
      boolean[] seen = new boolean[2];
      IllegalCallerException stop = new IllegalCallerException("stop here");
      IllegalCallerException thrown = assertThrows(IllegalCallerException.class,
          () -> JournalReader.read(dir, null, (index, type, body, off, len, hash) -> {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
              if (t.getName().equals(name)) {
                seen[0] = true;
                seen[1] = t.isDaemon();
              }
            }
            if (index == 3) {
              throw stop;
            }
          }, true, 64, JournalReader.Prepare.WHEN_AHEAD));
      assertSame(stop, thrown);
      assertTrue(seen[0], "no thread named " + name);
      assertTrue(seen[1], name + " is not a daemon");
      assertNoCheckerLeft(dir);
    } finally {
      delete(dir);
    }
  }

  @Test
  void largeJournal_isCheckedAhead_smallOneAlone() throws IOException {
    Path dir = Files.createTempDirectory("linli-read-ahead");
    try {
      writeJournal(dir, new SplittableRandom(9));
      assertFalse(JournalReader.checksAhead(segments(dir), null));
      // Padded past the threshold by zeros after the last record: a torn tail.
      List<Path> files = segments(dir);
      try (FileChannel ch = FileChannel.open(files.get(files.size() - 1),
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ch.write(ByteBuffer.allocate(JournalReader.AHEAD_MIN_BYTES));
      }
      assertEquals(Runtime.getRuntime().availableProcessors() > 1,
          JournalReader.checksAhead(segments(dir), null));
      JournalReader.End end = JournalReader.read(dir, null, (index, type, body, off, len, hash) -> {
      });
      assertTrue(end.torn() != null && end.torn().reason().endsWith("the rest zeros"),
          String.valueOf(end.torn()));
      assertNoCheckerLeft(dir);
    } finally {
      delete(dir);
    }
  }

  @Test
  void journalOfBulkRecords_isReadAlone() throws IOException {
    Path dir = Files.createTempDirectory("linli-read-ahead");
    try {
      try (DurableLedger d = DurableLedger.open(dir,
          JournalWorkload.fixedTime().segmentBytes(1 << 20).build())) {
        Ledger l = d.ledger();
        JournalWorkload.poolAndMembers(l, 100);
        // Batches of 2,000 transfers (about 90 KB a record), past the 4 MiB threshold.
        for (int b = 0; b < 50; b++) {
          List<TransferRequest> batch = new ArrayList<>();
          for (int i = 0; i < 2_000; i++) {
            batch.add(TransferRequest.of("b" + b + "-" + i, "pool", "m" + (i % 100), 1, "earn"));
          }
          assertTrue(l.submitLinked(batch).stream().allMatch(r -> r == TransferResult.OK));
        }
      }
      List<Path> files = segments(dir);
      long bytes = 0;
      for (Path p : files) {
        bytes += Files.size(p);
      }
      assertTrue(bytes >= JournalReader.AHEAD_MIN_BYTES && files.size() > 1, bytes + " bytes");
      assertFalse(JournalReader.checksAhead(files, null));
    } finally {
      delete(dir);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private record Outcome(String failure, long records, String lastHash, Path lastSegment,
      long validEnd, JournalReader.Torn torn, Path lastRecordSegment, long lastRecordOffset,
      List<String> seen, Object state) {}

  private static Outcome replay(Path dir, boolean ahead, int chunk, JournalReader.Prepare prepare)
      throws IOException {
    JournalOptions options = JournalOptions.builder()
        .ledger(Ledger.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).build();
    Ledger[] ledger = new Ledger[1];
    List<String> seen = new ArrayList<>();
    DurableLedger.Seen also = (index, hash, binding) ->
        seen.add(index + " " + HEX.formatHex(hash) + " " + binding);
    try {
      JournalReader.End end = DurableLedger.replayRecords(dir, null, options, ledger,
          new RecordCodec.Config[1], also, true, null, ahead, chunk, prepare);
      return new Outcome(null, end.records(), HEX.formatHex(end.lastHash()), end.lastSegment(),
          end.validEnd(), end.torn(), end.lastRecordSegment(), end.lastRecordOffset(), seen,
          state(ledger[0]));
    } catch (RuntimeException e) {
      // The ledger as the failed replay left it, too.
      return new Outcome(e.getClass().getName() + ": " + e.getMessage(), -1, null, null, -1,
          null, null, -1, seen, state(ledger[0]));
    }
  }

  private static Object state(Ledger ledger) {
    if (ledger == null) {
      return null;
    }
    try {
      return LedgerAccess.get().export(ledger, false);
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  /** Thrown by a visitor that refuses a record. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Reads the journal with a visitor that notes each record (index, type, payload, hash) and
   * throws at record {@code throwAt}; returns what the read threw, or null.
   */
  private static String read(Path dir, boolean ahead, int chunk, long throwAt, List<String> seen)
      throws IOException {
    try {
      JournalReader.End end = JournalReader.read(dir, null, (index, type, body, off, len, hash) -> {
        seen.add(index + " " + type + " " + HEX.formatHex(body, off, off + len) + " "
            + HEX.formatHex(hash));
        if (index == throwAt) {
          throw new Refused("record " + index);
        }
      }, ahead, chunk, JournalReader.Prepare.WHEN_AHEAD);
      seen.add("end " + end.records() + " " + end.torn());
      return null;
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static boolean checkerAlive(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name) && t.isAlive()) {
        return true;
      }
    }
    return false;
  }

  private static void assertNoCheckerLeft(Path dir) {
    assertFalse(checkerAlive("linli-journal-check " + dir), "a checking thread outlived the read");
  }

  /** A journal of a random workload in segments of 4 KiB, some with snapshot bindings. */
  private static void writeJournal(Path dir, SplittableRandom random) {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(random.nextLong(), clock);
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock)
        .segmentBytes(4096).build())) {
      w.setUp(d.ledger(), 1 + random.nextInt(12));
      int steps = random.nextInt(300);
      for (int i = 0; i < steps; i++) {
        w.step(d.ledger());
        if (random.nextInt(150) == 0) {
          d.snapshot();
        }
      }
    }
  }

  /** Damages the journal in one of several ways, or leaves it whole. */
  private static void damage(Path dir, SplittableRandom random) throws IOException {
    List<Path> files = segments(dir);
    Path last = files.get(files.size() - 1);
    Path any = files.get(random.nextInt(files.size()));
    switch (random.nextInt(9)) {
      case 0 -> {
        // whole
      }
      case 1, 2 -> {
        byte[] b = Files.readAllBytes(any);
        int at = random.nextInt(b.length);
        b[at] ^= (byte) (1 + random.nextInt(255));
        Files.write(any, b);
      }
      case 3 -> {
        byte[] b = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(b, random.nextInt(b.length + 1)));
      }
      case 4 -> {
        byte[] b = Files.readAllBytes(any);
        Files.write(any, Arrays.copyOf(b, random.nextInt(b.length + 1)));
      }
      case 5 -> {
        byte[] junk = new byte[1 + random.nextInt(300)];
        if (random.nextBoolean()) {
          for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) random.nextInt(256);
          }
        }
        Files.write(last, junk, StandardOpenOption.APPEND);
      }
      case 6 -> {
        if (files.size() > 2) {
          Files.delete(files.get(1 + random.nextInt(files.size() - 2)));
        }
      }
      default -> appendForged(last, random);
    }
  }

  /**
   * Appends well-framed, well-chained records that do not apply (a transfer from an account that
   * does not exist) or do (a configuration record where none may be), then perhaps a damaged one.
   */
  private static void appendForged(Path last, SplittableRandom random) throws IOException {
    byte[] file = Files.readAllBytes(last);
    byte[] prev = file.length >= Segments.HEADER_BYTES + Segments.HASH_BYTES
        ? Arrays.copyOfRange(file, file.length - Segments.HASH_BYTES, file.length)
        : new byte[Segments.HASH_BYTES];
    RecordCodec.Encoder p = new RecordCodec.Encoder(256);
    byte type;
    int kind = random.nextInt(4);
    if (kind == 2) {
      // A transfer record whose payload ends early (its frame and hash are good).
      type = RecordCodec.TRANSFERS_APPLIED;
      p.putInstant(Instant.parse("2030-01-01T00:00:00Z"));
      p.putInt(2);
      p.putString("cut" + random.nextInt(100));
      p.putString("pool");
    } else if (kind == 3) {
      // An account whose frozen flag is neither 0 nor 1.
      type = RecordCodec.ACCOUNT_CREATED;
      p.putString("forged" + random.nextInt(100));
      p.putString("points");
      p.putString("MEMBER");
      p.putLong(0);
      p.put((byte) 7);
      p.putBoolean(false);
      p.putString("");
    } else if (kind == 0) {
      type = RecordCodec.TRANSFERS_APPLIED;
      p.putInstant(Instant.parse("2030-01-01T00:00:00Z"));
      p.putInt(1);
      p.putString("forged" + random.nextInt(100));
      p.putString("nobody");
      p.putString("m0");
      p.putLong(5);
      p.putString("points");
      p.putString("earn");
      p.putString("");
      p.putString(null);
      p.putString(null);
    } else {
      type = RecordCodec.HOLD_VOIDED;
      p.putString("no-such-hold");
    }
    RecordCodec.Encoder frame = new RecordCodec.Encoder(p.size + 64);
    byte[] hash = new byte[Segments.HASH_BYTES];
    Segments.frame(type, p.buf, p.size, prev, Sha256.newDigest(), new CRC32C(), frame, hash);
    byte[] out = Arrays.copyOf(frame.buf, frame.size);
    if (random.nextBoolean()) {
      // Damage after the record that cannot apply: the record's failure comes first.
      out = Arrays.copyOf(out, out.length + 20);
      out[out.length - 5] = 9;
    }
    Files.write(last, out, StandardOpenOption.APPEND);
  }

  private static List<Path> segments(Path dir) throws IOException {
    return Segments.list(dir);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
