package dev.linli.points.volunteering;

/**
 * Where a published activity stands, as {@link Volunteering#publish} and
 * {@link Volunteering#cancelActivity} report it.
 *
 * @since 0.1.0
 */
public enum ActivityState {
  /** Published: volunteers may sign up. */
  PUBLISHED,
  /** Cancelled by its organiser: every sign-up is cancelled, nothing is awarded. */
  CANCELLED
}
