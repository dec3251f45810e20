package dev.linli.points.journal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.List;

/**
 * The outcome of {@link JournalVerifier} and of {@link LedgerTableVerifier}: intact; intact but
 * for a torn or damaged last record ({@link DamagedEnd}, journals only); or broken at a named
 * record. One shape for both stores, so a caller checks a journal and a PostgreSQL ledger alike:
 * a journal's records are its journal records, a PostgreSQL ledger's records are its transfer rows
 * in chain order. Immutable.
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
   * @param records how many records the journal holds (the tables: how many transfer rows)
   * @param lastHash the chain hash of the last record, hex (the tables: zeros when empty)
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
   * @param recordIndex the index of the first bad record (0 is the first; a transfer row's chain
   *     position minus one), or -1 when the problem is no record (a PostgreSQL account's stored
   *     totals, its chain head, a checkpoint's signature)
   * @param where where it is: a journal's segment file (or the journal directory, or an altered
   *     snapshot), or a PostgreSQL row such as {@code "transfer t-17"}, {@code "account m-3"},
   *     {@code "chain head"} or {@code "checkpoint"}
   * @param offset its byte offset in the file, or -1 when the problem is a checkpoint, a snapshot
   *     or a table row
   * @param reason what is wrong
   * @since 0.1.0
   */
  record Broken(long recordIndex, String where, long offset, String reason)
      implements Verification {
    /**
     * Validates the fields.
     */
    public Broken {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(reason, "reason");
    }

    /**
     * A record in a journal's file (or the journal directory, or a snapshot).
     *
     * @param recordIndex as in the record
     * @param file the file or directory, not null
     * @param offset as in the record
     * @param reason what is wrong, not null
     * @return the record
     */
    static Broken inFile(long recordIndex, Path file, long offset, String reason) {
      return new Broken(recordIndex, file.toString(), offset, reason);
    }

    /**
     * A PostgreSQL ledger's row.
     *
     * @param seq the transfer row's chain position (from 1), or 0 when the row is no transfer
     * @param row the row, not null
     * @param reason what is wrong, not null
     * @return the record, naming the chain position (the table's {@code seq}) beside the row
     */
    static Broken atRow(long seq, String row, String reason) {
      return new Broken(seq - 1, seq > 0 ? row + " (seq " + seq + ")" : row, -1, reason);
    }

    @Override
    public boolean intact() {
      return false;
    }

    @Override
    public String toString() {
      return (recordIndex >= 0 ? "record " + recordIndex + " in " : "") + where
          + (offset >= 0 ? " at byte " + offset : "") + ": " + reason;
    }
  }
}
