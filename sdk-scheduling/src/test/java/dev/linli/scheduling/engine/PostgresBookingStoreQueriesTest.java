package dev.linli.scheduling.engine;

import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.Resource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** The store's queries, one by one ({@link BookingStoreContract}), on PostgreSQL. */
class PostgresBookingStoreQueriesTest extends BookingStoreContract {
  private static final DataSource DB = database();

  private static DataSource database() {
    TestPostgres db = TestPostgres.newDatabase();
    BookingSchema.install(db.dataSource());
    return Pools.of(db.dataSource(), 2);
  }

  @Override
  BookingStore newStore(Map<String, Resource> resources) {
    try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE linli_booking, linli_booking_history, linli_no_show, linli_blackout,"
          + " linli_rule_set, linli_booking_outbox");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresBookingStore.of(DB).open(resources);
  }
}
