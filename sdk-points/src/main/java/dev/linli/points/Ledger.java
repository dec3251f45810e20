package dev.linli.points;

import dev.linli.core.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The points ledger (共富银行): double-entry accounts and immutable transfers, in memory.
 *
 * <p><b>Guarantees.</b> Every transfer debits one account and credits another of the same asset by
 * the same whole amount, so the balances of each asset always sum to zero. Transfers are never edited
 * or deleted; a reversal is a new transfer that points to the one it undoes. Requests carry
 * caller-chosen ids: a retry returns {@link TransferResult#EXISTS} and never applies twice. A linked
 * batch ({@link #submitLinked}) is applied all or nothing. Expected failures are
 * {@link TransferResult} codes, not exceptions.
 *
 * <p><b>Consistency.</b> Thread-safe. Every write (account creation, a single transfer, a linked
 * batch) runs under one lock, so operations are linearizable: each takes effect at one instant,
 * in the order of the ledger's strictly increasing timestamps, and readers see either all or none
 * of a batch. A single lock is the right design for an embedded community ledger: a write is a few
 * hash-map updates (about 1.5 µs per transfer including request validation on a 2-core machine, see
 * {@code docs/benchmarks.md}), hundreds of thousands per second, far more than a community
 * produces, and it makes the all-or-nothing and balance checks trivially correct.
 * Timestamps come from the injected {@link Clock}, made strictly increasing from one write to the
 * next (a clock that steps back cannot reorder history); the transfers of one linked batch share
 * their batch's timestamp, so a historical query also sees all or none of a batch.
 *
 * @since 0.1.0
 */
public final class Ledger {
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, long[]> totals = new HashMap<>();
  private final Map<String, Transfer> transfers = new HashMap<>();
  private final Map<String, List<Transfer>> byAccount = new HashMap<>();
  private final Map<String, Long> reversed = new HashMap<>();
  private final List<Transfer> log = new ArrayList<>();
  private final Map<String, Hold> holds = new HashMap<>();
  private final java.util.PriorityQueue<Hold> pendingByExpiry = new java.util.PriorityQueue<>(
      java.util.Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id));
  private Instant last = Instant.MIN;

  private Ledger(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns a ledger that stamps transfers with {@code clock}.
   *
   * @param clock the source of transfer timestamps, not null
   * @return an empty ledger
   */
  public static Ledger create(Clock clock) {
    return new Ledger(Objects.requireNonNull(clock, "clock"));
  }

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
      Account existing = accounts.get(account.id());
      if (existing == null) {
        accounts.put(account.id(), account);
        totals.put(account.id(), new long[4]);
        byAccount.put(account.id(), new ArrayList<>());
        return AccountResult.OK;
      }
      if (!existing.asset().equals(account.asset())) {
        return AccountResult.EXISTS_WITH_DIFFERENT_ASSET;
      }
      if (existing.kind() != account.kind()) {
        return AccountResult.EXISTS_WITH_DIFFERENT_KIND;
      }
      return existing.equals(account) ? AccountResult.EXISTS
          : AccountResult.EXISTS_WITH_DIFFERENT_SETTINGS;
    });
  }

  /**
   * Returns the account with {@code id}.
   *
   * @param id an account id
   * @return the account, or empty
   */
  public Optional<Account> account(String id) {
    return locked(() -> {
      return Optional.ofNullable(accounts.get(id));
    });
  }

  /**
   * Applies one transfer.
   *
   * @param request the request, not null
   * @return the outcome; only {@link TransferResult#OK} changes the ledger
   */
  public TransferResult submit(TransferRequest request) {
    return submitLinked(List.of(request)).get(0);
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
    return locked(() -> {
      expireDue();
      Pending pending = new Pending();
      List<TransferResult> results = new ArrayList<>(batch.size());
      int failed = -1;
      for (int i = 0; i < batch.size(); i++) {
        TransferResult r = check(Objects.requireNonNull(batch.get(i), "batch[" + i + "]"), pending);
        results.add(r);
        if (r != TransferResult.OK && r != TransferResult.EXISTS) {
          failed = i;
          break;
        }
      }
      if (failed >= 0) {
        List<TransferResult> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          out.add(i == failed ? results.get(i) : TransferResult.LINKED_EVENT_FAILED);
        }
        return out;
      }
      if (!pending.accepted.isEmpty()) {
        Instant stamp = nextTimestamp();
        for (TransferRequest r : pending.accepted) {
          apply(r, stamp);
        }
      }
      return results;
    });
  }

  /** Runs {@code body} under the ledger's lock: every public operation goes through here. */
  private <T> T locked(java.util.function.Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  /** Changes a batch would make, seen by the later requests of the same batch. */
  private static final class Pending {
    final Map<String, long[]> totals = new HashMap<>();
    final Map<String, Long> reversed = new HashMap<>();
    final Set<String> ids = new HashSet<>();
    final Map<String, TransferRequest> byId = new HashMap<>();
    final List<TransferRequest> accepted = new ArrayList<>();
  }

  private TransferResult check(TransferRequest r, Pending p) {
    Transfer existing = transfers.get(r.id());
    if (existing != null) {
      return compare(existing, r);
    }
    if (!p.ids.add(r.id())) {
      return TransferResult.DUPLICATE_ID_IN_BATCH;
    }
    if (r.debitAccountId().equals(r.creditAccountId())) {
      return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
    }
    TransferResult accountsOk = accountsAllow(r.debitAccountId(), r.creditAccountId());
    if (accountsOk != null) {
      return accountsOk;
    }
    Account debit = accounts.get(r.debitAccountId());
    if (r.reverses() != null) {
      Transfer original = transfers.get(r.reverses());
      TransferRequest pendingOriginal = p.byId.get(r.reverses());
      if (original == null && pendingOriginal == null) {
        return TransferResult.REVERSED_TRANSFER_NOT_FOUND;
      }
      String origDebit = original != null ? original.debitAccountId() : pendingOriginal.debitAccountId();
      String origCredit = original != null ? original.creditAccountId()
          : pendingOriginal.creditAccountId();
      long origAmount = original != null ? original.amount() : pendingOriginal.amount();
      String origReverses = original != null ? original.reverses() : pendingOriginal.reverses();
      if (origReverses != null) {
        return TransferResult.CANNOT_REVERSE_A_REVERSAL;
      }
      if (!r.debitAccountId().equals(origCredit) || !r.creditAccountId().equals(origDebit)) {
        return TransferResult.REVERSAL_MUST_SWAP_ACCOUNTS;
      }
      long already = reversed.getOrDefault(r.reverses(), 0L)
          + p.reversed.getOrDefault(r.reverses(), 0L);
      if (r.amount() > origAmount - already) {
        return TransferResult.REVERSAL_EXCEEDS_ORIGINAL;
      }
    }
    long[] d = current(r.debitAccountId(), p);
    long[] c = current(r.creditAccountId(), p);
    long newDebits;
    long newCredits;
    try {
      newDebits = Math.addExact(d[0], r.amount());
      newCredits = Math.addExact(c[1], r.amount());
    } catch (ArithmeticException e) {
      return TransferResult.OVERFLOWS;
    }
    if (!canSpend(debit, d, r.amount())) {
      return TransferResult.EXCEEDS_BALANCE;
    }
    p.totals.put(r.debitAccountId(), new long[] {newDebits, d[1], d[2], d[3]});
    long[] c2 = current(r.creditAccountId(), p);
    p.totals.put(r.creditAccountId(), new long[] {c2[0], newCredits, c2[2], c2[3]});
    if (r.reverses() != null) {
      p.reversed.merge(r.reverses(), r.amount(), Long::sum);
    }
    p.byId.put(r.id(), r);
    p.accepted.add(r);
    return TransferResult.OK;
  }

  /** Returns why two accounts cannot take part in a transfer, or null if they can. */
  private TransferResult accountsAllow(String debitId, String creditId) {
    Account debit = accounts.get(debitId);
    if (debit == null) {
      return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
    }
    Account credit = accounts.get(creditId);
    if (credit == null) {
      return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
    }
    if (!debit.asset().equals(credit.asset())) {
      return TransferResult.ASSETS_MUST_MATCH;
    }
    if (debit.frozen() || credit.frozen()) {
      return TransferResult.ACCOUNT_FROZEN;
    }
    return null;
  }

  /** Whether {@code account} with totals {@code t} may be debited {@code amount} more. */
  private static boolean canSpend(Account account, long[] t, long amount) {
    if (account.overdraftLimit() == Account.UNLIMITED) {
      return true;
    }
    long available = t[1] - t[0] - t[2];
    long spendable;
    try {
      spendable = Math.addExact(available, account.overdraftLimit());
    } catch (ArithmeticException e) {
      spendable = Long.MAX_VALUE;
    }
    return spendable >= amount;
  }

  private Instant nextTimestamp() {
    Instant now = clock.instant();
    last = now.isAfter(last) ? now : last.plus(Duration.ofNanos(1));
    return last;
  }

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
            existing.userData(), null, existing.createdAt()), request);
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
      long[] d = totals.get(request.debitAccountId());
      long[] c = totals.get(request.creditAccountId());
      if (d[2] > Long.MAX_VALUE - request.amount() || c[3] > Long.MAX_VALUE - request.amount()) {
        return TransferResult.OVERFLOWS;
      }
      if (!canSpend(accounts.get(request.debitAccountId()), d, request.amount())) {
        return TransferResult.EXCEEDS_BALANCE;
      }
      // The timeout runs from the clock's reading, not from the (possibly nudged) timestamp.
      Instant expires = clock.instant().plus(timeout);
      Hold hold = new Hold(request.id(), request.debitAccountId(), request.creditAccountId(),
          request.amount(), accounts.get(request.debitAccountId()).asset(), request.code(),
          request.userData(), nextTimestamp(), expires, Hold.State.PENDING, null);
      d[2] += request.amount();
      c[3] += request.amount();
      holds.put(hold.id(), hold);
      pendingByExpiry.add(hold);
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
    dev.linli.core.Id.require(transferId, "transferId");
    dev.linli.core.Id.require(holdId, "holdId");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    return locked(() -> {
      expireDue();
      Hold hold = holds.get(holdId);
      if (hold == null) {
        return TransferResult.HOLD_NOT_FOUND;
      }
      TransferRequest request = new TransferRequest(transferId, hold.debitAccountId(),
          hold.creditAccountId(), amount, hold.code(), hold.userData(), null);
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
      release(hold, Hold.State.POSTED, transferId);
      apply(request, nextTimestamp());
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
    return locked(() -> {
      return expireDue();
    });
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

  private TransferResult pendingOrWhy(Hold hold) {
    return switch (hold.state()) {
      case PENDING -> null;
      case POSTED -> TransferResult.HOLD_ALREADY_POSTED;
      case VOIDED -> TransferResult.HOLD_ALREADY_VOIDED;
      case EXPIRED -> TransferResult.HOLD_EXPIRED;
    };
  }

  private void release(Hold hold, Hold.State state, String transferId) {
    totals.get(hold.debitAccountId())[2] -= hold.amount();
    totals.get(hold.creditAccountId())[3] -= hold.amount();
    holds.put(hold.id(), hold.with(state, transferId));
    pendingByExpiry.remove(hold);
  }

  private List<Hold> expireDue() {
    List<Hold> expired = new ArrayList<>();
    Instant now = clock.instant();
    while (!pendingByExpiry.isEmpty() && !pendingByExpiry.peek().expiresAt().isAfter(now)) {
      Hold h = pendingByExpiry.poll();
      Hold current = holds.get(h.id());
      if (current.state() == Hold.State.PENDING) {
        release(current, Hold.State.EXPIRED, null);
        expired.add(holds.get(h.id()));
      }
    }
    return expired;
  }

  private long[] current(String accountId, Pending p) {
    long[] pending = p.totals.get(accountId);
    return pending != null ? pending : totals.get(accountId).clone();
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
    return TransferResult.EXISTS;
  }

  private void apply(TransferRequest r, Instant timestamp) {
    Transfer t = new Transfer(r.id(), r.debitAccountId(), r.creditAccountId(), r.amount(),
        accounts.get(r.debitAccountId()).asset(), r.code(), r.userData(), r.reverses(), timestamp);
    totals.get(r.debitAccountId())[0] += r.amount();
    totals.get(r.creditAccountId())[1] += r.amount();
    if (r.reverses() != null) {
      reversed.merge(r.reverses(), r.amount(), Long::sum);
    }
    transfers.put(t.id(), t);
    log.add(t);
    byAccount.get(t.debitAccountId()).add(t);
    byAccount.get(t.creditAccountId()).add(t);
  }

  /**
   * Returns the transfer with {@code id}.
   *
   * @param id a transfer id
   * @return the transfer, or empty
   */
  public Optional<Transfer> find(String id) {
    return locked(() -> {
      return Optional.ofNullable(transfers.get(id));
    });
  }

  /**
   * Returns an account's current totals.
   *
   * @param accountId an existing account
   * @return its debits and credits
   * @throws InvalidValueException if there is no such account
   */
  public Balance balance(String accountId) {
    return locked(() -> {
      expireDue();
      long[] t = requireTotals(accountId);
      return new Balance(accountId, t[0], t[1], t[2], t[3]);
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
    return locked(() -> {
      requireTotals(accountId);
      long debits = 0;
      long credits = 0;
      for (Transfer t : byAccount.get(accountId)) {
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
    return locked(() -> {
      requireTotals(accountId);
      List<Transfer> out = new ArrayList<>();
      for (Transfer t : byAccount.get(accountId)) {
        if (!t.timestamp().isBefore(from) && t.timestamp().isBefore(to)) {
          out.add(t);
        }
      }
      return out;
    });
  }

  /**
   * Returns every transfer, oldest first.
   *
   * @return an unmodifiable snapshot
   */
  public List<Transfer> transfers() {
    return locked(() -> {
      return Collections.unmodifiableList(new ArrayList<>(log));
    });
  }

  /**
   * Returns the sum of all balances per asset, an audit check: it is always zero for every asset.
   *
   * @return asset to sum of balances
   */
  public Map<String, Long> sumOfBalances() {
    return locked(() -> {
      Map<String, Long> out = new TreeMap<>();
      for (Account a : accounts.values()) {
        long[] t = totals.get(a.id());
        out.merge(a.asset(), t[1] - t[0], Long::sum);
      }
      return out;
    });
  }

  private long[] requireTotals(String accountId) {
    long[] t = totals.get(accountId);
    InvalidValueException.check(t != null, "accountId", accountId, "must be an existing account");
    return t;
  }
}
