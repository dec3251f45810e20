package dev.linli.points.internal;

import dev.linli.points.Ledger;

/**
 * The journal's way into a ledger's package-private engine: attaching an event sink and replaying
 * events. {@link Ledger} installs the only instance when it is initialised (the JDK's
 * "shared secrets" pattern), so none of this is public API. Not exported.
 */
public abstract class LedgerAccess {
  private static volatile LedgerAccess instance;

  /** For {@link Ledger} only. */
  protected LedgerAccess() {}

  /**
   * Installs the instance; called once by {@link Ledger}'s static initialiser.
   *
   * @param access the instance
   */
  public static void install(LedgerAccess access) {
    instance = access;
  }

  /**
   * Returns the instance, initialising {@link Ledger} if needed.
   *
   * @return the instance
   */
  public static LedgerAccess get() {
    if (instance == null) {
      try {
        Class.forName(Ledger.class.getName(), true, Ledger.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Ledger is on the module path", e);
      }
    }
    return instance;
  }

  /**
   * Sends every later change of {@code ledger} to {@code sink}; call before the ledger is shared.
   *
   * @param ledger a ledger
   * @param sink the sink
   */
  public abstract void attach(Ledger ledger, LedgerEventSink sink);

  /**
   * Applies a recorded change to {@code ledger} without consulting its clock.
   *
   * @param ledger a ledger with no sink attached
   * @param event the change
   * @throws IllegalStateException if the change cannot apply to the ledger's state (the journal
   *     does not belong to a ledger of this configuration)
   */
  public abstract void replay(Ledger ledger, LedgerEvent event);

  /**
   * Applies a recorded {@link LedgerEvent.TransfersApplied} read field by field, with the same
   * checks and the same outcome as {@link #replay} of {@code record.event()}: the same state if it
   * applies, the same exception (and message) if not.
   *
   * @param ledger a ledger with no sink attached
   * @param record the record
   * @return how many of its transfers were applied from their fields in place (the others were
   *     built as requests first)
   * @throws IllegalStateException if a transfer does not apply
   * @throws dev.linli.core.InvalidValueException if a transfer's fields are not a valid request
   */
  public abstract int replay(Ledger ledger, RecordedTransfers record);

  /**
   * Returns {@code ledger}'s full state, taken under its lock.
   *
   * @param ledger a ledger
   * @param asColumns whether to give the transfers as columns if the ledger's store keeps them so
   *     (they are then shared with the store, see {@link TransferColumns}), rather than records
   * @return its state
   */
  public abstract LedgerState export(Ledger ledger, boolean asColumns);

  /**
   * Loads {@code state} into {@code ledger}, which must be new (built with the same configuration,
   * with nothing done to it yet).
   *
   * @param ledger a new ledger
   * @param state the state to load
   * @throws IllegalStateException if the ledger is not new or the state is inconsistent
   */
  public abstract void restore(Ledger ledger, LedgerState state);

  /**
   * Runs {@code body} holding {@code ledger}'s lock, so that no change happens meanwhile.
   *
   * @param <T> the result type
   * @param ledger a ledger
   * @param body what to run
   * @return its result
   */
  public abstract <T> T underLock(Ledger ledger, java.util.function.Supplier<T> body);

  /**
   * Returns what {@code builder} was given, without building a ledger.
   *
   * @param builder a ledger builder
   * @return its settings
   */
  public abstract LedgerSettings settings(Ledger.Builder builder);
}
