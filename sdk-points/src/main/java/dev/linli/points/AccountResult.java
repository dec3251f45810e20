package dev.linli.points;

/**
 * The outcome of creating an account; only {@link #OK} changes the ledger.
 *
 * @since 0.1.0
 */
public enum AccountResult {
  /** Created. */
  OK,
  /** An identical account with this id exists; nothing changed. */
  EXISTS,
  /** An account with this id exists with another asset. */
  EXISTS_WITH_DIFFERENT_ASSET,
  /** An account with this id exists with another kind. */
  EXISTS_WITH_DIFFERENT_KIND,
  /** An account with this id exists with other flags, limits or user data. */
  EXISTS_WITH_DIFFERENT_SETTINGS,
  /** No account has the given id. */
  ACCOUNT_NOT_FOUND,
  /** The account is closed; it cannot change again. */
  ACCOUNT_CLOSED,
  /** An account is closed only with a zero balance and no pending holds. */
  BALANCE_NOT_ZERO
}
