package dev.linli.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.linli.core.InvalidValueException;
import javax.sql.DataSource;

/** The CLI's {@code --db}: a small connection pool on a PostgreSQL JDBC URL, closed when done. */
final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects to {@code url}.
   *
   * @param url a {@code jdbc:postgresql:} URL (user and password as URL parameters)
   * @param connections the most connections the command needs
   * @return the open database
   * @throws InvalidValueException if the URL is not a PostgreSQL URL or no connection can be made
   */
  static Database open(String url, int connections) {
    InvalidValueException.check(url.startsWith("jdbc:postgresql:"), "--db", url,
        "must be a PostgreSQL JDBC URL, such as jdbc:postgresql://localhost:5432/linli?user=linli");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(0);
    config.setPoolName("linli-cli");
    config.setInitializationFailTimeout(10_000);
    try {
      return new Database(new HikariDataSource(config));
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new InvalidValueException("--db", url.replaceAll("password=[^&]*", "password=…"),
          "cannot be reached: " + cause.getMessage());
    }
  }

  DataSource source() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
