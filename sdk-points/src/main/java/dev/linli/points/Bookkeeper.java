package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.LedgerEventSink;
import dev.linli.points.internal.RecordedTransfers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ledger's decision logic: every write of a {@link Ledger} is decided and applied here, against
 * a {@link LedgerStore}, so any store gets the same result codes for the same request sequence.
 * It validates requests, answers retries ({@code EXISTS…}), applies linked batches all or nothing,
 * places, posts, voids and expires holds, keeps lots and sweeps their expiry, checks reversals and
 * overdraft limits, honours frozen and closed flags, issues strictly increasing timestamps, and
 * reports each change to the journal's event sink. Every method runs inside the store's unit of
 * work (the ledger calls it from {@link LedgerStore#atomically}); not thread-safe on its own.
 */
final class Bookkeeper {
  /**
   * How many requests of a linked batch the store prefetches ({@link LedgerStore#prefetch}) before
   * they are checked: what they read (an id index entry, two accounts and their histories' ends)
   * then still sits in the core's own caches when the checks come; measured against prefetching the
   * whole batch of 8,190 first, and against runs of 64 and 1,024 (issue 20, docs/benchmarks.md).
   */
  static final int PREFETCH_RUN = 256;
  private final LedgerStore store;
  private final Clock clock;
  private final Map<String, LotExpiry> expiries;
  /**
   * Each thread's lot changes of the operation under way: one per thread, because a store with
   * row locks (PostgreSQL) runs several operations of one ledger at once.
   */
  private final ThreadLocal<Lots> lotsOfThread = ThreadLocal.withInitial(Lots::new);
  /** Where a journaled ledger records its changes; null (the fast path) for a plain ledger. */
  LedgerEventSink events;

  Bookkeeper(LedgerStore store, Clock clock, Map<String, LotExpiry> expiries) {
    this.store = store;
    this.clock = clock;
    this.expiries = expiries;
  }

  /** Creates the expiry sink accounts the configuration names. */
  void createSinks() {
    for (LotExpiry e : expiries.values()) {
      store.insertAccount(store.newAccount(sinkOf(e), null));
    }
  }

  /** The expiry sink account a policy names. */
  static Account sinkOf(LotExpiry e) {
    return new Account(e.sinkAccountId(), e.asset(), AccountKind.EXPIRY_SINK, 0, false,
        "expired " + e.asset());
  }

  private AccountState newState(Account a) {
    return store.newAccount(a, a.kind() == AccountKind.MEMBER ? expiries.get(a.asset()) : null);
  }

  // ---------------------------------------------------------------------------------------------
  // Accounts

  AccountResult createAccount(Account account) {
    store.lockAccounts(account.id(), account.id());
    AccountState existing = store.account(account.id());
    if (existing == null) {
      store.insertAccount(newState(account));
      if (events != null) {
        events.append(new LedgerEvent.AccountCreated(account));
      }
      return AccountResult.OK;
    }
    Account was = existing.created;
    if (!was.asset().equals(account.asset())) {
      return AccountResult.EXISTS_WITH_DIFFERENT_ASSET;
    }
    if (was.kind() != account.kind()) {
      return AccountResult.EXISTS_WITH_DIFFERENT_KIND;
    }
    return was.equals(account) ? AccountResult.EXISTS
        : AccountResult.EXISTS_WITH_DIFFERENT_SETTINGS;
  }

  AccountResult setFrozen(String accountId, boolean frozen) {
    store.lockAccounts(accountId, accountId);
    AccountState s = store.account(accountId);
    if (s == null) {
      return AccountResult.ACCOUNT_NOT_FOUND;
    }
    if (s.current.closed()) {
      return AccountResult.ACCOUNT_CLOSED;
    }
    if (s.current.frozen() == frozen) {
      return AccountResult.EXISTS;
    }
    s.current = s.current.withFrozen(frozen);
    flagsChanged(s);
    return AccountResult.OK;
  }

  AccountResult close(String accountId) {
    expireDue();
    store.lockAccounts(accountId, accountId);
    AccountState s = store.account(accountId);
    if (s == null) {
      return AccountResult.ACCOUNT_NOT_FOUND;
    }
    if (s.current.closed()) {
      return AccountResult.EXISTS;
    }
    if (s.balance() != 0 || s.debitsPending != 0 || s.creditsPending != 0) {
      return AccountResult.BALANCE_NOT_ZERO;
    }
    s.current = s.current.asClosed();
    flagsChanged(s);
    return AccountResult.OK;
  }

  private void flagsChanged(AccountState s) {
    if (events != null) {
      events.append(new LedgerEvent.FlagsChanged(s.current.id(), s.current.frozen(),
          s.current.closed()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Transfers

  TransferResult submit(TransferRequest request) {
    expireDue();
    store.lockAccounts(request.debitAccountId(), request.creditAccountId());
    Instant stamp = peekTimestamp();
    TransferResult r = tryApply(request, stamp, null);
    if (r == TransferResult.OK) {
      store.lastTimestamp(stamp);
      lotsOfThread.get().commit();
      if (events != null) {
        events.append(new LedgerEvent.TransfersApplied(stamp,
            List.of(store.transfer(request.id()))));
      }
    }
    return r;
  }

  List<TransferResult> submitLinked(List<TransferRequest> batch) {
    expireDue();
    store.lockAccounts(batch);
    Instant stamp = peekTimestamp();
    int mark = store.appendMark();
    int n = batch.size();
    // Only a batch with a retry (EXISTS) in it needs a result per request; one where every
    // request is new answers with a shared list of OK.
    TransferResult[] results = null;
    // Each request's accounts, resolved once: store.account(id) returns the same object all
    // through the batch (accounts are only created by createAccount, never inside a batch), so
    // resolving a run's accounts before its first request is applied changes no decision. Only in
    // a heap store, where a look-up is a map's: a SQL store may query for an account, and a
    // request answered before its accounts are looked up (a retry) must not cost a query it did
    // not cost before.
    boolean resolveAhead = store instanceof HeapLedgerStore;
    int run = Math.min(n, PREFETCH_RUN);
    AccountState[] runDebits = new AccountState[run];
    AccountState[] runCredits = new AccountState[run];
    // The last account id resolved on each side and its state: a batch that names one account
    // over and over (a pool debited 8,190 times) looks it up once. Compared by reference, as a
    // caller that repeats an account usually passes the same String; an equal copy is looked up.
    String lastDebitId = null;
    String lastCreditId = null;
    AccountState lastDebit = null;
    AccountState lastCredit = null;
    // A large batch's ids are looked up and added on a second thread while this one checks
    // (IdIndexer): the ids' half of the work, which never touches what the checks touch.
    CompactLedgerStore indexed = store instanceof CompactLedgerStore c && c.startIndexing(batch)
        ? c : null;
    try {
      for (int from = 0; from < n; from += PREFETCH_RUN) {
        int to = Math.min(n, from + PREFETCH_RUN);
        if (resolveAhead) {
          for (int i = from; i < to; i++) {
            TransferRequest q = batch.get(i);
            String debitId = q.debitAccountId();
            if (debitId != lastDebitId) {
              lastDebit = store.account(debitId);
              lastDebitId = debitId;
            }
            String creditId = q.creditAccountId();
            if (creditId != lastCreditId) {
              lastCredit = store.account(creditId);
              lastCreditId = creditId;
            }
            runDebits[i - from] = lastDebit;
            runCredits[i - from] = lastCredit;
          }
        }
        // These reads, independent of each other, fetch the run's memory in parallel where the
        // checks would fetch it one at a time.
        store.prefetch(batch, from, to, runDebits, runCredits);
        for (int i = from; i < to; i++) {
          if (indexed != null && batch.get(i).reverses() != null) {
            // A reversal looks its original up in the index: the checks take the index back
            // (the indexer stops; the ids it added ahead of this request are removed).
            indexed.finishIndexing();
            indexed = null;
          }
          TransferResult r = indexed == null
              ? tryApply(batch.get(i), stamp, null, runDebits[i - from], runCredits[i - from])
              : tryApplyIndexed(indexed, i, mark, batch.get(i), stamp, runDebits[i - from],
                  runCredits[i - from]);
          if (r != TransferResult.OK) {
            if (r != TransferResult.EXISTS) {
              if (indexed != null) {
                indexed.finishIndexing();
              }
              rollback(mark);
              List<TransferResult> out = new ArrayList<>(n);
              for (int j = 0; j < n; j++) {
                out.add(j == i ? r : TransferResult.LINKED_EVENT_FAILED);
              }
              return out;
            }
            if (results == null) {
              results = new TransferResult[n];
              Arrays.fill(results, 0, i, TransferResult.OK);
            }
          }
          if (results != null) {
            results[i] = r;
          }
        }
      }
    } catch (RuntimeException | Error e) {
      if (indexed != null) {
        // The indexer failed (it may have run out of memory growing the index): nothing of the
        // batch stays.
        indexed.finishIndexing();
        rollback(mark);
      }
      throw e;
    }
    if (indexed != null) {
      indexed.finishIndexing();
    }
    if (store.appendMark() > mark) {
      store.lastTimestamp(stamp);
      if (events != null) {
        events.append(new LedgerEvent.TransfersApplied(stamp, store.transfersSince(mark)));
      }
    }
    lotsOfThread.get().commit();
    return results == null ? Collections.nCopies(n, TransferResult.OK)
        : Collections.unmodifiableList(Arrays.asList(results));
  }

  /**
   * Checks one request against the current state and applies it if it passes; on failure nothing
   * of it is applied. {@code lotOf} names the lot a debit must draw from first (an expiry), or null.
   */
  private TransferResult tryApply(TransferRequest r, Instant stamp, LotState lotOf) {
    return tryApply(r, stamp, lotOf, null, null);
  }

  /**
   * {@link #tryApply(TransferRequest, Instant, LotState)} with the request's accounts resolved by
   * the caller ({@code store.account} of its debit and credit account ids, null if missing), or
   * both null to have them resolved here.
   */
  private TransferResult tryApply(TransferRequest r, Instant stamp, LotState lotOf,
      AccountState resolvedDebit, AccountState resolvedCredit) {
    Transfer existing = store.transfer(r.id());
    if (existing != null) {
      // Only this batch's transfers carry the not yet committed stamp.
      return existing.timestamp().equals(stamp) ? TransferResult.DUPLICATE_ID_IN_BATCH
          : compare(existing, r);
    }
    return tryApplyNew(r, stamp, lotOf, resolvedDebit, resolvedCredit);
  }

  /**
   * {@link #tryApply(TransferRequest, Instant, LotState, AccountState, AccountState)} for request
   * {@code i} of a linked batch whose ids {@code store}'s indexer looks up: a slot at or after the
   * batch's {@code mark} was added by an earlier request of the batch, one before it is a stored
   * transfer, and a new id's slot is the one its append takes.
   */
  private TransferResult tryApplyIndexed(CompactLedgerStore store, int i, int mark,
      TransferRequest r, Instant stamp, AccountState debit, AccountState credit) {
    int slot = store.indexedSlot(i);
    if (slot >= 0) {
      return slot >= mark ? TransferResult.DUPLICATE_ID_IN_BATCH
          : compare(store.transferAt(slot, r.id()), r);
    }
    return tryApplyNew(r, stamp, null, debit, credit);
  }

  /** The checks and the append of a request whose id is new. */
  private TransferResult tryApplyNew(TransferRequest r, Instant stamp, LotState lotOf,
      AccountState resolvedDebit, AccountState resolvedCredit) {
    if (r.debitAccountId().equals(r.creditAccountId())) {
      return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
    }
    boolean resolved = resolvedDebit != null && resolvedCredit != null;
    AccountState debit = resolved ? resolvedDebit : store.account(r.debitAccountId());
    AccountState credit = resolved ? resolvedCredit : store.account(r.creditAccountId());
    TransferResult accountsOk = accountsAllow(debit, credit);
    if (accountsOk != null) {
      return accountsOk;
    }
    Transfer original = null;
    if (r.reverses() != null) {
      original = store.transfer(r.reverses());
      if (original == null) {
        return TransferResult.REVERSED_TRANSFER_NOT_FOUND;
      }
      if (original.reverses() != null) {
        return TransferResult.CANNOT_REVERSE_A_REVERSAL;
      }
      if (!r.debitAccountId().equals(original.creditAccountId())
          || !r.creditAccountId().equals(original.debitAccountId())) {
        return TransferResult.REVERSAL_MUST_SWAP_ACCOUNTS;
      }
      if (r.amount() > original.amount() - store.reversedAmount(r.reverses())) {
        return TransferResult.REVERSAL_EXCEEDS_ORIGINAL;
      }
    }
    if (debit.debits > Long.MAX_VALUE - r.amount() || credit.credits > Long.MAX_VALUE - r.amount()) {
      return TransferResult.OVERFLOWS;
    }
    if (!canSpend(debit, r.amount())) {
      return TransferResult.EXCEEDS_BALANCE;
    }
    apply(r, debit, credit, stamp, original, lotOf);
    return TransferResult.OK;
  }

  /** Returns why two accounts (null if missing) cannot take part in a transfer, or null. */
  private static TransferResult accountsAllow(AccountState debit, AccountState credit) {
    if (debit == null) {
      return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
    }
    if (credit == null) {
      return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
    }
    if (!debit.current.asset().equals(credit.current.asset())) {
      return TransferResult.ASSETS_MUST_MATCH;
    }
    if (debit.current.closed() || credit.current.closed()) {
      return TransferResult.ACCOUNT_CLOSED;
    }
    if (debit.current.frozen() || credit.current.frozen()) {
      return TransferResult.ACCOUNT_FROZEN;
    }
    return null;
  }

  /** Whether {@code s} may be debited {@code amount} more, pending holds included. */
  private static boolean canSpend(AccountState s, long amount) {
    long limit = s.current.overdraftLimit();
    if (limit == Account.UNLIMITED) {
      return true;
    }
    long available = s.credits - s.debits - s.debitsPending;
    long spendable = available > Long.MAX_VALUE - limit ? Long.MAX_VALUE : available + limit;
    return spendable >= amount;
  }

  /** The next timestamp a write would take, without taking it. */
  private Instant peekTimestamp() {
    Instant now = clock.instant();
    Instant last = store.lastTimestamp();
    return now.isAfter(last) ? now : last.plusNanos(1);
  }

  private Instant nextTimestamp() {
    Instant stamp = peekTimestamp();
    store.lastTimestamp(stamp);
    return stamp;
  }

  private void apply(TransferRequest r, AccountState debit, AccountState credit, Instant stamp,
      Transfer original, LotState lotOf) {
    long creditBalanceBefore = credit.balance();
    debit.debits += r.amount();
    credit.credits += r.amount();
    store.append(r, stamp, debit, credit);
    if (debit.lots != null) {
      LotState first = lotOf;
      if (first == null && original != null) {
        first = Lots.find(debit, original.id());
      }
      lotsOfThread.get().draw(debit, r.amount(), first);
    }
    if (credit.lots != null) {
      // A refund keeps the age of the points it gives back, so reversing a spend cannot renew them.
      Instant earned = original != null ? original.timestamp() : stamp;
      long deficit = Math.max(0, -creditBalanceBefore);
      if (r.amount() > deficit) {
        lotsOfThread.get().add(credit, new LotState(r.id(), r.amount() - deficit, earned,
            credit.expiry.expiryOf(earned)));
      }
    }
  }

  /** Undoes every transfer after {@code mark}, newest first, and the lot changes. */
  private void rollback(int mark) {
    List<Transfer> undone = store.transfersSince(mark);
    for (int i = undone.size() - 1; i >= 0; i--) {
      Transfer t = undone.get(i);
      store.account(t.debitAccountId()).debits -= t.amount();
      store.account(t.creditAccountId()).credits -= t.amount();
    }
    store.truncate(mark);
    lotsOfThread.get().rollback();
  }

  private static TransferResult compare(Transfer t, TransferRequest r) {
    if (t.amount() != r.amount()) {
      return TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
    }
    if (!t.debitAccountId().equals(r.debitAccountId())) {
      return TransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT;
    }
    if (!t.creditAccountId().equals(r.creditAccountId())) {
      return TransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT;
    }
    if (!t.code().equals(r.code())) {
      return TransferResult.EXISTS_WITH_DIFFERENT_CODE;
    }
    if (!t.userData().equals(r.userData())) {
      return TransferResult.EXISTS_WITH_DIFFERENT_USER_DATA;
    }
    if (!Objects.equals(t.reverses(), r.reverses())) {
      return TransferResult.EXISTS_WITH_DIFFERENT_REVERSES;
    }
    if (!Objects.equals(t.operator(), r.operator())) {
      return TransferResult.EXISTS_WITH_DIFFERENT_OPERATOR;
    }
    return TransferResult.EXISTS;
  }

  // ---------------------------------------------------------------------------------------------
  // Holds

  TransferResult hold(TransferRequest request, Duration timeout) {
    expireDue();
    Hold existing = store.hold(request.id());
    if (existing != null) {
      return compare(new Transfer(existing.id(), existing.debitAccountId(),
          existing.creditAccountId(), existing.amount(), existing.asset(), existing.code(),
          existing.userData(), null, existing.operator(), existing.createdAt()), request);
    }
    if (request.reverses() != null) {
      return TransferResult.HOLD_CANNOT_REVERSE;
    }
    if (timeout.isNegative() || timeout.isZero()) {
      return TransferResult.HOLD_TIMEOUT_MUST_BE_POSITIVE;
    }
    if (request.debitAccountId().equals(request.creditAccountId())) {
      return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
    }
    store.lockAccounts(request.debitAccountId(), request.creditAccountId());
    AccountState d = store.account(request.debitAccountId());
    AccountState c = store.account(request.creditAccountId());
    TransferResult accountsOk = accountsAllow(d, c);
    if (accountsOk != null) {
      return accountsOk;
    }
    if (d.debitsPending > Long.MAX_VALUE - request.amount()
        || c.creditsPending > Long.MAX_VALUE - request.amount()) {
      return TransferResult.OVERFLOWS;
    }
    if (!canSpend(d, request.amount())) {
      return TransferResult.EXCEEDS_BALANCE;
    }
    // The timeout runs from the clock's reading, not from the (possibly nudged) timestamp.
    Instant expires = clock.instant().plus(timeout);
    Hold hold = new Hold(request.id(), request.debitAccountId(), request.creditAccountId(),
        request.amount(), d.current.asset(), request.code(), request.userData(),
        request.operator(), nextTimestamp(), expires, Hold.State.PENDING, null);
    d.debitsPending += request.amount();
    c.creditsPending += request.amount();
    store.putHold(hold);
    if (events != null) {
      events.append(new LedgerEvent.HoldPlaced(hold));
    }
    return TransferResult.OK;
  }

  TransferResult post(String transferId, String holdId, long amount) {
    expireDue();
    Hold hold = store.hold(holdId);
    if (hold == null) {
      return TransferResult.HOLD_NOT_FOUND;
    }
    TransferRequest request = new TransferRequest(transferId, hold.debitAccountId(),
        hold.creditAccountId(), amount, hold.code(), hold.userData(), null, hold.operator());
    Transfer existing = store.transfer(transferId);
    if (existing != null) {
      return compare(existing, request);
    }
    TransferResult state = pendingOrWhy(hold);
    if (state != null) {
      return state;
    }
    if (amount > hold.amount()) {
      return TransferResult.POST_EXCEEDS_HOLD;
    }
    store.lockAccounts(hold.debitAccountId(), hold.creditAccountId());
    AccountState d = store.account(hold.debitAccountId());
    AccountState c = store.account(hold.creditAccountId());
    TransferResult accountsOk = accountsAllow(d, c);
    if (accountsOk != null) {
      return accountsOk;
    }
    if (d.debits > Long.MAX_VALUE - amount || c.credits > Long.MAX_VALUE - amount) {
      return TransferResult.OVERFLOWS;
    }
    release(hold, Hold.State.POSTED, transferId);
    apply(request, d, c, nextTimestamp(), null, null);
    lotsOfThread.get().commit();
    if (events != null) {
      events.append(new LedgerEvent.HoldPosted(holdId, store.transfer(transferId)));
    }
    return TransferResult.OK;
  }

  TransferResult voidHold(String holdId) {
    expireDue();
    Hold hold = store.hold(holdId);
    if (hold == null) {
      return TransferResult.HOLD_NOT_FOUND;
    }
    if (hold.state() == Hold.State.VOIDED) {
      return TransferResult.EXISTS;
    }
    TransferResult state = pendingOrWhy(hold);
    if (state != null) {
      return state;
    }
    store.lockAccounts(hold.debitAccountId(), hold.creditAccountId());
    release(hold, Hold.State.VOIDED, null);
    if (events != null) {
      events.append(new LedgerEvent.HoldVoided(holdId));
    }
    return TransferResult.OK;
  }

  private static TransferResult pendingOrWhy(Hold hold) {
    return switch (hold.state()) {
      case PENDING -> null;
      case POSTED -> TransferResult.HOLD_ALREADY_POSTED;
      case VOIDED -> TransferResult.HOLD_ALREADY_VOIDED;
      case EXPIRED -> TransferResult.HOLD_EXPIRED;
    };
  }

  private void release(Hold hold, Hold.State state, String transferId) {
    store.account(hold.debitAccountId()).debitsPending -= hold.amount();
    store.account(hold.creditAccountId()).creditsPending -= hold.amount();
    store.putHold(hold.with(state, transferId));
  }

  /**
   * Expires every pending hold due by the clock; every operation calls this first. A SQL store
   * would do it in a short unit of its own before the request's, so its account locks are not
   * mixed with the request's (which keeps the lock order fixed).
   */
  List<Hold> expireDue() {
    if (store.firstPendingByExpiry() == null) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Hold> expired = expireDue(now);
    if (events != null && !expired.isEmpty()) {
      events.append(new LedgerEvent.HoldsExpired(now));
    }
    return expired;
  }

  private List<Hold> expireDue(Instant now) {
    List<Hold> expired = new ArrayList<>();
    for (Hold first = store.firstPendingByExpiry(); first != null
        && !first.expiresAt().isAfter(now); first = store.firstPendingByExpiry()) {
      // Read it again through hold(), which a SQL store locks: another instance may have posted
      // or voided it since the unlocked look-up.
      Hold h = store.hold(first.id());
      if (h == null || h.state() != Hold.State.PENDING) {
        continue;
      }
      store.lockAccounts(h.debitAccountId(), h.creditAccountId());
      release(h, Hold.State.EXPIRED, null);
      expired.add(store.hold(h.id()));
    }
    return expired;
  }

  // ---------------------------------------------------------------------------------------------
  // Lots

  List<Transfer> expireLots() {
    expireDue();
    Instant now = clock.instant();
    List<Transfer> out = new ArrayList<>();
    List<LedgerEvent.LotExpired> swept = new ArrayList<>();
    for (AccountState s : store.accountsWithLotsDueBy(now)) {
      store.lockAccounts(s.current.id(), s.expiry.sinkAccountId());
      long reservedLeft = s.debitsPending;
      for (LotState lot : new ArrayList<>(s.lots)) {
        long reserved = Math.min(lot.remaining, reservedLeft);
        reservedLeft -= reserved;
        long free = lot.remaining - reserved;
        if (free == 0 || lot.expiresAt.isAfter(now)) {
          continue;
        }
        if (s.current.frozen() || s.current.closed()) {
          continue;
        }
        String id = TransferRequest.derivedId(lot.source, "x" + (lot.expirations + 1));
        TransferRequest r = new TransferRequest(id, s.current.id(), s.expiry.sinkAccountId(),
            free, "expiry", "lot " + lot.source, null, null);
        Instant stamp = nextTimestamp();
        TransferResult result = tryApply(r, stamp, lot);
        if (result == TransferResult.OK) {
          lot.expirations++;
          out.add(store.transfer(id));
          swept.add(new LedgerEvent.LotExpired(lot.source, store.transfer(id)));
        }
        lotsOfThread.get().commit();
      }
    }
    if (events != null && !swept.isEmpty()) {
      // One record for the whole sweep: a crash keeps all of it or none.
      events.append(new LedgerEvent.LotsExpired(swept));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Replay (the journal)

  /** Applies a recorded change exactly as it was first applied, without reading the clock. */
  void replay(LedgerEvent e) {
    if (e instanceof LedgerEvent.AccountCreated c) {
      Account a = c.account();
      check(store.account(a.id()) == null, e, "account exists already");
      store.insertAccount(newState(a));
    } else if (e instanceof LedgerEvent.FlagsChanged f) {
      AccountState s = store.account(f.accountId());
      check(s != null, e, "no such account");
      Account a = s.current.withFrozen(f.frozen());
      s.current = f.closed() ? a.asClosed() : a;
    } else if (e instanceof LedgerEvent.HoldsExpired h) {
      check(!expireDue(h.now()).isEmpty(), e, "no hold was due");
    } else if (e instanceof LedgerEvent.TransfersApplied t) {
      for (Transfer x : t.transfers()) {
        check(tryApply(requestOf(x), t.stamp(), null) == TransferResult.OK, e,
            "transfer " + x.id() + " does not apply");
      }
      store.lastTimestamp(t.stamp());
      lotsOfThread.get().commit();
    } else if (e instanceof LedgerEvent.HoldPlaced p) {
      Hold h = p.hold();
      check(store.hold(h.id()) == null && h.state() == Hold.State.PENDING, e, "hold exists");
      AccountState d = store.account(h.debitAccountId());
      AccountState c = store.account(h.creditAccountId());
      check(d != null && c != null, e, "no such account");
      d.debitsPending += h.amount();
      c.creditsPending += h.amount();
      store.putHold(h);
      store.lastTimestamp(h.createdAt());
    } else if (e instanceof LedgerEvent.HoldPosted p) {
      Hold h = store.hold(p.holdId());
      check(h != null && h.state() == Hold.State.PENDING, e, "hold is not pending");
      Transfer x = p.transfer();
      release(h, Hold.State.POSTED, x.id());
      apply(requestOf(x), store.account(x.debitAccountId()), store.account(x.creditAccountId()),
          x.timestamp(), null, null);
      store.lastTimestamp(x.timestamp());
      lotsOfThread.get().commit();
    } else if (e instanceof LedgerEvent.HoldVoided v) {
      Hold h = store.hold(v.holdId());
      check(h != null && h.state() == Hold.State.PENDING, e, "hold is not pending");
      release(h, Hold.State.VOIDED, null);
    } else if (e instanceof LedgerEvent.LotExpired x) {
      replayLotExpired(x);
    } else if (e instanceof LedgerEvent.LotsExpired sweep) {
      for (LedgerEvent.LotExpired x : sweep.lots()) {
        replayLotExpired(x);
      }
    }
  }

  /**
   * Applies a recorded {@link LedgerEvent.TransfersApplied} read field by field, with the outcome
   * of {@link #replay(LedgerEvent)} of {@code record.event()}: the same state, or the same
   * exception with the same message at the same transfer. With a {@link CompactLedgerStore}, a
   * transfer that a request would accept ({@link IdTable#hashIfId} of its id, {@link Id#isValid}
   * of its account ids, {@link TransferRequest#validFields} of the rest), that reverses nothing
   * and whose accounts keep no lots is checked as {@link #tryApply} checks a request and appended
   * from its fields: no {@code Transfer}, no {@code TransferRequest}, no id {@code String}. Any
   * other transfer is built as a request (whose constructor throws what the general path's would)
   * and goes through {@link #tryApply}. Returns how many were applied from their fields.
   */
  int replay(RecordedTransfers record) {
    if (!(store instanceof CompactLedgerStore compact)) {
      replay(record.event());
      return 0;
    }
    int inPlace = 0;
    record.tagOwner(this);
    Instant stamp = record.stamp();
    byte[] bytes = record.bytes();
    for (int i = 0, n = record.size(); i < n; i++) {
      int offset = record.idOffset(i);
      int length = record.idLength(i);
      String debitId = record.debitAccountId(i);
      String creditId = record.creditAccountId(i);
      long amount = record.amount(i);
      String code = record.code(i);
      String userData = record.userData(i);
      String reverses = record.reverses(i);
      String operator = record.operator(i);
      long hash = offset < 0 ? -1 : IdTable.hashIfId(bytes, offset, length);
      TransferResult result = null;
      if (hash >= 0 && reverses == null
          && TransferRequest.validFields(amount, code, userData, null, operator)) {
        // A tagged account id was valid and its account stored when tagged.
        Object debitTag = record.accountTag(i, true);
        Object creditTag = record.accountTag(i, false);
        if ((debitTag != null || Id.isValid(debitId))
            && (creditTag != null || Id.isValid(creditId))) {
          AccountState debit = debitTag != null ? (AccountState) debitTag
              : recordedAccount(record, i, true, debitId);
          AccountState credit = creditTag != null ? (AccountState) creditTag
              : recordedAccount(record, i, false, creditId);
          result = applyRecorded(compact, bytes, offset, length, (int) hash, debit, credit,
              amount, stamp, code, userData == null ? "" : userData, operator);
        }
      }
      String id = null;
      if (result != null) {
        inPlace++;
      } else {
        id = offset < 0 ? null : new String(bytes, offset, length, StandardCharsets.UTF_8);
        result = tryApply(new TransferRequest(id, debitId, creditId, amount, code, userData,
            reverses, operator), stamp, null);
      }
      if (result != TransferResult.OK) {
        if (id == null && offset >= 0) {
          id = new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
        check(false, record.event(), "transfer " + id + " does not apply");
      }
    }
    store.lastTimestamp(stamp);
    lotsOfThread.get().commit();
    return inPlace;
  }

  /** {@code store.account(id)}, attached to the record's shared id string if found. */
  private AccountState recordedAccount(RecordedTransfers record, int index, boolean debit,
      String id) {
    AccountState s = store.account(id);
    if (s != null) {
      // An account, once stored, stays the same object for the ledger's life.
      record.tagAccount(index, debit, s);
    }
    return s;
  }

  /**
   * {@link #tryApply} of the request a recorded transfer's fields make (valid, reversing
   * nothing; {@code userData} not null; {@code debit} and {@code credit} the stored accounts of
   * its account ids, or null): OK once applied, or some other result (not necessarily the one
   * {@code tryApply} would give: replay only tells OK from not OK) with nothing changed; or null,
   * with nothing changed, if an account keeps lots (the caller then builds the request).
   */
  private TransferResult applyRecorded(CompactLedgerStore compact, byte[] id, int offset,
      int length, int hash, AccountState debit, AccountState credit, long amount, Instant stamp,
      String code, String userData, String operator) {
    if (debit != null && debit.lots != null || credit != null && credit.lots != null) {
      return null;
    }
    // Two stored accounts are the same object exactly when their ids are equal, so this says
    // what tryApply's comparison of the ids says, without reading the ids (when either is
    // missing, the transfer does not apply either way).
    if (debit == credit && debit != null) {
      return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
    }
    TransferResult accountsOk = accountsAllow(debit, credit);
    if (accountsOk != null) {
      return accountsOk;
    }
    if (debit.debits > Long.MAX_VALUE - amount || credit.credits > Long.MAX_VALUE - amount) {
      return TransferResult.OVERFLOWS;
    }
    if (!canSpend(debit, amount)) {
      return TransferResult.EXCEEDS_BALANCE;
    }
    // Last, as it appends when the id is new: every other check has passed by then.
    if (!compact.appendIfNew(id, offset, length, hash, debit, credit, amount, stamp, code,
        userData, operator)) {
      return TransferResult.DUPLICATE_ID_IN_BATCH;
    }
    debit.debits += amount;
    credit.credits += amount;
    return TransferResult.OK;
  }

  private void replayLotExpired(LedgerEvent.LotExpired x) {
    Transfer t = x.transfer();
    AccountState s = store.account(t.debitAccountId());
    LotState lot = s == null || s.lots == null ? null : Lots.find(s, x.lotSource());
    check(lot != null, x, "no such lot");
    check(tryApply(requestOf(t), t.timestamp(), lot) == TransferResult.OK, x,
        "expiry does not apply");
    lot.expirations++;
    store.lastTimestamp(t.timestamp());
    lotsOfThread.get().commit();
  }

  private static TransferRequest requestOf(Transfer t) {
    return new TransferRequest(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(),
        t.code(), t.userData(), t.reverses(), t.operator());
  }

  static void check(boolean ok, LedgerEvent e, String why) {
    if (!ok) {
      throw new IllegalStateException(e == null ? "cannot restore the state: " + why
          : "cannot replay " + e + ": " + why);
    }
  }
}
