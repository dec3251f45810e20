package dev.linli.scheduling.booking;

/**
 * What a blackout (a closure for repairs, an official event) does to bookings it hits.
 *
 * @since 0.1.0
 */
public enum BlackoutPolicy {
  /** Keep them; only new bookings are refused. */
  KEEP,
  /** Cancel them (their residents are told by the app). */
  CANCEL,
  /** Keep them, and report them so staff can call the residents. */
  REPORT
}
