package dev.linli.points;

/**
 * An account's totals at one moment. Credit-normal: {@code balance = credits - debits} counts posted
 * transfers only; {@code available = balance - debitsPending} is what it may still spend before its
 * overdraft limit, pending holds included. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param debits sum of all amounts debited by posted transfers
 * @param credits sum of all amounts credited by posted transfers
 * @param debitsPending sum of pending holds on the account as debit account
 * @param creditsPending sum of pending holds on the account as credit account
 * @since 0.1.0
 */
public record Balance(String accountId, long debits, long credits, long debitsPending,
    long creditsPending) {
  /**
   * Returns credits minus debits.
   *
   * @return the balance
   */
  public long balance() {
    return Math.subtractExact(credits, debits);
  }

  /**
   * Returns the posted balance less pending debits: what the account can still spend (down to its
   * overdraft limit).
   *
   * @return the available balance
   */
  public long available() {
    return Math.subtractExact(balance(), debitsPending);
  }
}
