package dev.linli.scheduling.waitlist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.StorageException;
import dev.linli.core.internal.sql.Transactions;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.internal.EngineAccess;
import dev.linli.scheduling.internal.RequestJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A waitlist's queue and offers in the engine's PostgreSQL database (tables {@code linli_waitlist},
 * {@code linli_waitlist_entry}, {@code linli_waitlist_offer} of {@code V2__waitlist.sql}), so that
 * every instance on the database shares them and a restarted instance finds them. Every step runs
 * in one transaction of the engine that first takes the advisory lock {@code waitlist:<id>}: steps
 * of one waitlist are serial across instances, and an acceptance's booking commits with the offer's
 * end. Offer notices go to {@code linli_booking_outbox} in the same transaction. Holds no state of
 * its own; thread-safe.
 */
final class JdbcWaitlistState implements WaitlistState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineAccess access;
  private final BookingEngine engine;
  private final String id;
  private final long lockKey;

  private JdbcWaitlistState(EngineAccess access, BookingEngine engine, String id) {
    this.access = access;
    this.engine = engine;
    this.id = id;
    this.lockKey = Transactions.lockKey("waitlist", id);
  }

  /**
   * Opens the waitlist named by the slot's id, creating its row if it is new.
   *
   * @throws InvalidValueException if the id already names a waitlist for another slot
   */
  static JdbcWaitlistState open(EngineAccess access, BookingEngine engine, BookingRequest slot,
      Instant at) {
    JdbcWaitlistState state = new JdbcWaitlistState(access, engine, slot.id());
    String stored = state.step(tx -> state.sql(tx, "opening waitlist " + slot.id(), c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_waitlist (id, resource_id,"
          + " start_at, end_at, seats, group_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING")) {
        bind(s, slot.id(), slot.resourceId(), slot.start(), slot.end(), slot.seats(),
            slot.groupId(), at);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT resource_id, start_at, end_at, seats,"
          + " group_id FROM linli_waitlist WHERE id = ?")) {
        s.setString(1, slot.id());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          String resource = r.getString(1);
          Instant start = instant(r, 2);
          Instant end = instant(r, 3);
          int seats = r.getInt(4);
          String group = r.getString(5);
          boolean same = resource.equals(slot.resourceId())
              && start.equals(slot.start().truncatedTo(ChronoUnit.MICROS))
              && end.equals(slot.end().truncatedTo(ChronoUnit.MICROS)) && seats == slot.seats()
              && Objects.equals(group, slot.groupId());
          return same ? null : resource + " " + start + "/" + end + " seats " + seats
              + (group == null ? "" : " group " + group);
        }
      }
    }));
    InvalidValueException.check(stored == null, "template.id", slot.id(),
        "names the waitlist of another slot in the database (" + stored + "); give each slot's"
            + " waitlist an id of its own");
    return state;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T sql(EngineAccess.Tx tx, String doing, Sql<T> body) {
    Connection c = tx.connection().orElseThrow(() -> new IllegalStateException(
        "a PostgreSQL waitlist on an engine without a database"));
    try {
      return body.run(c);
    } catch (SQLException e) {
      throw StorageException.failed(doing + " (waitlist " + id + ")", e);
    }
  }

  @Override
  public <T> T step(Function<EngineAccess.Tx, T> work) {
    return access.inTransaction(engine, tx -> {
      // First, before anything is read: every step of this waitlist, on any instance, is serial.
      sql(tx, "locking", c -> {
        Transactions.lock(c, lockKey);
        return null;
      });
      return work.apply(tx);
    });
  }

  @Override
  public <T> T read(Function<EngineAccess.Tx, T> work) {
    return access.inTransaction(engine, work);
  }

  @Override
  public Instant precise(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public List<Waitlist.Waiting> waiting(EngineAccess.Tx tx) {
    return sql(tx, "reading the queue", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT resident_id, household_id, priority,"
          + " joined_at, sequence FROM linli_waitlist_entry WHERE waitlist_id = ?"
          + " ORDER BY priority DESC, sequence")) {
        s.setString(1, id);
        List<Waitlist.Waiting> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(new Waitlist.Waiting(r.getString(1), r.getString(2), r.getInt(3),
                instant(r, 4), r.getLong(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<Waitlist.Offer> offers(EngineAccess.Tx tx) {
    return sql(tx, "reading the offers", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT resident_id, household_id,"
          + " expires_at FROM linli_waitlist_offer WHERE waitlist_id = ? AND state = 'OPEN'"
          + " ORDER BY seq")) {
        s.setString(1, id);
        List<Waitlist.Offer> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(new Waitlist.Offer(r.getString(1), r.getString(2), instant(r, 3)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void join(EngineAccess.Tx tx, String residentId, String householdId, int priority,
      Instant at) {
    sql(tx, "adding " + residentId, c -> {
      try (PreparedStatement s = c.prepareStatement("WITH n AS (UPDATE linli_waitlist"
          + " SET next_sequence = next_sequence + 1 WHERE id = ? RETURNING next_sequence - 1 AS q)"
          + " INSERT INTO linli_waitlist_entry (waitlist_id, resident_id, household_id, priority,"
          + " joined_at, sequence) SELECT ?, ?, ?, ?, ?, q FROM n")) {
        bind(s, id, id, residentId, householdId, priority, at);
        return expectOne(s.executeUpdate(), "the waitlist row is missing");
      }
    });
  }

  @Override
  public void offer(EngineAccess.Tx tx, Waitlist.Offer offer, Instant at) {
    sql(tx, "offering a seat to " + offer.residentId(), c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM linli_waitlist_entry"
          + " WHERE waitlist_id = ? AND resident_id = ?");
          PreparedStatement s = c.prepareStatement("INSERT INTO linli_waitlist_offer"
              + " (waitlist_id, resident_id, household_id, offered_at, expires_at, state)"
              + " VALUES (?, ?, ?, ?, ?, 'OPEN')")) {
        bind(d, id, offer.residentId());
        expectOne(d.executeUpdate(), offer.residentId() + " was not waiting");
        bind(s, id, offer.residentId(), offer.householdId(), at, offer.expiresAt());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public void end(EngineAccess.Tx tx, Waitlist.Offer offer, Ending how, Instant at) {
    sql(tx, "ending the offer to " + offer.residentId(), c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE linli_waitlist_offer SET state = ?,"
          + " ended_at = ? WHERE waitlist_id = ? AND resident_id = ? AND state = 'OPEN'")) {
        bind(s, how.name(), at, id, offer.residentId());
        return expectOne(s.executeUpdate(), offer.residentId() + " held no open offer");
      }
    });
  }

  @Override
  public void publish(EngineAccess.Tx tx, BookingNotice notice) {
    BookingRequest seat = notice.request();
    int version = tx.ruleVersion(seat.resourceId());
    sql(tx, "writing the outbox row of " + notice.kind(), c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_booking_outbox"
          + " (created_at, kind, booking_id, resource_id, resident_id, rule_version, payload)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
        bind(s, notice.at(), notice.kind().name(), seat.id(), seat.resourceId(),
            notice.residentId(), version, payload(notice, version));
        return s.executeUpdate();
      }
    });
  }

  /** The outbox row's JSON for an offer notice: the seat as the request accepting would make. */
  private String payload(BookingNotice n, int version) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", n.kind().name());
    o.put("at", n.at().toString());
    o.put("residentId", n.residentId());
    o.put("waitlistId", id);
    o.put("deadline", n.deadline().toString());
    o.put("ruleVersion", version);
    RequestJson.write(o.putObject("seat"), n.request());
    return o.toString();
  }

  private static int expectOne(int rows, String otherwise) {
    if (rows != 1) {
      // Every step holds the waitlist's lock, so this is a bug or a hand-edited table.
      throw new IllegalStateException("waitlist tables out of step: " + otherwise);
    }
    return rows;
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

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getObject(column, OffsetDateTime.class).toInstant();
  }
}
