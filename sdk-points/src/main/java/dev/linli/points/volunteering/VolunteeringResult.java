package dev.linli.points.volunteering;

/**
 * The outcome of a volunteering step: accepted (with the state it led to) or rejected with a stable
 * code and a message that says what was wrong and what is allowed. A rejected step changes nothing.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface VolunteeringResult {
  /**
   * Returns whether the step was applied.
   *
   * @return true if accepted
   */
  default boolean accepted() {
    return this instanceof Accepted;
  }

  /**
   * Applied.
   *
   * @param state the volunteer's state after the step (or the activity's, for activity steps)
   * @param message what happened, in English
   */
  record Accepted(String state, String message) implements VolunteeringResult {}

  /**
   * Not applied.
   *
   * @param code why, stable
   * @param message what was wrong and what is allowed, in English
   */
  record Rejected(Code code, String message) implements VolunteeringResult {}

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
