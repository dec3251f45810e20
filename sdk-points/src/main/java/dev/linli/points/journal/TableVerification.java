package dev.linli.points.journal;

import java.util.Objects;

/**
 * The outcome of {@link LedgerTableVerifier}: the PostgreSQL ledger's tables are intact, or broken
 * at a named row. Immutable.
 *
 * @since 0.2.0
 */
public sealed interface TableVerification {

  /**
   * Returns whether the tables passed.
   *
   * @return true for {@link Intact}
   */
  boolean intact();

  /**
   * Every transfer row is in place and correctly chained, the chain head matches the last row, the
   * stored account totals equal the sums of the transfers and pending holds, and the checkpoint
   * given (if any) is covered.
   *
   * @param transfers how many transfer rows the chain holds
   * @param lastHash the chain hash of the last row, 64 hex digits (zeros when empty)
   * @since 0.2.0
   */
  record Intact(long transfers, String lastHash) implements TableVerification {
    /**
     * Validates the fields.
     */
    public Intact {
      Objects.requireNonNull(lastHash, "lastHash");
    }

    @Override
    public boolean intact() {
      return true;
    }

    @Override
    public String toString() {
      return "intact: " + transfers + " transfers, chain " + lastHash;
    }
  }

  /**
   * The first bad row, and why.
   *
   * @param seq the chain position of the first bad transfer row (from 1), or 0 when the problem is
   *     not a transfer row (an account's totals, the chain head, the checkpoint's signature)
   * @param row what is wrong, such as {@code "transfer t-17"}, {@code "account m-3"} or
   *     {@code "chain head"}
   * @param reason what is wrong with it
   * @since 0.2.0
   */
  record Broken(long seq, String row, String reason) implements TableVerification {
    /**
     * Validates the fields.
     */
    public Broken {
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean intact() {
      return false;
    }

    @Override
    public String toString() {
      return "broken: " + row + (seq > 0 ? " (seq " + seq + ")" : "") + ": " + reason;
    }
  }
}
