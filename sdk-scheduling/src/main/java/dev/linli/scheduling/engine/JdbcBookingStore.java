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
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@link BookingStore} of one engine on a PostgreSQL database (see {@link PostgresBookingStore}
 * for the guarantees). Holds no booking state of its own: every read goes to the database inside
 * the current transaction, so several engines on one database see each other's decisions at once.
 *
 * <p>Thread-safe: each thread's transaction has its own connection, kept in a thread-local for the
 * length of {@link #inTransaction}.
 */
final class JdbcBookingStore implements BookingStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, resource_id, resident_id, household_id, group_id,"
      + " start_at, end_at, seats, accepted_at, status";

  private final DataSource dataSource;
  private final Map<String, Resource> resources;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  /** The rules each resource had when the current transaction first asked, so one decision sees one version. */
  private final ThreadLocal<Map<String, VersionedRules>> rulesRead = new ThreadLocal<>();
  /**
   * Booking queries already answered in the current transaction since its last write: a rejection's
   * search for alternatives asks the same quota windows for many candidate times. Emptied by every
   * write and at the end of the transaction.
   */
  private final ThreadLocal<Map<String, List<Booking>>> answered = new ThreadLocal<>();
  /** Lock keys asked for and not yet taken (sorted, without repeats). */
  private final ThreadLocal<java.util.TreeSet<Long>> pendingLocks =
      ThreadLocal.withInitial(java.util.TreeSet::new);
  /** Parsed rule sets by resource and version; a version never changes, so this never goes stale. */
  private final Cache<String, RuleSet> parsed = Caffeine.newBuilder().maximumSize(1_000).build();

  JdbcBookingStore(DataSource dataSource, Map<String, Resource> resources) {
    this.dataSource = dataSource;
    this.resources = resources;
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
    if (current.get() != null) {
      return work.get();
    }
    return Transactions.run(dataSource, "a booking decision", c -> {
      current.set(c);
      rulesRead.set(new HashMap<>());
      answered.set(new HashMap<>());
      try {
        return work.get();
      } catch (Failure f) {
        throw (SQLException) f.getCause();
      } catch (Stale s) {
        // PostgreSQL's own code for "retry the transaction": Transactions.run re-runs the work.
        throw new SQLException(s.getMessage(), "40001");
      } finally {
        pendingLocks.get().clear();
        current.remove();
        rulesRead.remove();
        answered.remove();
      }
    });
  }

  @Override
  public Optional<Connection> transactionConnection() {
    if (current.get() == null) {
      return Optional.empty();
    }
    // The locks the engine asked for come first, so the caller's rows are written under them.
    return Optional.of(sql(c -> c));
  }

  private Connection connection() {
    Connection c = current.get();
    if (c == null) {
      throw new IllegalStateException("store used outside BookingStore.inTransaction");
    }
    return c;
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
    try {
      takePendingLocks(connection());
      return body.run(connection());
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    // Taken with the holders' locks, or before the next statement, in one round trip.
    resourceIds.forEach(id -> pendingLocks.get().add(Transactions.lockKey("resource", id)));
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    holderKeys.forEach(k -> pendingLocks.get().add(Transactions.lockKey("holder", k)));
    sql(c -> null);
  }

  /**
   * Takes the locks asked for since the last statement, in one statement and ascending key order,
   * so two transactions never wait for each other in a cycle.
   */
  private void takePendingLocks(Connection c) throws SQLException {
    java.util.TreeSet<Long> keys = pendingLocks.get();
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT count(pg_advisory_xact_lock(k))"
        + " FROM unnest(?) AS t(k)")) {
      s.setArray(1, c.createArrayOf("bigint", keys.toArray(new Long[0])));
      s.executeQuery().close();
    }
    keys.clear();
  }

  @Override
  public Optional<Booking> booking(String bookingId) {
    return sql(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
          + " FROM linli_booking WHERE id = ?")) {
        s.setString(1, bookingId);
        List<Booking> found = read(s);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
      }
    });
  }

  @Override
  public List<Booking> overlapping(Resource r, Instant from, Instant to) {
    // [start - before, end + after) overlaps [from, to) exactly when [start, end) overlaps
    // [from - after, to + before): the GiST index on period answers it with today's buffers.
    return query("resource_id = ? AND holds_time AND period && tstzrange(?, ?)"
        + " ORDER BY start_at, id", r.id(), from.minus(r.bufferAfter()), to.plus(r.bufferBefore()));
  }

  @Override
  public List<Booking> starting(Resource r, Instant from, Instant to) {
    return query("resource_id = ? AND holds_time AND start_at >= ? AND start_at < ?"
        + " ORDER BY start_at, id", r.id(), from, to);
  }

  @Override
  public List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    String column = switch (scope) {
      case RESIDENT -> "resident_id";
      case HOUSEHOLD -> "household_id";
      case GROUP -> "group_id";
    };
    return query(column + " = ? AND resource_id = ? AND holds_time AND start_at >= ?"
        + " AND start_at < ? ORDER BY start_at, id", holderId, r.id(), from, to);
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
    if (current.get() == null) {
      return inTransaction(() -> query(where, args));
    }
    Map<String, List<Booking>> known = answered.get();
    String key = where + java.util.Arrays.toString(args);
    List<Booking> hit = known.get(key);
    if (hit != null) {
      return new ArrayList<>(hit);
    }
    List<Booking> found = sql(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM linli_booking"
          + " WHERE " + where)) {
        bind(s, args);
        return read(s);
      }
    });
    known.put(key, List.copyOf(found));
    return found;
  }

  /** A write: answers cached in this transaction may no longer hold. */
  private void wrote() {
    Map<String, List<Booking>> known = answered.get();
    if (known != null) {
      known.clear();
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

  private static List<Booking> read(PreparedStatement s) throws SQLException {
    List<Booking> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new Booking(new BookingRequest(r.getString(1), r.getString(2), r.getString(3),
            r.getString(4), instant(r, 6), instant(r, 7), r.getInt(8), r.getString(5)),
            instant(r, 9), BookingStatus.valueOf(r.getString(10))));
      }
    }
    return out;
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
    List<Object> args = new ArrayList<>(List.of(e.at(), e.actorId(), e.action()));
    args.add(e.before() == null ? null : toJson(e.before()));
    args.add(toJson(e.after()));
    args.add(version);
    BookingNotice.Kind kind = NotifyingStore.kindOf(e);
    if (kind != null) {
      args.addAll(List.of(e.at(), kind.name(), e.after().request().resourceId(),
          e.after().request().residentId(), version, payload(kind, e, version)));
    }
    return args;
  }

  /** The outbox row's JSON: the notice, with the booking before and after. */
  private static String payload(BookingNotice.Kind kind, BookingEvent e, int version) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind.name());
    o.put("at", e.at().toString());
    o.put("actorId", e.actorId());
    o.put("action", e.action());
    o.put("ruleVersion", version);
    try {
      if (e.before() != null) {
        o.set("before", JSON.readTree(toJson(e.before())));
      }
      o.set("booking", JSON.readTree(toJson(e.after())));
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException("the SDK's own booking JSON", x);
    }
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
    return sql(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT booking_start FROM linli_no_show"
          + " WHERE resident_id = ? ORDER BY booking_start, seq")) {
        s.setString(1, residentId);
        List<Instant> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(instant(r, 1));
          }
        }
        return out;
      }
    });
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
    return sql(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT from_at, to_at, policy, reason"
          + " FROM linli_blackout WHERE resource_id = ? AND period && tstzrange(?, ?)"
          + " ORDER BY seq")) {
        bind(s, resourceId, from, to);
        List<BookingEngine.Blackout> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(new BookingEngine.Blackout(resourceId, instant(r, 1), instant(r, 2),
                BlackoutPolicy.valueOf(r.getString(3)), r.getString(4)));
          }
        }
        return out;
      }
    });
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
    if (current.get() == null) {
      return inTransaction(() -> rules(resourceId));
    }
    Map<String, VersionedRules> read = rulesRead.get();
    VersionedRules known = read.get(resourceId);
    if (known != null) {
      return known;
    }
    VersionedRules latest = sql(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT version FROM linli_rule_set"
          + " WHERE resource_id = ? ORDER BY version DESC LIMIT 1")) {
        s.setString(1, resourceId);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return VersionedRules.NONE;
          }
          int version = r.getInt(1);
          return new VersionedRules(parsed.get(resourceId + "\u0000" + version,
              k -> loadRules(c, resourceId, version)), version);
        }
      }
    });
    read.put(resourceId, latest);
    return latest;
  }

  private static RuleSet loadRules(Connection c, String resourceId, int version) {
    try (PreparedStatement s = c.prepareStatement("SELECT rules::text FROM linli_rule_set"
        + " WHERE resource_id = ? AND version = ?")) {
      s.setString(1, resourceId);
      s.setInt(2, version);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return RuleSet.parse(new ByteArrayInputStream(r.getString(1).getBytes(
            StandardCharsets.UTF_8)), "linli_rule_set " + resourceId + " v" + version);
      }
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  @Override
  public int saveRules(String resourceId, RuleSet ruleSet, Instant at) {
    int version = rules(resourceId).version() + 1;
    sql(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_rule_set (resource_id,"
          + " version, rules, created_at) VALUES (?, ?, ?::jsonb, ?)")) {
        bind(s, resourceId, version, ruleSet.toJson(), at);
        return s.executeUpdate();
      }
    });
    parsed.put(resourceId + "\u0000" + version, ruleSet);
    Map<String, VersionedRules> read = rulesRead.get();
    if (read != null) {
      read.put(resourceId, new VersionedRules(ruleSet, version));
    }
    return version;
  }

  private static String toJson(Booking b) {
    BookingRequest q = b.request();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", q.id());
    n.put("resourceId", q.resourceId());
    n.put("residentId", q.residentId());
    n.put("householdId", q.householdId());
    if (q.groupId() != null) {
      n.put("groupId", q.groupId());
    }
    n.put("start", q.start().toString());
    n.put("end", q.end().toString());
    n.put("seats", q.seats());
    n.put("acceptedAt", b.acceptedAt().toString());
    n.put("status", b.status().name());
    return n.toString();
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
