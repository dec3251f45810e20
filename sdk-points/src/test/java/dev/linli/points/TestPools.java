package dev.linli.points;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import java.time.Clock;
import javax.sql.DataSource;

/** Connection pools on test databases, as an application instance would have one. */
public final class TestPools {
  private TestPools() {}

  /**
   * Returns a new pool of at most {@code size} connections to {@code db}; close it when done.
   *
   * @param db the database
   * @param size the most connections
   * @return the pool
   */
  @SuppressWarnings("exports") // a test helper shared by the test packages, never exported
  public static HikariDataSource pool(TestPostgres db, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setPoolName("test-" + db.name());
    return new HikariDataSource(config);
  }

  /**
   * Installs the ledger's schema on {@code dataSource} and opens a ledger there with an unlimited
   * community pool {@code pool} and members {@code m0} to {@code m<members - 1>}, all in points.
   *
   * @param dataSource the database
   * @param members how many member accounts
   * @return the ledger
   */
  static PostgresLedger ledgerWithMembers(DataSource dataSource, int members) {
    PostgresLedger.installSchema(dataSource);
    PostgresLedger books = PostgresLedger.open(dataSource,
        Ledger.builder().clock(Clock.systemUTC()));
    books.ledger().createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    for (int i = 0; i < members; i++) {
      books.ledger().createAccount(Account.member("m" + i, "points"));
    }
    return books;
  }
}
