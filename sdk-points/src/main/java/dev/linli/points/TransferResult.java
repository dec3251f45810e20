package dev.linli.points;

/**
 * The outcome of one transfer request: a closed set of stable codes, like TigerBeetle's, for every
 * expected business outcome. Only {@link #OK} changes the ledger.
 *
 * @since 0.1.0
 */
public enum TransferResult {
  /** Applied. */
  OK,
  /** A transfer with this id and the same content exists; nothing changed. */
  EXISTS,
  /** A transfer with this id exists with another amount. */
  EXISTS_WITH_DIFFERENT_AMOUNT,
  /** A transfer with this id exists with another debit account. */
  EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
  /** A transfer with this id exists with another credit account. */
  EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
  /** A transfer with this id exists with another code. */
  EXISTS_WITH_DIFFERENT_CODE,
  /** A transfer with this id exists with other user data. */
  EXISTS_WITH_DIFFERENT_USER_DATA,
  /** A transfer with this id exists reversing another transfer (or none). */
  EXISTS_WITH_DIFFERENT_REVERSES,
  /** A transfer with this id exists, made by another operator. */
  EXISTS_WITH_DIFFERENT_OPERATOR,
  /** Debit and credit account are the same. */
  ACCOUNTS_MUST_BE_DIFFERENT,
  /** No account has the debit account id. */
  DEBIT_ACCOUNT_NOT_FOUND,
  /** No account has the credit account id. */
  CREDIT_ACCOUNT_NOT_FOUND,
  /** The two accounts hold different assets. */
  ASSETS_MUST_MATCH,
  /** The debit or credit account is frozen. */
  ACCOUNT_FROZEN,
  /** The debit or credit account is closed. */
  ACCOUNT_CLOSED,
  /** The debit account's balance would fall below its overdraft limit. */
  EXCEEDS_BALANCE,
  /** An account's total debits or credits would exceed {@code Long.MAX_VALUE}. */
  OVERFLOWS,
  /** The transfer named in {@code reverses} does not exist. */
  REVERSED_TRANSFER_NOT_FOUND,
  /** A reversal must credit the original's debit account and debit its credit account. */
  REVERSAL_MUST_SWAP_ACCOUNTS,
  /** The reversal would undo more than is left of the original. */
  REVERSAL_EXCEEDS_ORIGINAL,
  /** A reversal cannot itself be reversed; send a new transfer instead. */
  CANNOT_REVERSE_A_REVERSAL,
  /** Two requests in one batch have the same id. */
  DUPLICATE_ID_IN_BATCH,
  /** Another request of its linked batch failed, so none was applied. */
  LINKED_EVENT_FAILED,
  /** A hold cannot be a reversal. */
  HOLD_CANNOT_REVERSE,
  /** A hold's timeout must be positive. */
  HOLD_TIMEOUT_MUST_BE_POSITIVE,
  /** No hold has the given id. */
  HOLD_NOT_FOUND,
  /** The hold was already posted. */
  HOLD_ALREADY_POSTED,
  /** The hold was already voided. */
  HOLD_ALREADY_VOIDED,
  /** The hold lapsed before it was posted. */
  HOLD_EXPIRED,
  /** A post may move at most the held amount. */
  POST_EXCEEDS_HOLD
}
