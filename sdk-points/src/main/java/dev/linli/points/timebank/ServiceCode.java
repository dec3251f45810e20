package dev.linli.points.timebank;

/**
 * Why a step of a points service was {@linkplain ServiceResult.Rejected rejected}: one closed set of
 * stable codes for the time bank, the catalogue, alliances, volunteering and the wish board. Each
 * rejection also carries a message that names the values involved and what is allowed.
 *
 * @since 0.1.0
 */
public enum ServiceCode {
  /**
   * The ledger refused a transfer, hold, post or void; see
   * {@link ServiceResult.Rejected#ledgerResults()} for its codes.
   */
  LEDGER_REJECTED,
  /** A member named is not enrolled in the time bank (it has no points account). */
  NOT_ENROLLED,
  /** Gifts go only to members of the giver's household. */
  NOT_SAME_HOUSEHOLD,
  /** A per-period limit on a member's gifts or donations would be exceeded. */
  LIMIT_REACHED,
  /**
   * The member's service-time cap for the period is used up, so an award would count nothing;
   * awards count again in the next period.
   */
  CAP_REACHED,
  /** The operator may not act for this member; authorise them as a guardian first. */
  NOT_AUTHORISED,
  /** No catalogue item has this id. */
  UNKNOWN_ITEM,
  /** The item has no stock left. */
  OUT_OF_STOCK,
  /** The member has redeemed this item as often as its limit allows in this period. */
  FREQUENCY_LIMIT,
  /** The two communities have not both accepted the alliance, or a clearing account is frozen. */
  ALLIANCE_NOT_ACCEPTED,
  /** No activity, attendance, wish, award or redemption has this id. */
  NOT_FOUND,
  /** The id is already taken by something with other content; use a new id. */
  ALREADY_EXISTS,
  /** The step is not allowed from the current state; the message names the states allowed next. */
  ILLEGAL_TRANSITION,
  /** The step's window (sign-up deadline, cancel cutoff, check-in hours, complaints) is closed. */
  TOO_LATE,
  /** The volunteer does not meet the activity's eligibility rules. */
  NOT_ELIGIBLE,
  /** The activity has no role with this id. */
  UNKNOWN_ROLE,
  /**
   * This person may not do this step (only the organiser confirms hours, only the claimant releases
   * a wish), a check-in code is wrong, or an adjustment lacks its reason.
   */
  NOT_ALLOWED
}
