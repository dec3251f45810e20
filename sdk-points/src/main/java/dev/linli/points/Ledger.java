package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.LedgerEventSink;
import dev.linli.points.internal.LedgerSettings;
import dev.linli.points.internal.LedgerState;
import dev.linli.points.internal.RecordedTransfers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
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
 * <p><b>Inside.</b> This class is the front door: configuration, the lock and durability scopes.
 * The decisions are made by a package-private {@code Bookkeeper} against a {@code LedgerStore} (the
 * storage seam; the default keeps everything on the heap), reads by {@code LedgerQueries}, lot
 * bookkeeping by {@code Lots}.
 *
 * @since 0.1.0
 */
public final class Ledger {
  private final Clock clock;
  private final ZoneId zone;
  private final Map<String, LotExpiry> expiries;
  private final LedgerStore store;
  /** The in-process store (the default), which the journal snapshots; null on a database. */
  private final HeapLedgerStore memory;
  private final Bookkeeper books;
  private final LedgerQueries queries;
  /** The open {@link #durably} scope of each thread that has one. */
  private final ThreadLocal<Deferred> deferred = new ThreadLocal<>();

  static {
    LedgerAccess.install(new Access());
  }

  private Ledger(Builder b, Function<Map<String, LotExpiry>, LedgerStore> storeFor) {
    this.clock = b.clock;
    this.zone = b.zone;
    this.expiries = Map.copyOf(b.expiries);
    if (storeFor == null) {
      CompactLedgerStore compact = new CompactLedgerStore();
      compact.indexer.enabled &= b.batchIndexThread;
      this.store = compact;
    } else {
      this.store = storeFor.apply(expiries);
    }
    this.memory = store instanceof HeapLedgerStore heap ? heap : null;
    this.queries = new LedgerQueries(store);
    this.books = new Bookkeeper(store, clock, expiries);
    if (memory != null) {
      books.createSinks();
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
    private final Map<String, LotExpiry> expiries = new LinkedHashMap<>();
    /** Whether the zone or an expiry policy was set (a journal then has to match them). */
    private boolean configured;
    private boolean batchIndexThread = true;

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
      this.configured = true;
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
      configured = true;
      return this;
    }

    /**
     * Sets whether a large linked batch (1,024 requests or more) may have its
     * ids looked up and added to the ledger's id index on a second thread of the ledger's own while
     * the calling thread checks and applies it (default: yes, on a machine with more than one
     * processor). The results and the ledger's state are the same either way; the thread is a
     * daemon, started by the first such batch and ending after a second without one. Off, every
     * batch runs on the calling thread alone.
     *
     * @param value whether the second thread may be used
     * @return this builder
     */
    public Builder batchIndexThread(boolean value) {
      this.batchIndexThread = value;
      return this;
    }

    /**
     * Returns the ledger.
     *
     * @return a new, empty ledger (apart from expiry sinks)
     */
    public Ledger build() {
      expiries.replaceAll((asset, e) -> new LotExpiry(asset, e.lifetime(), e.sinkAccountId(),
          zone));
      return new Ledger(this, null);
    }

    /**
     * Returns a ledger on another store (PostgreSQL, or the tests' reference heap store), which
     * gets the zoned expiry policies; a database store, not the ledger, then creates the expiry
     * sinks if they are missing (the ledger creates them in a {@link HeapLedgerStore}).
     */
    Ledger build(Function<Map<String, LotExpiry>, LedgerStore> storeFor) {
      expiries.replaceAll((asset, e) -> new LotExpiry(asset, e.lifetime(), e.sinkAccountId(),
          zone));
      return new Ledger(this, Objects.requireNonNull(storeFor, "storeFor"));
    }
  }

  /** The store (for tests in this package). */
  LedgerStore store() {
    return store;
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
    return locked(() -> books.createAccount(account));
  }

  /**
   * Returns the account with {@code id} as it is now (flags included).
   *
   * @param id an account id
   * @return the account, or empty
   */
  public Optional<Account> account(String id) {
    return locked(() -> {
      AccountState s = store.account(id);
      return Optional.ofNullable(s == null ? null : s.current);
    });
  }

  /**
   * Returns every account as it is now, ordered by id.
   *
   * @return a snapshot
   */
  public List<Account> accounts() {
    return locked(queries::accounts);
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
    return locked(() -> books.setFrozen(accountId, frozen));
  }

  /**
   * Closes an account for good. Only an account with a zero balance and no pending holds can be
   * closed; closing a closed account returns {@link AccountResult#EXISTS}.
   *
   * @param accountId the account
   * @return {@code OK}, {@code EXISTS}, {@code ACCOUNT_NOT_FOUND} or {@code BALANCE_NOT_ZERO}
   */
  public AccountResult close(String accountId) {
    return locked(() -> books.close(accountId));
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
    // One object for the call, not a lambda and a unit around it: a submit is a few hundred
    // nanoseconds, and each object is garbage of every call.
    Unit<TransferResult> unit = new SubmitUnit(books, request);
    return awaitDurable(unit, store.atomicallySubmitting(request, unit));
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
      if (batch.get(i) == null) {
        // The message is built only here: per request it was a string for every transfer.
        throw new NullPointerException("batch[" + i + "]");
      }
    }
    Unit<List<TransferResult>> unit = new Unit<>(books, () -> books.submitLinked(batch));
    return awaitDurable(unit, store.atomicallyLinked(batch, unit));
  }

  /**
   * Runs {@code body} as one unit of the store (under the ledger's lock): every public operation
   * goes through here. A journaled ledger then waits, outside the lock, until every change made so
   * far is durable, so no caller returns with (or having seen) a change the journal could still
   * lose.
   */
  private <T> T locked(Supplier<T> body) {
    Unit<T> unit = new Unit<>(books, body);
    return awaitDurable(unit, store.atomically(unit));
  }

  /** After {@code unit} has run: waits for its journal records, as {@link #locked} describes. */
  private <T> T awaitDurable(Unit<T> unit, T out) {
    LedgerEventSink sink = unit.sink;
    if (sink == null) {
      return out;
    }
    Deferred scope = deferred.get();
    if (scope != null) {
      scope.sink = sink;
      scope.ticket = Math.max(scope.ticket, unit.ticket);
      return out;
    }
    sink.awaitDurable(unit.ticket);
    return out;
  }

  /**
   * One call's unit of work: runs the body and, on a journaled ledger, notes (inside the unit, so
   * in the journal's order) the ticket the caller must wait for.
   */
  private static class Unit<T> implements Supplier<T> {
    final Bookkeeper books;
    private final Supplier<T> body;
    LedgerEventSink sink;
    long ticket;

    Unit(Bookkeeper books, Supplier<T> body) {
      this.books = books;
      this.body = body;
    }

    /** The call's work, run under the store's lock. */
    T run() {
      return body.get();
    }

    @Override
    public final T get() {
      LedgerEventSink s = books.events;
      if (s == null) {
        return run();
      }
      s.checkUsable();
      T out = run();
      ticket = s.appended();
      sink = s;
      return out;
    }
  }

  /** The unit of a single {@link #submit}. */
  private static final class SubmitUnit extends Unit<TransferResult> {
    private final TransferRequest request;

    SubmitUnit(Bookkeeper books, TransferRequest request) {
      super(books, null);
      this.request = request;
    }

    @Override
    TransferResult run() {
      return books.submit(request);
    }
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
    return locked(() -> books.hold(request, timeout));
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
    return locked(() -> books.post(transferId, holdId, amount));
  }

  /**
   * Voids a pending hold, releasing all of it. Voiding an already voided hold returns
   * {@link TransferResult#EXISTS}.
   *
   * @param holdId the hold
   * @return the outcome
   */
  public TransferResult voidHold(String holdId) {
    return locked(() -> books.voidHold(holdId));
  }

  /**
   * Expires every pending hold whose time has come by the ledger's clock. Every other call does this
   * too before it acts, so calling it is only needed to release holds promptly when nothing else
   * happens.
   *
   * @return the holds expired by this call
   */
  public List<Hold> expireHolds() {
    return locked(books::expireDue);
  }

  /**
   * Returns the hold with {@code id}.
   *
   * @param id a hold id
   * @return the hold in its current state, or empty
   */
  public Optional<Hold> findHold(String id) {
    return locked(() -> {
      books.expireDue();
      return Optional.ofNullable(store.hold(id));
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
      books.expireDue();
      return store.pendingHolds(accountId);
    });
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
    return locked(books::expireLots);
  }

  /**
   * Returns an account's lots with points left, oldest first.
   *
   * @param accountId an account
   * @return its live lots (empty if the account keeps none)
   * @throws InvalidValueException if there is no such account
   */
  public List<Lot> lots(String accountId) {
    return locked(() -> queries.lots(accountId));
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

  // ---------------------------------------------------------------------------------------------
  // Queries


  /**
   * Returns the transfer with {@code id}.
   *
   * @param id a transfer id
   * @return the transfer, or empty
   */
  public Optional<Transfer> find(String id) {
    return locked(() -> Optional.ofNullable(store.transfer(id)));
  }

  /**
   * Returns how much of transfer {@code id} has been reversed so far.
   *
   * @param id a transfer id
   * @return the sum of its reversals' amounts, 0 if none
   */
  public long reversedAmount(String id) {
    return locked(() -> store.reversedAmount(id));
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
      books.expireDue();
      return queries.balance(accountId);
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
    return locked(() -> queries.balanceAsOf(accountId, instant));
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
    return locked(() -> queries.history(accountId, query));
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
    return locked(() -> queries.statement(accountId, range));
  }

  /**
   * Returns every transfer, oldest first.
   *
   * @return an unmodifiable snapshot
   */
  public List<Transfer> transfers() {
    return locked(() -> Collections.unmodifiableList(store.transfers()));
  }

  /**
   * Returns how many transfers the ledger holds.
   *
   * @return the count
   */
  public int transferCount() {
    return locked(store::transferCount);
  }

  /**
   * Returns the sum of all balances per asset, an audit check: it is always zero for every asset.
   *
   * @return asset to sum of balances
   */
  public Map<String, Long> sumOfBalances() {
    return locked(queries::sumOfBalances);
  }

  // ---------------------------------------------------------------------------------------------
  // Journal support (through LedgerAccess, not public API)

  private boolean isConfiguredSink(Account a) {
    LotExpiry e = expiries.get(a.asset());
    return e != null && a.kind() == AccountKind.EXPIRY_SINK && e.sinkAccountId().equals(a.id());
  }

  private void restoreState(LedgerState state) {
    store.atomically(() -> {
      Bookkeeper.check(memory != null && memory.isNew(expiries.size()), null,
          "the ledger is not new, or keeps its books outside the heap");
      for (LedgerState.AccountEntry e : state.sinks()) {
        AccountState s = store.account(e.created().id());
        Bookkeeper.check(s != null && s.created.equals(e.created()), null,
            "unknown sink " + e.created());
        s.current = e.current();
      }
      for (LedgerState.AccountEntry e : state.accounts()) {
        Account a = e.created();
        LotExpiry x = a.kind() == AccountKind.MEMBER ? expiries.get(a.asset()) : null;
        AccountState s = store.newAccount(a, x);
        s.current = e.current();
        Bookkeeper.check((s.lots == null) == (e.lots() == null), null, "lots of " + a.id());
        if (s.lots != null) {
          for (LedgerState.LotEntry l : e.lots()) {
            LotState lot = new LotState(l.source(), l.amount(), l.earnedAt(), l.expiresAt());
            lot.remaining = l.remaining();
            lot.expirations = l.expirations();
            s.lots.addLast(lot);
          }
        }
        Bookkeeper.check(store.account(a.id()) == null, null, "account " + a.id() + " twice");
        store.insertAccount(s);
      }
      memory.restoreTransfersAndHolds(state);
      return null;
    });
  }

  /** The only {@link LedgerAccess}. */
  private static final class Access extends LedgerAccess {
    @Override
    public void attach(Ledger ledger, LedgerEventSink sink) {
      Objects.requireNonNull(sink, "sink");
      if (ledger.memory == null) {
        throw new IllegalStateException("a ledger kept in a database cannot also be journaled");
      }
      ledger.store.atomically(() -> ledger.books.events = sink);
    }

    @Override
    public void replay(Ledger ledger, LedgerEvent event) {
      Objects.requireNonNull(event, "event");
      ledger.store.atomically(() -> {
        ledger.books.replay(event);
        return null;
      });
    }

    @Override
    public int replay(Ledger ledger, RecordedTransfers record) {
      Objects.requireNonNull(record, "record");
      return ledger.store.atomically(() -> ledger.books.replay(record));
    }

    @Override
    public <T> T underLock(Ledger ledger, Supplier<T> body) {
      return ledger.store.atomically(body);
    }

    @Override
    public LedgerState export(Ledger ledger, boolean asColumns) {
      if (ledger.memory == null) {
        throw new IllegalStateException("a ledger kept in a database has no heap state to export");
      }
      return ledger.store.atomically(() -> ledger.memory.export(ledger::isConfiguredSink,
          asColumns));
    }

    @Override
    public LedgerSettings settings(Builder builder) {
      return new LedgerSettings(builder.clock, builder.zone,
          new ArrayList<>(builder.expiries.values()), builder.configured);
    }

    @Override
    public void restore(Ledger ledger, LedgerState state) {
      ledger.restoreState(Objects.requireNonNull(state, "state"));
    }
  }
}
