package dev.linli.points;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a {@link Ledger} keeps its books: the storage seam under the {@link Bookkeeper}, which
 * makes every decision (validation, result codes, idempotency, linked batches, holds, lots,
 * reversals, overdraft limits, frozen and closed flags) against this interface and nothing else.
 * A store only loads, locks and saves; it never decides.
 *
 * <p><b>Units of work.</b> Every ledger operation runs inside {@link #atomically}: all of one
 * operation's reads and writes are one unit that other operations see all of or none of. The
 * in-process stores ({@link HeapLedgerStore}) take one lock. A SQL store would open a
 * transaction, and commit (or roll back) when the body returns (or throws).
 *
 * <p><b>Locking.</b> Before the bookkeeper reads an account it intends to change it calls
 * {@link #lockAccounts(String, String)} or {@link #lockAccounts(List)}, naming every account the
 * request touches; a SQL store loads those rows with {@code SELECT … FOR UPDATE} in ascending id
 * order (the fixed order that rules out deadlocks) and returns them from {@link #account} for the
 * rest of the unit. Hold rows are locked by {@link #hold} before their accounts.
 *
 * <p><b>Mutation.</b> {@link AccountState} and {@link LotState} objects returned by a store are
 * changed in place by the bookkeeper (totals, flags, lots), which undoes its own changes when a
 * linked batch fails; a SQL store writes back the states it handed out when the unit commits.
 * New transfers, holds and accounts are given to the store by {@link #append}, {@link #putHold}
 * and {@link #insertAccount}. Transfers are append-only: {@link #truncate} exists only to drop the
 * transfers of a failed linked batch inside the same unit.
 */
interface LedgerStore {
  /**
   * Runs one ledger operation as a unit.
   *
   * @param body the operation
   * @param <T> its result
   * @return what it returned
   */
  <T> T atomically(Supplier<T> body);

  /**
   * Runs one single-transfer submit ({@code body} decides {@code request}) as a unit. A store may
   * run the submits of several threads in one unit (group commit): each body still runs alone, in
   * the unit's order, and its caller gets its own result only once the unit is stored. The
   * in-memory store runs it as any other unit.
   *
   * @param request the request the body decides
   * @param body the operation
   * @param <T> its result
   * @return what it returned
   */
  default <T> T atomicallySubmitting(TransferRequest request, Supplier<T> body) {
    return atomically(body);
  }

  /**
   * Runs one linked batch ({@code body} decides {@code batch}) as a unit. A store may read and lock
   * what the batch names before the body runs; the in-memory store runs it as any other unit.
   *
   * @param batch the requests the body decides
   * @param body the operation
   * @param <T> its result
   * @return what it returned
   */
  default <T> T atomicallyLinked(List<TransferRequest> batch, Supplier<T> body) {
    return atomically(body);
  }

  /** Locks the accounts a one-transfer request touches (the in-memory store needs nothing). */
  void lockAccounts(String debitAccountId, String creditAccountId);

  /** Locks every account a linked batch touches, in ascending id order. */
  void lockAccounts(List<TransferRequest> batch);

  // Accounts

  /** Returns the state of account {@code id}, or null if there is none. */
  AccountState account(String id);

  /** Returns a new state for {@code account}, not yet stored. */
  AccountState newAccount(Account account, LotExpiry expiry);

  /** Stores a new account's state (its id is not stored yet). */
  void insertAccount(AccountState state);

  /** Returns every account's state, in no particular order (audit and listing queries). */
  Iterable<AccountState> accounts();

  /**
   * Returns the accounts that have a lot expiring at or before {@code now}, ordered by id (the
   * expiry sweep's order).
   */
  List<AccountState> accountsWithLotsDueBy(Instant now);

  // Transfers

  /** Returns the transfer with {@code id}, or null. */
  Transfer transfer(String id);

  /** Returns how much of transfer {@code id} has been reversed so far. */
  long reversedAmount(String id);

  /**
   * Appends a transfer the bookkeeper has applied to {@code debit} and {@code credit} (their
   * totals already changed): indexes it by id, adds it to both accounts' histories and to the
   * reversed amount of the transfer it reverses.
   */
  void append(Transfer t, AccountState debit, AccountState credit);

  /**
   * Appends the transfer {@code request} makes, stamped {@code stamp}, as {@link #append(Transfer,
   * AccountState, AccountState)} does: the bookkeeper's path for every new transfer, so a store
   * that keeps transfers as columns need not build a {@link Transfer} (the default builds one).
   * Its asset is the debit account's.
   */
  default void append(TransferRequest request, Instant stamp, AccountState debit,
      AccountState credit) {
    append(new Transfer(request.id(), request.debitAccountId(), request.creditAccountId(),
        request.amount(), debit.current.asset(), request.code(), request.userData(),
        request.reverses(), request.operator(), stamp), debit, credit);
  }

  /**
   * A hint before requests {@code from .. to - 1} of a linked batch are checked: a store may start
   * fetching what their checks will read (the default does nothing). It must not change what any
   * read returns. {@code debits[i - from]} and {@code credits[i - from]} hold request {@code i}'s
   * accounts as {@link #account} returns them in a heap store (null if missing); in other stores,
   * whose look-ups may query, the bookkeeper does not resolve them first and they are null.
   */
  default void prefetch(List<TransferRequest> batch, int from, int to, AccountState[] debits,
      AccountState[] credits) {
    // Nothing to fetch ahead by default.
  }

  /**
   * Returns a mark for {@link #transfersSince} and {@link #truncate}: a position among the
   * transfers appended so far. Only marks taken in the same unit are compared, so a SQL store may
   * count just this unit's appends (other units' commits must not move it).
   */
  int appendMark();

  /** Returns the transfers appended after {@code mark}, oldest first (a view). */
  List<Transfer> transfersSince(int mark);

  /**
   * Drops the transfers appended after {@code mark} (newest first) from every index that
   * {@link #append} filled; account totals are the bookkeeper's to undo.
   */
  void truncate(int mark);

  /** Returns how many transfers the ledger holds (a query, not a mark). */
  int transferCount();

  // Holds

  /** Returns the hold with {@code id} in its current state, or null. */
  Hold hold(String id);

  /** Stores a new hold or a hold's new state; a pending hold joins the expiry queue. */
  void putHold(Hold hold);

  /** Returns the pending hold that expires first, or null if none is pending. */
  Hold firstPendingByExpiry();

  /** Returns the pending holds that debit or credit {@code accountId}, oldest first. */
  List<Hold> pendingHolds(String accountId);

  // Time

  /** Returns the last timestamp the ledger issued ({@link Instant#MIN} if none). */
  Instant lastTimestamp();

  /** Records the last timestamp the ledger issued. */
  void lastTimestamp(Instant value);

  // Queries (read-only; no lock needed beyond the unit)

  /** Returns every transfer, oldest first (a copy). */
  List<Transfer> transfers();

  /**
   * Returns the transfers of account {@code s} stamped in {@code [from, to)}, oldest first.
   */
  List<Transfer> history(AccountState s, Instant from, Instant to);

  /**
   * Returns {@code {debits, credits}} of the transfers of {@code s} stamped before {@code to}
   * ({@code inclusive}: at or before).
   */
  long[] postedTotals(AccountState s, Instant to, boolean inclusive);
}
