package dev.linli.scheduling.course;

import dev.linli.core.StorageException;
import dev.linli.scheduling.internal.EngineAccess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's waitlist in {@code linli_class_waitlist} ({@code V4__ballots_classes.sql}), shared by
 * every instance on the database. Rows are never deleted: a row leaves the queue as
 * {@code ENROLLED} or {@code LEFT} with the time. Holds no state; thread-safe.
 */
final class JdbcClassQueue implements ClassQueue {
  private final String classId;

  JdbcClassQueue(String classId) {
    this.classId = classId;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T sql(EngineAccess.Tx tx, String doing, Sql<T> body) {
    Connection c = tx.connection().orElseThrow(() -> new IllegalStateException(
        "a PostgreSQL class waitlist on an engine without a database"));
    try {
      return body.run(c);
    } catch (SQLException e) {
      throw StorageException.failed(doing + " (class " + classId + ")", e);
    }
  }

  @Override
  public List<Course.Waiting> waiting(EngineAccess.Tx tx) {
    return sql(tx, "reading the class waitlist", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT resident_id, household_id, joined_at,"
          + " sequence FROM linli_class_waitlist WHERE class_id = ? AND state = 'WAITING'"
          + " ORDER BY sequence")) {
        s.setString(1, classId);
        List<Course.Waiting> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(new Course.Waiting(r.getString(1), r.getString(2),
                r.getObject(3, OffsetDateTime.class).toInstant(), r.getLong(4)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void join(EngineAccess.Tx tx, String residentId, String householdId, Instant at) {
    sql(tx, "joining the class waitlist", c -> {
      // A resident who left the queue earlier joins again at its end.
      try (PreparedStatement s = c.prepareStatement("INSERT INTO linli_class_waitlist (class_id,"
          + " resident_id, household_id, sequence, joined_at, state) VALUES (?, ?, ?,"
          + " (SELECT COALESCE(MAX(sequence) + 1, 0) FROM linli_class_waitlist WHERE class_id = ?),"
          + " ?, 'WAITING') ON CONFLICT (class_id, resident_id) DO UPDATE SET"
          + " household_id = EXCLUDED.household_id, sequence = EXCLUDED.sequence,"
          + " joined_at = EXCLUDED.joined_at, state = 'WAITING', ended_at = NULL")) {
        s.setString(1, classId);
        s.setString(2, residentId);
        s.setString(3, householdId);
        s.setString(4, classId);
        s.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void end(EngineAccess.Tx tx, String residentId, Ending how, Instant at) {
    sql(tx, "ending a class waitlist entry", c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE linli_class_waitlist SET state = ?,"
          + " ended_at = ? WHERE class_id = ? AND resident_id = ? AND state = 'WAITING'")) {
        s.setString(1, how.name());
        s.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        s.setString(3, classId);
        s.setString(4, residentId);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Instant precise(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }
}
