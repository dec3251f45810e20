package dev.linli.points.journal;

import dev.linli.points.Ledger;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a journal offline, without opening it for writing (it takes no lock and changes nothing):
 * every record's frame, CRC32C and SHA-256 chain link, that every record applies to the ledger it
 * describes, and optionally that the journal still contains what a previously exported
 * {@link Checkpoint} covered, signed by the expected key. It names the first bad record. Together
 * these catch a flipped byte, a deleted, inserted or reordered record, a truncation behind a
 * checkpoint, and records appended with a recomputed chain (which no genuinely signed later
 * checkpoint can cover). Thread-safe (stateless).
 *
 * @since 0.1.0
 */
public final class JournalVerifier {
  private JournalVerifier() {}

  /**
   * Checks a journal against itself.
   *
   * @param dir the journal's directory
   * @return intact, or the first bad record
   * @throws JournalFailedException if the journal cannot be read
   */
  public static Verification verify(Path dir) {
    return verify(dir, null, null);
  }

  /**
   * Checks a journal against itself and against {@code checkpoint}.
   *
   * @param dir the journal's directory
   * @param checkpoint a checkpoint exported earlier, or null
   * @param key the key the checkpoint must be signed with, or null to accept it unsigned
   * @return intact, or the first bad record
   * @throws JournalFailedException if the journal cannot be read
   */
  public static Verification verify(Path dir, Checkpoint checkpoint, PublicKey key) {
    Objects.requireNonNull(dir, "dir");
    if (checkpoint != null && key != null && !checkpoint.isSignedBy(key)) {
      return new Verification.Broken(checkpoint.records() - 1, dir, -1,
          "the checkpoint is not validly signed by the given key (forged or altered checkpoint)");
    }
    String[] hashAtCheckpoint = new String[1];
    // Replay needs a clock only to build the ledger; recorded events never read it.
    JournalOptions options = JournalOptions.builder()
        .ledger(Ledger.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).build();
    JournalReader.End end;
    try {
      end = DurableLedger.replayRecords(dir, null, options, new Ledger[1],
          new RecordCodec.Config[1], (hash, index) -> {
            if (checkpoint != null && index == checkpoint.records() - 1) {
              hashAtCheckpoint[0] = Segments.hex(hash);
            }
          });
    } catch (JournalCorruptedException e) {
      return new Verification.Broken(e.recordIndex(), e.file(), e.offset(), e.reason());
    } catch (IOException e) {
      throw new JournalFailedException("cannot read the journal in " + dir + ": " + e, e);
    }
    if (end.records() == 0) {
      return new Verification.Broken(0, dir, -1, "no journal segments found");
    }
    if (checkpoint != null) {
      if (end.records() < checkpoint.records()) {
        return new Verification.Broken(end.records(), end.lastSegment(), end.validEnd(),
            "the journal ends after " + end.records() + " records but the checkpoint of "
            + checkpoint.time() + " covers " + checkpoint.records() + " (records were removed)");
      }
      if (!checkpoint.hash().equals(hashAtCheckpoint[0])) {
        return new Verification.Broken(checkpoint.records() - 1, dir, -1,
            "the chain hash of record " + (checkpoint.records() - 1) + " is "
            + hashAtCheckpoint[0] + " but the checkpoint says " + checkpoint.hash()
            + " (records up to it were rewritten)");
      }
    }
    Optional<OpenReport.TornTail> torn = Optional.ofNullable(end.torn())
        .map(t -> new OpenReport.TornTail(t.segment(), t.offset(), t.bytes()));
    return new Verification.Intact(end.records(), Segments.hex(end.lastHash()), torn);
  }
}
