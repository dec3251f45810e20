package dev.linli.scheduling.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** Connection pools for the PostgreSQL tests, as an application would configure them. */
public final class Pools {
  private Pools() {}

  /**
   * Returns a HikariCP pool over {@code connections}; closed with the test JVM.
   *
   * @param connections where connections come from
   * @param size the most connections open at once
   * @return the pool
   */
  public static DataSource of(DataSource connections, int size) {
    HikariConfig c = new HikariConfig();
    c.setDataSource(connections);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(0);
    c.setAutoCommit(true);
    return new HikariDataSource(c);
  }
}
