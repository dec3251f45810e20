package dev.linli.points;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain {@link HeapLedgerStore}, the ledger's default before the {@link CompactLedgerStore}:
 * each transfer a {@link Transfer} record in hash maps and lists (an id index, the log, each
 * account's history). Kept with the tests as the simple reference the ledger contract compares
 * every store with ({@link LedgerContract#reference}), and measured beside the compact store.
 */
final class MemoryLedgerStore extends HeapLedgerStore {
  /** An account with its history, which only this store keeps on the account. */
  private static final class Row extends AccountState {
    final ArrayList<Transfer> history = new ArrayList<>();

    Row(Account account, LotExpiry expiry) {
      super(account, expiry);
    }
  }

  private final Map<String, Transfer> transfers = new HashMap<>();
  private final Map<String, Long> reversed = new HashMap<>();
  private final ArrayList<Transfer> log = new ArrayList<>();

  @Override
  public AccountState newAccount(Account account, LotExpiry expiry) {
    return new Row(account, expiry);
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
      List<Transfer> d = ((Row) account(t.debitAccountId())).history;
      List<Transfer> c = ((Row) account(t.creditAccountId())).history;
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
}
