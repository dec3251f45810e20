package dev.linli.points.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transfers of a compact in-memory ledger as its columns, for snapshots written and read as a
 * few bulk arrays instead of one object per transfer. Not exported.
 *
 * <p>Slot {@code n} is the {@code n}-th transfer. The column arrays are split into pages of
 * {@code 1 << PAGE_BITS} slots (ids into pages of {@code 1 << ID_PAGE_BITS}); only the first
 * {@code count} slots mean anything. The arrays are shared, not copied: a store hands out pages
 * whose first {@code count} slots it never changes again, and a reader hands over pages it no
 * longer touches.
 *
 * @param count how many transfers
 * @param accountIds the account ids, indexed by the numbers the debit and credit columns hold
 * @param codes the transfer codes, indexed by the kind column's non-negative values
 * @param extras what the few transfers whose kind is {@code -1 - i} carry (extra {@code i})
 * @param bigAmounts by slot, the amounts above {@code Integer.MAX_VALUE} (their column holds -1)
 * @param farStamps by slot, the stamps outside epoch nanoseconds (their column saturates)
 * @param debit debit account numbers
 * @param credit credit account numbers
 * @param amount amounts, or -1 (see {@code bigAmounts})
 * @param stamp stamps in epoch nanoseconds, or {@code Long.MIN_VALUE}/{@code MAX_VALUE}
 * @param kind code number, or {@code -1 - extra}
 * @param idBytes per id page, the ids' ASCII bytes back to back
 * @param idEnds per id page, where each slot's id ends in that page's bytes
 */
public record TransferColumns(int count, List<String> accountIds, List<String> codes,
    List<Extra> extras, Map<Integer, Long> bigAmounts, Map<Integer, Instant> farStamps,
    int[][] debit, int[][] credit, int[][] amount, long[][] stamp, int[][] kind,
    byte[][] idBytes, char[][] idEnds) {
  /** Slots per column page, as a power of two. */
  public static final int PAGE_BITS = 14;
  /** Slots per id page, as a power of two (512 ids of at most 64 bytes: ends fit a char). */
  public static final int ID_PAGE_BITS = 9;

  /**
   * What a transfer carries beyond its code.
   *
   * @param code its code's number
   * @param userData its user data
   * @param reverses the transfer it reverses, or null
   * @param operator its operator, or null
   */
  public record Extra(int code, String userData, String reverses, String operator) {}

  /** Checks that the pages hold {@code count} slots. */
  public TransferColumns {
    Objects.requireNonNull(accountIds, "accountIds");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(extras, "extras");
    Objects.requireNonNull(bigAmounts, "bigAmounts");
    Objects.requireNonNull(farStamps, "farStamps");
    if (count < 0) {
      throw new IllegalArgumentException("count " + count);
    }
    int pages = pages(count, PAGE_BITS);
    if (debit.length < pages || credit.length < pages || amount.length < pages
        || stamp.length < pages || kind.length < pages) {
      throw new IllegalArgumentException("fewer column pages than " + count + " slots need");
    }
    int idPages = pages(count, ID_PAGE_BITS);
    if (idBytes.length < idPages || idEnds.length < idPages) {
      throw new IllegalArgumentException("fewer id pages than " + count + " slots need");
    }
  }

  /**
   * Returns how many pages of {@code 1 << bits} slots hold {@code count} slots.
   *
   * @param count a number of slots
   * @param bits the page size as a power of two
   * @return the number of pages
   */
  public static int pages(int count, int bits) {
    return (int) ((count + (1L << bits) - 1) >>> bits);
  }
}
