package dev.linli.points;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The baseline every ledger in a database has to beat: a table of balances where a transfer reads
 * the debit balance, checks it, and writes the new balances it computed, in one READ COMMITTED
 * transaction with no row locks. Correct alone; under concurrency two transfers read the same
 * balance and the second write wins, so points are created (lost updates) or spent twice. Test and
 * benchmark code only.
 */
public final class NaiveTableLedger {
  private final DataSource dataSource;

  /**
   * Creates the baseline's table if it is missing.
   *
   * @param dataSource the database
   */
  public NaiveTableLedger(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS naive_accounts (id text PRIMARY KEY,"
          + " balance bigint NOT NULL, unlimited boolean NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens an account with a zero balance. */
  public void open(String id, boolean unlimited) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO naive_accounts (id, balance, unlimited) VALUES (?, 0, ?)")) {
      s.setString(1, id);
      s.setBoolean(2, unlimited);
      s.executeUpdate();
    }
  }

  /**
   * Moves {@code amount} from one account to another if the debit balance allows it.
   *
   * @return whether the transfer was accepted (false also when PostgreSQL aborted it as a deadlock)
   */
  public boolean transfer(String from, String to, long amount) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try (PreparedStatement read = c.prepareStatement(
              "SELECT balance, unlimited FROM naive_accounts WHERE id = ?");
          PreparedStatement write = c.prepareStatement(
              "UPDATE naive_accounts SET balance = ? WHERE id = ?")) {
        read.setString(1, from);
        long fromBalance;
        boolean unlimited;
        try (ResultSet r = read.executeQuery()) {
          r.next();
          fromBalance = r.getLong(1);
          unlimited = r.getBoolean(2);
        }
        if (!unlimited && fromBalance < amount) {
          c.rollback();
          return false;
        }
        read.setString(1, to);
        long toBalance;
        try (ResultSet r = read.executeQuery()) {
          r.next();
          toBalance = r.getLong(1);
        }
        // Written in id order, the one precaution such code usually has: it avoids deadlocks,
        // not lost updates.
        boolean fromFirst = from.compareTo(to) < 0;
        write.setLong(1, fromFirst ? fromBalance - amount : toBalance + amount);
        write.setString(2, fromFirst ? from : to);
        write.executeUpdate();
        write.setLong(1, fromFirst ? toBalance + amount : fromBalance - amount);
        write.setString(2, fromFirst ? to : from);
        write.executeUpdate();
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        if ("40P01".equals(e.getSQLState())) {
          return false; // it updates in request order, so PostgreSQL breaks its deadlocks
        }
        throw e;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Returns every balance by account id. */
  public Map<String, Long> balances() throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, balance FROM naive_accounts")) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }
}
