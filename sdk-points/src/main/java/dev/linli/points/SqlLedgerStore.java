package dev.linli.points;

import dev.linli.core.StorageException;
import dev.linli.core.internal.sql.Transactions;
import dev.linli.points.internal.TransferChain;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A {@link LedgerStore} in PostgreSQL: every ledger operation is one transaction (or a part of the
 * caller's), the {@link Bookkeeper} decides exactly as it does in memory, and this store loads the
 * rows it needs, locks accounts with {@code SELECT … FOR UPDATE} in ascending id order (a
 * transaction of its own that locks {@link #GATE_FROM} accounts or more first queues on the batch
 * gate, schema V5), and writes back what changed when the operation ends. New transfers are
 * chained and inserted last, after the chain head row is locked, so the chain head is held only
 * through the insert and the commit.
 *
 * <p>Only accounts loaded under a lock are written back; rows read for queries are read-only. Nothing
 * per transfer is kept between operations: an operation's rows live in its {@link Unit}. Thread-safe:
 * each thread's operation has its own unit and connection; several instances on one database are
 * kept correct by the row locks (and PostgreSQL's deadlock detection, after which the operation is
 * retried whole).
 */
final class SqlLedgerStore implements LedgerStore {
  private static final String ACCOUNT_COLUMNS = "id, asset, kind, overdraft_limit, user_data,"
      + " created_frozen, created_closed, frozen, closed, debits, credits, debits_pending,"
      + " credits_pending, last_at_ns, last_seq, transfers";
  private static final String TRANSFER_COLUMNS = "id, debit_account_id, credit_account_id, amount,"
      + " asset, code, user_data, reverses, operator, at_ns";
  /**
   * Reads the transfers with the ids of an array, one primary-key probe per id. Written as a
   * lateral sub-select with {@code LIMIT 1} (the id is the key, so the limit changes nothing) because
   * the planner turns {@code id = ANY (…)} with thousands of ids into a sequential scan of the whole
   * table, whose cost grows with the ledger: 14 ms for a batch of 8,190 ids at 90,000 transfers,
   * ten times that at a million.
   */
  private static final String TRANSFERS_BY_ID = "SELECT t.* FROM unnest(?::text[]) AS q(id),"
      + " LATERAL (SELECT " + TRANSFER_COLUMNS + " FROM linli_ledger_transfers x"
      + " WHERE x.id = q.id LIMIT 1) AS t";
  private static final String LOT_COLUMNS = "account_id, source, amount, remaining, earned_at_ns,"
      + " expires_at_ns, expirations";
  private static final String HOLD_COLUMNS = "id, debit_account_id, credit_account_id, amount, asset,"
      + " code, user_data, operator, created_at_ns, expires_at_ns, state, posted_transfer_id";
  /** Writes changed accounts back from ten arrays (bound by {@code Unit.bindAccounts}). */
  private static final String UPDATE_ACCOUNTS = "UPDATE linli_ledger_accounts a SET"
      + " debits = u.d, credits = u.c, debits_pending = u.dp, credits_pending = u.cp,"
      + " frozen = u.f, closed = u.cl, last_at_ns = u.at, last_seq = u.ls, transfers = u.n"
      + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
      + " ?::boolean[], ?::boolean[], ?::bigint[], ?::bigint[], ?::bigint[])"
      + " AS u(id, d, c, dp, cp, f, cl, at, ls, n)"
      + " WHERE a.id = u.id";
  /**
   * Moves the chain head from the one given to the one given, only if it is still there (four
   * parameters); the transfers are inserted only if it was ({@link #IF_HEAD_MOVED}).
   */
  private static final String MOVE_HEAD = "h AS (UPDATE linli_ledger_chain"
      + " SET seq = ?, chain = ? WHERE id = 1 AND seq = ? AND chain = ? RETURNING id) ";
  private static final String IF_HEAD_MOVED = " WHERE EXISTS (SELECT 1 FROM h)";
  /**
   * Plans every statement of the transaction for its arguments: a plan cached while the tables
   * were small (a new ledger's first statements on a pooled connection) scans the whole transfer
   * table for {@code id = ANY (…)} until the next ANALYZE, which made a group of 8 submits cost
   * 2.5 ms of server time per look-up at 30,000 transfers.
   */
  private static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan;";
  /**
   * Queues transactions that lock many accounts on one table lock, taken without a snapshot,
   * instead of on the account rows (see {@code V5__batch_gate.sql}, {@link #GATE_FROM}).
   */
  private static final String GATE = "LOCK TABLE linli_ledger_batch_gate IN EXCLUSIVE MODE;";
  /**
   * From this many accounts on, a group or linked batch in a transaction of its own takes the
   * batch gate before it locks them. Not in the caller's transaction, which may already hold rows
   * that the gate's holder is waiting for.
   */
  static final int GATE_FROM = 64;
  /** A unique violation: another instance stored the same id first; decide again. */
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int ATTEMPTS = 8;
  /**
   * From this many requests on, a linked batch's first attempt presumes its transfer ids are new
   * instead of reading them (see {@link Unit#presumed}).
   */
  static final int PRESUME_FROM = 64;
  /** The most submits one group transaction decides; more wait for the next group. */
  static final int GROUP_LIMIT = 256;
  /** The most submits waiting for a group; more callers wait to be queued (back-pressure). */
  static final int QUEUE_LIMIT = 4_096;
  /** The most groups one committing thread runs in a row once its own submit is done. */
  static final int LEAD_LIMIT = 8;

  private final DataSource dataSource;
  private final Map<String, LotExpiry> expiries;
  private final ThreadLocal<Unit> current = new ThreadLocal<>();
  private final ThreadLocal<Connection> joined = new ThreadLocal<>();
  /** The newest timestamp this instance has issued, so one instance alone is strictly increasing. */
  private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);
  /**
   * The chain head as this instance last wrote or read it: a guess, checked by the statement that
   * appends (compare-and-set), so a stale one costs a re-read, never a wrong chain.
   */
  private final AtomicReference<Head> head = new AtomicReference<>();
  private final GroupCommit group = new GroupCommit();
  /** The ledger's clock, to tell whether a pending hold is due before a group locks its accounts. */
  private volatile Clock clock = Clock.systemUTC();
  /** Tests only: told the requests of each committed group, in the order they were decided. */
  volatile Consumer<List<TransferRequest>> groupCommitted;
  /**
   * How long a committer waits for answered callers to submit again before taking a group: at most
   * this long after the last arrival, and at most {@link #gatherLimitNanos} in all (tests lengthen
   * them to make the gathering certain).
   */
  volatile long gatherQuietNanos = 300_000;
  volatile long gatherLimitNanos = 1_000_000;
  /** Tests only: units rolled back because a presumed-new id did not become a transfer. */
  final AtomicInteger presumptionsFailed = new AtomicInteger();
  /** Tests only: units that took the batch gate. */
  final AtomicInteger gated = new AtomicInteger();
  /** Tests only: operations decided again after the database refused a duplicate id. */
  final AtomicInteger uniqueRetries = new AtomicInteger();
  /** How many group transactions failed before committing (and were rerun or split). */
  final AtomicInteger groupsFailed = new AtomicInteger();

  /**
   * What requests name: their accounts in ascending id order (the order every unit locks in) and
   * the transfer ids they carry or reverse.
   */
  private record Named(Set<String> accounts, Set<String> transfers) {
    static Named by(List<TransferRequest> requests) {
      // Unordered: whoever locks them orders them (lock() and the group's ORDER BY id).
      Set<String> accounts = new HashSet<>();
      Set<String> transfers = new HashSet<>();
      for (TransferRequest r : requests) {
        accounts.add(r.debitAccountId());
        accounts.add(r.creditAccountId());
        transfers.add(r.id());
        if (r.reverses() != null) {
          transfers.add(r.reverses());
        }
      }
      return new Named(accounts, transfers);
    }
  }

  /** A unit's presumption that its batch's ids were new did not hold; it is rolled back. */
  private static final class PresumptionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PresumptionFailed() {
      super("a linked batch's transfer ids were presumed new", null, false, false);
    }
  }

  /** The chain head: the last transfer's sequence number and chain hash. */
  private record Head(long seq, byte[] chain) {}

  SqlLedgerStore(DataSource dataSource, Map<String, LotExpiry> expiries) {
    this.dataSource = dataSource;
    this.expiries = Map.copyOf(expiries);
  }

  /** The zoned expiry policies by asset. */
  Map<String, LotExpiry> expiries() {
    return expiries;
  }

  /** Uses the ledger's clock (set once, when the ledger is built on this store). */
  void clock(Clock value) {
    this.clock = value;
  }

  // ---------------------------------------------------------------------------------------------
  // Units of work

  /** Thrown inside a unit for a JDBC failure, unwrapped again before the transaction ends. */
  private static final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(SQLException cause) {
      super(cause);
    }

    SQLException sql() {
      return (SQLException) getCause();
    }
  }

  @Override
  public <T> T atomically(Supplier<T> body) {
    if (current.get() != null) {
      return body.get();
    }
    Connection caller = joined.get();
    if (caller != null) {
      return Transactions.join(caller, "a points ledger operation", c -> unit(c, body, 0));
    }
    int[] units = {0};
    for (int attempt = 1; ; attempt++) {
      try {
        return Transactions.run(dataSource, "a points ledger operation",
            c -> unit(c, body, ++units[0]));
      } catch (StorageException e) {
        if (!UNIQUE_VIOLATION.equals(e.sqlState()) || attempt == ATTEMPTS) {
          throw e;
        }
        uniqueRetries.incrementAndGet();
      } catch (PresumptionFailed e) {
        // Rolled back; the next unit reads the ids it presumed new.
        presumptionsFailed.incrementAndGet();
      }
    }
  }

  /**
   * Group commit: a submit outside any transaction (of the caller's or an enclosing unit) waits in
   * this instance's queue, and one of the waiting threads runs every queued submit in one
   * transaction; see {@link GroupCommit}.
   */
  @Override
  public <T> T atomicallySubmitting(TransferRequest request, Supplier<T> body) {
    if (current.get() != null || joined.get() != null) {
      return atomicallyLinked(List.of(request), body);
    }
    return group.submit(request, body);
  }

  /**
   * A linked batch (or a submit in the caller's transaction): what it names is read and locked in
   * one round trip before the bookkeeper decides, as for a group.
   */
  @Override
  public <T> T atomicallyLinked(List<TransferRequest> batch, Supplier<T> body) {
    return atomically(() -> {
      Unit u = unit();
      if (u.fresh()) {
        if (u.attempt == 1 && batch.size() >= PRESUME_FROM) {
          u.presume(batch);
        }
        u.prepareGroup(batch);
      }
      return body.get();
    });
  }

  /**
   * Runs {@code work} with every ledger call of this thread joining the caller's open transaction
   * on {@code connection} instead of opening its own.
   */
  <T> T joining(Connection connection, Supplier<T> work) {
    if (joined.get() != null || current.get() != null) {
      throw new IllegalStateException("already inside a ledger transaction on this thread");
    }
    joined.set(connection);
    try {
      return work.get();
    } finally {
      joined.remove();
    }
  }

  /**
   * Runs {@code body} as the {@code attempt}-th unit of one operation (0: inside the caller's
   * transaction, which cannot be retried here).
   */
  private <T> T unit(Connection c, Supplier<T> body, int attempt) throws SQLException {
    Unit u = new Unit(c, last.get(), attempt);
    current.set(u);
    try {
      T out = body.get();
      u.flush();
      last.accumulateAndGet(u.last, (a, b) -> a.isAfter(b) ? a : b);
      return out;
    } catch (SqlFailure f) {
      throw f.sql();
    } finally {
      current.remove();
    }
  }

  private Unit unit() {
    Unit u = current.get();
    if (u == null) {
      throw new IllegalStateException("a ledger store call outside a unit of work");
    }
    return u;
  }

  // ---------------------------------------------------------------------------------------------
  // The store's interface: each call goes to the thread's unit

  @Override
  public void lockAccounts(String debitAccountId, String creditAccountId) {
    unit().lock(List.of(debitAccountId, creditAccountId));
  }

  @Override
  public void lockAccounts(List<TransferRequest> batch) {
    Unit u = unit();
    Named named = u.named(batch);
    u.lock(named.accounts());
    if (batch.size() > 1) {
      u.prefetchTransfers(named.transfers());
    }
  }

  @Override
  public AccountState account(String id) {
    return unit().account(id);
  }

  @Override
  public AccountState newAccount(Account account, LotExpiry expiry) {
    return new Row(account, expiry, false);
  }

  @Override
  public void insertAccount(AccountState state) {
    Row row = (Row) state;
    row.inserted = true;
    unit().accounts.put(row.created.id(), row);
  }

  @Override
  public Iterable<AccountState> accounts() {
    return unit().allAccounts();
  }

  @Override
  public List<AccountState> accountsWithLotsDueBy(Instant now) {
    return unit().accountsWithLotsDueBy(now);
  }

  @Override
  public Transfer transfer(String id) {
    return unit().transfer(id);
  }

  @Override
  public long reversedAmount(String id) {
    return unit().reversedAmount(id);
  }

  @Override
  public void append(Transfer t, AccountState debit, AccountState credit) {
    unit().append(t);
  }

  @Override
  public int transferCount() {
    return unit().transferCount();
  }

  @Override
  public int appendMark() {
    return unit().appended.size();
  }

  @Override
  public List<Transfer> transfersSince(int mark) {
    Unit u = unit();
    return u.appended.subList(mark, u.appended.size());
  }

  @Override
  public void truncate(int mark) {
    unit().truncate(mark);
  }

  @Override
  public Hold hold(String id) {
    return unit().hold(id);
  }

  @Override
  public void putHold(Hold hold) {
    unit().putHold(hold);
  }

  @Override
  public Hold firstPendingByExpiry() {
    return unit().firstPendingByExpiry();
  }

  @Override
  public List<Hold> pendingHolds(String accountId) {
    return unit().pendingHolds(accountId);
  }

  @Override
  public Instant lastTimestamp() {
    return unit().last;
  }

  @Override
  public void lastTimestamp(Instant value) {
    unit().last = value;
  }

  @Override
  public List<Transfer> transfers() {
    return unit().query("SELECT " + TRANSFER_COLUMNS + " FROM linli_ledger_transfers ORDER BY seq",
        s -> { }, SqlLedgerStore::transferOf);
  }

  /**
   * Walks an account's transfers back (schema V4) from the first milestone at or after an end, or
   * from the account's last transfer, while a row is not before a start: at most a milestone's
   * stride of rows outside the period. Each row has the walk's {@code side}: whether the account is
   * its debit side. {@code op} is {@code >=} or {@code >}; the eight parameters are bound by
   * {@link #bindWalk}.
   */
  private static String walk(String op, String start) {
    return "WITH RECURSIVE m AS ("
        + "(SELECT seq, at_ns, debit_account_debits AS debits, debit_account_credits AS credits"
        + " FROM linli_ledger_transfers WHERE debit_account_id = ? AND debit_n % "
        + TransferChain.MILESTONE + " = 0"
        + " AND at_ns " + op + " ? ORDER BY at_ns, seq LIMIT 1)"
        + " UNION ALL (SELECT seq, at_ns, credit_account_debits, credit_account_credits"
        + " FROM linli_ledger_transfers WHERE credit_account_id = ? AND credit_n % "
        + TransferChain.MILESTONE + " = 0"
        + " AND at_ns " + op + " ? ORDER BY at_ns, seq LIMIT 1)"
        + " UNION ALL SELECT last_seq, 9223372036854775807, debits, credits"
        + " FROM linli_ledger_accounts WHERE id = ?),"
        + " head AS (SELECT seq, debits, credits FROM m ORDER BY at_ns, seq LIMIT 1),"
        + " w AS (SELECT t.*, t.debit_account_id = ? AS side FROM linli_ledger_transfers t"
        + " JOIN head ON t.seq = head.seq"
        + " UNION ALL SELECT t.*, t.debit_account_id = ? FROM w JOIN linli_ledger_transfers t"
        + " ON t.seq = CASE WHEN w.side THEN w.debit_prev ELSE w.credit_prev END"
        + " WHERE " + start + ") ";
  }

  /**
   * Binds {@link #walk}'s eight parameters: the account, the end, the account, the end, the account
   * three times (the account row, the sides of the first row and of each earlier one), the start.
   */
  private static void bindWalk(PreparedStatement st, String id, long end, long start)
      throws SQLException {
    st.setString(1, id);
    st.setLong(2, end);
    st.setString(3, id);
    st.setLong(4, end);
    st.setString(5, id);
    st.setString(6, id);
    st.setString(7, id);
    st.setLong(8, start);
  }

  @Override
  public List<Transfer> history(AccountState s, Instant from, Instant to) {
    String id = s.created.id();
    long lo = TransferChain.clampedNanos(from);
    long hi = TransferChain.clampedNanos(to);
    return unit().query(walk(">=", "w.at_ns >= ?") + "SELECT " + TRANSFER_COLUMNS
        + " FROM w WHERE at_ns >= ? AND at_ns < ? ORDER BY at_ns, seq", st -> {
          bindWalk(st, id, hi, lo);
          st.setLong(9, lo);
          st.setLong(10, hi);
        }, SqlLedgerStore::transferOf);
  }

  @Override
  public long[] postedTotals(AccountState s, Instant to, boolean inclusive) {
    String id = s.created.id();
    long end = TransferChain.clampedNanos(to);
    // Left out: transfers at or after the end (after it, if inclusive); the walk starts from the
    // totals after the first milestone left out (or the account's own) and takes those back.
    String out = inclusive ? ">" : ">=";
    List<long[]> rows = unit().query(walk(out, "w.at_ns " + out + " ?") + "SELECT"
        + " (SELECT debits FROM head) - coalesce((SELECT sum(amount) FROM w"
        + "  WHERE side AND at_ns " + out + " ?), 0),"
        + " (SELECT credits FROM head) - coalesce((SELECT sum(amount) FROM w"
        + "  WHERE NOT side AND at_ns " + out + " ?), 0)", st -> {
          bindWalk(st, id, end, end);
          st.setLong(9, end);
          st.setLong(10, end);
        }, r -> new long[] {r.getLong(1), r.getLong(2)});
    return rows.get(0);
  }

  // ---------------------------------------------------------------------------------------------
  // Rows

  /** An account row as loaded (or created) in one unit, with what it was when loaded. */
  static final class Row extends AccountState {
    final boolean locked;
    boolean inserted;
    long lastAtNs = Long.MIN_VALUE;
    /** The account's last transfer's seq (0: none) and how many it has, as loaded. */
    long lastSeq0;
    long transfers0;
    /** The same after this unit's transfers, and its totals transfer by transfer (chain()). */
    long lastSeq;
    long transfers;
    long runningDebits;
    long runningCredits;
    long debits0;
    long credits0;
    long debitsPending0;
    long creditsPending0;
    boolean frozen0;
    boolean closed0;
    /** Lots as loaded: source to {remaining, expirations}. */
    final Map<String, long[]> lots0 = new HashMap<>();

    Row(Account account, LotExpiry expiry, boolean locked) {
      super(account, expiry);
      this.locked = locked;
    }

    boolean changed() {
      return debits != debits0 || credits != credits0 || debitsPending != debitsPending0
          || creditsPending != creditsPending0 || current.frozen() != frozen0
          || current.closed() != closed0;
    }
  }

  private Row rowOf(ResultSet r, boolean locked) throws SQLException {
    Account created = new Account(r.getString(1), r.getString(2),
        AccountKind.valueOf(r.getString(3)), r.getLong(4), r.getBoolean(6), r.getBoolean(7),
        r.getString(5));
    LotExpiry expiry = created.kind() == AccountKind.MEMBER ? expiries.get(created.asset()) : null;
    Row row = new Row(created, expiry, locked);
    boolean frozen = r.getBoolean(8);
    boolean closed = r.getBoolean(9);
    row.current = new Account(created.id(), created.asset(), created.kind(),
        created.overdraftLimit(), frozen, closed, created.userData());
    row.debits = row.debits0 = r.getLong(10);
    row.credits = row.credits0 = r.getLong(11);
    row.debitsPending = row.debitsPending0 = r.getLong(12);
    row.creditsPending = row.creditsPending0 = r.getLong(13);
    row.frozen0 = frozen;
    row.closed0 = closed;
    row.lastAtNs = r.getLong(14);
    row.lastSeq = row.lastSeq0 = r.getLong(15);
    row.transfers = row.transfers0 = r.getLong(16);
    return row;
  }

  static Transfer transferOf(ResultSet r) throws SQLException {
    return new Transfer(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
        TransferChain.instant(r.getLong(10)));
  }

  private static Hold holdOf(ResultSet r) throws SQLException {
    return new Hold(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
        r.getString(6), r.getString(7), r.getString(8), TransferChain.instant(r.getLong(9)),
        TransferChain.instant(r.getLong(10)), Hold.State.valueOf(r.getString(11)), r.getString(12));
  }

  /** Sets a prepared statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet r) throws SQLException;
  }

  // ---------------------------------------------------------------------------------------------
  // One operation's rows and writes

  /** One ledger operation's connection, the rows it loaded, and what it changed. */
  private final class Unit {
    final Connection c;
    Instant last;
    /** Accounts by id as this unit sees them; a locked id with no row maps to null. */
    final Map<String, Row> accounts = new HashMap<>();
    final Set<String> lockedIds = new HashSet<>();
    /** Transfers read (or known absent, as null) in this unit. */
    final Map<String, Transfer> transfers = new HashMap<>();
    final ArrayList<Transfer> appended = new ArrayList<>();
    final Map<String, Long> reversedStored = new HashMap<>();
    final Map<String, Long> reversedHere = new HashMap<>();
    /** Holds read under a lock (or absent, as null) and their states now. */
    final Map<String, Hold> holds = new LinkedHashMap<>();
    final Map<String, Hold> holdsLoaded = new HashMap<>();
    int committed = -1;
    /**
     * The stored pending hold that expires first, leaving out the holds this unit has read or
     * changed, once looked up ({@code firstRead}): every operation asks before it starts, and a group
     * of submits asks once.
     */
    Hold storedFirst;
    boolean firstRead;

    /** Which attempt of its operation this unit is (0: in the caller's transaction). */
    final int attempt;
    /**
     * Transfer ids this unit took as new without reading them: a big linked batch's first attempt
     * skips the look-up of its own ids (for 8,190 ids, a probe each), because a retried batch is
     * rare. The presumption is checked, never trusted: each presumed id must have become a
     * transfer of this unit, or the unit is rolled back before it writes and the batch is decided
     * again with the ids read; and if one was stored after all, by another instance meanwhile or
     * before, the primary key refuses the insert and the batch is decided again the same way.
     */
    final Set<String> presumed = new HashSet<>();
    /** The requests {@link #named} last answered for (by identity), and its answer. */
    private List<TransferRequest> namedFor;
    private Named namedLast;

    Unit(Connection c, Instant last, int attempt) {
      this.c = c;
      this.last = last;
      this.attempt = attempt;
    }

    <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        binder.bind(s);
        try (ResultSet r = s.executeQuery()) {
          List<T> out = new ArrayList<>();
          while (r.next()) {
            out.add(reader.read(r));
          }
          return out;
        }
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
    }

    private Array textArray(Collection<String> values) throws SQLException {
      return c.createArrayOf("text", values.toArray(new String[0]));
    }

    // Accounts

    /** Locks the rows of {@code ids} (those not locked yet in this unit), in ascending id order. */
    void lock(Collection<String> ids) {
      TreeSet<String> wanted = new TreeSet<>();
      for (String id : ids) {
        if (!lockedIds.contains(id)) {
          wanted.add(id);
        }
      }
      if (wanted.isEmpty()) {
        return;
      }
      try {
        Map<String, Row> found = selectLocked(wanted);
        if (found.size() < wanted.size()) {
          // An account that does not exist yet has no row to lock: serialise its creation on an
          // advisory lock instead, then look again (another instance may just have created it).
          List<String> missing = new ArrayList<>();
          long[] keys = wanted.stream().filter(id -> !found.containsKey(id))
              .peek(missing::add)
              .mapToLong(id -> Transactions.lockKey("linli-ledger-account", id)).toArray();
          Transactions.lock(c, keys);
          found.putAll(selectLocked(missing));
        }
        loadLots(found.values());
        for (String id : wanted) {
          adopt(id, found.get(id));
        }
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
    }

    /** Takes {@code row} (null: no such account) as locked by this unit. */
    private void adopt(String id, Row row) {
      accounts.put(id, row);
      lockedIds.add(id);
      if (row != null && row.lastAtNs != Long.MIN_VALUE) {
        Instant at = TransferChain.instant(row.lastAtNs);
        if (at.isAfter(last)) {
          last = at;
        }
      }
    }

    private Map<String, Row> selectLocked(Collection<String> ids) throws SQLException {
      Map<String, Row> out = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
          + " FROM linli_ledger_accounts WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
        s.setArray(1, textArray(ids));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Row row = rowOf(r, true);
            out.put(row.created.id(), row);
          }
        }
      }
      return out;
    }

    private void loadLots(Collection<Row> rows) throws SQLException {
      Map<String, Row> keeping = new HashMap<>();
      for (Row row : rows) {
        if (row.lots != null) {
          keeping.put(row.created.id(), row);
        }
      }
      if (keeping.isEmpty()) {
        return;
      }
      try (PreparedStatement s = c.prepareStatement("SELECT " + LOT_COLUMNS
          + " FROM linli_ledger_lots WHERE account_id = ANY (?)"
          + " ORDER BY account_id, earned_at_ns, seq")) {
        s.setArray(1, textArray(keeping.keySet()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            addLot(keeping.get(r.getString(1)), lotOf(r));
          }
        }
      }
    }

    /** Adds a lot as loaded (oldest first) to {@code row}, remembering it for the write-back. */
    private void addLot(Row row, LotState lot) {
      row.lots.addLast(lot);
      row.lots0.put(lot.source, new long[] {lot.remaining, lot.expirations});
    }

    /** Reads a lot from a row of LOT_COLUMNS. */
    private LotState lotOf(ResultSet r) throws SQLException {
      LotState lot = new LotState(r.getString(2), r.getLong(3),
          TransferChain.instant(r.getLong(5)), TransferChain.instant(r.getLong(6)));
      lot.remaining = r.getLong(4);
      lot.expirations = r.getInt(7);
      return lot;
    }

    Row account(String id) {
      if (accounts.containsKey(id)) {
        return accounts.get(id);
      }
      List<Row> rows = query("SELECT " + ACCOUNT_COLUMNS + " FROM linli_ledger_accounts WHERE id = ?",
          s -> s.setString(1, id), r -> rowOf(r, false));
      Row row = rows.isEmpty() ? null : rows.get(0);
      if (row != null && row.lots != null) {
        try {
          loadLots(List.of(row));
        } catch (SQLException e) {
          throw new SqlFailure(e);
        }
      }
      accounts.put(id, row);
      return row;
    }

    List<AccountState> allAccounts() {
      List<AccountState> out = new ArrayList<>(query("SELECT " + ACCOUNT_COLUMNS
          + " FROM linli_ledger_accounts", s -> { }, r -> rowOf(r, false)));
      // This unit's own changes win over the stored rows.
      Map<String, AccountState> byId = new LinkedHashMap<>();
      for (AccountState s : out) {
        byId.put(s.created.id(), s);
      }
      for (Row row : accounts.values()) {
        if (row != null && (row.locked || row.inserted)) {
          byId.put(row.created.id(), row);
        }
      }
      return new ArrayList<>(byId.values());
    }

    List<AccountState> accountsWithLotsDueBy(Instant now) {
      List<String> due = query("SELECT DISTINCT account_id FROM linli_ledger_lots"
          + " WHERE expires_at_ns <= ?", s -> s.setLong(1, TransferChain.clampedNanos(now)), r -> r.getString(1));
      if (due.isEmpty()) {
        return List.of();
      }
      Set<String> ids = new TreeSet<>(due);
      for (LotExpiry e : expiries.values()) {
        ids.add(e.sinkAccountId());
      }
      lock(ids);
      List<AccountState> out = new ArrayList<>();
      for (String id : new TreeSet<>(due)) {
        Row row = accounts.get(id);
        if (row != null && row.lots != null && !row.lots.isEmpty()
            && !row.lots.peekFirst().expiresAt.isAfter(now)) {
          out.add(row);
        }
      }
      return out;
    }

    // Transfers

    int committedCount() {
      if (committed < 0) {
        List<Long> seq = query("SELECT seq FROM linli_ledger_chain WHERE id = 1", s -> { },
            r -> r.getLong(1));
        committed = Math.toIntExact(seq.get(0));
      }
      return committed;
    }

    int transferCount() {
      return committedCount() + appended.size();
    }

    void prefetchTransfers(Set<String> ids) {
      List<String> unknown = new ArrayList<>();
      for (String id : ids) {
        if (!transfers.containsKey(id)) {
          unknown.add(id);
        }
      }
      if (unknown.isEmpty()) {
        return;
      }
      try (PreparedStatement s = c.prepareStatement(TRANSFERS_BY_ID)) {
        s.setArray(1, textArray(unknown));
        try (ResultSet r = s.executeQuery()) {
          rememberTransfers(unknown, r);
        }
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
    }

    /**
     * Remembers what a read of {@code ids} found: each id is absent ({@code null}) unless one of
     * {@code r}'s transfer rows has it, so a later look-up of any of them needs no query.
     */
    private void rememberTransfers(Collection<String> ids, ResultSet r) throws SQLException {
      for (String id : ids) {
        transfers.put(id, null);
      }
      while (r.next()) {
        Transfer t = transferOf(r);
        transfers.put(t.id(), t);
      }
    }

    /**
     * What {@code requests} name; the same list's answer is kept, since a batch's group read and
     * then the bookkeeper's lock both ask (8,190 ids hashed once instead of twice).
     */
    Named named(List<TransferRequest> requests) {
      if (requests != namedFor) {
        namedFor = requests;
        namedLast = Named.by(requests);
      }
      return namedLast;
    }

    /** Takes the ids {@code batch} carries as new (see {@link #presumed}). */
    void presume(List<TransferRequest> batch) {
      for (TransferRequest r : batch) {
        presumed.add(r.id());
        transfers.put(r.id(), null);
      }
    }

    /** Whether this unit has read nothing yet (so {@link #prepareGroup} may run). */
    boolean fresh() {
      return accounts.isEmpty() && holds.isEmpty() && transfers.isEmpty() && !firstRead;
    }

    /**
     * Before a group's submits are decided one by one, in one round trip: reads the first pending
     * hold, locks every account the group names (ascending ids, the order every unit locks in)
     * unless a pending hold is due, reads those accounts' lots, and reads every transfer id the
     * group names. With a hold due nothing is locked here: the first submit expires it, locking the
     * hold before its accounts, as a lone submit does.
     */
    void prepareGroup(List<TransferRequest> requests) {
      Named named = named(requests);
      Set<String> ids = named.accounts();
      Set<String> transferIds = named.transfers();
      if (!presumed.isEmpty()) {
        // Only the ids not presumed (reversed ones): not a copy of every id with the presumed
        // ones removed again.
        Set<String> unread = new HashSet<>();
        for (String id : transferIds) {
          if (!presumed.contains(id)) {
            unread.add(id);
          }
        }
        transferIds = unread;
      }
      long now = TransferChain.clampedNanos(clock.instant());
      Map<String, Row> found = new HashMap<>();
      List<Object[]> lots = new ArrayList<>();
      // First in its transaction (the unit is fresh), so it holds no other lock while it waits.
      boolean gate = attempt > 0 && ids.size() >= GATE_FROM;
      try (PreparedStatement s = c.prepareStatement((gate ? GATE : "") + CUSTOM_PLANS + "SELECT "
          + HOLD_COLUMNS
          + " FROM linli_ledger_holds WHERE state = 'PENDING' ORDER BY expires_at_ns, id LIMIT 1;"
          + " SELECT " + ACCOUNT_COLUMNS + " FROM linli_ledger_accounts WHERE id = ANY (?)"
          + " AND NOT EXISTS (SELECT 1 FROM linli_ledger_holds WHERE state = 'PENDING'"
          + " AND expires_at_ns <= ?) ORDER BY id FOR UPDATE;"
          + " SELECT " + LOT_COLUMNS + " FROM linli_ledger_lots WHERE account_id = ANY (?)"
          + " ORDER BY account_id, earned_at_ns, seq;"
          + " " + TRANSFERS_BY_ID)) {
        Array accountIds = textArray(ids);
        s.setArray(1, accountIds);
        s.setLong(2, now);
        s.setArray(3, accountIds);
        s.setArray(4, textArray(transferIds));
        s.execute();
        if (gate) {
          s.getMoreResults(); // past the LOCK
          gated.incrementAndGet();
        }
        s.getMoreResults(); // past the SET
        try (ResultSet r = s.getResultSet()) {
          storedFirst = r.next() ? holdOf(r) : null;
          firstRead = true;
        }
        s.getMoreResults();
        try (ResultSet r = s.getResultSet()) {
          while (r.next()) {
            Row row = rowOf(r, true);
            found.put(row.created.id(), row);
          }
        }
        s.getMoreResults();
        try (ResultSet r = s.getResultSet()) {
          while (r.next()) {
            lots.add(new Object[] {r.getString(1), lotOf(r)});
          }
        }
        s.getMoreResults();
        try (ResultSet r = s.getResultSet()) {
          rememberTransfers(transferIds, r);
        }
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
      if (storedFirst != null && TransferChain.clampedNanos(storedFirst.expiresAt()) <= now) {
        return;
      }
      for (Object[] lot : lots) {
        Row row = found.get((String) lot[0]);
        if (row != null && row.lots != null) {
          addLot(row, (LotState) lot[1]);
        }
      }
      // Accounts not found stay unlocked here; a submit naming one locks it as a lone one does.
      for (Row row : found.values()) {
        adopt(row.created.id(), row);
      }
    }

    Transfer transfer(String id) {
      if (transfers.containsKey(id)) {
        return transfers.get(id);
      }
      List<Transfer> found = query("SELECT " + TRANSFER_COLUMNS
          + " FROM linli_ledger_transfers WHERE id = ?", s -> s.setString(1, id),
          SqlLedgerStore::transferOf);
      Transfer t = found.isEmpty() ? null : found.get(0);
      transfers.put(id, t);
      return t;
    }

    long reversedAmount(String id) {
      Long stored = reversedStored.get(id);
      if (stored == null) {
        stored = query("SELECT coalesce(sum(amount), 0) FROM linli_ledger_transfers"
            + " WHERE reverses = ?", s -> s.setString(1, id), r -> r.getLong(1)).get(0);
        reversedStored.put(id, stored);
      }
      return stored + reversedHere.getOrDefault(id, 0L);
    }

    void append(Transfer t) {
      appended.add(t);
      transfers.put(t.id(), t);
      if (t.reverses() != null) {
        reversedHere.merge(t.reverses(), t.amount(), Long::sum);
      }
    }

    void truncate(int mark) {
      for (int i = appended.size() - 1; i >= mark; i--) {
        Transfer t = appended.remove(i);
        transfers.put(t.id(), null);
        if (t.reverses() != null) {
          reversedHere.merge(t.reverses(), -t.amount(), Long::sum);
        }
      }
    }

    // Holds

    Hold hold(String id) {
      if (holds.containsKey(id)) {
        return holds.get(id);
      }
      List<Hold> found = query("SELECT " + HOLD_COLUMNS + " FROM linli_ledger_holds WHERE id = ?"
          + " FOR UPDATE", s -> s.setString(1, id), SqlLedgerStore::holdOf);
      Hold h = found.isEmpty() ? null : found.get(0);
      holds.put(id, h);
      holdsLoaded.put(id, h);
      return h;
    }

    void putHold(Hold hold) {
      if (!holds.containsKey(hold.id())) {
        holdsLoaded.put(hold.id(), null);
      }
      holds.put(hold.id(), hold);
    }

    Hold firstPendingByExpiry() {
      if (!firstRead || storedFirst != null && holds.containsKey(storedFirst.id())) {
        List<String> changed = new ArrayList<>(holds.keySet());
        List<Hold> stored = query("SELECT " + HOLD_COLUMNS + " FROM linli_ledger_holds"
            + " WHERE state = 'PENDING' AND NOT (id = ANY (?))"
            + " ORDER BY expires_at_ns, id LIMIT 1", s -> s.setArray(1, textArray(changed)),
            SqlLedgerStore::holdOf);
        storedFirst = stored.isEmpty() ? null : stored.get(0);
        firstRead = true;
      }
      Hold first = storedFirst;
      for (Hold h : holds.values()) {
        if (h != null && h.state() == Hold.State.PENDING && (first == null
            || h.expiresAt().isBefore(first.expiresAt())
            || h.expiresAt().equals(first.expiresAt()) && h.id().compareTo(first.id()) < 0)) {
          first = h;
        }
      }
      return first;
    }

    List<Hold> pendingHolds(String accountId) {
      Map<String, Hold> out = new LinkedHashMap<>();
      for (Hold h : query("SELECT " + HOLD_COLUMNS + " FROM linli_ledger_holds"
          + " WHERE state = 'PENDING' AND (debit_account_id = ? OR credit_account_id = ?)", s -> {
            s.setString(1, accountId);
            s.setString(2, accountId);
          }, SqlLedgerStore::holdOf)) {
        out.put(h.id(), h);
      }
      for (Hold h : holds.values()) {
        if (h != null && (h.debitAccountId().equals(accountId)
            || h.creditAccountId().equals(accountId))) {
          if (h.state() == Hold.State.PENDING) {
            out.put(h.id(), h);
          } else {
            out.remove(h.id());
          }
        }
      }
      List<Hold> list = new ArrayList<>(out.values());
      list.sort((a, b) -> a.createdAt().equals(b.createdAt()) ? a.id().compareTo(b.id())
          : a.createdAt().compareTo(b.createdAt()));
      return list;
    }

    // Writing back

    void flush() throws SQLException {
      for (String id : presumed) {
        if (transfers.get(id) == null) {
          throw new PresumptionFailed();
        }
      }
      List<Row> changed = writeAccounts();
      writeLots();
      writeHolds();
      if (appended.isEmpty()) {
        updateAccounts(changed);
      } else {
        writeTransfers(changed);
      }
    }

    /** Inserts new accounts; returns the locked ones that changed, for {@link #updateAccounts}. */
    private List<Row> writeAccounts() throws SQLException {
      long stampNs = last.equals(Instant.MIN) ? Long.MIN_VALUE : TransferChain.exactNanos(last);
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO linli_ledger_accounts (id, asset,"
          + " kind, overdraft_limit, user_data, created_frozen, created_closed, frozen, closed,"
          + " debits, credits, debits_pending, credits_pending, last_at_ns)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        boolean any = false;
        for (Row row : accounts.values()) {
          if (row == null || !row.inserted) {
            continue;
          }
          Account a = row.created;
          ins.setString(1, a.id());
          ins.setString(2, a.asset());
          ins.setString(3, a.kind().name());
          ins.setLong(4, a.overdraftLimit());
          ins.setString(5, a.userData());
          ins.setBoolean(6, a.frozen());
          ins.setBoolean(7, a.closed());
          ins.setBoolean(8, row.current.frozen());
          ins.setBoolean(9, row.current.closed());
          ins.setLong(10, row.debits);
          ins.setLong(11, row.credits);
          ins.setLong(12, row.debitsPending);
          ins.setLong(13, row.creditsPending);
          ins.setLong(14, Long.MIN_VALUE);
          ins.addBatch();
          any = true;
        }
        if (any) {
          ins.executeBatch();
        }
      }
      List<Row> changed = new ArrayList<>();
      for (Row row : accounts.values()) {
        if (row != null && row.locked && !row.inserted && row.changed()) {
          changed.add(row);
        }
      }
      return changed;
    }

    /** Writes the changed accounts' totals and flags back, in one statement. */
    private void updateAccounts(List<Row> changed) throws SQLException {
      if (changed.isEmpty()) {
        return;
      }
      try (PreparedStatement up = c.prepareStatement(UPDATE_ACCOUNTS)) {
        bindAccounts(up, 1, changed);
        up.executeUpdate();
      }
    }

    /** Binds the ten arrays of UPDATE_ACCOUNTS from parameter {@code first} on. */
    private void bindAccounts(PreparedStatement up, int first, List<Row> changed)
        throws SQLException {
      long stampNs = last.equals(Instant.MIN) ? Long.MIN_VALUE : TransferChain.exactNanos(last);
      int n = changed.size();
      String[] ids = new String[n];
      Long[] d = new Long[n];
      Long[] cr = new Long[n];
      Long[] dp = new Long[n];
      Long[] cp = new Long[n];
      Boolean[] fr = new Boolean[n];
      Boolean[] cl = new Boolean[n];
      Long[] at = new Long[n];
      Long[] lastSeqs = new Long[n];
      Long[] counts = new Long[n];
      for (int i = 0; i < n; i++) {
        Row row = changed.get(i);
        lastSeqs[i] = row.lastSeq == 0 ? null : row.lastSeq;
        counts[i] = row.transfers;
        ids[i] = row.created.id();
        d[i] = row.debits;
        cr[i] = row.credits;
        dp[i] = row.debitsPending;
        cp[i] = row.creditsPending;
        fr[i] = row.current.frozen();
        cl[i] = row.current.closed();
        at[i] = Math.max(row.lastAtNs, stampNs);
      }
      up.setArray(first, c.createArrayOf("text", ids));
      up.setArray(first + 1, c.createArrayOf("bigint", d));
      up.setArray(first + 2, c.createArrayOf("bigint", cr));
      up.setArray(first + 3, c.createArrayOf("bigint", dp));
      up.setArray(first + 4, c.createArrayOf("bigint", cp));
      up.setArray(first + 5, c.createArrayOf("boolean", fr));
      up.setArray(first + 6, c.createArrayOf("boolean", cl));
      up.setArray(first + 7, c.createArrayOf("bigint", at));
      up.setArray(first + 8, c.createArrayOf("bigint", lastSeqs));
      up.setArray(first + 9, c.createArrayOf("bigint", counts));
    }

    private void writeLots() throws SQLException {
      List<String[]> deletes = new ArrayList<>();
      List<Object[]> updates = new ArrayList<>();
      List<Object[]> inserts = new ArrayList<>();
      for (Row row : accounts.values()) {
        if (row == null || row.lots == null || !(row.locked || row.inserted)) {
          continue;
        }
        String id = row.created.id();
        Set<String> seen = new HashSet<>();
        for (LotState lot : row.lots) {
          seen.add(lot.source);
          long[] was = row.lots0.get(lot.source);
          if (lot.remaining == 0) {
            if (was != null) {
              deletes.add(new String[] {id, lot.source});
            }
          } else if (was == null) {
            inserts.add(new Object[] {id, lot});
          } else if (was[0] != lot.remaining || was[1] != lot.expirations) {
            updates.add(new Object[] {id, lot});
          }
        }
        for (String source : row.lots0.keySet()) {
          if (!seen.contains(source)) {
            deletes.add(new String[] {id, source});
          }
        }
      }
      if (!deletes.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM linli_ledger_lots l USING"
            + " unnest(?::text[], ?::text[]) AS u(a, s) WHERE l.account_id = u.a"
            + " AND l.source = u.s")) {
          s.setArray(1, c.createArrayOf("text", deletes.stream().map(x -> x[0]).toArray()));
          s.setArray(2, c.createArrayOf("text", deletes.stream().map(x -> x[1]).toArray()));
          s.executeUpdate();
        }
      }
      if (!updates.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement("UPDATE linli_ledger_lots l SET"
            + " remaining = u.r, expirations = u.x FROM unnest(?::text[], ?::text[], ?::bigint[],"
            + " ?::integer[]) AS u(a, s, r, x) WHERE l.account_id = u.a AND l.source = u.s")) {
          s.setArray(1, c.createArrayOf("text", updates.stream().map(x -> x[0]).toArray()));
          s.setArray(2, c.createArrayOf("text",
              updates.stream().map(x -> ((LotState) x[1]).source).toArray()));
          s.setArray(3, c.createArrayOf("bigint",
              updates.stream().map(x -> ((LotState) x[1]).remaining).toArray()));
          s.setArray(4, c.createArrayOf("integer",
              updates.stream().map(x -> ((LotState) x[1]).expirations).toArray()));
          s.executeUpdate();
        }
      }
      if (!inserts.isEmpty()) {
        // One statement, rows in deque order, so the identity keeps ties in age in their order.
        try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_ledger_lots (account_id,"
            + " source, amount, remaining, earned_at_ns, expires_at_ns, expirations)"
            + " SELECT a, s, m, r, e, x, n FROM unnest(?::text[], ?::text[], ?::bigint[],"
            + " ?::bigint[], ?::bigint[],"
            + " ?::bigint[], ?::integer[]) WITH ORDINALITY AS u(a, s, m, r, e, x, n, o)"
            + " ORDER BY o")) {
          s.setArray(1, c.createArrayOf("text", inserts.stream().map(x -> x[0]).toArray()));
          s.setArray(2, c.createArrayOf("text",
              inserts.stream().map(x -> ((LotState) x[1]).source).toArray()));
          s.setArray(3, c.createArrayOf("bigint",
              inserts.stream().map(x -> ((LotState) x[1]).amount).toArray()));
          s.setArray(4, c.createArrayOf("bigint",
              inserts.stream().map(x -> ((LotState) x[1]).remaining).toArray()));
          s.setArray(5, c.createArrayOf("bigint",
              inserts.stream().map(x -> TransferChain.exactNanos(((LotState) x[1]).earnedAt)).toArray()));
          s.setArray(6, c.createArrayOf("bigint",
              inserts.stream().map(x -> TransferChain.clampedNanos(((LotState) x[1]).expiresAt)).toArray()));
          s.setArray(7, c.createArrayOf("integer",
              inserts.stream().map(x -> ((LotState) x[1]).expirations).toArray()));
          s.executeUpdate();
        }
      }
    }

    private void writeHolds() throws SQLException {
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO linli_ledger_holds (" + HOLD_COLUMNS
          + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
          PreparedStatement up = c.prepareStatement("UPDATE linli_ledger_holds SET state = ?,"
              + " posted_transfer_id = ? WHERE id = ?")) {
        boolean anyInsert = false;
        boolean anyUpdate = false;
        for (Map.Entry<String, Hold> e : holds.entrySet()) {
          Hold h = e.getValue();
          Hold was = holdsLoaded.get(e.getKey());
          if (h == null || h.equals(was)) {
            continue;
          }
          if (was == null) {
            ins.setString(1, h.id());
            ins.setString(2, h.debitAccountId());
            ins.setString(3, h.creditAccountId());
            ins.setLong(4, h.amount());
            ins.setString(5, h.asset());
            ins.setString(6, h.code());
            ins.setString(7, h.userData());
            ins.setString(8, h.operator());
            ins.setLong(9, TransferChain.exactNanos(h.createdAt()));
            ins.setLong(10, TransferChain.clampedNanos(h.expiresAt()));
            ins.setString(11, h.state().name());
            ins.setString(12, h.postedTransferId());
            ins.addBatch();
            anyInsert = true;
          } else {
            up.setString(1, h.state().name());
            up.setString(2, h.postedTransferId());
            up.setString(3, h.id());
            up.addBatch();
            anyUpdate = true;
          }
        }
        if (anyInsert) {
          ins.executeBatch();
        }
        if (anyUpdate) {
          up.executeBatch();
        }
      }
    }

    /**
     * Writes the changed accounts and chains and inserts this unit's transfers, in one statement
     * when this instance's guess of the chain head is right: the statement updates the accounts,
     * moves the head if it is still where this instance last saw it, and inserts the rows chained
     * after it only if it was; so the head row is locked only from this statement to the commit.
     * If another transaction moved the head meanwhile, the head is read under its lock and the
     * rows chained after it.
     */
    private void writeTransfers(List<Row> changed) throws SQLException {
      // Accounts inserted by this unit were written before their transfers were chained: they are
      // written again with their last transfer and count.
      List<Row> written = new ArrayList<>(changed);
      for (Row row : accounts.values()) {
        if (row != null && row.inserted) {
          written.add(row);
        }
      }
      Head seen = head.get();
      if (seen != null && append(written, seen)) {
        return;
      }
      Head stored;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT seq, chain FROM linli_ledger_chain WHERE id = 1 FOR UPDATE");
          ResultSet r = s.executeQuery()) {
        r.next();
        stored = new Head(r.getLong(1), r.getBytes(2));
      }
      if (!append(written, stored)) {
        throw new IllegalStateException("the chain head moved while this transaction held it");
      }
    }

    /**
     * Inserts this unit's transfers chained after {@code from}, if the chain head is still there,
     * moving it past them and writing {@code written} back, in one statement; returns whether the
     * head was still there (if not, nothing but the accounts was written, and they are written
     * again by the next call).
     */
    private boolean append(List<Row> written, Head from) throws SQLException {
      TransferRows rows = new TransferRows(appended.size());
      Head next = chain(rows, from);
      try (PreparedStatement s = rows.prepare(c, "WITH acc AS (" + UPDATE_ACCOUNTS + "), "
          + MOVE_HEAD, 14, IF_HEAD_MOVED)) {
        bindAccounts(s, 1, written);
        s.setLong(11, next.seq());
        s.setBytes(12, next.chain());
        s.setLong(13, from.seq());
        s.setBytes(14, from.chain());
        if (s.executeUpdate() != appended.size()) {
          return false;
        }
      }
      head.set(next);
      return true;
    }

    /**
     * Fills {@code rows} with this unit's transfers after {@code from}, each with its accounts'
     * previous transfers and counts (and totals at every {@link TransferChain#MILESTONE}th), and
     * returns the next head.
     */
    private Head chain(TransferRows rows, Head from) {
      for (Row row : accounts.values()) {
        if (row != null) {
          row.lastSeq = row.lastSeq0;
          row.transfers = row.transfers0;
          row.runningDebits = row.debits0;
          row.runningCredits = row.credits0;
        }
      }
      MessageDigest sha = TransferChain.sha256();
      byte[] chain = from.chain();
      long seq = from.seq();
      rows.firstSeq(seq + 1);
      for (int i = 0; i < appended.size(); i++) {
        Transfer t = appended.get(i);
        seq++;
        chain = TransferChain.next(sha, chain, seq, t);
        rows.set(i, t, chain);
        Row debit = accounts.get(t.debitAccountId());
        Row credit = accounts.get(t.creditAccountId());
        debit.runningDebits += t.amount();
        credit.runningCredits += t.amount();
        rows.accounts(i, step(debit, seq), debit.transfers, debit.runningDebits,
            debit.runningCredits, step(credit, seq), credit.transfers, credit.runningDebits,
            credit.runningCredits);
      }
      for (Row row : accounts.values()) {
        if (row != null && (row.runningDebits != row.debits || row.runningCredits != row.credits)) {
          throw new IllegalStateException("account " + row.created.id() + ": its transfers in"
              + " this unit add up to debits " + row.runningDebits + " and credits "
              + row.runningCredits + ", its totals say " + row.debits + " and " + row.credits);
        }
      }
      return new Head(seq, chain);
    }

    /** Moves {@code row} to the transfer at {@code seq}; returns its previous one (0: none). */
    private static long step(Row row, long seq) {
      long previous = row.lastSeq;
      row.lastSeq = seq;
      row.transfers++;
      return previous;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Group commit

  /** A submit waiting for its group, and then its outcome. */
  private static final class Pending {
    final TransferRequest request;
    final Supplier<?> body;
    /** The body's result, once the group that decided it is stored. */
    Object value;
    /** Why the submit has no result (the caller gets this thrown). */
    Throwable failure;
    /** Whether a group has finished with this submit; guarded by the group commit's lock. */
    boolean done;

    Pending(TransferRequest request, Supplier<?> body) {
      this.request = request;
      this.body = body;
    }
  }

  /**
   * Group commit of one instance's concurrent submits, as the local journal shares one force: a
   * submit joins a bounded FIFO queue (callers wait while it is full), and whichever waiting thread
   * finds no group running becomes the committer (and goes on with the next group while submits
   * wait, up to {@link #LEAD_LIMIT} groups after its own): it takes up to {@link #GROUP_LIMIT}
   * queued submits, oldest first, and runs them in ONE transaction (their accounts locked in one statement,
   * their ids read in another, then each decided alone by the bookkeeper, in queue order, seeing the
   * ones before it; one commit, so one WAL flush, for all). Each caller gets its own result, and
   * only after the commit. While a group commits, the next one queues.
   *
   * <p>Failures: a deadlock, serialization failure or lost race for a new id reruns the group
   * whole; any other failure before the commit (a statement fails, the backend is terminated, a
   * body throws) splits it, and each submit runs again as a transaction of its own, so one bad
   * request cannot fail the others. If the commit itself fails, whether it happened is looked up
   * on a fresh connection (the group's first new transfer is stored or not): stored, each caller
   * gets its result; not stored, the group runs again. Nothing is lost or applied twice.
   */
  private final class GroupCommit {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Signalled when a submit joins the queue; only a gathering committer waits for it. */
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a thread is running a group; guarded by {@code lock}. */
    private boolean running;
    /**
     * How many callers the last group answered, other than the committer's own: threads that
     * usually submit again at once; guarded by {@code lock}.
     */
    private int returning;

    @SuppressWarnings("unchecked")
    <T> T submit(TransferRequest request, Supplier<T> body) {
      Pending p = new Pending(request, body);
      lock.lock();
      try {
        while (queue.size() >= QUEUE_LIMIT) {
          changed.awaitUninterruptibly();
        }
        queue.addLast(p);
        arrived.signal();
        while (!p.done) {
          if (running) {
            changed.awaitUninterruptibly();
            continue;
          }
          running = true;
          lead(p);
        }
      } finally {
        lock.unlock();
      }
      if (p.failure instanceof RuntimeException e) {
        throw e;
      }
      if (p.failure instanceof Error e) {
        throw e;
      }
      return (T) p.value;
    }

    /**
     * Runs groups, with {@code lock} held between them, until {@code own} is done and the queue is
     * empty or {@link #LEAD_LIMIT} groups have run: a committer that goes on while submits wait
     * saves the next one's wake-up, and the limit bounds how long its own caller waits for it.
     */
    private void lead(Pending own) {
      try {
        for (int led = 0; !queue.isEmpty() && (!own.done || led < LEAD_LIMIT); led++) {
          gather();
          List<Pending> batch = new ArrayList<>();
          while (batch.size() < GROUP_LIMIT && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
          }
          lock.unlock();
          try {
            run(batch);
          } catch (RuntimeException | Error e) {
            for (Pending q : batch) {
              if (q.value == null && q.failure == null) {
                q.failure = e;
              }
            }
          } finally {
            lock.lock();
            for (Pending q : batch) {
              q.done = true;
            }
            returning = batch.contains(own) ? batch.size() - 1 : batch.size();
            changed.signalAll();
          }
        }
      } finally {
        running = false;
        changed.signalAll();
      }
    }

    /**
     * Before a group is taken, with {@code lock} held: waits briefly for the callers the last group
     * answered to submit again, so that one commit (one WAL flush, the dominant cost with {@code
     * fsync} on) serves them and the submits that queued meanwhile, instead of every other group
     * holding only the latter. Stops when they are all queued, when none has arrived for
     * {@link #gatherQuietNanos}, or after {@link #gatherLimitNanos}; a lone caller never waits.
     */
    private void gather() {
      int expected = Math.min(GROUP_LIMIT, queue.size() + returning);
      returning = 0;
      long start = System.nanoTime();
      long deadline = start + gatherLimitNanos;
      long quiet = start + gatherQuietNanos;
      while (queue.size() < expected) {
        long left = Math.min(deadline, quiet) - System.nanoTime();
        if (left <= 0) {
          return;
        }
        int before = queue.size();
        try {
          arrived.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (queue.size() > before) {
          quiet = System.nanoTime() + gatherQuietNanos;
        }
      }
    }

    /** Runs one group to the end: every submit in it gets a value or a failure. */
    private void run(List<Pending> batch) {
      for (int attempt = 1; ; attempt++) {
        try {
          if (commit(batch)) {
            return;
          }
          groupsFailed.incrementAndGet();
          if (attempt == ATTEMPTS) {
            break;
          }
        } catch (SQLException e) {
          groupsFailed.incrementAndGet();
          if (!retryable(e) || attempt == ATTEMPTS) {
            break;
          }
        } catch (SqlFailure e) {
          groupsFailed.incrementAndGet();
          if (!retryable(e.sql()) || attempt == ATTEMPTS) {
            break;
          }
        } catch (RuntimeException e) {
          groupsFailed.incrementAndGet();
          break;
        }
      }
      for (Pending p : batch) {
        try {
          p.value = atomically(p.body);
        } catch (RuntimeException e) {
          p.failure = e;
        }
      }
    }

    /**
     * Decides and commits the group in one transaction. Returns true when every submit has its
     * value, false when the commit is known not to have happened (run the group again).
     */
    private boolean commit(List<Pending> batch) throws SQLException {
      Connection c = dataSource.getConnection();
      Unit u;
      Object[] values = new Object[batch.size()];
      try {
        c.setAutoCommit(false);
        u = new Unit(c, last.get(), 0);
        current.set(u);
        try {
          List<TransferRequest> requests = new ArrayList<>(batch.size());
          for (Pending p : batch) {
            requests.add(p.request);
          }
          u.prepareGroup(requests);
          for (int i = 0; i < values.length; i++) {
            values[i] = batch.get(i).body.get();
          }
          u.flush();
        } finally {
          current.remove();
        }
      } catch (SQLException | RuntimeException | Error e) {
        rollbackAndClose(c, e);
        throw e;
      }
      try {
        c.commit();
        closeQuietly(c);
      } catch (SQLException e) {
        rollbackAndClose(c, e);
        Boolean stored = committed(u.appended);
        if (stored == null) {
          StorageException unknown = StorageException.failed("committing a group of "
              + batch.size() + " submits (whether it was stored is unknown: submit the same"
              + " request again, a stored one answers EXISTS)", e);
          for (Pending p : batch) {
            p.failure = unknown;
          }
          return true;
        }
        if (!stored) {
          return false;
        }
      }
      last.accumulateAndGet(u.last, (a, b) -> a.isAfter(b) ? a : b);
      for (int i = 0; i < values.length; i++) {
        batch.get(i).value = values[i];
      }
      Consumer<List<TransferRequest>> observer = groupCommitted;
      if (observer != null) {
        List<TransferRequest> order = new ArrayList<>(batch.size());
        for (Pending p : batch) {
          order.add(p.request);
        }
        observer.accept(order);
      }
      return true;
    }

    /**
     * After a failed commit: whether it happened, from whether the group's first new transfer is
     * stored (a group commits all its rows or none), or null if that cannot be looked up. A group
     * that appended nothing wrote nothing, and its decisions stand either way.
     */
    private Boolean committed(List<Transfer> appended) {
      if (appended.isEmpty()) {
        return Boolean.TRUE;
      }
      String id = appended.get(0).id();
      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement(
              "SELECT 1 FROM linli_ledger_transfers WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next();
        }
      } catch (SQLException e) {
        return null;
      }
    }
  }

  /** Deadlock, serialization failure, or a lost race to store a new id: run the work again. */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || UNIQUE_VIOLATION.equals(state);
  }

  private static void rollbackAndClose(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // The connection is done with; the pool replaces a broken one.
    }
  }
}
