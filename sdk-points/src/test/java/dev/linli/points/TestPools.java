package dev.linli.points;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;

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
}
