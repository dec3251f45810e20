package dev.linli.core.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linli.core.StorageException;
import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TransactionsTest {
  @Test
  void run_failure_rollsBackEverything() throws SQLException {
    DataSource ds = counterTable();
    assertThrows(IllegalStateException.class, () -> Transactions.run(ds, "bump", c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE counter SET n = n + 1");
      }
      throw new IllegalStateException("boom");
    }));
    assertEquals(0, count(ds));
  }

  @Test
  void run_sqlError_isStorageExceptionNamingTheWork() {
    DataSource ds = counterTable();
    StorageException e = assertThrows(StorageException.class, () -> Transactions.run(ds, "counting things",
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM no_such_table");
          }
          return null;
        }));
    assertEquals("42P01", e.sqlState());
    assertEquals(true, e.getMessage().startsWith("counting things failed (SQLSTATE 42P01)"), e.getMessage());
  }

  @Test
  void run_serializationFailures_areRetriedToTheSerialAnswer() throws Exception {
    // 16 threads each read-modify-write the counter at SERIALIZABLE: PostgreSQL aborts the losers
    // with 40001 and Transactions retries them, so no increment is lost.
    DataSource ds = counterTable();
    AtomicInteger attempts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Integer>> work = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        work.add(() -> Transactions.run(ds, "increment", c -> {
          attempts.incrementAndGet();
          c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
          int n;
          try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM counter")) {
            r.next();
            n = r.getInt(1);
          }
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.005)");
          }
          try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE counter SET n = " + (n + 1));
          } catch (RuntimeException e) {
            throw e;
          }
          return n;
        }));
      }
      for (Future<Integer> f : pool.invokeAll(work)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(16, count(ds));
    assertNotEquals(16, attempts.get(), "the test must provoke at least one serialization failure");
  }

  @Test
  void join_autoCommitConnection_refused() throws SQLException {
    DataSource ds = counterTable();
    try (Connection c = ds.getConnection()) {
      StorageException e = assertThrows(StorageException.class, () -> Transactions.join(c, "x", k -> 1));
      assertEquals(true, e.getMessage().contains("auto-commit"), e.getMessage());
    }
  }

  @Test
  void join_callerRollsBack_workIsGone() throws SQLException {
    DataSource ds = counterTable();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Transactions.join(c, "bump", k -> {
        try (Statement s = k.createStatement()) {
          return s.executeUpdate("UPDATE counter SET n = n + 1");
        }
      });
      c.rollback();
    }
    assertEquals(0, count(ds));
  }

  @Test
  void lockKey_isStableAndSeparatesNamespaces() {
    assertEquals(Transactions.lockKey("resource", "room-1"), Transactions.lockKey("resource", "room-1"));
    assertNotEquals(Transactions.lockKey("resource", "room-1"), Transactions.lockKey("household", "room-1"));
    assertNotEquals(Transactions.lockKey("resource", "room-1"), Transactions.lockKey("resource", "room-2"));
  }

  private static DataSource counterTable() {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (0)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ds;
  }

  private static int count(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT n FROM counter")) {
      r.next();
      return r.getInt(1);
    }
  }
}
