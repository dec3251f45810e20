package dev.linli.points;

import dev.linli.points.internal.LedgerState;
import java.time.Instant;
import java.util.ArrayList;
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
 * The default {@link LedgerStore}: the whole ledger in hash maps and lists on the heap, one lock for
 * every operation (see {@link Ledger} for why one lock is enough), and the snapshot form
 * ({@link LedgerState}) the journal saves and loads.
 */
final class MemoryLedgerStore implements LedgerStore {
  /** An account with its history, which only this store keeps on the account. */
  private static final class Row extends AccountState {
    final ArrayList<Transfer> history = new ArrayList<>();

    Row(Account account, LotExpiry expiry) {
      super(account, expiry);
    }
  }

  final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Row> accounts = new HashMap<>();
  private final Map<String, Transfer> transfers = new HashMap<>();
  private final Map<String, Long> reversed = new HashMap<>();
  private final ArrayList<Transfer> log = new ArrayList<>();
  private final Map<String, Hold> holds = new HashMap<>();
  private final PriorityQueue<Hold> pendingByExpiry = new PriorityQueue<>(
      Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id));
  private Instant last = Instant.MIN;

  @Override
  public <T> T atomically(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void lockAccounts(String debitAccountId, String creditAccountId) {
    // The store's one lock, held by atomically, already covers every account.
  }

  @Override
  public void lockAccounts(List<TransferRequest> batch) {
    // As above.
  }

  @Override
  public AccountState account(String id) {
    return accounts.get(id);
  }

  @Override
  public AccountState newAccount(Account account, LotExpiry expiry) {
    return new Row(account, expiry);
  }

  @Override
  public void insertAccount(AccountState state) {
    accounts.put(state.created.id(), (Row) state);
  }

  @Override
  public Iterable<AccountState> accounts() {
    return Collections.unmodifiableCollection(accounts.values());
  }

  @Override
  public List<AccountState> accountsWithLotsDueBy(Instant now) {
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
  public Transfer transfer(String id) {
    return transfers.get(id);
  }

  @Override
  public long reversedAmount(String id) {
    return reversed.getOrDefault(id, 0L);
  }

  @Override
  public void append(Transfer t, AccountState debit, AccountState credit) {
    if (t.reverses() != null) {
      reversed.merge(t.reverses(), t.amount(), Long::sum);
    }
    transfers.put(t.id(), t);
    log.add(t);
    ((Row) debit).history.add(t);
    ((Row) credit).history.add(t);
  }

  @Override
  public int transferCount() {
    return log.size();
  }

  @Override
  public int appendMark() {
    return log.size();
  }

  @Override
  public List<Transfer> transfersSince(int mark) {
    return log.subList(mark, log.size());
  }

  @Override
  public void truncate(int mark) {
    for (int i = log.size() - 1; i >= mark; i--) {
      Transfer t = log.remove(i);
      List<Transfer> d = accounts.get(t.debitAccountId()).history;
      List<Transfer> c = accounts.get(t.creditAccountId()).history;
      d.remove(d.size() - 1);
      c.remove(c.size() - 1);
      transfers.remove(t.id());
      if (t.reverses() != null) {
        long left = reversed.get(t.reverses()) - t.amount();
        if (left == 0) {
          reversed.remove(t.reverses());
        } else {
          reversed.put(t.reverses(), left);
        }
      }
    }
  }

  @Override
  public Hold hold(String id) {
    return holds.get(id);
  }

  @Override
  public void putHold(Hold hold) {
    Hold was = holds.put(hold.id(), hold);
    if (was != null && was.state() == Hold.State.PENDING) {
      pendingByExpiry.remove(was);
    }
    if (hold.state() == Hold.State.PENDING) {
      pendingByExpiry.add(hold);
    }
  }

  @Override
  public Hold firstPendingByExpiry() {
    return pendingByExpiry.peek();
  }

  @Override
  public List<Hold> pendingHolds(String accountId) {
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
  public Instant lastTimestamp() {
    return last;
  }

  @Override
  public void lastTimestamp(Instant value) {
    last = value;
  }

  @Override
  public List<Transfer> transfers() {
    return new ArrayList<>(log);
  }

  @Override
  public List<Transfer> history(AccountState s, Instant from, Instant to) {
    List<Transfer> h = ((Row) s).history;
    return h.subList(firstAtOrAfter(h, from, false), firstAtOrAfter(h, to, false));
  }

  @Override
  public long[] postedTotals(AccountState s, Instant to, boolean inclusive) {
    List<Transfer> h = ((Row) s).history;
    String id = s.created.id();
    int end = firstAtOrAfter(h, to, inclusive);
    long debits = 0;
    long credits = 0;
    for (int i = 0; i < end; i++) {
      Transfer t = h.get(i);
      if (t.debitAccountId().equals(id)) {
        debits += t.amount();
      } else {
        credits += t.amount();
      }
    }
    return new long[] {debits, credits};
  }

  /**
   * Index of the first transfer stamped at or after {@code at} (after it, if {@code after});
   * history is in stamp order.
   */
  private static int firstAtOrAfter(List<Transfer> history, Instant at, boolean after) {
    int lo = 0;
    int hi = history.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Instant stamp = history.get(mid).timestamp();
      if (stamp.isBefore(at) || after && stamp.equals(at)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots (the journal's LedgerState)

  /** Returns the whole state; {@code isSink} tells configured expiry sinks from other accounts. */
  LedgerState export(Predicate<Account> isSink) {
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
    return new LedgerState(list, sinks, new ArrayList<>(log), new ArrayList<>(holds.values()),
        last);
  }

  /** Whether nothing but the {@code sinks} configured expiry sinks has been stored. */
  boolean isNew(int sinks) {
    return log.isEmpty() && holds.isEmpty() && accounts.size() == sinks;
  }

  /**
   * Loads transfers and holds of a snapshot whose accounts are stored already (by the caller, with
   * their lots), rebuilding totals, histories, reversals and the pending-hold queue.
   */
  void restoreTransfersAndHolds(LedgerState state) {
    log.ensureCapacity(state.transfers().size());
    for (Transfer t : state.transfers()) {
      Row d = accounts.get(t.debitAccountId());
      Row c = accounts.get(t.creditAccountId());
      Bookkeeper.check(d != null && c != null, null, "accounts of transfer " + t.id());
      Bookkeeper.check(!transfers.containsKey(t.id()), null, "transfer " + t.id() + " twice");
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
