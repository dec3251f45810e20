package dev.linli.points;

/**
 * An account's totals at one moment. Credit-normal: {@code balance = credits - debits}; what it may
 * still spend is {@code balance + overdraftLimit} (saturating at {@code Long.MAX_VALUE}). Immutable
 * and thread-safe.
 *
 * @param accountId the account
 * @param debits sum of all amounts debited
 * @param credits sum of all amounts credited
 * @since 0.1.0
 */
public record Balance(String accountId, long debits, long credits) {
  /**
   * Returns credits minus debits.
   *
   * @return the balance
   */
  public long balance() {
    return Math.subtractExact(credits, debits);
  }
}
