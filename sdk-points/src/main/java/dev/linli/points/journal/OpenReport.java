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
   * A partial record at the end of the journal, left by a crash during its write and removed: its
   * change was never acknowledged to a caller.
   *
   * @param file the segment file
   * @param offset where the partial record began (the file's new length)
   * @param bytes how many bytes were removed
   * @since 0.1.0
   */
  public record TornTail(Path file, long offset, long bytes) {
    /**
     * Validates the fields.
     */
    public TornTail {
      Objects.requireNonNull(file, "file");
    }
  }
}
