package dev.linli.points;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Lot bookkeeping for the {@link Bookkeeper}: starting lots on credits, drawing them down oldest
 * first on debits, and remembering every change of the operation under way so a failed linked batch
 * can put them back. One instance per ledger; used only under the ledger's lock.
 */
final class Lots {
  /** A lot created ({@code taken == 0}) or drawn down by {@code taken}, to undo on failure. */
  private record Change(AccountState account, LotState lot, long taken) {}

  /** Lot changes of the operation being applied, undone in reverse if it fails. */
  private final ArrayList<Change> undo = new ArrayList<>();

  /** Returns the lot of {@code s} started by transfer {@code source}, or null. */
  static LotState find(AccountState s, String source) {
    for (LotState l : s.lots) {
      if (l.source.equals(source)) {
        return l;
      }
    }
    return null;
  }

  /** Adds a lot in earned order (a refund may be older than the newest lot). */
  void add(AccountState s, LotState lot) {
    LotState newest = s.lots.peekLast();
    if (newest == null || !lot.earnedAt.isBefore(newest.earnedAt)) {
      s.lots.addLast(lot);
    } else {
      // Rare (a refund): rebuild the deque in order.
      List<LotState> all = new ArrayList<>(s.lots);
      all.add(lot);
      all.sort(Comparator.comparing((LotState l) -> l.earnedAt));
      s.lots.clear();
      s.lots.addAll(all);
    }
    undo.add(new Change(s, lot, 0));
  }

  /** Takes {@code amount} from {@code first} (if given) and then from the oldest lots. */
  void draw(AccountState s, long amount, LotState first) {
    long left = amount;
    if (first != null && first.remaining > 0) {
      long take = Math.min(left, first.remaining);
      first.remaining -= take;
      undo.add(new Change(s, first, take));
      left -= take;
    }
    Iterator<LotState> it = s.lots.iterator();
    while (left > 0 && it.hasNext()) {
      LotState l = it.next();
      if (l.remaining > 0) {
        long take = Math.min(left, l.remaining);
        l.remaining -= take;
        undo.add(new Change(s, l, take));
        left -= take;
      }
    }
  }

  /** Puts back every lot change of the operation under way, newest first. */
  void rollback() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      Change c = undo.get(i);
      if (c.taken() == 0) {
        c.account().lots.removeLastOccurrence(c.lot());
      } else {
        c.lot().remaining += c.taken();
      }
    }
    undo.clear();
  }

  /**
   * Finishes a successful operation: drops spent lots from the front of every account it touched
   * (only between operations, so an undo never needs them back).
   */
  void commit() {
    for (Change c : undo) {
      AccountState s = c.account();
      while (!s.lots.isEmpty() && s.lots.peekFirst().remaining == 0) {
        s.lots.pollFirst();
      }
    }
    undo.clear();
  }
}
