package dev.linli.points;

import dev.linli.points.internal.LedgerState;
import dev.linli.points.internal.TransferColumns;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link LedgerStore} that keeps the whole ledger in this process under one lock (see
 * {@link Ledger} for why one lock is enough), and that the journal snapshots ({@link #export}) and
 * restores ({@link #restoreTransfersAndHolds}). It keeps accounts, holds and the clock's last
 * stamp; how transfers and histories are kept is the subclass's: {@link CompactLedgerStore} (the
 * default, columns of primitives) or the map-and-list store the tests compare it with (in the
 * test sources).
 *
 * <p>Guarded by its lock: every method runs inside {@link #atomically}.
 */
abstract class HeapLedgerStore implements LedgerStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final Map<String, Hold> holds = new HashMap<>();
  private final PriorityQueue<Hold> pendingByExpiry = new PriorityQueue<>(
      Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id));
  private Instant last = Instant.MIN;

  @Override
  public final <T> T atomically(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public final void lockAccounts(String debitAccountId, String creditAccountId) {
    // The store's one lock, held by atomically, already covers every account.
  }

  @Override
  public final void lockAccounts(List<TransferRequest> batch) {
    // As above.
  }

  @Override
  public final AccountState account(String id) {
    return accounts.get(id);
  }

  @Override
  public void insertAccount(AccountState state) {
    accounts.put(state.created.id(), state);
  }

  @Override
  public final Iterable<AccountState> accounts() {
    return Collections.unmodifiableCollection(accounts.values());
  }

  /** Returns how many accounts the store holds. */
  final int accountCount() {
    return accounts.size();
  }

  @Override
  public final List<AccountState> accountsWithLotsDueBy(Instant now) {
    List<AccountState> owners = new ArrayList<>();
    for (AccountState s : accounts.values()) {
      if (s.lots != null && !s.lots.isEmpty() && !s.lots.peekFirst().expiresAt.isAfter(now)) {
        owners.add(s);
      }
    }
    owners.sort(Comparator.comparing(s -> s.current.id()));
    return owners;
  }

  @Override
  public final Hold hold(String id) {
    return holds.get(id);
  }

  @Override
  public final void putHold(Hold hold) {
    Hold was = holds.put(hold.id(), hold);
    if (was != null && was.state() == Hold.State.PENDING) {
      pendingByExpiry.remove(was);
    }
    if (hold.state() == Hold.State.PENDING) {
      pendingByExpiry.add(hold);
    }
  }

  @Override
  public final Hold firstPendingByExpiry() {
    return pendingByExpiry.peek();
  }

  @Override
  public final List<Hold> pendingHolds(String accountId) {
    List<Hold> out = new ArrayList<>();
    for (Hold h : pendingByExpiry) {
      if (h.debitAccountId().equals(accountId) || h.creditAccountId().equals(accountId)) {
        out.add(h);
      }
    }
    out.sort(Comparator.comparing(Hold::createdAt));
    return out;
  }

  @Override
  public final Instant lastTimestamp() {
    return last;
  }

  @Override
  public final void lastTimestamp(Instant value) {
    last = value;
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots (the journal's LedgerState)

  /**
   * Returns the transfers as columns (see {@link TransferColumns}), or null if this store keeps
   * them otherwise.
   */
  TransferColumns exportColumns() {
    return null;
  }

  /**
   * Takes over a snapshot's transfer columns; the accounts they name are stored already.
   *
   * @throws IllegalStateException if this store does not keep columns, or they are inconsistent
   */
  void importColumns(TransferColumns columns) {
    throw new IllegalStateException("a snapshot of transfer columns restores only into the"
        + " compact store, not " + getClass().getSimpleName());
  }

  /**
   * Returns the whole state; {@code isSink} tells configured expiry sinks from other accounts.
   * With {@code asColumns}, transfers come as columns if this store keeps them so.
   */
  final LedgerState export(Predicate<Account> isSink, boolean asColumns) {
    List<LedgerState.AccountEntry> list = new ArrayList<>();
    List<LedgerState.AccountEntry> sinks = new ArrayList<>();
    for (AccountState s : accounts.values()) {
      List<LedgerState.LotEntry> lots = null;
      if (s.lots != null) {
        lots = new ArrayList<>();
        for (LotState l : s.lots) {
          lots.add(new LedgerState.LotEntry(l.source, l.amount, l.remaining, l.earnedAt,
              l.expiresAt, l.expirations));
        }
      }
      LedgerState.AccountEntry entry = new LedgerState.AccountEntry(s.created, s.current, lots);
      (isSink.test(s.created) ? sinks : list).add(entry);
    }
    TransferColumns columns = asColumns ? exportColumns() : null;
    return new LedgerState(list, sinks, columns == null ? transfers() : List.of(),
        new ArrayList<>(holds.values()), last, columns);
  }

  /** Whether nothing but the {@code sinks} configured expiry sinks has been stored. */
  final boolean isNew(int sinks) {
    return transferCount() == 0 && holds.isEmpty() && accounts.size() == sinks;
  }

  /**
   * Loads transfers and holds of a snapshot whose accounts are stored already (by the caller, with
   * their lots), rebuilding totals, histories, reversals and the pending-hold queue.
   */
  final void restoreTransfersAndHolds(LedgerState state) {
    if (state.columns() != null) {
      importColumns(state.columns());
    }
    for (Transfer t : state.transfers()) {
      AccountState d = accounts.get(t.debitAccountId());
      AccountState c = accounts.get(t.creditAccountId());
      Bookkeeper.check(d != null && c != null, null, "accounts of transfer " + t.id());
      Bookkeeper.check(transfer(t.id()) == null, null, "transfer " + t.id() + " twice");
      d.debits += t.amount();
      c.credits += t.amount();
      append(t, d, c);
    }
    for (Hold h : state.holds()) {
      if (h.state() == Hold.State.PENDING) {
        accounts.get(h.debitAccountId()).debitsPending += h.amount();
        accounts.get(h.creditAccountId()).creditsPending += h.amount();
      }
      putHold(h);
    }
    last = state.last();
  }
}
