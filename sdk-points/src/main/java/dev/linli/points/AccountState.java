package dev.linli.points;

import java.util.ArrayDeque;

/**
 * One account's mutable state as a {@link LedgerStore} hands it to the {@link Bookkeeper}: the
 * account (as created and with its current flags), posted and pending totals, and its lots. The
 * bookkeeper changes these fields in place and undoes its own changes when a linked batch fails, so
 * a store sees only whole operations. Guarded by the ledger's lock (or, in a SQL store, by the
 * row lock the store took when it loaded the account).
 *
 * <p>Not final: a store may extend it with what it keeps per account (the in-memory store adds the
 * account's history).
 */
class AccountState {
  final Account created;
  Account current;
  long debits;
  long credits;
  long debitsPending;
  long creditsPending;
  /** Lots oldest first, or null if the account keeps none; spent lots stay until trimmed. */
  final ArrayDeque<LotState> lots;
  /** The account's expiry policy, or null if its points never expire. */
  final LotExpiry expiry;

  AccountState(Account account, LotExpiry expiry) {
    this.created = account;
    this.current = account;
    this.expiry = expiry;
    this.lots = expiry == null ? null : new ArrayDeque<>();
  }

  long balance() {
    return credits - debits;
  }
}
