package dev.linli.points.timebank;

/**
 * Where a payment of points stands: a gift, donation, grant, redemption or alliance transfer, as
 * {@link TimeBank}, {@link Catalogue} and {@link Alliance} report it.
 *
 * @since 0.1.0
 */
public enum PaymentState {
  /** Paid: the transfers moved the points. */
  PAID,
  /** Refunded: a reversing transfer gave the points back. */
  REFUNDED
}
