package dev.linli.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A PostgreSQL 14 server of a benchmark's own, durable as a production server is: {@code fsync} and
 * {@code synchronous_commit} on, so a commit returns after its WAL is flushed to disk. (The embedded
 * server starts with {@code -F}, fsync off, which suits the tests' shared {@link TestPostgres} but
 * would flatter every figure that includes a commit.) With the system property {@value #STATEMENTS}
 * set to {@code true} the server loads {@code pg_stat_statements} and {@link #printTopStatements}
 * reports where its time went. Not thread-safe to open or close; its data sources are.
 */
public final class BenchPostgres implements AutoCloseable {
  /** The system property that loads {@code pg_stat_statements} (pass it with {@code -jvmArgsAppend}). */
  public static final String STATEMENTS = "linli.bench.statements";
  /**
   * The system property with more server settings, {@code name=value} pairs separated by commas
   * (e.g. {@code wal_writer_delay=10ms}), set after the defaults above, for a run that measures a
   * tuned server beside the default one.
   */
  public static final String SERVER_CONFIG = "linli.bench.serverConfig";
  /** The system property that makes {@link #recycleWal} leave a fresh cluster's WAL as it is. */
  public static final String FRESH_WAL = "linli.bench.freshWal";

  private final EmbeddedPostgres server;

  private BenchPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts a server.
   *
   * @param sharedBuffers PostgreSQL's {@code shared_buffers}, e.g. {@code 256MB}
   * @return the running server; close it when done
   * @throws IOException if the server cannot start
   */
  public static BenchPostgres start(String sharedBuffers) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "100")
        .setServerConfig("shared_buffers", sharedBuffers);
    if (Boolean.getBoolean(STATEMENTS)) {
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }
    for (String setting : System.getProperty(SERVER_CONFIG, "").split(",")) {
      if (setting.isBlank()) {
        continue;
      }
      int eq = setting.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(SERVER_CONFIG + ": expected name=value pairs separated"
            + " by commas, got \"" + setting + "\"");
      }
      builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return new BenchPostgres(builder.start());
  }

  /**
   * Creates a database and returns a connection source on it (no pool).
   *
   * @param name the database's name
   * @return its data source
   * @throws SQLException if it cannot be created
   */
  public DataSource newDatabase(String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return server.getDatabase("postgres", name);
  }

  /**
   * The JDBC URL of a database on this server, for a pool that wants one.
   *
   * @param name the database's name
   * @return the URL, user {@code postgres}
   */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?user=postgres";
  }

  /**
   * Gives the server's WAL the shape it has on a server that has been running for a while: {@code
   * segments} WAL files of 16 MB written and then recycled by two checkpoints, so that new WAL
   * overwrites files the operating system already holds in its page cache. A fresh cluster's
   * {@code pg_wal} has a single file: every byte of its first gigabyte of WAL goes into a new file,
   * whose pages the kernel must first allocate. A running server recycles its old segments at
   * each checkpoint ({@code wal_recycle}, on by default) and keeps about {@code max_wal_size} of
   * them (1 GB, 64 files, by default). Skipped when the system property {@value #FRESH_WAL} is
   * {@code true}, for a run that measures the fresh cluster.
   *
   * @param segments how many WAL files to write before the checkpoints
   * @return how many WAL files {@code pg_wal} holds afterwards
   * @throws SQLException if the server refuses a step
   */
  public long recycleWal(int segments) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      if (!Boolean.getBoolean(FRESH_WAL)) {
        s.execute("CREATE TABLE linli_bench_wal (x integer)");
        // A switch needs WAL written since the last one, or it does nothing.
        for (int i = 0; i < segments; i++) {
          s.execute("INSERT INTO linli_bench_wal VALUES (1)");
          s.execute("SELECT pg_switch_wal()");
        }
        s.execute("DROP TABLE linli_bench_wal");
        // The first checkpoint's redo point is in the last segment; the second one can recycle
        // every segment before the first one's.
        s.execute("CHECKPOINT");
        s.execute("SELECT pg_switch_wal()");
        s.execute("CHECKPOINT");
      }
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_ls_waldir()")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /**
   * Prints to standard error the ten statements that took the most server time, from {@code
   * pg_stat_statements}: calls, milliseconds, rows and the start of the text. Does nothing unless
   * the {@value #STATEMENTS} property is set.
   *
   * @param dataSource a connection source on this server
   * @throws SQLException if the statistics cannot be read
   */
  public static void printTopStatements(DataSource dataSource) throws SQLException {
    if (!Boolean.getBoolean(STATEMENTS)) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      try (ResultSet r = s.executeQuery("SELECT calls, round(total_exec_time)::bigint, rows,"
          + " left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements"
          + " ORDER BY total_exec_time DESC LIMIT 10")) {
        while (r.next()) {
          System.err.printf("%9d calls %7d ms %10d rows  %s%n", r.getLong(1), r.getLong(2),
              r.getLong(3), r.getString(4));
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
