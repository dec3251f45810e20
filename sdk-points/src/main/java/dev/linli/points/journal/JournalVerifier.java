package dev.linli.points.journal;

import dev.linli.points.Ledger;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a journal offline, without opening it for writing (it takes no lock and changes nothing):
 * every record's frame, CRC32C and SHA-256 chain link, that every record applies to the ledger it
 * describes, and optionally that the journal still contains what a previously exported
 * {@link Checkpoint} covered, signed by the expected key. It names the first bad record. Together
 * these catch a flipped byte, a deleted, inserted or reordered record, a truncation behind a
 * checkpoint, and records appended with a recomputed chain (which no genuinely signed later
 * checkpoint can cover). It also checks every snapshot opening would load against the SHA-256 the
 * journal bound to it (an edited snapshot is {@link Verification.Broken}), and reports a torn or
 * damaged last record as {@link Verification.DamagedEnd}, never as intact. Without a checkpoint it
 * cannot see whole segments deleted from the end, the last segment cut short at a record
 * boundary, or a rewrite with a recomputed chain; {@link Verification.Intact#notes()} says so.
 * Thread-safe (stateless). A large journal's frames are checked on a second thread while its
 * records are replayed, as {@link DurableLedger} opening does; it has ended when a call returns.
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
      return Verification.Broken.inFile(checkpoint.records() - 1, dir, -1,
          "the checkpoint is not validly signed by the given key (forged or altered checkpoint)");
    }
    String[] hashAtCheckpoint = new String[1];
    Map<Long, DurableLedger.Bound> bindings = new HashMap<>();
    // Replay needs a clock only to build the ledger; recorded events never read it.
    JournalOptions options = JournalOptions.builder()
        .ledger(Ledger.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).build();
    JournalReader.End end;
    try {
      end = DurableLedger.replayRecords(dir, null, options, new Ledger[1],
          new RecordCodec.Config[1], (index, hash, binding) -> {
            if (checkpoint != null && index == checkpoint.records() - 1) {
              hashAtCheckpoint[0] = Segments.hex(hash);
            }
            if (binding != null) {
              bindings.putIfAbsent(binding.records(), binding);
            }
          });
    } catch (JournalCorruptedException e) {
      return Verification.Broken.inFile(e.recordIndex(), e.file(), e.offset(), e.reason());
    } catch (IOException e) {
      throw new JournalFailedException("cannot read the journal in " + dir + ": " + e, e);
    }
    if (end.records() == 0) {
      return Verification.Broken.inFile(0, dir, -1, "no journal segments found");
    }
    if (checkpoint != null) {
      if (end.records() < checkpoint.records()) {
        return Verification.Broken.inFile(end.records(), end.lastSegment(), end.validEnd(),
            "the journal ends after " + end.records() + " records but the checkpoint of "
            + checkpoint.time() + " covers " + checkpoint.records() + " (records were removed)");
      }
      if (!checkpoint.hash().equals(hashAtCheckpoint[0])) {
        return Verification.Broken.inFile(checkpoint.records() - 1, dir, -1,
            "the chain hash of record " + (checkpoint.records() - 1) + " is "
            + hashAtCheckpoint[0] + " but the checkpoint says " + checkpoint.hash()
            + " (records up to it were rewritten)");
      }
    }
    List<String> notes = new ArrayList<>();
    try {
      for (Path file : Snapshots.list(dir)) {
        Snapshots.Loaded snap;
        try {
          snap = Snapshots.read(file);
        } catch (Snapshots.Unusable e) {
          notes.add("snapshot " + file.getFileName() + " is not used by opening: "
              + e.getMessage());
          continue;
        }
        if (DurableLedger.coveredRecordLength(snap) < 0) {
          notes.add("snapshot " + file.getFileName() + " is not used by opening: "
              + DurableLedger.notInJournal(snap));
          continue;
        }
        DurableLedger.Bound bound = bindings.get(snap.records());
        String problem = DurableLedger.bindingProblem(snap, bound);
        if (problem != null && bound != null) {
          // Opening passes it over too, but an edited snapshot is tampering, not a crash.
          return Verification.Broken.inFile(bound.index(), file, -1, "snapshot altered: "
              + problem);
        }
        if (problem != null) {
          notes.add("snapshot " + file.getFileName() + " is not used by opening: " + problem);
        }
      }
    } catch (IOException e) {
      throw new JournalFailedException("cannot read the snapshots in " + dir + ": " + e, e);
    }
    if (checkpoint == null) {
      notes.add(WITHOUT_CHECKPOINT);
    } else if (end.records() > checkpoint.records()) {
      notes.add("records " + checkpoint.records() + " to " + (end.records() - 1)
          + " come after the checkpoint: " + WITHOUT_CHECKPOINT);
    }
    String lastHash = Segments.hex(end.lastHash());
    if (end.torn() != null) {
      return new Verification.DamagedEnd(end.records(), lastHash,
          OpenReport.TornTail.of(end.torn()), notes);
    }
    return new Verification.Intact(end.records(), lastHash, notes);
  }

  /**
   * What a check without a checkpoint cannot see: anything that leaves a well-formed, correctly
   * chained journal that is merely shorter, or rewritten from some record on.
   */
  static final String WITHOUT_CHECKPOINT = "without a checkpoint the check cannot detect whole"
      + " segments deleted from the journal's end, the last segment cut short at a record"
      + " boundary, or every record from some point on rewritten with a recomputed chain; a"
      + " checkpoint kept elsewhere (and signed) detects all three for the records it covers";
}
