package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The booking tables on a real PostgreSQL: installed once, and the exclusion constraint holds. */
class BookingSchemaTest {
  private static DataSource db;

  @BeforeAll
  static void database() {
    db = TestPostgres.newDatabase().dataSource();
  }

  @Test
  void install_twice_secondIsNoOp_andEveryTableExists() throws SQLException {
    List<String> first = BookingSchema.install(db);
    List<String> second = BookingSchema.install(db);
    assertTrue(first.equals(List.of("1", "2", "3", "4")) || first.isEmpty(), first.toString());
    assertEquals(List.of(), second);
    List<String> tables = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_name LIKE 'linli_%' ORDER BY table_name")) {
      while (r.next()) {
        tables.add(r.getString(1));
      }
    }
    assertEquals(List.of("linli_blackout", "linli_booking", "linli_booking_history",
        "linli_booking_outbox", "linli_booking_reminder", "linli_class_waitlist", "linli_no_show",
        "linli_rule_set", "linli_schema_history",
        "linli_waitlist", "linli_waitlist_entry", "linli_waitlist_offer"), tables);
  }

  @Test
  void exclusiveResource_overlappingActiveRows_refusedAtCommit_backToBackAndCancelledAllowed()
      throws SQLException {
    BookingSchema.install(db);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(row("x-1", "room-x", "09:00", "10:00", "CONFIRMED", true));
      // back to back: half-open intervals abut
      s.execute(row("x-2", "room-x", "10:00", "11:00", "CONFIRMED", true));
      // overlapping, but cancelled: holds no time
      s.execute(row("x-3", "room-x", "09:30", "10:30", "CANCELLED", true));
      // overlapping on a shared (non-exclusive) resource: capacity is the engine's business
      s.execute(row("y-1", "hall-y", "09:00", "10:00", "CONFIRMED", false));
      s.execute(row("y-2", "hall-y", "09:30", "10:30", "CONFIRMED", false));
      SQLException e = assertThrows(SQLException.class,
          () -> s.execute(row("x-4", "room-x", "09:30", "10:30", "CONFIRMED", true)));
      assertEquals("23P01", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void exclusiveResource_constraintDeferred_bumpMayInsertBeforeItCancels() throws SQLException {
    BookingSchema.install(db);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(row("z-1", "room-z", "09:00", "10:00", "CONFIRMED", true));
        s.execute(row("z-2", "room-z", "09:00", "10:00", "CONFIRMED", true));
        s.execute("UPDATE linli_booking SET status = 'CANCELLED', holds_time = false"
            + " WHERE id = 'z-1'");
      }
      c.commit();
      c.setAutoCommit(true);
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(row("z-3", "room-z", "09:30", "09:45", "CONFIRMED", true));
      }
      SQLException e = assertThrows(SQLException.class, c::commit);
      assertEquals("23P01", e.getSQLState(), e.getMessage());
    }
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT string_agg(id, ',' ORDER BY id) FROM linli_booking"
            + " WHERE resource_id = 'room-z' AND holds_time")) {
      r.next();
      assertEquals("z-2", r.getString(1));
    }
  }

  private static String row(String id, String resource, String from, String to, String status,
      boolean exclusive) {
    String start = "'2026-12-07 " + from + "+08'";
    String end = "'2026-12-07 " + to + "+08'";
    boolean holds = !status.equals("CANCELLED");
    return "INSERT INTO linli_booking (id, resource_id, resident_id, household_id, start_at, end_at,"
        + " seats, status, holds_time, exclusive, blocked, accepted_at, rule_version, updated_at)"
        + " VALUES ('" + id + "', '" + resource + "', 'r', 'h', " + start + ", " + end + ", 1, '"
        + status + "', " + holds + ", " + exclusive + ", tstzrange(" + start + ", " + end + "),"
        + " now(), 0, now())";
  }
}
