package dev.linli.points.journal;

import dev.linli.core.internal.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.journal.testing.CapturedLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial edits of a journal, each caught by the verifier naming the first bad record. */
class JournalVerifierTest {
  @TempDir Path dir;
  Path segment;
  byte[] original;
  KeyPair key;
  Checkpoint checkpoint;

  @BeforeEach
  void setUp() throws IOException, NoSuchAlgorithmException {
    key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    try (DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock).build())) {
      Ledger l = d.ledger();
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      l.createAccount(Account.member("m1", "points"));
      l.createAccount(Account.member("m2", "points"));
      for (int i = 0; i < 20; i++) {
        l.submit(TransferRequest.of("t" + i, "pool", i % 2 == 0 ? "m1" : "m2", 10 + i,
            "elderly-care"));
      }
      checkpoint = d.checkpoint().sign(key.getPrivate());
    }
    segment = Segments.list(dir).get(0);
    original = Files.readAllBytes(segment);
  }

  /** Byte offsets of every record in the segment. */
  private List<Integer> offsets(byte[] file) {
    List<Integer> out = new ArrayList<>();
    int pos = Segments.HEADER_BYTES;
    while (pos < file.length) {
      out.add(pos);
      pos += Segments.FRAME_BYTES + ByteBuffer.wrap(file, pos, 4).getInt();
    }
    return out;
  }

  private Verification.Broken broken(Checkpoint cp) {
    Verification v = JournalVerifier.verify(dir, cp, key.getPublic());
    assertFalse(v.intact(), "the edit must be caught");
    return (Verification.Broken) v;
  }

  @Test
  void untouchedJournal_isIntact_andMatchesItsSignedCheckpoint() {
    Verification v = JournalVerifier.verify(dir, checkpoint, key.getPublic());
    assertTrue(v.intact(), v::toString);
    assertEquals(checkpoint.records(), ((Verification.Intact) v).records());
    assertEquals(checkpoint.hash(), ((Verification.Intact) v).lastHash());
    assertEquals(checkpoint, Checkpoint.parse(checkpoint.toString()));
  }

  @Test
  void flippedByte_caughtAtThatRecord() throws IOException {
    List<Integer> at = offsets(original);
    byte[] edited = original.clone();
    edited[at.get(7) + 20] ^= 1;
    Files.write(segment, edited);
    Verification.Broken b = broken(null);
    assertEquals(7, b.recordIndex());
    assertEquals((long) at.get(7), b.offset());
    assertEquals(segment.toString(), b.where());
    assertTrue(b.reason().contains("CRC32C"), b.reason());
  }

  @Test
  void deletedRecord_caughtByTheChain() throws IOException {
    List<Integer> at = offsets(original);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(original, 0, at.get(5));
    out.write(original, at.get(6), original.length - at.get(6));
    Files.write(segment, out.toByteArray());
    Verification.Broken b = broken(null);
    assertEquals(5, b.recordIndex());
    assertTrue(b.reason().contains("hash chain"), b.reason());
  }

  @Test
  void reorderedRecords_caughtByTheChain() throws IOException {
    List<Integer> at = offsets(original);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(original, 0, at.get(8));
    out.write(original, at.get(9), at.get(10) - at.get(9));
    out.write(original, at.get(8), at.get(9) - at.get(8));
    out.write(original, at.get(10), original.length - at.get(10));
    Files.write(segment, out.toByteArray());
    assertEquals(8, broken(null).recordIndex());
  }

  @Test
  void truncatedAtARecordBoundary_selfConsistentButCaughtByTheCheckpoint() throws IOException {
    List<Integer> at = offsets(original);
    Files.write(segment, Arrays.copyOf(original, at.get(12)));
    assertTrue(JournalVerifier.verify(dir).intact(), "a prefix is a valid journal on its own");
    Verification.Broken b = broken(checkpoint);
    assertEquals(12, b.recordIndex());
    assertTrue(b.reason().contains("removed"), b.reason());
  }

  @Test
  void rewrittenHistoryWithRecomputedChain_caughtByTheCheckpointHash() throws IOException {
    // Raise transfer t3's amount and rebuild every later CRC and hash, as a careful forger would.
    List<Integer> at = offsets(original);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(original, 0, Segments.HEADER_BYTES);
    byte[] prev = Segments.GENESIS;
    RecordCodec.Decoder in = new RecordCodec.Decoder();
    for (int i = 0; i < at.size(); i++) {
      int off = at.get(i);
      int len = ByteBuffer.wrap(original, off, 4).getInt();
      byte type = original[off + Segments.FRAME_BYTES + 1];
      byte[] payload = Arrays.copyOfRange(original, off + Segments.FRAME_BYTES + 2,
          off + Segments.FRAME_BYTES + len - Segments.HASH_BYTES);
      if (type == RecordCodec.TRANSFERS_APPLIED) {
        in.reset(payload, 0, payload.length);
        LedgerEvent.TransfersApplied e = (LedgerEvent.TransfersApplied) RecordCodec.decode(type,
            in);
        Transfer t = e.transfers().get(0);
        if (t.id().equals("t3")) {
          Transfer forged = new Transfer(t.id(), t.debitAccountId(), t.creditAccountId(), 5000,
              t.asset(), t.code(), t.userData(), null, null, t.timestamp());
          RecordCodec.Encoder enc = new RecordCodec.Encoder(256);
          RecordCodec.encode(new LedgerEvent.TransfersApplied(e.stamp(), List.of(forged)), enc);
          payload = Arrays.copyOf(enc.buf, enc.size);
        }
      }
      RecordCodec.Encoder rec = new RecordCodec.Encoder(256);
      byte[] hash = new byte[Segments.HASH_BYTES];
      Segments.frame(type, payload, payload.length, prev, Sha256.newDigest(), new CRC32C(), rec,
          hash);
      out.write(rec.buf, 0, rec.size);
      prev = hash;
    }
    Files.write(segment, out.toByteArray());
    assertTrue(JournalVerifier.verify(dir).intact(), "the forgery is self-consistent");
    Verification.Broken b = broken(checkpoint);
    assertEquals(checkpoint.records() - 1, b.recordIndex());
    assertTrue(b.reason().contains("rewritten"), b.reason());
  }

  @Test
  void appendedForgedRecord_withRecomputedChain_caughtByItsUnsignedCheckpoint()
      throws IOException, NoSuchAlgorithmException {
    List<Integer> at = offsets(original);
    int last = at.get(at.size() - 1);
    byte[] lastHash = Arrays.copyOfRange(original, original.length - Segments.HASH_BYTES,
        original.length);
    assertEquals(checkpoint.hash(), Segments.hex(lastHash));
    Transfer forged = new Transfer("gift-to-self", "pool", "m2", 100_000, "points", "gift", "",
        null, null, Instant.parse("2026-03-02T00:00:00Z"));
    RecordCodec.Encoder enc = new RecordCodec.Encoder(256);
    RecordCodec.encode(new LedgerEvent.TransfersApplied(forged.timestamp(), List.of(forged)), enc);
    RecordCodec.Encoder rec = new RecordCodec.Encoder(256);
    byte[] hash = new byte[Segments.HASH_BYTES];
    Segments.frame(RecordCodec.TRANSFERS_APPLIED, enc.buf, enc.size, lastHash, Sha256.newDigest(),
        new CRC32C(), rec, hash);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(original);
    out.write(rec.buf, 0, rec.size);
    Files.write(segment, out.toByteArray());
    assertTrue(last > 0);
    assertTrue(JournalVerifier.verify(dir).intact(), "the chain was recomputed");
    Checkpoint unsigned = new Checkpoint(checkpoint.records() + 1, Segments.hex(hash),
        Instant.parse("2026-03-02T00:00:00Z"), null);
    assertTrue(broken(unsigned).reason().contains("not validly signed"));
    Checkpoint otherKey = unsigned.sign(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
        .getPrivate());
    assertTrue(broken(otherKey).reason().contains("not validly signed"));
    Checkpoint tampered = Checkpoint.parse(checkpoint.toString().replace(
        "records=" + checkpoint.records(), "records=" + (checkpoint.records() + 1)));
    assertFalse(tampered.isSignedBy(key.getPublic()));
  }

  @Test
  void bitFlipInTheLastCompleteRecord_isADamagedEnd_namingIt_andOpeningLogsTheTruncation()
      throws IOException {
    List<Integer> at = offsets(original);
    int last = at.get(at.size() - 1);
    byte[] edited = original.clone();
    edited[edited.length - Segments.HASH_BYTES - 3] ^= 4;
    Files.write(segment, edited);
    Verification v = JournalVerifier.verify(dir);
    assertFalse(v.intact(), "an acknowledged transfer would be dropped: never 'intact'");
    Verification.DamagedEnd d = assertInstanceOf(Verification.DamagedEnd.class, v);
    assertEquals(checkpoint.records() - 1, d.records());
    assertEquals(checkpoint.records() - 1, d.tail().recordIndex());
    assertEquals(last, d.tail().offset());
    assertEquals(segment, d.tail().file());
    assertEquals(1, d.tail().transfers(), "the last record is one submit");
    assertTrue(d.tail().reason().contains("CRC32C"), d.tail().reason());
    assertTrue(d.toString().contains("record " + (checkpoint.records() - 1) + " at byte " + last
        + " of " + segment + " (" + (edited.length - last) + " bytes, 1 transfer)"), d::toString);
    assertInstanceOf(Verification.Broken.class, JournalVerifier.verify(dir, checkpoint,
        key.getPublic()), "the checkpoint covers the damaged record");
    try (DurableLedger l = DurableLedger.open(dir, JournalOptions.defaults())) {
      assertEquals(d.tail(), l.openReport().tornTail().orElseThrow());
    }
    assertFalse(CapturedLog.containing("Journal " + dir, "removing its last record",
        "record " + (checkpoint.records() - 1) + " at byte " + last, "1 transfers").isEmpty(),
        "opening logs what it removed");
  }

  @Test
  void partialLastRecord_isADamagedEnd_withItsTransferCount() throws IOException {
    List<Integer> at = offsets(original);
    int last = at.get(at.size() - 1);
    Files.write(segment, Arrays.copyOf(original, last + Segments.FRAME_BYTES + 20));
    Verification.DamagedEnd d = assertInstanceOf(Verification.DamagedEnd.class,
        JournalVerifier.verify(dir));
    assertEquals(last, d.tail().offset());
    assertEquals(1, d.tail().transfers());
    assertTrue(d.tail().reason().startsWith("partial record"), d.tail().reason());
  }

  @Test
  void notes_sayWhatCannotBeSeenWithoutACheckpoint_andAfterIt() {
    Verification.Intact alone = assertInstanceOf(Verification.Intact.class,
        JournalVerifier.verify(dir));
    assertTrue(alone.notes().contains(JournalVerifier.WITHOUT_CHECKPOINT), alone.notes()::toString);
    assertTrue(JournalVerifier.WITHOUT_CHECKPOINT.contains("whole segments deleted from the"
        + " journal's end, the last segment cut short at a record boundary"));
    Verification.Intact covered = assertInstanceOf(Verification.Intact.class,
        JournalVerifier.verify(dir, checkpoint, key.getPublic()));
    assertEquals(List.of(), covered.notes(), "the checkpoint covers every record");
  }

  /** A journal of several segments and its signed checkpoint, in {@code where}. */
  private Checkpoint severalSegments(Path where, String prefix) {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    try (DurableLedger d = DurableLedger.open(where, JournalWorkload.options(clock)
        .segmentBytes(4096).build())) {
      Ledger l = d.ledger();
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      l.createAccount(Account.member("m1", "points"));
      for (int i = 0; i < 200; i++) {
        l.submit(TransferRequest.of(prefix + i, "pool", "m1", 1 + i, "elderly-care"));
      }
      return d.checkpoint().sign(key.getPrivate());
    }
  }

  @Test
  void severalSegments_deletedSwappedReplacedTruncated_withAndWithoutCheckpoint()
      throws IOException {
    Path multi = dir.resolve("multi");
    Checkpoint cp = severalSegments(multi, "t");
    List<Path> segments = Segments.list(multi);
    assertTrue(segments.size() >= 4, "segments: " + segments.size());
    Path backup = dir.resolve("backup");
    Files.createDirectories(backup);
    for (Path s : segments) {
      Files.copy(s, backup.resolve(s.getFileName()));
    }
    Runnable restore = () -> {
      try {
        for (Path s : Segments.list(multi)) {
          Files.delete(s);
        }
        for (Path s : segments) {
          Files.copy(backup.resolve(s.getFileName()), s);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    assertTrue(JournalVerifier.verify(multi, cp, key.getPublic()).intact());

    // The whole last segment deleted: a shorter journal is well formed; only the checkpoint sees.
    Files.delete(segments.get(segments.size() - 1));
    Verification.Intact shorter = assertInstanceOf(Verification.Intact.class,
        JournalVerifier.verify(multi));
    assertTrue(shorter.notes().contains(JournalVerifier.WITHOUT_CHECKPOINT));
    assertTrue(((Verification.Broken) JournalVerifier.verify(multi, cp, key.getPublic()))
        .reason().contains("records were removed"));
    restore.run();

    // A middle segment deleted: the next header names a record the journal has not reached.
    Files.delete(segments.get(1));
    assertTrue(((Verification.Broken) JournalVerifier.verify(multi)).reason()
        .contains("a segment is missing or renamed"));
    restore.run();

    // Two segments' contents swapped under each other's names.
    Files.copy(backup.resolve(segments.get(2).getFileName()), segments.get(1),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(backup.resolve(segments.get(1).getFileName()), segments.get(2),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertFalse(JournalVerifier.verify(multi).intact());
    restore.run();

    // A middle segment replaced by the same-named segment of another journal.
    Path other = dir.resolve("other");
    severalSegments(other, "x");
    Files.copy(other.resolve(segments.get(1).getFileName()), segments.get(1),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Verification.Broken replaced = (Verification.Broken) JournalVerifier.verify(multi);
    assertEquals(segments.get(1).toString(), replaced.where());
    restore.run();

    // A middle segment cut short at a record boundary: the next header no longer follows on.
    byte[] middle = Files.readAllBytes(segments.get(1));
    List<Integer> at = offsets(middle);
    Files.write(segments.get(1), Arrays.copyOf(middle, at.get(at.size() / 2)));
    assertTrue(((Verification.Broken) JournalVerifier.verify(multi)).reason()
        .contains("a segment is missing or renamed"));
    restore.run();
    assertTrue(JournalVerifier.verify(multi, cp, key.getPublic()).intact());
  }

  @Test
  void malformedCheckpointText_rejectedWithTheExpectedForm() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> Checkpoint.parse("records=3"));
    assertTrue(e.getMessage().contains("linli-checkpoint 1"), e.getMessage());
  }
}
