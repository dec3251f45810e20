package dev.linli.points.internal;

import dev.linli.points.Account;
import dev.linli.points.Hold;
import dev.linli.points.Transfer;
import java.time.Instant;
import java.util.List;

/**
 * A ledger's full state as plain values, for snapshots: enough to rebuild every index (balances,
 * histories, idempotency, reversals, pending totals) without replaying the journal. Not exported.
 *
 * @param accounts every account other than expiry sinks' defaults, with flags and lots
 * @param sinks the expiry sink accounts (created by configuration) with their current flags
 * @param transfers every transfer, oldest first (empty if {@code columns} holds them)
 * @param holds every hold in any state
 * @param last the last timestamp the ledger issued
 * @param columns every transfer as the compact store's columns, or null if {@code transfers}
 *     holds them as records
 */
public record LedgerState(List<AccountEntry> accounts, List<AccountEntry> sinks,
    List<Transfer> transfers, List<Hold> holds, Instant last, TransferColumns columns) {

  /**
   * A state whose transfers are records.
   *
   * @param accounts as in the canonical constructor
   * @param sinks as in the canonical constructor
   * @param transfers as in the canonical constructor
   * @param holds as in the canonical constructor
   * @param last as in the canonical constructor
   */
  public LedgerState(List<AccountEntry> accounts, List<AccountEntry> sinks,
      List<Transfer> transfers, List<Hold> holds, Instant last) {
    this(accounts, sinks, transfers, holds, last, null);
  }

  /** Checks that transfers come as records or as columns, not both. */
  public LedgerState {
    if (columns != null && !transfers.isEmpty()) {
      throw new IllegalArgumentException("transfers as records and as columns");
    }
  }

  /**
   * One account.
   *
   * @param created the account as created
   * @param current the account as it is now (flags)
   * @param lots its lots, oldest first, or null if it keeps none
   */
  public record AccountEntry(Account created, Account current, List<LotEntry> lots) {}

  /**
   * One lot.
   *
   * @param source the transfer that started it
   * @param amount its original amount
   * @param remaining what is left
   * @param earnedAt when it was earned
   * @param expiresAt when it expires
   * @param expirations how many expiry transfers it has had
   */
  public record LotEntry(String source, long amount, long remaining, Instant earnedAt,
      Instant expiresAt, int expirations) {}
}
