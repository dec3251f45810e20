package dev.linli.points;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The ceiling for a linked batch on PostgreSQL: the same transfer rows the ledger writes, inserted
 * into the same table with the same indexes, in one statement from arrays, and committed, with
 * none of the ledger's work (no account locks or updates, no checks, no SHA-256: the chain column
 * gets the row's sequence number); the statement is the ledger's own ({@link TransferRows}). Not thread-safe: one
 * connection, one caller.
 */
public final class BareTransferInsert implements AutoCloseable {
  private final Connection c;
  private final String prefix;
  private final int members;
  private long seq;
  /** Per account (the pool last): its last transfer's seq, its count, its debits and credits. */
  private final long[][] accounts;

  /** Installs the ledger's schema in {@code database} (an empty one) and opens a connection. */
  public BareTransferInsert(DataSource database, String prefix, int members) throws SQLException {
    PostgresLedger.installSchema(database);
    this.c = database.getConnection();
    this.c.setAutoCommit(false);
    this.prefix = prefix;
    this.members = members;
    this.accounts = new long[members + 1][4];
  }

  /** Inserts and commits {@code n} transfers pool → member; returns how many rows were written. */
  public int insert(int n) throws SQLException {
    TransferRows rows = new TransferRows(n);
    rows.firstSeq(seq + 1);
    ByteBuffer chain = ByteBuffer.allocate(32);
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < n; i++) {
      long s = ++seq;
      chain.putLong(0, s);
      int member = (int) (s % members);
      rows.set(i, prefix + s, "pool", "m" + member, 10L, "points", "earn", "", null, null,
          now + i, chain.array());
      long[] pool = accounts[members];
      long[] to = accounts[member];
      rows.accounts(i, pool[0], ++pool[1], pool[2] += 10, pool[3], to[0], ++to[1], to[2],
          to[3] += 10);
      pool[0] = s;
      to[0] = s;
    }
    try (PreparedStatement s = rows.prepare(c, "", 0, "")) {
      int written = s.executeUpdate();
      c.commit();
      return written;
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
