package dev.linli.points.journal;

import dev.linli.core.LinliException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A journal is damaged somewhere other than its last, partially written record: a record fails its
 * CRC32C or hash chain, a segment is missing, or a record cannot apply to the ledger. Recovery stops
 * here rather than skip a record; the message names the file, byte offset and record index.
 *
 * @since 0.1.0
 */
public final class JournalCorruptedException extends LinliException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final long recordIndex;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param file the segment file
   * @param offset the byte offset of the bad record (or header) in the file
   * @param recordIndex the index of the bad record in the journal (0 is the first)
   * @param reason what is wrong
   */
  public JournalCorruptedException(Path file, long offset, long recordIndex, String reason) {
    super("journal-corrupted", "journal " + file + " is corrupted at byte offset " + offset
        + " (record " + recordIndex + "): " + reason, null);
    this.file = Objects.requireNonNull(file, "file");
    this.offset = offset;
    this.recordIndex = recordIndex;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns the damaged segment file.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the byte offset of the bad record in {@link #file()}.
   *
   * @return the offset
   */
  public long offset() {
    return offset;
  }

  /**
   * Returns the index of the first bad record (0 is the journal's first record).
   *
   * @return the index
   */
  public long recordIndex() {
    return recordIndex;
  }

  /**
   * Returns what is wrong, such as {@code "CRC32C mismatch"}.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
