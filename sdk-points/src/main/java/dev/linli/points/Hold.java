package dev.linli.points;

import java.time.Instant;

/**
 * A pending transfer (two-phase): the amount is reserved on the debit account, counted against what
 * it may spend, until the hold is posted (fully or partly, the rest released), voided, or expires.
 * Used where points are promised before they are earned: an activity's award waiting for the
 * organiser's confirmation, points offered on a micro-wish. Immutable and thread-safe.
 *
 * @param id the caller's id
 * @param debitAccountId the account whose points are reserved
 * @param creditAccountId the account that will receive them
 * @param amount the reserved amount, {@code > 0}
 * @param asset the accounts' asset
 * @param code what it is for
 * @param userData the caller's reference
 * @param operator who acted for the debit account's holder, or null
 * @param createdAt when the ledger placed it (UTC)
 * @param expiresAt when it lapses if not posted or voided (UTC)
 * @param state where it is
 * @param postedTransferId the transfer that posted it, or null
 * @since 0.1.0
 */
public record Hold(String id, String debitAccountId, String creditAccountId, long amount,
    String asset, String code, String userData, String operator, Instant createdAt,
    Instant expiresAt, State state, String postedTransferId) {
  /** Where a hold is; only PENDING is not final. */
  public enum State {
    /** Reserved, waiting. */
    PENDING,
    /** Posted: a transfer moved all or part of it, the rest was released. */
    POSTED,
    /** Cancelled; everything released. */
    VOIDED,
    /** Lapsed at {@code expiresAt}; everything released. */
    EXPIRED
  }

  Hold with(State next, String transferId) {
    return new Hold(id, debitAccountId, creditAccountId, amount, asset, code, userData, operator,
        createdAt, expiresAt, next, transferId);
  }
}
