package dev.linli.scheduling.booking;

/**
 * Where a booking is. {@link #CONFIRMED}, {@link #PENDING_APPROVAL}, {@link #CHECKED_IN} and
 * {@link #AWAITING_CLAIM} hold their time; the others free it.
 *
 * @since 0.1.0
 */
public enum BookingStatus {
  /** Accepted and holding its time. */
  CONFIRMED,
  /** Holding its time until staff approve or decline it. */
  PENDING_APPROVAL,
  /** The resident checked in. */
  CHECKED_IN,
  /** Cancelled by the resident, by staff, by a blackout, or declined. */
  CANCELLED,
  /** Released because nobody checked in within the grace period (爽约, a no-show). */
  NO_SHOW,
  /**
   * Won in a ballot (or offered from its reserve list): the place is held for the resident until
   * the ballot's claim deadline; claiming confirms it, letting the deadline pass cancels it.
   *
   * @since 0.2.0
   */
  AWAITING_CLAIM;

  /**
   * Returns whether a booking in this status holds its time.
   *
   * @return true for CONFIRMED, PENDING_APPROVAL, CHECKED_IN and AWAITING_CLAIM
   */
  public boolean holdsTime() {
    return this == CONFIRMED || this == PENDING_APPROVAL || this == CHECKED_IN
        || this == AWAITING_CLAIM;
  }
}
