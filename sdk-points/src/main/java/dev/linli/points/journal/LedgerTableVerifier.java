package dev.linli.points.journal;

import dev.linli.core.StorageException;
import dev.linli.points.Transfer;
import dev.linli.points.internal.TransferChain;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Checks the PostgreSQL ledger's tables (docs/formats.md §13) from one consistent snapshot, changing
 * nothing: every transfer row's chain hash from its fields and the row before it, that positions run
 * 1, 2, 3 … without a gap, that the chain head names the last row, that every account's stored
 * totals equal the sums of its transfers and pending holds, and optionally that the chain still
 * contains what a {@link Checkpoint} covered, signed by the expected key. It names the first bad row.
 *
 * <p>What it catches: an altered field of any transfer (its hash no longer matches), a deleted row
 * (a gap, or the head naming more rows than there are), a row inserted without rewriting the chain,
 * altered balances. What it cannot catch alone: someone with write access who rewrites every hash
 * after the change and the head with it; a checkpoint kept elsewhere (signed, so it cannot be
 * forged too) catches that, for the rows it covers. Thread-safe (stateless).
 *
 * @since 0.2.0
 */
public final class LedgerTableVerifier {
  private static final HexFormat HEX = HexFormat.of();

  private LedgerTableVerifier() {}

  /**
   * Checks the tables against themselves.
   *
   * @param dataSource the ledger's database, not null
   * @return intact, or the first bad row
   * @throws StorageException if the database cannot be read
   */
  public static Verification verify(DataSource dataSource) {
    return verify(dataSource, null, null);
  }

  /**
   * Checks the tables against themselves and against {@code checkpoint}.
   *
   * @param dataSource the ledger's database, not null
   * @param checkpoint a checkpoint made earlier by {@link #checkpoint}, or null
   * @param key the key the checkpoint must be signed with, or null to accept it unsigned
   * @return intact, or the first bad row
   * @throws StorageException if the database cannot be read
   */
  public static Verification verify(DataSource dataSource, Checkpoint checkpoint,
      PublicKey key) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (checkpoint != null && key != null && !checkpoint.isSignedBy(key)) {
      return Verification.Broken.atRow(0, "checkpoint",
          "the checkpoint is not validly signed by the given key (forged or altered checkpoint)");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return verify(c, checkpoint);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw StorageException.failed("verifying the ledger's tables", e);
    }
  }

  private static Verification verify(Connection c, Checkpoint checkpoint)
      throws SQLException {
    long headSeq;
    byte[] headChain;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq, chain FROM linli_ledger_chain WHERE id = 1")) {
      if (!r.next()) {
        return Verification.Broken.atRow(0, "chain head", "the chain head row is missing");
      }
      headSeq = r.getLong(1);
      headChain = r.getBytes(2);
    }
    Map<String, long[]> sums = new HashMap<>();
    MessageDigest sha = TransferChain.sha256();
    byte[] chain = new byte[TransferChain.HASH_BYTES];
    long expected = 1;
    String hashAtCheckpoint = null;
    // The first transfer naming each account: the tables keep no foreign key from transfers to
    // accounts (schema V3), so a transfer naming no account is found here instead.
    Map<String, Object[]> firstUse = new HashMap<>();
    // Each account's history links as the rows so far imply them (schema V4).
    Map<String, AccountLinks> links = new HashMap<>();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet r = s.executeQuery("SELECT seq, id, debit_account_id, credit_account_id,"
          + " amount, asset, code, user_data, reverses, operator, at_ns, chain, debit_prev,"
          + " debit_n, debit_account_debits, debit_account_credits, credit_prev, credit_n,"
          + " credit_account_debits, credit_account_credits"
          + " FROM linli_ledger_transfers ORDER BY seq")) {
        while (r.next()) {
          long seq = r.getLong(1);
          String id = r.getString(2);
          if (seq != expected) {
            return Verification.Broken.atRow(expected, "transfer at seq " + expected,
                "the row is missing (deleted): the next row is seq " + seq + " (transfer " + id
                + ")");
          }
          Transfer t = new Transfer(id, r.getString(3), r.getString(4), r.getLong(5),
              r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
              TransferChain.instant(r.getLong(11)));
          byte[] computed = TransferChain.next(sha, chain, seq, t);
          if (!Arrays.equals(computed, r.getBytes(12))) {
            return Verification.Broken.atRow(seq, "transfer " + id, "its chain hash does not"
                + " match its fields and the row before it (the row was altered, or inserted)");
          }
          chain = computed;
          String wrong = links.computeIfAbsent(t.debitAccountId(), k -> new AccountLinks())
              .follow(seq, t.amount(), 0, r.getLong(11), r, 13);
          if (wrong == null) {
            wrong = links.computeIfAbsent(t.creditAccountId(), k -> new AccountLinks())
                .follow(seq, 0, t.amount(), r.getLong(11), r, 17);
          }
          if (wrong != null) {
            return Verification.Broken.atRow(seq, "transfer " + id, wrong + " (the history"
                + " columns were altered; statements and as-of balances would be wrong)");
          }
          if (checkpoint != null && seq == checkpoint.records()) {
            hashAtCheckpoint = HEX.formatHex(chain);
          }
          sums.computeIfAbsent(t.debitAccountId(), k -> new long[4])[0] += t.amount();
          sums.computeIfAbsent(t.creditAccountId(), k -> new long[4])[1] += t.amount();
          firstUse.putIfAbsent(t.debitAccountId(), new Object[] {seq, id});
          firstUse.putIfAbsent(t.creditAccountId(), new Object[] {seq, id});
          expected++;
        }
      }
    }
    long count = expected - 1;
    if (headSeq != count || !Arrays.equals(headChain, chain)) {
      return Verification.Broken.atRow(Math.min(headSeq, count + 1), "chain head",
          "the head says " + headSeq + " transfers ending in " + HEX.formatHex(headChain)
          + " but the table holds " + count + " ending in " + HEX.formatHex(chain)
          + (headSeq > count ? " (rows were removed at the end)" : " (the head was altered)"));
    }
    if (checkpoint != null) {
      if (count < checkpoint.records()) {
        return Verification.Broken.atRow(count + 1, "checkpoint", "the table holds " + count
            + " transfers but the checkpoint of " + checkpoint.time() + " covers "
            + checkpoint.records() + " (rows were removed)");
      }
      if (!checkpoint.hash().equals(hashAtCheckpoint)) {
        return Verification.Broken.atRow(checkpoint.records(), "checkpoint", "the chain hash at"
            + " seq " + checkpoint.records() + " is " + hashAtCheckpoint + " but the checkpoint"
            + " says " + checkpoint.hash() + " (rows up to it were rewritten)");
      }
    }
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT debit_account_id, credit_account_id, amount FROM linli_ledger_holds"
        + " WHERE state = 'PENDING'")) {
      while (r.next()) {
        sums.computeIfAbsent(r.getString(1), k -> new long[4])[2] += r.getLong(3);
        sums.computeIfAbsent(r.getString(2), k -> new long[4])[3] += r.getLong(3);
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT id, debits, credits, debits_pending,"
        + " credits_pending, last_seq, transfers FROM linli_ledger_accounts ORDER BY id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        firstUse.remove(id);
        long[] want = sums.getOrDefault(id, new long[4]);
        long[] got = {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)};
        if (!Arrays.equals(want, got)) {
          return Verification.Broken.atRow(0, "account " + id, "its stored totals (debits,"
              + " credits, pending) " + Arrays.toString(got) + " differ from its transfers and"
              + " pending holds " + Arrays.toString(want));
        }
        AccountLinks history = links.getOrDefault(id, new AccountLinks());
        if (r.getLong(6) != history.lastSeq || r.getLong(7) != history.count) {
          return Verification.Broken.atRow(0, "account " + id, "it names seq " + r.getLong(6)
              + " as its last transfer of " + r.getLong(7) + ", its transfers say seq "
              + history.lastSeq + " of " + history.count + " (0: none)");
        }
      }
    }
    Object[] orphan = null;
    String account = null;
    for (Map.Entry<String, Object[]> e : firstUse.entrySet()) {
      if (orphan == null || (long) e.getValue()[0] < (long) orphan[0]) {
        orphan = e.getValue();
        account = e.getKey();
      }
    }
    if (orphan != null) {
      return Verification.Broken.atRow((long) orphan[0], "transfer " + orphan[1], "it names"
          + " account " + account + ", which is not in linli_ledger_accounts (the row was inserted"
          + " by hand, or the account row deleted)");
    }
    return new Verification.Intact(count, HEX.formatHex(chain), List.of());
  }

  /**
   * Returns an unsigned checkpoint of the chain as it is now (sign it with
   * {@link Checkpoint#sign}, keep it outside the database).
   *
   * @param dataSource the ledger's database, not null
   * @param time the checkpoint's time, not null
   * @return the checkpoint
   * @throws StorageException if the database cannot be read
   * @throws dev.linli.core.InvalidValueException if the ledger holds no transfer yet
   */
  public static Checkpoint checkpoint(DataSource dataSource, Instant time) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(time, "time");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq, chain FROM linli_ledger_chain WHERE id = 1")) {
      r.next();
      return new Checkpoint(r.getLong(1), HEX.formatHex(r.getBytes(2)), time, null);
    } catch (SQLException e) {
      throw StorageException.failed("reading the ledger's chain head", e);
    }
  }

  /** One account's history links (schema V4) as the transfers read so far imply them. */
  private static final class AccountLinks {
    long lastSeq;
    long count;
    long debits;
    long credits;
    long lastAtNs = Long.MIN_VALUE;

    /**
     * Checks the four columns of one side of a transfer row from {@code column} on (previous
     * seq, count, the account's debits and credits at a milestone) and moves past the row;
     * returns what is wrong, or null.
     */
    String follow(long seq, long debit, long credit, long atNs, ResultSet r, int column)
        throws SQLException {
      String side = column == 13 ? "debit" : "credit";
      long previous = r.getLong(column);
      long n = r.getLong(column + 1);
      long wantN = count + 1;
      debits += debit;
      credits += credit;
      boolean milestone = wantN % TransferChain.MILESTONE == 0;
      long rowDebits = r.getLong(column + 2);
      boolean debitsNull = r.wasNull();
      long rowCredits = r.getLong(column + 3);
      boolean creditsNull = r.wasNull();
      if (previous != lastSeq || n != wantN) {
        return side + "_prev " + previous + " and " + side + "_n " + n + " should be " + lastSeq
            + " and " + wantN + " (0: none)";
      }
      if (milestone ? debitsNull || creditsNull || rowDebits != debits || rowCredits != credits
          : !debitsNull || !creditsNull) {
        return "the " + side + " account's totals " + (debitsNull ? "null" : rowDebits) + "/"
            + (creditsNull ? "null" : rowCredits) + " should be "
            + (milestone ? debits + "/" + credits : "null (not a milestone)");
      }
      if (atNs < lastAtNs) {
        return "its time is before the " + side + " account's previous transfer's (seq "
            + lastSeq + ")";
      }
      lastSeq = seq;
      count = wantN;
      lastAtNs = atNs;
      return null;
    }
  }
}
