package dev.linli.points.volunteering;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one volunteer is in one activity, and where they may go next. Only
 * {@link #AWARDED}, {@link #VOIDED}, {@link #CANCELLED} and {@link #NOT_COUNTED} are final.
 *
 * @since 0.1.0
 */
public enum AttendanceState {
  /** Has a place. */
  SIGNED_UP,
  /** Waits for a place to free. */
  WAITLISTED,
  /** Cancelled their sign-up (or the activity was cancelled). */
  CANCELLED,
  /** Checked in. */
  CHECKED_IN,
  /** Checked out; hours are known. */
  CHECKED_OUT,
  /** The organiser confirmed the hours; they post after the complaint window. */
  CONFIRMED,
  /** Hours and points posted. */
  AWARDED,
  /** A complaint voided the confirmed hours. */
  VOIDED,
  /** Did not attend, or the organiser counted no time. */
  NOT_COUNTED;

  /**
   * Returns the states this one may move to.
   *
   * @return the allowed next states
   */
  public Set<AttendanceState> next() {
    return switch (this) {
      case SIGNED_UP -> EnumSet.of(CHECKED_IN, CANCELLED, NOT_COUNTED);
      case WAITLISTED -> EnumSet.of(SIGNED_UP, CANCELLED);
      case CHECKED_IN -> EnumSet.of(CHECKED_OUT, CANCELLED);
      case CHECKED_OUT -> EnumSet.of(CONFIRMED, NOT_COUNTED, CANCELLED);
      case CONFIRMED -> EnumSet.of(AWARDED, VOIDED, CANCELLED);
      case CANCELLED, AWARDED, VOIDED, NOT_COUNTED -> EnumSet.noneOf(AttendanceState.class);
    };
  }
}
