package dev.linli.points.journal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.List;

/**
 * The outcome of {@link JournalVerifier}: intact; intact but for a torn or damaged last record
 * ({@link DamagedEnd}); or broken at a named record. Immutable.
 *
 * @since 0.1.0
 */
public sealed interface Verification {

  /**
   * Returns whether the journal passed: every record intact.
   *
   * @return true for {@link Intact} only
   */
  boolean intact();

  /**
   * Every record is well formed, correctly chained and applies to the ledger, the journal matches
   * the checkpoint given (if any), and no snapshot opening would load was altered.
   *
   * @param records how many records the journal holds
   * @param lastHash the chain hash of the last record, hex
   * @param notes what else was seen (snapshots that opening ignores, and why) and what the check
   *     could not see; not failures
   * @since 0.1.0
   */
  record Intact(long records, String lastHash, List<String> notes) implements Verification {
    /**
     * Validates and copies the fields.
     */
    public Intact {
      Objects.requireNonNull(lastHash, "lastHash");
      notes = List.copyOf(notes);
    }

    @Override
    public boolean intact() {
      return true;
    }
  }

  /**
   * Every record but the last is intact (as {@link Intact} says); the last one is cut short or
   * fails its CRC32C. A crash during a write leaves such a record, and so does damage to the last
   * complete record: the bytes cannot always tell which, so this is never reported as intact.
   * Opening the ledger removes the record (and logs it); if it was acknowledged, its change is lost.
   *
   * @param records how many intact records come before it
   * @param lastHash the chain hash of the last intact record, hex
   * @param tail the damaged record: where, its index, how many transfers it holds, why
   * @param notes as in {@link Intact}
   * @since 0.1.0
   */
  record DamagedEnd(long records, String lastHash, OpenReport.TornTail tail, List<String> notes)
      implements Verification {
    /**
     * Validates and copies the fields.
     */
    public DamagedEnd {
      Objects.requireNonNull(lastHash, "lastHash");
      Objects.requireNonNull(tail, "tail");
      notes = List.copyOf(notes);
    }

    @Override
    public boolean intact() {
      return false;
    }

    @Override
    public String toString() {
      return "the journal ends in a torn or damaged record: " + tail;
    }
  }

  /**
   * The first bad record, and why.
   *
   * @param recordIndex the index of the first bad record (0 is the journal's first)
   * @param file the segment file it is in (or the journal directory, or an altered snapshot)
   * @param offset its byte offset in the file, or -1 when the problem is the checkpoint itself
   *     or a snapshot
   * @param reason what is wrong
   * @since 0.1.0
   */
  record Broken(long recordIndex, Path file, long offset, String reason) implements Verification {
    /**
     * Validates the fields.
     */
    public Broken {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean intact() {
      return false;
    }

    @Override
    public String toString() {
      return "record " + recordIndex + " in " + file + (offset >= 0 ? " at byte " + offset : "")
          + ": " + reason;
    }
  }
}
