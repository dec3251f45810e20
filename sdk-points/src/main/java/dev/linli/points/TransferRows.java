package dev.linli.points;

import dev.linli.points.internal.TransferChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * New rows of {@code linli_ledger_transfers} as columns, inserted by one statement that unnests
 * them. What the server would otherwise parse once per row is sent once per statement: a column
 * whose value is the same in every row (the pool that pays a whole batch, its asset, code, empty
 * user data, no operator) is a single parameter; sequence numbers are the first one plus each row's
 * position; the chain hashes travel as one binary value of 32 bytes a row instead of an array of
 * hexadecimal text. Each row also links both of its accounts to their previous transfer and
 * counts their transfers; every {@link TransferChain#MILESTONE}th transfer of an account carries the account's
 * totals after it (the per-account history that statements and as-of balances walk, schema V4).
 * Not thread-safe: filled and bound by one caller.
 */
final class TransferRows {
  /**
   * The SQL types of the columns that may be sent once, in table order: debit and credit account,
   * amount, asset, code, user data, reverses, operator.
   */
  private static final String[] TYPES = {
    "text", "text", "bigint", "text", "text", "text", "text", "text"};
  private static final int AMOUNT = 2;

  private final int size;
  private final String[] ids;
  /** The columns of {@link #TYPES}: {@code String[]}, or {@code Long[]} for the amount. */
  private final Object[][] columns;
  private final Long[] at;
  private final byte[] chains;
  /** Per side (debit, credit): previous seq, count, and the account's debits and credits. */
  private final Long[][] links;
  private long firstSeq;

  /** Room for {@code size} rows (at least one). */
  TransferRows(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("rows: at least one, got " + size);
    }
    this.size = size;
    this.ids = new String[size];
    this.columns = new Object[TYPES.length][];
    for (int k = 0; k < TYPES.length; k++) {
      columns[k] = k == AMOUNT ? new Long[size] : new String[size];
    }
    this.at = new Long[size];
    this.chains = new byte[size * TransferChain.HASH_BYTES];
    this.links = new Long[8][size];
  }

  /** The sequence number of row 0; row {@code i} gets {@code seq + i}. */
  void firstSeq(long seq) {
    this.firstSeq = seq;
  }

  /** Sets row {@code i} to transfer {@code t} with its 32-byte chain hash. */
  void set(int i, Transfer t, byte[] chain) {
    set(i, t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(), t.asset(), t.code(),
        t.userData(), t.reverses(), t.operator(), TransferChain.exactNanos(t.timestamp()), chain);
  }

  /** Sets row {@code i} field by field ({@code atNs}: nanoseconds since the epoch). */
  void set(int i, String id, String debit, String credit, long amount, String asset, String code,
      String userData, String reverses, String operator, long atNs, byte[] chain) {
    if (chain.length != TransferChain.HASH_BYTES) {
      throw new IllegalArgumentException("chain: 32 bytes, got " + chain.length);
    }
    ids[i] = id;
    Object[] row = {debit, credit, amount, asset, code, userData, reverses, operator};
    for (int k = 0; k < TYPES.length; k++) {
      columns[k][i] = row[k];
    }
    at[i] = atNs;
    System.arraycopy(chain, 0, chains, i * TransferChain.HASH_BYTES, TransferChain.HASH_BYTES);
  }

  /**
   * Sets row {@code i}'s links: for its debit and then its credit account, the seq of the
   * account's previous transfer (0: none), how many transfers the account has with this one, and
   * its debits and credits after this one (stored only at a milestone).
   */
  void accounts(int i, long debitPrevious, long debitCount, long debitDebits, long debitCredits,
      long creditPrevious, long creditCount, long creditDebits, long creditCredits) {
    link(i, 0, debitPrevious, debitCount, debitDebits, debitCredits);
    link(i, 4, creditPrevious, creditCount, creditDebits, creditCredits);
  }

  private void link(int i, int side, long previous, long count, long debits, long credits) {
    if (count < 1 || previous < 0) {
      throw new IllegalArgumentException("row " + i + ": count " + count + ", previous " + previous);
    }
    boolean milestone = count % TransferChain.MILESTONE == 0;
    links[side][i] = previous == 0 ? null : previous;
    links[side + 1][i] = count;
    links[side + 2][i] = milestone ? debits : null;
    links[side + 3][i] = milestone ? credits : null;
  }

  /** Whether {@code column} holds one value (null included) in every row. */
  private boolean uniform(Object[] column) {
    Object first = column[0];
    for (int i = 1; i < size; i++) {
      if (!Objects.equals(first, column[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * A prepared INSERT of these rows, bound; {@code prefix} (SQL before {@code INSERT}, e.g. a
   * {@code WITH}) has {@code prefixParameters} parameters that the caller binds, and {@code suffix}
   * (e.g. a {@code WHERE}) has none.
   */
  PreparedStatement prepare(Connection c, String prefix, int prefixParameters, String suffix)
      throws SQLException {
    boolean[] once = new boolean[TYPES.length];
    for (int k = 0; k < once.length; k++) {
      once[k] = uniform(columns[k]);
    }
    StringBuilder select = new StringBuilder(
        "INSERT INTO linli_ledger_transfers (id, seq, debit_account_id, credit_account_id, amount,"
        + " asset, code, user_data, reverses, operator, at_ns, chain, debit_prev, debit_n,"
        + " debit_account_debits, debit_account_credits, credit_prev, credit_n,"
        + " credit_account_debits, credit_account_credits) SELECT x.i, ?::bigint + x.n - 1");
    // The arrays are unnested side by side in a select list, not as a function in FROM: the
    // server then streams the rows instead of first copying them all into a tuple store.
    StringBuilder arrays = new StringBuilder(" FROM (SELECT unnest(?::text[]) AS i,"
        + " unnest(?::bigint[]) AS t");
    for (int k = 0; k < 8; k++) {
      arrays.append(", unnest(?::bigint[]) AS l").append(k);
    }
    for (int k = 0; k < TYPES.length; k++) {
      if (once[k]) {
        select.append(", ?::").append(TYPES[k]);
      } else {
        select.append(", x.c").append(k);
        arrays.append(", unnest(?::").append(TYPES[k]).append("[]) AS c").append(k);
      }
    }
    select.append(", x.t, substring(?::bytea FROM (x.n::int - 1) * 32 + 1 FOR 32),"
        + " x.l0, x.l1, x.l2, x.l3, x.l4, x.l5, x.l6, x.l7");
    arrays.append(", generate_series(1, ?::int) AS n) AS x");
    String sql = prefix + select + arrays + suffix;
    PreparedStatement s = c.prepareStatement(sql);
    try {
      int p = prefixParameters + 1;
      s.setLong(p++, firstSeq);
      for (int k = 0; k < TYPES.length; k++) {
        if (!once[k]) {
          continue;
        }
        if (k == AMOUNT) {
          s.setLong(p++, (Long) columns[k][0]);
        } else {
          s.setString(p++, (String) columns[k][0]);
        }
      }
      s.setBytes(p++, chains);
      s.setArray(p++, c.createArrayOf("text", ids));
      s.setArray(p++, c.createArrayOf("bigint", at));
      for (Long[] link : links) {
        s.setArray(p++, c.createArrayOf("bigint", link));
      }
      for (int k = 0; k < TYPES.length; k++) {
        if (!once[k]) {
          s.setArray(p++, c.createArrayOf(TYPES[k], columns[k]));
        }
      }
      s.setInt(p, size);
      return s;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }
}
