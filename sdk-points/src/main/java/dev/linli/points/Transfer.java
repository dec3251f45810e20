package dev.linli.points;

import java.time.Instant;

/**
 * A transfer the ledger accepted: immutable and permanent. Mistakes are corrected by a reversing
 * transfer that points here, never by editing or deleting. {@code timestamp} is assigned by the
 * ledger, strictly increasing from one write to the next and shared by the transfers of one linked
 * batch. Immutable and thread-safe.
 *
 * @param id the caller's id
 * @param debitAccountId the account that gave
 * @param creditAccountId the account that received
 * @param amount whole units of the asset, {@code > 0}
 * @param asset the accounts' asset
 * @param code what it was for
 * @param userData the caller's reference
 * @param reverses the transfer this one reverses, or null
 * @param operator who acted, when not the account holder (a guardian acting for an elderly member,
 *     代办), or null
 * @param timestamp when the ledger applied it (UTC)
 * @since 0.1.0
 */
public record Transfer(String id, String debitAccountId, String creditAccountId, long amount,
    String asset, String code, String userData, String reverses, String operator,
    Instant timestamp) {
  /**
   * Returns the other account of this transfer, seen from {@code accountId}.
   *
   * @param accountId the debit or credit account
   * @return the credit account if {@code accountId} is the debit account, else the debit account
   */
  public String counterparty(String accountId) {
    return debitAccountId.equals(accountId) ? creditAccountId : debitAccountId;
  }

  /**
   * Returns the amount as it changes {@code accountId}'s balance: negative for its debits.
   *
   * @param accountId the debit or credit account
   * @return {@code amount} if it credits the account, {@code -amount} if it debits it
   */
  public long signedAmount(String accountId) {
    return debitAccountId.equals(accountId) ? -amount : amount;
  }
}
