package dev.linli.points.timebank;

/**
 * Where a time-bank award stands, as {@link TimeBank#award}, {@link TimeBank#propose},
 * {@link TimeBank#confirm} and {@link TimeBank#complain} report it.
 *
 * @since 0.1.0
 */
public enum AwardState {
  /** Posted at once: the member holds the points and honour minutes. */
  POSTED,
  /** Proposed as holds: counted against the period cap, not yet spendable. */
  PROPOSED,
  /** A proposal the organiser confirmed: its holds were posted. */
  CONFIRMED,
  /** A proposal voided after a complaint: nothing was awarded. */
  VOIDED
}
