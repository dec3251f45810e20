package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.LedgerEventSink;
import dev.linli.points.internal.LedgerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The points ledger (共富银行): double-entry accounts and immutable transfers, in memory.
 *
 * <p><b>Guarantees.</b> Every transfer debits one account and credits another of the same asset by
 * the same whole amount, so the balances of each asset always sum to zero. Transfers are never edited
 * or deleted; a reversal is a new transfer that points to the one it undoes. Requests carry
 * caller-chosen ids: a retry returns {@link TransferResult#EXISTS} and never applies twice. A linked
 * batch ({@link #submitLinked}) is applied all or nothing. Expected failures are
 * {@link TransferResult} codes, not exceptions; exceptions mean a programming error (a null, a
 * malformed id).
 *
 * <p><b>Lots and expiry.</b> For an asset with a {@link LotExpiry} policy, every credit to a
 * {@link AccountKind#MEMBER} account starts a {@link Lot}; debits consume lots oldest first (a
 * reversal of an earning takes back its own lot first); {@link #expireLots()} moves what is left of
 * lots past their expiry into the policy's sink. Points reserved by pending holds count as taken from
 * the oldest lots, so expiry never takes points a hold has promised; and it never takes a spent point.
 *
 * <p><b>Consistency.</b> Thread-safe. Every operation runs under one lock, so operations are
 * linearizable: each takes effect at one instant, in the order of the ledger's strictly increasing
 * timestamps, and readers see either all or none of a batch. A single lock is the right design for
 * an embedded community ledger: a write is a few hash-map updates (see {@code docs/benchmarks.md}),
 * millions per second in batches, far more than a community produces, and it makes the
 * all-or-nothing and balance checks trivially correct. Timestamps come from the injected
 * {@link Clock}, made strictly increasing from one write to the next (a clock that steps back cannot
 * reorder history); the transfers of one linked batch share their batch's timestamp, so a historical
 * query also sees all or none of a batch.
 *
 * @since 0.1.0
 */
public final class Ledger {
  private final Clock clock;
  private final ZoneId zone;
  private final Map<String, LotExpiry> expiries;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final Map<String, Transfer> transfers = new HashMap<>();
  private final Map<String, Long> reversed = new HashMap<>();
  private final ArrayList<Transfer> log = new ArrayList<>();
  private final Map<String, Hold> holds = new HashMap<>();
  private final PriorityQueue<Hold> pendingByExpiry = new PriorityQueue<>(
      Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id));
  /** Lot changes of the batch being applied, undone in reverse if the batch fails. */
  private final ArrayList<LotChange> lotUndo = new ArrayList<>();
  private Instant last = Instant.MIN;
  /** The open {@link #durably} scope of each thread that has one. */
  private final ThreadLocal<Deferred> deferred = new ThreadLocal<>();
  /** Where a journaled ledger records its changes; null (the fast path) for a plain ledger. */
  private LedgerEventSink events;

  static {
    LedgerAccess.install(new Access());
  }

  /** One account's mutable state; guarded by the ledger's lock. */
  private static final class AccountState {
    final Account created;
    Account current;
    long debits;
    long credits;
    long debitsPending;
    long creditsPending;
    final ArrayList<Transfer> history = new ArrayList<>();
    /** Lots oldest first, or null if the account keeps none; spent lots stay until trimmed. */
    final ArrayDeque<LotState> lots;
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

  /** A lot's mutable state; guarded by the ledger's lock. */
  private static final class LotState {
    final String source;
    final long amount;
    long remaining;
    final Instant earnedAt;
    final Instant expiresAt;
    int expirations;

    LotState(String source, long amount, Instant earnedAt, Instant expiresAt) {
      this.source = source;
      this.amount = amount;
      this.remaining = amount;
      this.earnedAt = earnedAt;
      this.expiresAt = expiresAt;
    }
  }

  /** A lot created ({@code taken == 0}) or drawn down by {@code taken}, to undo on failure. */
  private record LotChange(AccountState account, LotState lot, long taken) {}

  private Ledger(Builder b) {
    this.clock = b.clock;
    this.zone = b.zone;
    this.expiries = Map.copyOf(b.expiries);
    for (LotExpiry e : expiries.values()) {
      Account sink = new Account(e.sinkAccountId(), e.asset(), AccountKind.EXPIRY_SINK, 0, false,
          "expired " + e.asset());
      accounts.put(sink.id(), new AccountState(sink, null));
    }
  }

  /**
   * Returns a ledger that stamps transfers with {@code clock}, with no expiring assets.
   *
   * @param clock the source of transfer timestamps, not null
   * @return an empty ledger
   */
  public static Ledger create(Clock clock) {
    return builder().clock(clock).build();
  }

  /**
   * Returns a builder for a ledger with lot expiry or another zone.
   *
   * @return a builder with the system UTC clock and zone Asia/Shanghai
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link Ledger}. Not thread-safe; build once and share the ledger.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private final Map<String, LotExpiry> expiries = new HashMap<>();

    private Builder() {}

    /**
     * Sets the source of timestamps.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the zone whose calendar lot lifetimes and reports count in.
     *
     * @param value the community's zone
     * @return this builder
     */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /**
     * Makes points of {@code asset} expire {@code lifetime} after they are earned, into the
     * {@code sinkAccountId} account (which the ledger creates).
     *
     * @param asset the asset
     * @param lifetime how long a lot lives, such as {@code Period.ofYears(2)}
     * @param sinkAccountId the expiry sink's account id
     * @return this builder
     * @throws InvalidValueException if the asset already has a policy
     */
    public Builder expireLots(String asset, Period lifetime, String sinkAccountId) {
      InvalidValueException.check(!expiries.containsKey(asset), "asset", asset,
          "must be given one expiry policy only");
      expiries.put(asset, new LotExpiry(asset, lifetime, sinkAccountId, zone));
      return this;
    }

    /**
     * Returns the ledger.
     *
     * @return a new, empty ledger (apart from expiry sinks)
     */
    public Ledger build() {
      Map<String, LotExpiry> zoned = new HashMap<>();
      expiries.forEach((asset, e) -> zoned.put(asset,
          new LotExpiry(asset, e.lifetime(), e.sinkAccountId(), zone)));
      expiries.clear();
      expiries.putAll(zoned);
      return new Ledger(this);
    }
  }

  /**
   * Returns the zone this ledger's calendar periods are counted in.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Returns the ledger's clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the expiry policy of {@code asset}.
   *
   * @param asset an asset
   * @return its policy, or empty if its points never expire
   */
  public Optional<LotExpiry> expiry(String asset) {
    return Optional.ofNullable(expiries.get(asset));
  }

  // ---------------------------------------------------------------------------------------------
  // Accounts

  /**
   * Creates an account, idempotently.
   *
   * @param account the account, not null
   * @return {@link AccountResult#OK}, {@link AccountResult#EXISTS} for an identical retry, or how an
   *     existing account with the same id differs
   */
  public AccountResult createAccount(Account account) {
    Objects.requireNonNull(account, "account");
    return locked(() -> {
      AccountState existing = accounts.get(account.id());
      if (existing == null) {
        LotExpiry e = account.kind() == AccountKind.MEMBER ? expiries.get(account.asset()) : null;
        accounts.put(account.id(), new AccountState(account, e));
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
    });
  }

  /**
   * Returns the account with {@code id} as it is now (flags included).
   *
   * @param id an account id
   * @return the account, or empty
   */
  public Optional<Account> account(String id) {
    return locked(() -> {
      AccountState s = accounts.get(id);
      return Optional.ofNullable(s == null ? null : s.current);
    });
  }

  /**
   * Returns every account as it is now, ordered by id.
   *
   * @return a snapshot
   */
  public List<Account> accounts() {
    return locked(() -> {
      List<Account> out = new ArrayList<>();
      for (AccountState s : accounts.values()) {
        out.add(s.current);
      }
      out.sort(Comparator.comparing(Account::id));
      return out;
    });
  }

  /**
   * Freezes or unfreezes an account: while frozen, no transfer or hold may touch it. Setting the
   * flag it already has returns {@link AccountResult#EXISTS}.
   *
   * @param accountId the account
   * @param frozen the new flag
   * @return {@code OK}, {@code EXISTS}, {@code ACCOUNT_NOT_FOUND} or {@code ACCOUNT_CLOSED}
   */
  public AccountResult setFrozen(String accountId, boolean frozen) {
    return locked(() -> {
      AccountState s = accounts.get(accountId);
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
    });
  }

  /**
   * Closes an account for good. Only an account with a zero balance and no pending holds can be
   * closed; closing a closed account returns {@link AccountResult#EXISTS}.
   *
   * @param accountId the account
   * @return {@code OK}, {@code EXISTS}, {@code ACCOUNT_NOT_FOUND} or {@code BALANCE_NOT_ZERO}
   */
  public AccountResult close(String accountId) {
    return locked(() -> {
      expireDue();
      AccountState s = accounts.get(accountId);
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
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Transfers

  /**
   * Applies one transfer.
   *
   * @param request the request, not null
   * @return the outcome; only {@link TransferResult#OK} changes the ledger
   */
  public TransferResult submit(TransferRequest request) {
    Objects.requireNonNull(request, "request");
    return locked(() -> {
      expireDue();
      Instant stamp = peekTimestamp();
      TransferResult r = tryApply(request, stamp, null);
      if (r == TransferResult.OK) {
        last = stamp;
        commitLots();
        if (events != null) {
          events.append(new LedgerEvent.TransfersApplied(stamp,
              List.of(transfers.get(request.id()))));
        }
      }
      return r;
    });
  }

  /**
   * Applies a batch all or nothing: each request is checked against the ledger as changed by the
   * requests before it in the batch. If one fails, nothing is applied; it reports its own code and
   * every other request reports {@link TransferResult#LINKED_EVENT_FAILED}. A request whose id
   * already exists with the same content counts as done ({@link TransferResult#EXISTS}) and does not
   * fail the batch, so a whole batch can be retried safely.
   *
   * @param batch the requests, not null; may be empty
   * @return one result per request, in order
   */
  public List<TransferResult> submitLinked(List<TransferRequest> batch) {
    Objects.requireNonNull(batch, "batch");
    for (int i = 0; i < batch.size(); i++) {
      Objects.requireNonNull(batch.get(i), "batch[" + i + "]");
    }
    return locked(() -> {
      expireDue();
      Instant stamp = peekTimestamp();
      int mark = log.size();
      TransferResult[] results = new TransferResult[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        TransferResult r = tryApply(batch.get(i), stamp, null);
        if (r != TransferResult.OK && r != TransferResult.EXISTS) {
          rollback(mark);
          List<TransferResult> out = new ArrayList<>(batch.size());
          for (int j = 0; j < batch.size(); j++) {
            out.add(j == i ? r : TransferResult.LINKED_EVENT_FAILED);
          }
          return out;
        }
        results[i] = r;
      }
      if (log.size() > mark) {
        last = stamp;
        if (events != null) {
          events.append(new LedgerEvent.TransfersApplied(stamp, log.subList(mark, log.size())));
        }
      }
      commitLots();
      return Collections.unmodifiableList(java.util.Arrays.asList(results));
    });
  }

  /**
   * Runs {@code body} under the ledger's lock: every public operation goes through here. A journaled
   * ledger then waits, outside the lock, until every change made so far is durable, so no caller
   * returns with (or having seen) a change the journal could still lose.
   */
  private <T> T locked(Supplier<T> body) {
    lock.lock();
    LedgerEventSink sink = events;
    T out;
    long ticket;
    try {
      if (sink == null) {
        return body.get();
      }
      sink.checkUsable();
      out = body.get();
      ticket = sink.appended();
    } finally {
      lock.unlock();
    }
    Deferred scope = deferred.get();
    if (scope != null) {
      scope.sink = sink;
      scope.ticket = Math.max(scope.ticket, ticket);
      return out;
    }
    sink.awaitDurable(ticket);
    return out;
  }

  /** An open {@link #durably} scope of one thread: what it must wait for when it ends. */
  private static final class Deferred {
    LedgerEventSink sink;
    long ticket = -1;
  }

  /**
   * Runs {@code work}, which may call this ledger several times while holding locks of its own, and
   * returns only when every change made so far is as durable as the ledger's journal promises,
   * waiting once, after {@code work} has returned. Services that keep their own lock around several
   * ledger calls (the time bank's caps, the catalogue's stock) run under it so that their lock is
   * not held while the disk is forced: concurrent callers then share one {@code fsync} (group
   * commit) instead of queueing for one each. Changes made inside {@code work} are visible at once,
   * as always; any other call that sees them waits for them to be durable before it returns. If
   * {@code work} throws, the exception is passed on once its changes are durable (or, if the
   * journal has failed, with that failure suppressed in it). Scopes nest; only the outermost
   * waits. On a ledger without a journal it just runs {@code work}.
   *
   * @param <T> what {@code work} returns
   * @param work the calls to make
   * @return what {@code work} returned
   */
  public <T> T durably(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (deferred.get() != null) {
      return work.get();
    }
    Deferred scope = new Deferred();
    deferred.set(scope);
    T out;
    try {
      out = work.get();
    } catch (RuntimeException | Error e) {
      deferred.remove();
      if (scope.sink != null) {
        try {
          scope.sink.awaitDurable(scope.ticket);
        } catch (RuntimeException failed) {
          e.addSuppressed(failed);
        }
      }
      throw e;
    }
    deferred.remove();
    if (scope.sink != null) {
      scope.sink.awaitDurable(scope.ticket);
    }
    return out;
  }

  private void flagsChanged(AccountState s) {
    if (events != null) {
      events.append(new LedgerEvent.FlagsChanged(s.current.id(), s.current.frozen(),
          s.current.closed()));
    }
  }

  /**
   * Checks one request against the current state and applies it if it passes; on failure nothing
   * of it is applied. {@code lotOf} names the lot a debit must draw from first (an expiry), or null.
   */
  private TransferResult tryApply(TransferRequest r, Instant stamp, LotState lotOf) {
    Transfer existing = transfers.get(r.id());
    if (existing != null) {
      // Only this batch's transfers carry the not yet committed stamp.
      return existing.timestamp().equals(stamp) ? TransferResult.DUPLICATE_ID_IN_BATCH
          : compare(existing, r);
    }
    if (r.debitAccountId().equals(r.creditAccountId())) {
      return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
    }
    AccountState debit = accounts.get(r.debitAccountId());
    AccountState credit = accounts.get(r.creditAccountId());
    TransferResult accountsOk = accountsAllow(debit, credit);
    if (accountsOk != null) {
      return accountsOk;
    }
    Transfer original = null;
    if (r.reverses() != null) {
      original = transfers.get(r.reverses());
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
      if (r.amount() > original.amount() - reversed.getOrDefault(r.reverses(), 0L)) {
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

  /** Returns why two accounts cannot take part in a transfer, or null if they can. */
  private TransferResult accountsAllow(String debitId, String creditId) {
    return accountsAllow(accounts.get(debitId), accounts.get(creditId));
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
    return now.isAfter(last) ? now : last.plusNanos(1);
  }

  private Instant nextTimestamp() {
    last = peekTimestamp();
    return last;
  }

  private void apply(TransferRequest r, AccountState debit, AccountState credit, Instant stamp,
      Transfer original, LotState lotOf) {
    long creditBalanceBefore = credit.balance();
    Transfer t = new Transfer(r.id(), r.debitAccountId(), r.creditAccountId(), r.amount(),
        debit.current.asset(), r.code(), r.userData(), r.reverses(), r.operator(), stamp);
    debit.debits += r.amount();
    credit.credits += r.amount();
    if (r.reverses() != null) {
      reversed.merge(r.reverses(), r.amount(), Long::sum);
    }
    transfers.put(t.id(), t);
    log.add(t);
    debit.history.add(t);
    credit.history.add(t);
    if (debit.lots != null) {
      LotState first = lotOf;
      if (first == null && original != null) {
        first = findLot(debit, original.id());
      }
      drawLots(debit, r.amount(), first);
    }
    if (credit.lots != null) {
      // A refund keeps the age of the points it gives back, so reversing a spend cannot renew them.
      Instant earned = original != null ? original.timestamp() : stamp;
      long deficit = Math.max(0, -creditBalanceBefore);
      if (r.amount() > deficit) {
        addLot(credit, new LotState(t.id(), r.amount() - deficit, earned,
            credit.expiry.expiryOf(earned)));
      }
    }
  }

  private static LotState findLot(AccountState s, String source) {
    for (LotState l : s.lots) {
      if (l.source.equals(source)) {
        return l;
      }
    }
    return null;
  }

  private void addLot(AccountState s, LotState lot) {
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
    lotUndo.add(new LotChange(s, lot, 0));
  }

  /** Takes {@code amount} from {@code first} (if given) and then from the oldest lots. */
  private void drawLots(AccountState s, long amount, LotState first) {
    long left = amount;
    if (first != null && first.remaining > 0) {
      long take = Math.min(left, first.remaining);
      first.remaining -= take;
      lotUndo.add(new LotChange(s, first, take));
      left -= take;
    }
    Iterator<LotState> it = s.lots.iterator();
    while (left > 0 && it.hasNext()) {
      LotState l = it.next();
      if (l.remaining > 0) {
        long take = Math.min(left, l.remaining);
        l.remaining -= take;
        lotUndo.add(new LotChange(s, l, take));
        left -= take;
      }
    }
  }

  /** Drops spent lots from the front; only between operations, so undo never needs them back. */
  private static void trimLots(AccountState s) {
    while (!s.lots.isEmpty() && s.lots.peekFirst().remaining == 0) {
      s.lots.pollFirst();
    }
  }

  /** Undoes every transfer after {@code mark} in the log, newest first, and the lot changes. */
  private void rollback(int mark) {
    for (int i = log.size() - 1; i >= mark; i--) {
      Transfer t = log.remove(i);
      AccountState debit = accounts.get(t.debitAccountId());
      AccountState credit = accounts.get(t.creditAccountId());
      debit.debits -= t.amount();
      credit.credits -= t.amount();
      debit.history.remove(debit.history.size() - 1);
      credit.history.remove(credit.history.size() - 1);
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
    for (int i = lotUndo.size() - 1; i >= 0; i--) {
      LotChange c = lotUndo.get(i);
      if (c.taken() == 0) {
        c.account().lots.removeLastOccurrence(c.lot());
      } else {
        c.lot().remaining += c.taken();
      }
    }
    lotUndo.clear();
  }

  /** Finishes a successful write's lot bookkeeping. */
  private void commitLots() {
    for (LotChange c : lotUndo) {
      trimLots(c.account());
    }
    lotUndo.clear();
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

  /**
   * Places a hold (a pending transfer): reserves {@code request.amount()} on the debit account until
   * it is posted, voided, or expires after {@code timeout}. Pending amounts count against what the
   * debit account may spend. Hold ids are their own namespace, separate from transfer ids; a retry
   * with the same id returns {@link TransferResult#EXISTS}.
   *
   * @param request what to reserve; {@code reverses} must be null
   * @param timeout how long the hold lasts, {@code > 0}
   * @return the outcome; only {@link TransferResult#OK} changes the ledger
   */
  public TransferResult hold(TransferRequest request, Duration timeout) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(timeout, "timeout");
    return locked(() -> {
      expireDue();
      Hold existing = holds.get(request.id());
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
      TransferResult accountsOk = accountsAllow(request.debitAccountId(),
          request.creditAccountId());
      if (accountsOk != null) {
        return accountsOk;
      }
      AccountState d = accounts.get(request.debitAccountId());
      AccountState c = accounts.get(request.creditAccountId());
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
      holds.put(hold.id(), hold);
      pendingByExpiry.add(hold);
      if (events != null) {
        events.append(new LedgerEvent.HoldPlaced(hold));
      }
      return TransferResult.OK;
    });
  }

  /**
   * Posts a pending hold: a transfer {@code transferId} moves {@code amount} (at most the held
   * amount) and the rest is released. A retry with the same transfer id returns
   * {@link TransferResult#EXISTS}.
   *
   * @param transferId the id of the transfer the post creates
   * @param holdId the hold to post
   * @param amount how much to move, {@code 1..hold.amount()}
   * @return the outcome; only {@link TransferResult#OK} changes the ledger
   * @throws InvalidValueException if an id is malformed or {@code amount} is not positive
   */
  public TransferResult post(String transferId, String holdId, long amount) {
    Id.require(transferId, "transferId");
    Id.require(holdId, "holdId");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    return locked(() -> {
      expireDue();
      Hold hold = holds.get(holdId);
      if (hold == null) {
        return TransferResult.HOLD_NOT_FOUND;
      }
      TransferRequest request = new TransferRequest(transferId, hold.debitAccountId(),
          hold.creditAccountId(), amount, hold.code(), hold.userData(), null, hold.operator());
      Transfer existing = transfers.get(transferId);
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
      TransferResult accountsOk = accountsAllow(hold.debitAccountId(), hold.creditAccountId());
      if (accountsOk != null) {
        return accountsOk;
      }
      AccountState d = accounts.get(hold.debitAccountId());
      AccountState c = accounts.get(hold.creditAccountId());
      if (d.debits > Long.MAX_VALUE - amount || c.credits > Long.MAX_VALUE - amount) {
        return TransferResult.OVERFLOWS;
      }
      release(hold, Hold.State.POSTED, transferId);
      apply(request, d, c, nextTimestamp(), null, null);
      commitLots();
      if (events != null) {
        events.append(new LedgerEvent.HoldPosted(holdId, transfers.get(transferId)));
      }
      return TransferResult.OK;
    });
  }

  /**
   * Voids a pending hold, releasing all of it. Voiding an already voided hold returns
   * {@link TransferResult#EXISTS}.
   *
   * @param holdId the hold
   * @return the outcome
   */
  public TransferResult voidHold(String holdId) {
    return locked(() -> {
      expireDue();
      Hold hold = holds.get(holdId);
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
      release(hold, Hold.State.VOIDED, null);
      if (events != null) {
        events.append(new LedgerEvent.HoldVoided(holdId));
      }
      return TransferResult.OK;
    });
  }

  /**
   * Expires every pending hold whose time has come by the ledger's clock. Every other call does this
   * too before it acts, so calling it is only needed to release holds promptly when nothing else
   * happens.
   *
   * @return the holds expired by this call
   */
  public List<Hold> expireHolds() {
    return locked(this::expireDue);
  }

  /**
   * Returns the hold with {@code id}.
   *
   * @param id a hold id
   * @return the hold in its current state, or empty
   */
  public Optional<Hold> findHold(String id) {
    return locked(() -> {
      expireDue();
      return Optional.ofNullable(holds.get(id));
    });
  }

  /**
   * Returns the pending holds that debit or credit {@code accountId}, oldest first.
   *
   * @param accountId an account
   * @return its pending holds
   */
  public List<Hold> pendingHolds(String accountId) {
    return locked(() -> {
      expireDue();
      List<Hold> out = new ArrayList<>();
      for (Hold h : pendingByExpiry) {
        if (h.debitAccountId().equals(accountId) || h.creditAccountId().equals(accountId)) {
          out.add(h);
        }
      }
      out.sort(Comparator.comparing(Hold::createdAt));
      return out;
    });
  }

  private TransferResult pendingOrWhy(Hold hold) {
    return switch (hold.state()) {
      case PENDING -> null;
      case POSTED -> TransferResult.HOLD_ALREADY_POSTED;
      case VOIDED -> TransferResult.HOLD_ALREADY_VOIDED;
      case EXPIRED -> TransferResult.HOLD_EXPIRED;
    };
  }

  private void release(Hold hold, Hold.State state, String transferId) {
    accounts.get(hold.debitAccountId()).debitsPending -= hold.amount();
    accounts.get(hold.creditAccountId()).creditsPending -= hold.amount();
    holds.put(hold.id(), hold.with(state, transferId));
    pendingByExpiry.remove(hold);
  }

  private List<Hold> expireDue() {
    if (pendingByExpiry.isEmpty()) {
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
    while (!pendingByExpiry.isEmpty() && !pendingByExpiry.peek().expiresAt().isAfter(now)) {
      Hold h = pendingByExpiry.peek();
      release(holds.get(h.id()), Hold.State.EXPIRED, null);
      expired.add(holds.get(h.id()));
    }
    return expired;
  }

  // ---------------------------------------------------------------------------------------------
  // Lots

  /**
   * Expires what is left of every lot past its expiry by the ledger's clock: one transfer per lot
   * from the member to the asset's expiry sink, code {@code expiry}, user data the lot's source
   * transfer. Points reserved by pending holds are taken from the oldest lots first and are not
   * expired while the hold is pending (they expire at the next sweep if it is voided). Idempotent:
   * a second sweep at the same instant finds nothing left to expire.
   *
   * @return the expiry transfers made, in account and lot order
   */
  public List<Transfer> expireLots() {
    return locked(() -> {
      expireDue();
      Instant now = clock.instant();
      List<AccountState> owners = new ArrayList<>();
      for (AccountState s : accounts.values()) {
        if (s.lots != null && !s.lots.isEmpty() && !s.lots.peekFirst().expiresAt.isAfter(now)) {
          owners.add(s);
        }
      }
      owners.sort(Comparator.comparing(s -> s.current.id()));
      List<Transfer> out = new ArrayList<>();
      List<LedgerEvent.LotExpired> swept = new ArrayList<>();
      for (AccountState s : owners) {
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
          String id = derivedId(lot.source, "x" + (lot.expirations + 1));
          TransferRequest r = new TransferRequest(id, s.current.id(), s.expiry.sinkAccountId(),
              free, "expiry", "lot " + lot.source, null, null);
          Instant stamp = nextTimestamp();
          TransferResult result = tryApply(r, stamp, lot);
          if (result == TransferResult.OK) {
            lot.expirations++;
            out.add(transfers.get(id));
            swept.add(new LedgerEvent.LotExpired(lot.source, transfers.get(id)));
          }
          commitLots();
        }
      }
      if (events != null && !swept.isEmpty()) {
        // One record for the whole sweep: a crash keeps all of it or none.
        events.append(new LedgerEvent.LotsExpired(swept));
      }
      return out;
    });
  }

  /**
   * Returns an account's lots with points left, oldest first.
   *
   * @param accountId an account
   * @return its live lots (empty if the account keeps none)
   * @throws InvalidValueException if there is no such account
   */
  public List<Lot> lots(String accountId) {
    return locked(() -> {
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
    });
  }

  /**
   * Returns the lots that will expire within {@code window} from now ("points expiring within 30
   * days"), oldest first.
   *
   * @param accountId an account
   * @param window how far ahead to look, {@code >= 0}
   * @return the lots with points left that expire at or before now + window
   */
  public List<Lot> expiringWithin(String accountId, Duration window) {
    InvalidValueException.check(window != null && !window.isNegative(), "window", window,
        "must be a duration >= 0, such as P30D");
    Instant limit = clock.instant().plus(window);
    List<Lot> out = new ArrayList<>();
    for (Lot l : lots(accountId)) {
      if (!l.expiresAt().isAfter(limit)) {
        out.add(l);
      }
    }
    return out;
  }

  /** See {@link TransferRequest#derivedId}. */
  static String derivedId(String base, String suffix) {
    return TransferRequest.derivedId(base, suffix);
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  /**
   * Returns the transfer with {@code id}.
   *
   * @param id a transfer id
   * @return the transfer, or empty
   */
  public Optional<Transfer> find(String id) {
    return locked(() -> Optional.ofNullable(transfers.get(id)));
  }

  /**
   * Returns how much of transfer {@code id} has been reversed so far.
   *
   * @param id a transfer id
   * @return the sum of its reversals' amounts, 0 if none
   */
  public long reversedAmount(String id) {
    return locked(() -> reversed.getOrDefault(id, 0L));
  }

  /**
   * Returns an account's current totals.
   *
   * @param accountId an existing account
   * @return its debits and credits, posted and pending
   * @throws InvalidValueException if there is no such account
   */
  public Balance balance(String accountId) {
    return locked(() -> {
      expireDue();
      AccountState s = require(accountId);
      return new Balance(accountId, s.debits, s.credits, s.debitsPending, s.creditsPending);
    });
  }

  /**
   * Returns an account's posted totals as they were at {@code instant}: the sum of its transfers
   * stamped at or before it (holds are not part of history; pending amounts are reported as 0).
   *
   * @param accountId an existing account
   * @param instant any instant
   * @return its debits and credits then
   * @throws InvalidValueException if there is no such account
   */
  public Balance balanceAsOf(String accountId, Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return locked(() -> {
      AccountState s = require(accountId);
      long debits = 0;
      long credits = 0;
      for (Transfer t : s.history) {
        if (t.timestamp().isAfter(instant)) {
          break;
        }
        if (t.debitAccountId().equals(accountId)) {
          debits += t.amount();
        } else {
          credits += t.amount();
        }
      }
      return new Balance(accountId, debits, credits, 0, 0);
    });
  }

  /**
   * Returns an account's transfers in the half-open interval {@code [from, to)}, oldest first.
   *
   * @param accountId an existing account
   * @param from first instant included
   * @param to first instant excluded
   * @return the transfers
   * @throws InvalidValueException if there is no such account
   */
  public List<Transfer> history(String accountId, Instant from, Instant to) {
    return history(accountId, HistoryQuery.all().between(from, to));
  }

  /**
   * Returns an account's transfers that match {@code query}, oldest first.
   *
   * @param accountId an existing account
   * @param query time range, code and counterparty filters
   * @return the transfers
   * @throws InvalidValueException if there is no such account
   */
  public List<Transfer> history(String accountId, HistoryQuery query) {
    Objects.requireNonNull(query, "query");
    return locked(() -> {
      AccountState s = require(accountId);
      List<Transfer> out = new ArrayList<>();
      for (int i = firstAtOrAfter(s.history, query.from()); i < s.history.size(); i++) {
        Transfer t = s.history.get(i);
        if (!t.timestamp().isBefore(query.to())) {
          break;
        }
        if (query.matches(accountId, t)) {
          out.add(t);
        }
      }
      return out;
    });
  }

  /**
   * Returns an account's statement for {@code [from, to)}: opening balance, each transfer with the
   * balance after it, closing balance.
   *
   * @param accountId an existing account
   * @param from first instant included
   * @param to first instant excluded
   * @return the statement
   * @throws InvalidValueException if there is no such account or {@code to < from}
   */
  public Statement statement(String accountId, Instant from, Instant to) {
    HistoryQuery range = HistoryQuery.all().between(from, to);
    return locked(() -> {
      AccountState s = require(accountId);
      int start = firstAtOrAfter(s.history, range.from());
      long balance = 0;
      for (int i = 0; i < start; i++) {
        balance += s.history.get(i).signedAmount(accountId);
      }
      long opening = balance;
      List<Statement.Line> lines = new ArrayList<>();
      for (int i = start; i < s.history.size(); i++) {
        Transfer t = s.history.get(i);
        if (!t.timestamp().isBefore(range.to())) {
          break;
        }
        balance += t.signedAmount(accountId);
        lines.add(new Statement.Line(t, t.signedAmount(accountId), balance));
      }
      return new Statement(accountId, s.current.asset(), from, to, opening, lines, balance);
    });
  }

  /** Index of the first transfer stamped at or after {@code from}; history is in stamp order. */
  private static int firstAtOrAfter(List<Transfer> history, Instant from) {
    int lo = 0;
    int hi = history.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (history.get(mid).timestamp().isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Returns every transfer, oldest first.
   *
   * @return an unmodifiable snapshot
   */
  public List<Transfer> transfers() {
    return locked(() -> Collections.unmodifiableList(new ArrayList<>(log)));
  }

  /**
   * Returns how many transfers the ledger holds.
   *
   * @return the count
   */
  public int transferCount() {
    return locked(log::size);
  }

  /**
   * Returns the sum of all balances per asset, an audit check: it is always zero for every asset.
   *
   * @return asset to sum of balances
   */
  public Map<String, Long> sumOfBalances() {
    return locked(() -> {
      Map<String, Long> out = new TreeMap<>();
      for (AccountState s : accounts.values()) {
        out.merge(s.current.asset(), s.balance(), Long::sum);
      }
      return out;
    });
  }

  private AccountState require(String accountId) {
    AccountState s = accounts.get(accountId);
    InvalidValueException.check(s != null, "accountId", accountId, "must be an existing account");
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // Journal support (through LedgerAccess, not public API)

  /** Applies a recorded change exactly as it was first applied, without reading the clock. */
  private void replay(LedgerEvent e) {
    lock.lock();
    try {
      if (e instanceof LedgerEvent.AccountCreated c) {
        Account a = c.account();
        check(!accounts.containsKey(a.id()), e, "account exists already");
        LotExpiry x = a.kind() == AccountKind.MEMBER ? expiries.get(a.asset()) : null;
        accounts.put(a.id(), new AccountState(a, x));
      } else if (e instanceof LedgerEvent.FlagsChanged f) {
        AccountState s = accounts.get(f.accountId());
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
        last = t.stamp();
        commitLots();
      } else if (e instanceof LedgerEvent.HoldPlaced p) {
        Hold h = p.hold();
        check(!holds.containsKey(h.id()) && h.state() == Hold.State.PENDING, e, "hold exists");
        AccountState d = accounts.get(h.debitAccountId());
        AccountState c = accounts.get(h.creditAccountId());
        check(d != null && c != null, e, "no such account");
        d.debitsPending += h.amount();
        c.creditsPending += h.amount();
        holds.put(h.id(), h);
        pendingByExpiry.add(h);
        last = h.createdAt();
      } else if (e instanceof LedgerEvent.HoldPosted p) {
        Hold h = holds.get(p.holdId());
        check(h != null && h.state() == Hold.State.PENDING, e, "hold is not pending");
        Transfer x = p.transfer();
        release(h, Hold.State.POSTED, x.id());
        apply(requestOf(x), accounts.get(x.debitAccountId()), accounts.get(x.creditAccountId()),
            x.timestamp(), null, null);
        last = x.timestamp();
        commitLots();
      } else if (e instanceof LedgerEvent.HoldVoided v) {
        Hold h = holds.get(v.holdId());
        check(h != null && h.state() == Hold.State.PENDING, e, "hold is not pending");
        release(h, Hold.State.VOIDED, null);
      } else if (e instanceof LedgerEvent.LotExpired x) {
        replayLotExpired(x);
      } else if (e instanceof LedgerEvent.LotsExpired sweep) {
        for (LedgerEvent.LotExpired x : sweep.lots()) {
          replayLotExpired(x);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void replayLotExpired(LedgerEvent.LotExpired x) {
    Transfer t = x.transfer();
    AccountState s = accounts.get(t.debitAccountId());
    LotState lot = s == null || s.lots == null ? null : findLot(s, x.lotSource());
    check(lot != null, x, "no such lot");
    check(tryApply(requestOf(t), t.timestamp(), lot) == TransferResult.OK, x,
        "expiry does not apply");
    lot.expirations++;
    last = t.timestamp();
    commitLots();
  }

  private static TransferRequest requestOf(Transfer t) {
    return new TransferRequest(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(),
        t.code(), t.userData(), t.reverses(), t.operator());
  }

  private static void check(boolean ok, LedgerEvent e, String why) {
    if (!ok) {
      throw new IllegalStateException(e == null ? "cannot restore the state: " + why
          : "cannot replay " + e + ": " + why);
    }
  }

  private LedgerState exportState() {
    lock.lock();
    try {
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
        (isConfiguredSink(s.created) ? sinks : list).add(entry);
      }
      return new LedgerState(list, sinks, new ArrayList<>(log), new ArrayList<>(holds.values()),
          last);
    } finally {
      lock.unlock();
    }
  }

  private boolean isConfiguredSink(Account a) {
    LotExpiry e = expiries.get(a.asset());
    return e != null && a.kind() == AccountKind.EXPIRY_SINK && e.sinkAccountId().equals(a.id());
  }

  private void restoreState(LedgerState state) {
    lock.lock();
    try {
      check(log.isEmpty() && holds.isEmpty() && accounts.size() == expiries.size(), null,
          "the ledger is not new");
      for (LedgerState.AccountEntry e : state.sinks()) {
        AccountState s = accounts.get(e.created().id());
        check(s != null && s.created.equals(e.created()), null, "unknown sink " + e.created());
        s.current = e.current();
      }
      for (LedgerState.AccountEntry e : state.accounts()) {
        Account a = e.created();
        LotExpiry x = a.kind() == AccountKind.MEMBER ? expiries.get(a.asset()) : null;
        AccountState s = new AccountState(a, x);
        s.current = e.current();
        check((s.lots == null) == (e.lots() == null), null, "lots of " + a.id());
        if (s.lots != null) {
          for (LedgerState.LotEntry l : e.lots()) {
            LotState lot = new LotState(l.source(), l.amount(), l.earnedAt(), l.expiresAt());
            lot.remaining = l.remaining();
            lot.expirations = l.expirations();
            s.lots.addLast(lot);
          }
        }
        check(accounts.put(a.id(), s) == null, null, "account " + a.id() + " twice");
      }
      log.ensureCapacity(state.transfers().size());
      for (Transfer t : state.transfers()) {
        AccountState d = accounts.get(t.debitAccountId());
        AccountState c = accounts.get(t.creditAccountId());
        check(d != null && c != null, null, "accounts of transfer " + t.id());
        d.debits += t.amount();
        c.credits += t.amount();
        d.history.add(t);
        c.history.add(t);
        check(transfers.put(t.id(), t) == null, null, "transfer " + t.id() + " twice");
        log.add(t);
        if (t.reverses() != null) {
          reversed.merge(t.reverses(), t.amount(), Long::sum);
        }
      }
      for (Hold h : state.holds()) {
        holds.put(h.id(), h);
        if (h.state() == Hold.State.PENDING) {
          accounts.get(h.debitAccountId()).debitsPending += h.amount();
          accounts.get(h.creditAccountId()).creditsPending += h.amount();
          pendingByExpiry.add(h);
        }
      }
      last = state.last();
    } finally {
      lock.unlock();
    }
  }

  /** The only {@link LedgerAccess}. */
  private static final class Access extends LedgerAccess {
    @Override
    public void attach(Ledger ledger, LedgerEventSink sink) {
      ledger.lock.lock();
      try {
        ledger.events = Objects.requireNonNull(sink, "sink");
      } finally {
        ledger.lock.unlock();
      }
    }

    @Override
    public void replay(Ledger ledger, LedgerEvent event) {
      ledger.replay(Objects.requireNonNull(event, "event"));
    }

    @Override
    public <T> T underLock(Ledger ledger, Supplier<T> body) {
      ledger.lock.lock();
      try {
        return body.get();
      } finally {
        ledger.lock.unlock();
      }
    }

    @Override
    public LedgerState export(Ledger ledger) {
      return ledger.exportState();
    }

    @Override
    public void restore(Ledger ledger, LedgerState state) {
      ledger.restoreState(Objects.requireNonNull(state, "state"));
    }
  }
}
