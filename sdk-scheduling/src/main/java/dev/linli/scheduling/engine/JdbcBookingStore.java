package dev.linli.scheduling.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.StorageException;
import dev.linli.core.internal.sql.Transactions;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.internal.RequestJson;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@link BookingStore} of one engine on a PostgreSQL database (see {@link PostgresBookingStore}
 * for the guarantees). Holds no booking state of its own: every read goes to the database inside
 * the current transaction, so several engines on one database see each other's decisions at once.
 *
 * <p><b>Round trips.</b> Locks asked for are not taken at once but sent with the transaction's next
 * statement; reads the engine {@linkplain #foresee foresees} are sent in that same round trip, each
 * a statement of its own after the lock statement (so each reads what the lock holders before it
 * committed), and answer the engine's calls from then on. A writing decision is therefore three
 * round trips: locks with every read, the write, the commit.
 *
 * <p>Thread-safe: each thread's transaction has its own connection and state, kept in a
 * thread-local for the length of {@link #inTransaction}.
 */
final class JdbcBookingStore implements BookingStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, resource_id, resident_id, household_id, group_id,"
      + " start_at, end_at, seats, accepted_at, status";
  private static final String LOCK = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?) AS t(k)";

  private final DataSource dataSource;
  private final Map<String, Resource> resources;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();
  /** Parsed rule sets by resource and version; a version never changes, so this never goes stale. */
  private final Cache<String, RuleSet> parsed = Caffeine.newBuilder().maximumSize(1_000).build();
  /**
   * The latest rules this instance has seen for each resource (one entry per resource of the
   * engine). Only ever used to foresee a decision's reads: a decision itself always uses the
   * version it reads in its own transaction, so a stale entry costs a round trip, never an answer.
   */
  private final Map<String, VersionedRules> lastSeen = new ConcurrentHashMap<>();

  JdbcBookingStore(DataSource dataSource, Map<String, Resource> resources) {
    this.dataSource = dataSource;
    this.resources = resources;
  }

  /** The state of the transaction a thread is in. */
  private static final class Tx {
    final Connection connection;
    /** The rules each resource had when this transaction first asked: one decision, one version. */
    final Map<String, VersionedRules> rules = new HashMap<>();
    /**
     * Reads already answered since the last write, by key: foreseen ones, and a rejection's search
     * for alternatives asks the same quota windows for many candidate times. Emptied by every write.
     */
    final Map<String, List<?>> answered = new HashMap<>();
    /** The windowed reads among {@link #answered}, by family. */
    final Map<String, List<Covered<?>>> covered = new HashMap<>();
    /** Lock keys asked for and not yet taken (sorted, without repeats). */
    final TreeSet<Long> pendingLocks = new TreeSet<>();
    /** Lock keys taken in this transaction: held until it ends, so never asked for again. */
    final Set<Long> locked = new HashSet<>();
    /** Reads foreseen and not yet sent, by key, in the order foreseen. */
    final Map<String, Read<?>> foreseen = new LinkedHashMap<>();
    /** True while {@link #foresee} runs the engine's reads to learn which they are. */
    boolean foreseeing;
    /** True until a read-only transaction's first statement (which says so) is sent. */
    boolean readOnlyPending;

    Tx(Connection connection) {
      this.connection = connection;
    }
  }

  /** Turns the current row of a result into a value. */
  @FunctionalInterface
  private interface Row<E> {
    E read(ResultSet r) throws SQLException;
  }

  /**
   * One read: a single {@code SELECT} with its arguments and how each row becomes a value. The key
   * names the question (its SQL and arguments), so two asks of the same question share an answer.
   */
  private record Read<E>(String key, String sql, List<Object> args, Row<E> row, Window<E> window) {
    static <E> Read<E> of(String sql, Row<E> row, Object... args) {
      List<Object> list = java.util.Arrays.asList(args.clone());
      return new Read<>(sql + list, sql, list, row, null);
    }

    /**
     * A read whose last two arguments are a time window {@code [lo, hi)} (bound to SQL rounded
     * outwards to microseconds, which selects the same rows: stored times are whole microseconds),
     * and {@code meets} says which rows the window selects.
     */
    static <E> Read<E> windowed(String sql, Row<E> row, Meets<E> meets, Object... args) {
      List<Object> list = java.util.Arrays.asList(args.clone());
      int n = list.size();
      Instant lo = (Instant) list.get(n - 2);
      Instant hi = (Instant) list.get(n - 1);
      List<Object> bound = new ArrayList<>(list.subList(0, n - 2));
      bound.add(meets.overlap() ? down(lo) : up(lo));
      bound.add(up(hi));
      return new Read<>(sql + list, sql, bound, row,
          new Window<>(sql + list.subList(0, n - 2), lo, hi, meets));
    }

    List<E> rows(ResultSet r) throws SQLException {
      List<E> out = new ArrayList<>();
      while (r.next()) {
        out.add(row.read(r));
      }
      return List.copyOf(out);
    }
  }

  /**
   * Which rows a window {@code [lo, hi)} selects: those whose time interval overlaps it
   * ({@code overlap}), or those whose start falls in it.
   */
  private record Meets<E>(Function<E, Instant> start, Function<E, Instant> end, boolean overlap) {
    boolean test(E row, Instant lo, Instant hi) {
      return overlap ? start.apply(row).isBefore(hi) && end.apply(row).isAfter(lo)
          : !start.apply(row).isBefore(lo) && start.apply(row).isBefore(hi);
    }
  }

  private static final Meets<Booking> OVERLAPPING =
      new Meets<>(b -> b.request().start(), b -> b.request().end(), true);

  private static final Meets<Booking> STARTING =
      new Meets<>(b -> b.request().start(), b -> b.request().end(), false);

  private static final Meets<BookingEngine.Blackout> CLOSING =
      new Meets<>(BookingEngine.Blackout::from, BookingEngine.Blackout::to, true);

  /**
   * The window of a windowed read and its answer once read: a read of the same family (same SQL,
   * same other arguments) with a window inside it is answered by filtering these rows, which keeps
   * their order. A search for alternatives asks many small windows inside one it foresaw.
   */
  private record Window<E>(String family, Instant lo, Instant hi, Meets<E> meets) {
    boolean covers(Window<?> w) {
      return w.lo().isBefore(w.hi()) && !w.lo().isBefore(lo) && !w.hi().isAfter(hi);
    }
  }

  /** A windowed read's answer. */
  private record Covered<E>(Window<E> window, List<E> rows) {
    List<E> within(Window<?> w) {
      List<E> out = new ArrayList<>();
      for (E row : rows) {
        if (window.meets().test(row, w.lo(), w.hi())) {
          out.add(row);
        }
      }
      return List.copyOf(out);
    }
  }

  /** The instant rounded up to a whole microsecond, PostgreSQL's precision. */
  static Instant up(Instant t) {
    Instant down = down(t);
    return down.equals(t) ? t : down.plusNanos(1_000);
  }

  /** The instant rounded down to a whole microsecond. */
  static Instant down(Instant t) {
    return t.minusNanos(t.getNano() % 1_000);
  }

  /** A JDBC failure inside the engine's work, carried out of it to {@link Transactions#run}. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(SQLException cause) {
      super(cause);
    }
  }

  /**
   * A row changed between the engine reading it and writing it (another instance decided first):
   * the whole decision is re-run from fresh reads.
   */
  private static final class Stale extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stale(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return run(work, false);
  }

  /**
   * A read-only transaction: {@code SET TRANSACTION READ ONLY} goes with the first statement sent,
   * in the same round trip, so an availability query is its reads' round trip and the commit.
   */
  @Override
  public <T> T readOnly(Supplier<T> work) {
    return run(work, true);
  }

  private <T> T run(Supplier<T> work, boolean readOnly) {
    if (current.get() != null) {
      return work.get();
    }
    String doing = readOnly ? "an availability query" : "a booking decision";
    return Transactions.run(dataSource, doing, c -> {
      Tx tx = new Tx(c);
      tx.readOnlyPending = readOnly;
      current.set(tx);
      try {
        return work.get();
      } catch (Failure f) {
        throw (SQLException) f.getCause();
      } catch (Stale s) {
        // PostgreSQL's own code for "retry the transaction": Transactions.run re-runs the work.
        throw new SQLException(s.getMessage(), "40001");
      } finally {
        current.remove();
      }
    });
  }

  @Override
  public Optional<Connection> transactionConnection() {
    if (current.get() == null) {
      return Optional.empty();
    }
    // The locks the engine asked for come first, so the caller's rows are written under them.
    Connection c = sql(x -> x);
    // The caller may write on it: what this transaction read so far is read again when asked.
    wrote();
    return Optional.of(c);
  }

  private Tx tx() {
    Tx tx = current.get();
    if (tx == null) {
      throw new IllegalStateException("store used outside BookingStore.inTransaction");
    }
    return tx;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T sql(Sql<T> body) {
    if (current.get() == null) {
      // A call outside the engine's transactions (a test, a tool): a transaction of its own.
      return inTransaction(() -> sql(body));
    }
    Tx tx = tx();
    if (tx.foreseeing) {
      throw new IllegalStateException("the engine wrote while foreseeing its reads");
    }
    try {
      send(tx);
      return body.run(tx.connection);
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    lock("resource", resourceIds);
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    lock("holder", holderKeys);
  }

  /** Asks for locks, taken with the next statement (and before it), in one round trip. */
  private void lock(String namespace, List<String> names) {
    Tx tx = current.get();
    if (tx == null) {
      // No transaction, nothing to hold a lock for.
      return;
    }
    for (String name : names) {
      long key = Transactions.lockKey(namespace, name);
      if (!tx.locked.contains(key)) {
        tx.pendingLocks.add(key);
      }
    }
  }

  @Override
  public void foresee(Runnable reads) {
    Tx tx = current.get();
    if (tx == null || tx.foreseeing) {
      return;
    }
    tx.foreseeing = true;
    try {
      reads.run();
    } catch (RuntimeException e) {
      // The reads ran on made-up answers (all empty): a path they could not take is one the real
      // run will not take either, or will read for itself. What was noted so far is still needed.
    } finally {
      tx.foreseeing = false;
    }
  }

  /**
   * Sends, in one round trip, the locks asked for since the last statement (one statement, keys in
   * ascending order, so two transactions never wait for each other in a cycle) and then every
   * foreseen read, one statement each: in PostgreSQL's default isolation each statement reads what
   * was committed before it started, so the reads see every decision that held these locks before.
   */
  private void send(Tx tx) throws SQLException {
    boolean readOnly = tx.readOnlyPending;
    if (tx.pendingLocks.isEmpty() && tx.foreseen.isEmpty() && !readOnly) {
      return;
    }
    Connection c = tx.connection;
    List<String> statements = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (readOnly) {
      // Must come first in the transaction; it returns no rows.
      statements.add("SET TRANSACTION READ ONLY");
    }
    boolean locking = !tx.pendingLocks.isEmpty();
    if (locking) {
      statements.add(LOCK);
      args.add(c.createArrayOf("bigint", tx.pendingLocks.toArray(new Long[0])));
    }
    List<Read<?>> reads = new ArrayList<>(tx.foreseen.values());
    for (Read<?> r : reads) {
      statements.add(r.sql());
      args.addAll(r.args());
    }
    try (PreparedStatement s = c.prepareStatement(String.join(";\n", statements))) {
      bind(s, args.toArray());
      boolean result = s.execute();
      if (readOnly) {
        result = s.getMoreResults();
      }
      if (locking) {
        result = s.getMoreResults();
      }
      for (Read<?> r : reads) {
        if (!result) {
          throw new SQLException("expected the rows of " + r.sql() + ", the server sent none");
        }
        try (ResultSet rows = s.getResultSet()) {
          answer(tx, r, rows);
        }
        result = s.getMoreResults();
      }
    }
    tx.readOnlyPending = false;
    tx.locked.addAll(tx.pendingLocks);
    tx.pendingLocks.clear();
    tx.foreseen.clear();
  }

  private static <E> void answer(Tx tx, Read<E> read, ResultSet result) throws SQLException {
    List<E> rows = read.rows(result);
    tx.answered.put(read.key(), rows);
    if (read.window() != null) {
      tx.covered.computeIfAbsent(read.window().family(), k -> new ArrayList<>())
          .add(new Covered<>(read.window(), rows));
    }
  }

  /** Answers a windowed read from a wider one of its family already read, if there is one. */
  private static <E> boolean fromCovering(Tx tx, Read<E> read) {
    Window<E> w = read.window();
    if (w == null) {
      return false;
    }
    for (Covered<?> c : tx.covered.getOrDefault(w.family(), List.of())) {
      if (c.window().covers(w)) {
        tx.answered.put(read.key(), c.within(w));
        return true;
      }
    }
    return false;
  }

  /** Whether a read already foreseen will answer this one (its window contains this one's). */
  private static boolean foreseenWider(Tx tx, Read<?> read) {
    Window<?> w = read.window();
    if (w == null) {
      return false;
    }
    for (Read<?> f : tx.foreseen.values()) {
      if (f.window() != null && f.window().family().equals(w.family()) && f.window().covers(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Answers a read: noted and answered "nothing" while foreseeing; otherwise from this
   * transaction's answers, or from the database (after the locks and foreseen reads).
   */
  private <E> List<E> ask(Read<E> read) {
    Tx tx = current.get();
    if (tx == null) {
      return inTransaction(() -> ask(read));
    }
    if (tx.foreseeing) {
      if (!tx.answered.containsKey(read.key()) && !fromCovering(tx, read)
          && !foreseenWider(tx, read)) {
        tx.foreseen.putIfAbsent(read.key(), read);
      }
      return new ArrayList<>();
    }
    if (!tx.answered.containsKey(read.key()) && !fromCovering(tx, read)) {
      // Sent with whatever else is waiting (locks, foreseen reads): one round trip.
      tx.foreseen.putIfAbsent(read.key(), read);
      sql(c -> null);
    }
    @SuppressWarnings("unchecked") // keys are SQL text and arguments: one key, one row type
    List<E> known = (List<E>) tx.answered.get(read.key());
    return new ArrayList<>(known);
  }

  @Override
  public Optional<Booking> booking(String bookingId) {
    List<Booking> found = ask(Read.of("SELECT " + COLUMNS + " FROM linli_booking WHERE id = ?",
        JdbcBookingStore::booking, bookingId));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Booking> overlapping(Resource r, Instant from, Instant to) {
    // [start - before, end + after) overlaps [from, to) exactly when [start, end) overlaps
    // [from - after, to + before): the GiST index on period answers it with today's buffers.
    return windowed("resource_id = ? AND holds_time AND period && tstzrange(?, ?)"
        + " ORDER BY start_at, id", OVERLAPPING, r.id(), from.minus(r.bufferAfter()),
        to.plus(r.bufferBefore()));
  }

  @Override
  public List<Booking> starting(Resource r, Instant from, Instant to) {
    return windowed("resource_id = ? AND holds_time AND start_at >= ? AND start_at < ?"
        + " ORDER BY start_at, id", STARTING, r.id(), from, to);
  }

  @Override
  public List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    String column = switch (scope) {
      case RESIDENT -> "resident_id";
      case HOUSEHOLD -> "household_id";
      case GROUP -> "group_id";
    };
    return windowed(column + " = ? AND resource_id = ? AND holds_time AND start_at >= ?"
        + " AND start_at < ? ORDER BY start_at, id", STARTING, holderId, r.id(), from, to);
  }

  @Override
  public List<Booking> activeOf(String residentId) {
    return query("resident_id = ? AND holds_time ORDER BY accepted_at, id", residentId);
  }

  @Override
  public List<Booking> active(Resource r) {
    return query("resource_id = ? AND holds_time ORDER BY start_at, id", r.id());
  }

  @Override
  public List<Booking> confirmedStartingBefore(Instant instant) {
    return query("status = 'CONFIRMED' AND start_at < ?", instant);
  }

  private List<Booking> query(String where, Object... args) {
    return ask(Read.of("SELECT " + COLUMNS + " FROM linli_booking WHERE " + where,
        JdbcBookingStore::booking, args));
  }

  private List<Booking> windowed(String where, Meets<Booking> meets, Object... args) {
    return ask(Read.windowed("SELECT " + COLUMNS + " FROM linli_booking WHERE " + where,
        JdbcBookingStore::booking, meets, args));
  }

  /** A write: answers read in this transaction may no longer hold, and nor would foreseen ones. */
  private void wrote() {
    Tx tx = current.get();
    if (tx != null) {
      tx.answered.clear();
      tx.covered.clear();
      tx.foreseen.clear();
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        s.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
      } else if (a == null) {
        s.setNull(i + 1, Types.VARCHAR);
      } else {
        s.setObject(i + 1, a);
      }
    }
  }

  private static Booking booking(ResultSet r) throws SQLException {
    return new Booking(new BookingRequest(r.getString(1), r.getString(2), r.getString(3),
        r.getString(4), instant(r, 6), instant(r, 7), r.getInt(8), r.getString(5)),
        instant(r, 9), BookingStatus.valueOf(r.getString(10)));
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  @Override
  public void insert(Booking booking, BookingEvent created) {
    wrote();
    BookingRequest q = booking.request();
    Resource r = resource(q.resourceId());
    int version = ruleVersion(q.resourceId());
    // One statement: the row, its history and its outbox row (one round trip per write).
    String sql = "WITH x AS (INSERT INTO linli_booking (id, resource_id, resident_id, household_id,"
        + " group_id, start_at, end_at, seats, status, holds_time, exclusive, blocked, accepted_at,"
        + " rule_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, tstzrange(?, ?), ?,"
        + " ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id)" + followers(created)
        + " SELECT count(*) FROM x";
    List<Object> args = new ArrayList<>(List.of(q.id(), q.resourceId(), q.residentId(),
        q.householdId()));
    args.add(q.groupId());
    args.addAll(List.of(q.start(), q.end(), q.seats(), booking.status().name(),
        booking.status().holdsTime(), r.capacity() == 1, q.start().minus(r.bufferBefore()),
        q.end().plus(r.bufferAfter()), booking.acceptedAt(), version, created.at()));
    args.addAll(followerArgs(created, version));
    if (count(sql, args) == 0) {
      // Another instance accepted this id after we looked: decide again, and answer from its row.
      throw new Stale("booking " + q.id() + " was inserted concurrently");
    }
  }

  @Override
  public boolean remind(Booking booking, java.time.Duration leadTime, Instant due) {
    wrote();
    BookingRequest q = booking.request();
    int version = ruleVersion(q.resourceId());
    // One statement: the reminder's row and, only if this transaction made it, its outbox row.
    // The primary key makes a second instance's insert a no-op once the first has committed.
    String sql = "WITH x AS (INSERT INTO linli_booking_reminder (booking_id, start_at, lead_time,"
        + " due_at, sent_at) VALUES (?, ?, ?::interval, ?, now()) ON CONFLICT DO NOTHING"
        + " RETURNING booking_id), o AS (INSERT INTO linli_booking_outbox (created_at, kind,"
        + " booking_id, resource_id, resident_id, rule_version, payload) SELECT ?, ?, booking_id,"
        + " ?, ?, ?, ?::jsonb FROM x) SELECT count(*) FROM x";
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", BookingNotice.Kind.UPCOMING.name());
    o.put("at", due.toString());
    o.put("leadTime", leadTime.toString());
    o.put("ruleVersion", version);
    o.set("booking", bookingNode(booking));
    List<Object> args = new ArrayList<>(List.of(q.id(), q.start(), leadTime.toString(), due, due,
        BookingNotice.Kind.UPCOMING.name(), q.resourceId(), q.residentId(), version,
        o.toString()));
    return count(sql, args) == 1;
  }

  @Override
  public void update(Booking before, Booking after, BookingEvent event) {
    wrote();
    BookingRequest q = after.request();
    BookingRequest p = before.request();
    Resource r = resource(q.resourceId());
    int version = ruleVersion(q.resourceId());
    String sql = "WITH x AS (UPDATE linli_booking SET resource_id = ?, resident_id = ?,"
        + " household_id = ?, group_id = ?, start_at = ?, end_at = ?, seats = ?, status = ?,"
        + " holds_time = ?, exclusive = ?, blocked = tstzrange(?, ?), accepted_at = ?,"
        + " rule_version = ?, updated_at = ? WHERE id = ? AND resource_id = ? AND start_at = ?"
        + " AND end_at = ? AND seats = ? AND status = ? RETURNING id)" + followers(event)
        + " SELECT count(*) FROM x";
    List<Object> args = new ArrayList<>(List.of(q.resourceId(), q.residentId(),
        q.householdId()));
    args.add(q.groupId());
    args.addAll(List.of(q.start(), q.end(), q.seats(), after.status().name(),
        after.status().holdsTime(), r.capacity() == 1, q.start().minus(r.bufferBefore()),
        q.end().plus(r.bufferAfter()), after.acceptedAt(), version, event.at(), p.id(),
        p.resourceId(), p.start(), p.end(), p.seats(), before.status().name()));
    args.addAll(followerArgs(event, version));
    if (count(sql, args) == 0) {
      // The row is no longer what the engine read before it locked: decide again from fresh rows.
      throw new Stale("booking " + p.id() + " changed concurrently");
    }
  }

  private int count(String sql, List<Object> args) {
    return sql(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        bind(s, args.toArray());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
    });
  }

  @Override
  public void delete(Booking booking) {
    wrote();
    sql(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM linli_booking_outbox"
          + " WHERE booking_id = ?");
          PreparedStatement d = c.prepareStatement("DELETE FROM linli_booking WHERE id = ?")) {
        s.setString(1, booking.id());
        s.executeUpdate();
        d.setString(1, booking.id());
        return d.executeUpdate();
      }
    });
  }

  /**
   * The history row and, when residents should hear of it, the outbox row that go with a write
   * of the booking in CTE {@code x}: the same notices a listener hears, in the same transaction.
   */
  private static String followers(BookingEvent e) {
    String history = ", h AS (INSERT INTO linli_booking_history (booking_id, at, actor_id, action,"
        + " before, after, rule_version) SELECT id, ?, ?, ?, ?::jsonb, ?::jsonb, ? FROM x)";
    if (NotifyingStore.kindOf(e) == null) {
      return history;
    }
    return history + ", o AS (INSERT INTO linli_booking_outbox (created_at, kind, booking_id,"
        + " resource_id, resident_id, rule_version, payload) SELECT ?, ?, id, ?, ?, ?, ?::jsonb"
        + " FROM x)";
  }

  private static List<Object> followerArgs(BookingEvent e, int version) {
    // Each booking is turned into JSON once: the history row and the outbox payload share it.
    ObjectNode before = e.before() == null ? null : bookingNode(e.before());
    ObjectNode after = bookingNode(e.after());
    List<Object> args = new ArrayList<>(List.of(e.at(), e.actorId(), e.action()));
    args.add(before == null ? null : before.toString());
    args.add(after.toString());
    args.add(version);
    BookingNotice.Kind kind = NotifyingStore.kindOf(e);
    if (kind != null) {
      args.addAll(List.of(e.at(), kind.name(), e.after().request().resourceId(),
          e.after().request().residentId(), version, payload(kind, e, version, before, after)));
    }
    return args;
  }

  /** The outbox row's JSON: the notice, with the booking before and after. */
  private static String payload(BookingNotice.Kind kind, BookingEvent e, int version,
      ObjectNode before, ObjectNode after) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind.name());
    o.put("at", e.at().toString());
    o.put("actorId", e.actorId());
    o.put("action", e.action());
    o.put("ruleVersion", version);
    if (before != null) {
      o.set("before", before);
    }
    o.set("booking", after);
    return o.toString();
  }

  @Override
  public List<BookingEvent> history(String bookingId) {
    return sql(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT at, actor_id, action, before::text,"
          + " after::text FROM linli_booking_history WHERE booking_id = ? ORDER BY seq")) {
        s.setString(1, bookingId);
        List<BookingEvent> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(new BookingEvent(instant(r, 1), r.getString(2), r.getString(3),
                fromJson(r.getString(4)), fromJson(r.getString(5))));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void addNoShow(String residentId, Instant start) {
    wrote();
    sql(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_no_show (resident_id,"
          + " booking_start) VALUES (?, ?)")) {
        bind(s, residentId, start);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public List<Instant> noShowsOf(String residentId) {
    return ask(Read.of("SELECT booking_start FROM linli_no_show WHERE resident_id = ?"
        + " ORDER BY booking_start, seq", r -> instant(r, 1), residentId));
  }

  @Override
  public void addBlackout(BookingEngine.Blackout b) {
    wrote();
    sql(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_blackout (resource_id,"
          + " from_at, to_at, policy, reason) VALUES (?, ?, ?, ?, ?)")) {
        bind(s, b.resourceId(), b.from(), b.to(), b.policy().name(), b.reason());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public List<BookingEngine.Blackout> blackouts(String resourceId, Instant from, Instant to) {
    return ask(Read.windowed("SELECT from_at, to_at, policy, reason FROM linli_blackout"
        + " WHERE resource_id = ? AND period && tstzrange(?, ?) ORDER BY seq",
        r -> new BookingEngine.Blackout(resourceId, instant(r, 1), instant(r, 2),
            BlackoutPolicy.valueOf(r.getString(3)), r.getString(4)), CLOSING, resourceId, from,
        to));
  }

  private Resource resource(String id) {
    Resource r = resources.get(id);
    if (r == null) {
      throw new IllegalStateException("the engine wrote a booking of unknown resource " + id);
    }
    return r;
  }

  private int ruleVersion(String resourceId) {
    return rules(resourceId).version();
  }

  @Override
  public VersionedRules rules(String resourceId) {
    Tx tx = current.get();
    if (tx == null) {
      return inTransaction(() -> rules(resourceId));
    }
    VersionedRules known = tx.rules.get(resourceId);
    if (known != null) {
      return known;
    }
    List<Integer> versions = ask(Read.of("SELECT version FROM linli_rule_set"
        + " WHERE resource_id = ? ORDER BY version DESC LIMIT 1", r -> r.getInt(1), resourceId));
    if (tx.foreseeing) {
      // Only to learn which reads the rules make; the decision reads its version for itself.
      return lastSeen.getOrDefault(resourceId, VersionedRules.NONE);
    }
    VersionedRules latest = VersionedRules.NONE;
    if (!versions.isEmpty()) {
      int version = versions.get(0);
      latest = new VersionedRules(parsed.get(resourceId + "\u0000" + version,
          k -> sql(c -> loadRules(c, resourceId, version))), version);
    }
    seen(tx, resourceId, latest);
    return latest;
  }

  private void seen(Tx tx, String resourceId, VersionedRules rules) {
    tx.rules.put(resourceId, rules);
    lastSeen.merge(resourceId, rules, (a, b) -> a.version() >= b.version() ? a : b);
  }

  private static RuleSet loadRules(Connection c, String resourceId, int version)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT rules::text FROM linli_rule_set"
        + " WHERE resource_id = ? AND version = ?")) {
      s.setString(1, resourceId);
      s.setInt(2, version);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return RuleSet.parse(new ByteArrayInputStream(r.getString(1).getBytes(
            StandardCharsets.UTF_8)), "linli_rule_set " + resourceId + " v" + version);
      }
    }
  }

  @Override
  public int saveRules(String resourceId, RuleSet ruleSet, Instant at) {
    int version = rules(resourceId).version() + 1;
    wrote();
    sql(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_rule_set (resource_id,"
          + " version, rules, created_at) VALUES (?, ?, ?::jsonb, ?)")) {
        bind(s, resourceId, version, ruleSet.toJson(), at);
        return s.executeUpdate();
      }
    });
    parsed.put(resourceId + "\u0000" + version, ruleSet);
    Tx tx = current.get();
    if (tx != null) {
      seen(tx, resourceId, new VersionedRules(ruleSet, version));
    }
    return version;
  }

  private static String toJson(Booking b) {
    return bookingNode(b).toString();
  }

  private static ObjectNode bookingNode(Booking b) {
    ObjectNode n = RequestJson.write(JSON.createObjectNode(), b.request());
    n.put("acceptedAt", b.acceptedAt().toString());
    n.put("status", b.status().name());
    return n;
  }

  private static Booking fromJson(String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(text);
      return new Booking(new BookingRequest(n.get("id").asText(), n.get("resourceId").asText(),
          n.get("residentId").asText(), n.get("householdId").asText(),
          Instant.parse(n.get("start").asText()), Instant.parse(n.get("end").asText()),
          n.get("seats").asInt(), n.hasNonNull("groupId") ? n.get("groupId").asText() : null),
          Instant.parse(n.get("acceptedAt").asText()), BookingStatus.valueOf(n.get("status")
          .asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new StorageException("storage-failed", "a booking in linli_booking_history is not"
          + " the JSON this SDK writes: " + e.getOriginalMessage(), e);
    }
  }
}
