package dev.linli.points.journal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link JournalVerifier}: intact, or broken at a named record. Immutable.
 *
 * @since 0.1.0
 */
public sealed interface Verification {

  /**
   * Returns whether the journal passed.
   *
   * @return true for {@link Intact}
   */
  boolean intact();

  /**
   * Every record is well formed, correctly chained and applies to the ledger, and the journal
   * matches the checkpoint given (if any).
   *
   * @param records how many records the journal holds
   * @param lastHash the chain hash of the last record, hex
   * @param tornTail a partial last record (a crash during a write; opening removes it), if any
   * @since 0.1.0
   */
  record Intact(long records, String lastHash, Optional<OpenReport.TornTail> tornTail)
      implements Verification {
    /**
     * Validates the fields.
     */
    public Intact {
      Objects.requireNonNull(lastHash, "lastHash");
      Objects.requireNonNull(tornTail, "tornTail");
    }

    @Override
    public boolean intact() {
      return true;
    }
  }

  /**
   * The first bad record, and why.
   *
   * @param recordIndex the index of the first bad record (0 is the journal's first)
   * @param file the segment file it is in (or the journal directory)
   * @param offset its byte offset in the file, or -1 when the problem is the checkpoint itself
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
