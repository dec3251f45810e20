package dev.linli.points.volunteering;

/**
 * The outcome of a volunteering step: accepted (with the state it led to, typed by {@code S}) or
 * rejected with a stable code and a message that says what was wrong and what is allowed. A
 * rejected step changes nothing. Immutable and thread-safe.
 *
 * <p>{@code S} is {@link AttendanceState} for a volunteer's steps, {@link ActivityState} for an
 * activity's and {@link dev.linli.core.people.WishStatus} for a wish's.
 *
 * @param <S> the kind of state an accepted step reports
 *
 * @since 0.1.0
 */
public sealed interface VolunteeringResult<S extends Enum<S>> {
  /**
   * Returns whether the step was applied.
   *
   * @return true if accepted
   */
  default boolean accepted() {
    return this instanceof Accepted<?>;
  }

  /**
   * Applied.
   *
   * @param state the state after the step: the volunteer's, the activity's or the wish's
   * @param message what happened, in English
   * @param <S> the kind of state
   */
  record Accepted<S extends Enum<S>>(S state, String message) implements VolunteeringResult<S> {
    /** Checks the fields. */
    public Accepted {
      java.util.Objects.requireNonNull(state, "state");
      java.util.Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Not applied.
   *
   * @param code why, stable
   * @param message what was wrong and what is allowed, in English
   * @param <S> the kind of state the step would have reported
   */
  record Rejected<S extends Enum<S>>(Code code, String message) implements VolunteeringResult<S> {
    /** Checks the fields. */
    public Rejected {
      java.util.Objects.requireNonNull(code, "code");
      java.util.Objects.requireNonNull(message, "message");
    }
  }

  /** Why a step was rejected. */
  enum Code {
    /** No activity (or wish) with this id. */
    NOT_FOUND,
    /** An activity with this id was already published with other content. */
    ALREADY_EXISTS,
    /** The step is not allowed from the current state. */
    ILLEGAL_TRANSITION,
    /** The sign-up deadline or cancel cutoff has passed, or it is too early. */
    TOO_LATE,
    /** The volunteer does not meet the eligibility rules. */
    NOT_ELIGIBLE,
    /** The role does not exist. */
    UNKNOWN_ROLE,
    /** The check-in code is wrong, or the person may not do this step. */
    NOT_ALLOWED,
    /** The ledger refused the award or payment. */
    LEDGER_REJECTED
  }
}
