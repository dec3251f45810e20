package dev.linli.points;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * The ceiling for a linked batch on PostgreSQL: the same transfer rows the ledger writes, inserted
 * into the same table with the same indexes, in one statement from arrays, and committed, with
 * none of the ledger's work (no account locks or updates, no checks, no SHA-256: the chain column
 * gets the row's sequence number); the statement is the ledger's own. Not thread-safe: one
 * connection, one caller.
 */
public final class BareTransferInsert implements AutoCloseable {
  private final Connection c;
  private final String prefix;
  private final int members;
  private long seq;

  /** Installs the ledger's schema in {@code database} (an empty one) and opens a connection. */
  public BareTransferInsert(DataSource database, String prefix, int members) throws SQLException {
    PostgresLedger.installSchema(database);
    this.c = database.getConnection();
    this.c.setAutoCommit(false);
    this.prefix = prefix;
    this.members = members;
  }

  /** Inserts and commits {@code n} transfers pool → member; returns how many rows were written. */
  public int insert(int n) throws SQLException {
    String[] ids = new String[n];
    Long[] seqs = new Long[n];
    String[] debit = new String[n];
    String[] credit = new String[n];
    Long[] amount = new Long[n];
    String[] asset = new String[n];
    String[] code = new String[n];
    String[] userData = new String[n];
    String[] none = new String[n];
    Long[] at = new Long[n];
    String[] chain = new String[n];
    HexFormat hex = HexFormat.of();
    ByteBuffer bytes = ByteBuffer.allocate(32);
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < n; i++) {
      long s = ++seq;
      ids[i] = prefix + s;
      seqs[i] = s;
      debit[i] = "pool";
      credit[i] = "m" + (s % members);
      amount[i] = 10L;
      asset[i] = "points";
      code[i] = "earn";
      userData[i] = "";
      at[i] = now + i;
      bytes.clear();
      bytes.putLong(0, s);
      chain[i] = hex.formatHex(bytes.array());
    }
    try (PreparedStatement s = c.prepareStatement(SqlLedgerStore.INSERT_TRANSFERS)) {
      s.setArray(1, c.createArrayOf("text", ids));
      s.setArray(2, c.createArrayOf("bigint", seqs));
      s.setArray(3, c.createArrayOf("text", debit));
      s.setArray(4, c.createArrayOf("text", credit));
      s.setArray(5, c.createArrayOf("bigint", amount));
      s.setArray(6, c.createArrayOf("text", asset));
      s.setArray(7, c.createArrayOf("text", code));
      s.setArray(8, c.createArrayOf("text", userData));
      s.setArray(9, c.createArrayOf("text", none));
      s.setArray(10, c.createArrayOf("text", none));
      s.setArray(11, c.createArrayOf("bigint", at));
      s.setArray(12, c.createArrayOf("text", chain));
      int rows = s.executeUpdate();
      c.commit();
      return rows;
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
