package dev.linli.scheduling.waitlist;

import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.engine.BookingSchema;
import dev.linli.scheduling.engine.Pools;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A test database with the booking and waitlist tables, pools on it, and raw reads of its rows. */
final class WaitlistDatabase {
  final TestPostgres db;

  private WaitlistDatabase(TestPostgres db) {
    this.db = db;
  }

  /** A fresh database with the schema installed. */
  static WaitlistDatabase create() {
    TestPostgres db = TestPostgres.newDatabase();
    BookingSchema.install(db.dataSource());
    return new WaitlistDatabase(db);
  }

  /** A HikariCP pool of its own, as one application instance would have. */
  DataSource pool(int size) {
    return Pools.of(db.dataSource(), size);
  }

  /** Empties every table of the booking engine and its waitlists. */
  void truncate() {
    execute("TRUNCATE linli_booking, linli_booking_history, linli_no_show, linli_blackout,"
        + " linli_rule_set, linli_booking_outbox, linli_waitlist, linli_waitlist_entry,"
        + " linli_waitlist_offer");
  }

  void execute(String sql) {
    db.execute(sql);
  }

  /** The rows of a query, each as its columns' text joined by {@code |}. */
  List<String> rows(String sql, Object... args) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          StringBuilder row = new StringBuilder();
          for (int k = 1; k <= n; k++) {
            row.append(k > 1 ? "|" : "").append(r.getString(k));
          }
          out.add(row.toString());
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** One number a query returns. */
  long count(String sql, Object... args) {
    return Long.parseLong(rows(sql, args).get(0));
  }
}
