package dev.linli.core.internal.sql;

import dev.linli.core.StorageException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs a unit of store work in one PostgreSQL transaction, and takes the advisory locks that
 * serialise decisions across application instances.
 *
 * <p>A transaction of our own is retried (whole, from a fresh read, after a short randomised pause
 * that grows with each attempt, up to 32 attempts) when PostgreSQL reports a serialization failure
 * or a deadlock, so callers see the answer a serial execution would give.
 * Work that joins the caller's transaction is never committed, rolled back or retried here: the
 * caller owns it.
 */
public final class Transactions {
  private static final int MAX_ATTEMPTS = 32;
  /** Longest pause between two attempts; pauses grow from 1 ms, randomised so losers spread out. */
  private static final long MAX_BACKOFF_MILLIS = 64;

  /** Work done on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param connection a connection with auto-commit off, inside the transaction
     * @return the result
     * @throws SQLException if a statement fails
     */
    T run(Connection connection) throws SQLException;
  }

  private Transactions() {}

  /**
   * Runs {@code work} in a new transaction, committing on success and rolling back on any failure.
   *
   * @param dataSource where to get the connection
   * @param doing what the work is, for error messages ("booking b-1 on room-1")
   * @param work the work
   * @param <T> the result type
   * @return the work's result, once committed
   * @throws StorageException if the database fails for a reason other than a retryable conflict, or
   *     keeps conflicting; the transaction is rolled back
   */
  public static <T> T run(DataSource dataSource, String doing, Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException e) {
          rollbackQuietly(c, e);
          if (!retryable(e)) {
            throw e;
          }
          last = e;
          backOff(attempt, e);
        } catch (RuntimeException | Error e) {
          rollbackQuietly(c, e);
          throw e;
        }
      } catch (SQLException e) {
        throw StorageException.failed(doing, e);
      }
    }
    throw StorageException.failed(doing + " (after " + MAX_ATTEMPTS + " attempts)", last);
  }

  /**
   * Runs {@code work} inside the caller's open transaction: nothing is committed or rolled back
   * here, so the work's rows commit or roll back with the caller's own.
   *
   * @param connection the caller's connection, auto-commit off
   * @param doing what the work is, for error messages
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   * @throws StorageException if a statement fails (the caller's transaction is then aborted and
   *     must be rolled back), or the connection is in auto-commit mode
   */
  public static <T> T join(Connection connection, String doing, Work<T> work) {
    try {
      if (connection.getAutoCommit()) {
        throw new StorageException("storage-failed", doing + ": the caller's connection is in"
            + " auto-commit mode; begin a transaction (setAutoCommit(false)) before passing it", null);
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw StorageException.failed(doing, e);
    }
  }

  /**
   * Takes transaction-scoped advisory locks on the given keys, in ascending order so that two
   * transactions locking overlapping sets never deadlock; they are released at commit or rollback.
   *
   * @param connection the transaction's connection
   * @param keys the lock keys (see {@link #lockKey}); duplicates are taken once
   * @throws SQLException if the database fails
   */
  public static void lock(Connection connection, long... keys) throws SQLException {
    long[] sorted = Arrays.stream(keys).distinct().sorted().toArray();
    if (sorted.length == 0) {
      return;
    }
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      for (long k : sorted) {
        s.setLong(1, k);
        s.execute();
      }
    }
  }

  /**
   * A stable 64-bit advisory-lock key for something a decision serialises on, such as
   * {@code lockKey("resource", "room-1")}: the first eight bytes of the SHA-256 of the namespace
   * and name. Two different names share a key only by a 2<sup>-64</sup> accident, which costs
   * concurrency, never correctness.
   *
   * @param namespace what kind of thing, e.g. {@code "resource"} or {@code "household"}
   * @param name its id
   * @return the key
   */
  public static long lockKey(String namespace, String name) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest((namespace + '\u0000' + name).getBytes(StandardCharsets.UTF_8));
      long k = 0;
      for (int i = 0; i < 8; i++) {
        k = (k << 8) | (h[i] & 0xff);
      }
      return k;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void backOff(int attempt, SQLException cause) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StorageException.failed("waiting to retry after a conflict (interrupted)", cause);
    }
  }

  /** Serialization failure, deadlock: PostgreSQL asks the client to retry the transaction. */
  static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}
