package dev.linli.points.internal;

/**
 * Receives a journaled ledger's state changes. {@link #append} and {@link #appended} are called
 * under the ledger's lock; {@link #awaitDurable} after it is released, so that callers waiting for
 * the disk do not hold up the ledger and can share one flush. Not exported.
 */
public interface LedgerEventSink {

  /**
   * Throws if the sink can no longer record changes (an earlier write failed); called under the
   * ledger's lock before each operation, so a failed journal stops the ledger before it changes.
   */
  void checkUsable();

  /**
   * Records one change, in order.
   *
   * @param event the change
   */
  void append(LedgerEvent event);

  /**
   * Returns how many changes have been appended so far.
   *
   * @return the count, a ticket for {@link #awaitDurable}
   */
  long appended();

  /**
   * Blocks until the first {@code ticket} changes are as durable as the sink promises.
   *
   * @param ticket a value of {@link #appended()}
   */
  void awaitDurable(long ticket);
}
