package dev.linli.points.journal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What opening a {@link DurableLedger} found: whether the journal was new, how many records it
 * holds and how many were replayed (fewer when a snapshot was used), and the torn tail removed, if
 * any. Immutable.
 *
 * @param created whether the journal was created by this open
 * @param records the number of records in the journal after recovery
 * @param replayed how many of them were replayed (the rest came from the snapshot)
 * @param snapshotRecords how many records the snapshot used covered, 0 if none was used
 * @param tornTail the partial last record removed, if any
 * @since 0.1.0
 */
public record OpenReport(boolean created, long records, long replayed, long snapshotRecords,
    Optional<TornTail> tornTail) {

  /**
   * Validates the fields.
   */
  public OpenReport {
    Objects.requireNonNull(tornTail, "tornTail");
  }

  /**
   * A partial or damaged record at the end of the journal, removed by opening. A crash during a
   * write leaves one (its change was never acknowledged); so does damage to the last complete
   * record (its change was acknowledged and is lost): the bytes cannot always tell the two apart,
   * which is why opening logs it and {@link JournalVerifier} reports it.
   *
   * @param file the segment file
   * @param offset where the record began (the file's new length)
   * @param bytes how many bytes were removed
   * @param recordIndex the record's index in the journal (0 is the first)
   * @param transfers how many transfers the record held, as far as its bytes tell; -1 if they
   *     do not
   * @param reason what is wrong with it, such as a partial record or a CRC32C mismatch
   * @since 0.1.0
   */
  public record TornTail(Path file, long offset, long bytes, long recordIndex, int transfers,
      String reason) {
    /**
     * Validates the fields.
     */
    public TornTail {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }

    static TornTail of(JournalReader.Torn t) {
      return new TornTail(t.segment(), t.offset(), t.bytes(), t.recordIndex(), t.transfers(),
          t.reason());
    }

    @Override
    public String toString() {
      return "record " + recordIndex + " at byte " + offset + " of " + file + " (" + bytes
          + " bytes, " + (transfers < 0 ? "an unknown number of" : String.valueOf(transfers))
          + " transfer" + (transfers == 1 ? "" : "s") + "): " + reason;
    }
  }
}
