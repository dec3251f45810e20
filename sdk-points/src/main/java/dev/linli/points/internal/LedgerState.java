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
 * @param transfers every transfer, oldest first
 * @param holds every hold in any state
 * @param last the last timestamp the ledger issued
 */
public record LedgerState(List<AccountEntry> accounts, List<AccountEntry> sinks,
    List<Transfer> transfers, List<Hold> holds, Instant last) {

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
