package dev.linli.points.journal;

import dev.linli.core.LinliException;

/**
 * The journal could not be read or written (disk full, an I/O error). After a write fails, the
 * ledger refuses every further operation with this exception: the calls that were waiting for the
 * failed write did not succeed, and the in-memory state may hold changes the disk does not, so the
 * ledger must be reopened, which recovers exactly what reached the disk.
 *
 * @since 0.1.0
 */
public final class JournalFailedException extends LinliException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and where
   * @param cause the I/O error
   */
  public JournalFailedException(String message, Throwable cause) {
    super("journal-failed", message, cause);
  }
}
