package dev.linli.points.timebank;

import dev.linli.points.Transfer;
import dev.linli.points.TransferResult;
import java.util.List;

/**
 * The outcome of a time-bank operation (a gift, a donation, a redemption, an alliance transfer):
 * accepted with the transfers it made, or rejected with a stable reason and a message a person can
 * act on. Nothing is applied when it is rejected. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface TimeBankResult {
  /**
   * Returns whether the operation was applied (or had been, for an identical retry).
   *
   * @return true if accepted
   */
  default boolean accepted() {
    return this instanceof Accepted;
  }

  /**
   * Applied.
   *
   * @param transfers the transfers the operation made (for a retry: the ones it made the first time)
   */
  record Accepted(List<Transfer> transfers) implements TimeBankResult {
    /** Copies the list. */
    public Accepted {
      transfers = List.copyOf(transfers);
    }
  }

  /**
   * Not applied.
   *
   * @param reason why, as a stable code
   * @param message what was wrong and what is allowed, in English
   * @param ledgerResults the ledger's result codes when the ledger refused, else empty
   */
  record Rejected(Reason reason, String message, List<TransferResult> ledgerResults)
      implements TimeBankResult {
    /** Copies the list. */
    public Rejected {
      ledgerResults = List.copyOf(ledgerResults);
    }
  }

  /** Why an operation was rejected. */
  enum Reason {
    /** The ledger refused a transfer; see {@link Rejected#ledgerResults()}. */
    LEDGER_REJECTED,
    /** A member named is not enrolled in this time bank. */
    NOT_ENROLLED,
    /** Gifts go only to members of the giver's household. */
    NOT_SAME_HOUSEHOLD,
    /** A per-period limit on gifts or donations would be exceeded. */
    LIMIT_REACHED,
    /** The operator may not act for this member. */
    NOT_AUTHORISED,
    /** No catalogue item has this id. */
    UNKNOWN_ITEM,
    /** The item has no stock left. */
    OUT_OF_STOCK,
    /** The member has redeemed this item as often as its limit allows in this period. */
    FREQUENCY_LIMIT,
    /** The two communities have not both accepted an alliance. */
    ALLIANCE_NOT_ACCEPTED
  }
}
