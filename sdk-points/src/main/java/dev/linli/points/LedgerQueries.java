package dev.linli.points;

import dev.linli.core.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's read side: balances (now and as of an instant), histories, statements, lots,
 * listings and the zero-sum audit, built from a {@link LedgerStore}'s read primitives. Changes
 * nothing; runs inside the store's unit of work like every ledger call.
 */
final class LedgerQueries {
  private final LedgerStore store;

  LedgerQueries(LedgerStore store) {
    this.store = store;
  }

  AccountState require(String accountId) {
    AccountState s = store.account(accountId);
    InvalidValueException.check(s != null, "accountId", accountId, "must be an existing account");
    return s;
  }

  List<Account> accounts() {
    List<Account> out = new ArrayList<>();
    for (AccountState s : store.accounts()) {
      out.add(s.current);
    }
    out.sort(Comparator.comparing(Account::id));
    return out;
  }

  List<Lot> lots(String accountId) {
    AccountState s = require(accountId);
    List<Lot> out = new ArrayList<>();
    if (s.lots != null) {
      for (LotState l : s.lots) {
        if (l.remaining > 0) {
          out.add(new Lot(accountId, l.source, s.current.asset(), l.amount, l.remaining,
              l.earnedAt, l.expiresAt));
        }
      }
    }
    return out;
  }

  Balance balance(String accountId) {
    AccountState s = require(accountId);
    return new Balance(accountId, s.debits, s.credits, s.debitsPending, s.creditsPending);
  }

  Balance balanceAsOf(String accountId, Instant instant) {
    long[] totals = store.postedTotals(require(accountId), instant, true);
    return new Balance(accountId, totals[0], totals[1], 0, 0);
  }

  List<Transfer> history(String accountId, HistoryQuery query) {
    List<Transfer> out = new ArrayList<>();
    for (Transfer t : store.history(require(accountId), query.from(), query.to())) {
      if (query.matches(accountId, t)) {
        out.add(t);
      }
    }
    return out;
  }

  Statement statement(String accountId, HistoryQuery range) {
    AccountState s = require(accountId);
    long[] before = store.postedTotals(s, range.from(), false);
    long balance = before[1] - before[0];
    long opening = balance;
    List<Statement.Line> lines = new ArrayList<>();
    for (Transfer t : store.history(s, range.from(), range.to())) {
      balance += t.signedAmount(accountId);
      lines.add(new Statement.Line(t, t.signedAmount(accountId), balance));
    }
    return new Statement(accountId, s.current.asset(), range.from(), range.to(), opening, lines,
        balance);
  }

  Map<String, Long> sumOfBalances() {
    Map<String, Long> out = new TreeMap<>();
    for (AccountState s : store.accounts()) {
      out.merge(s.current.asset(), s.balance(), Long::sum);
    }
    return out;
  }
}
