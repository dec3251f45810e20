package dev.linli.points.journal;

import dev.linli.core.LinliException;

/**
 * Another ledger (in this or another process) has the journal open for writing: a journal has one
 * writer at a time, enforced with an operating-system file lock on {@code LOCK} in its directory.
 *
 * @since 0.1.0
 */
public final class JournalLockedException extends LinliException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which journal, and what to do
   */
  public JournalLockedException(String message) {
    super("journal-locked", message, null);
  }
}
