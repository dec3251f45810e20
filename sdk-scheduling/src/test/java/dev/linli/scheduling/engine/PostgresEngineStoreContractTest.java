package dev.linli.scheduling.engine;

import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import net.jqwik.api.PropertyDefaults;

/**
 * The engine-level store contract on PostgreSQL: one database, emptied before each engine; fewer random tries
 * than in memory, each a few hundred transactions, to keep the build near a minute.
 */
@PropertyDefaults(tries = 12)
class PostgresEngineStoreContractTest extends EngineStoreContract {
  private static final DataSource DB = database();

  private static DataSource database() {
    TestPostgres db = TestPostgres.newDatabase();
    BookingSchema.install(db.dataSource());
    return Pools.of(db.dataSource(), 4);
  }

  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE linli_booking, linli_booking_history, linli_no_show, linli_blackout,"
          + " linli_rule_set, linli_booking_outbox");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return builder.store(PostgresBookingStore.of(DB));
  }
}
