package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.internal.TransferChain;
import dev.linli.points.journal.Checkpoint;
import dev.linli.points.journal.LedgerTableVerifier;
import dev.linli.points.journal.Verification;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tamper evidence in the tables: someone with write access (here the superuser, who can switch the
 * append-only triggers off) alters, deletes or inserts transfer rows or balances; the verifier names
 * the first bad row, and a signed checkpoint catches a chain rewritten to hide a change.
 */
class PostgresLedgerTamperTest {
  private HikariDataSource pool;
  private Ledger ledger;

  @BeforeEach
  void books() {
    pool = TestPools.pool(TestPostgres.newDatabase(), 2);
    PostgresLedger.installSchema(pool);
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    ledger = PostgresLedger.open(pool, Ledger.builder().clock(clock)).ledger();
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("m1", "points"));
    ledger.createAccount(Account.member("m2", "points"));
    for (int i = 1; i <= 10; i++) {
      clock.advance(Duration.ofMinutes(5));
      ledger.submit(TransferRequest.of("t" + i, "pool", i % 2 == 0 ? "m1" : "m2", 10 * i,
          "elderly-care"));
    }
    ledger.hold(TransferRequest.of("h1", "m1", "pool", 5, "redemption"), Duration.ofDays(1));
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE linli_ledger_transfers DISABLE TRIGGER USER");
      for (String x : statements) {
        s.execute(x);
      }
      s.execute("ALTER TABLE linli_ledger_transfers ENABLE TRIGGER USER");
    }
  }

  private Verification.Broken broken(Verification v) {
    assertFalse(v.intact(), "should be broken");
    return (Verification.Broken) v;
  }

  @Test
  void untouched_isIntact() {
    Verification v = LedgerTableVerifier.verify(pool);
    assertEquals(new Verification.Intact(10,
        LedgerTableVerifier.checkpoint(pool, Instant.EPOCH).hash(), List.of()), v);
  }

  @Test
  void alteredAmount_namesTheRow() throws SQLException {
    sql("UPDATE linli_ledger_transfers SET amount = 1000 WHERE id = 't4'");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals(3, b.recordIndex()); // seq 4
    assertEquals("transfer t4 (seq 4)", b.where());
  }

  @Test
  void alteredHistoryLink_namesTheRow() throws SQLException {
    // t6 is m1's third transfer; pointing it past t4 would drop t4 from m1's statements.
    sql("UPDATE linli_ledger_transfers SET credit_prev = 2 WHERE id = 't6'");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals("transfer t6 (seq 6)", b.where());
    assertTrue(b.reason().contains("credit_prev 2") && b.reason().contains("should be 4"),
        b.reason());
  }

  @Test
  void alteredLastTransferOfAnAccount_namesTheAccount() throws SQLException {
    sql("UPDATE linli_ledger_accounts SET last_seq = 8 WHERE id = 'm1'");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals("account m1", b.where());
    assertTrue(b.reason().contains("seq 10"), b.reason());
  }

  @Test
  void deletedRow_namesTheGap() throws SQLException {
    sql("DELETE FROM linli_ledger_transfers WHERE id = 't6'");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals(5, b.recordIndex()); // seq 6
    assertTrue(b.reason().contains("missing"), b.reason());
  }

  @Test
  void deletedLastRow_caughtByTheChainHead() throws SQLException {
    sql("DELETE FROM linli_ledger_transfers WHERE id = 't10'");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals("chain head (seq 10)", b.where());
    assertEquals(9, b.recordIndex()); // seq 10
  }

  @Test
  void insertedRow_namesIt() throws SQLException {
    sql("INSERT INTO linli_ledger_transfers (id, seq, debit_account_id, credit_account_id, amount,"
        + " asset, code, user_data, at_ns, chain) SELECT 'forged', 11, 'pool', 'm1', 500, 'points',"
        + " 'gift', '', 1, chain FROM linli_ledger_chain",
        "UPDATE linli_ledger_chain SET seq = 11");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals(10, b.recordIndex()); // seq 11
    assertEquals("transfer forged (seq 11)", b.where());
  }

  @Test
  void alteredBalance_namesTheAccount() throws SQLException {
    sql("UPDATE linli_ledger_accounts SET credits = credits + 1000 WHERE id = 'm2'");
    assertEquals("account m2", broken(LedgerTableVerifier.verify(pool)).where());
  }

  @Test
  void transferToAnAccountThatIsNotThere_rechained_namesIt() throws SQLException {
    // t5 (50 points to m2) redirected to an account with no row, every hash and total made to fit:
    // no foreign key stops it (schema V3), the verifier must.
    sql("UPDATE linli_ledger_transfers SET credit_account_id = 'ghost' WHERE id = 't5'",
        "UPDATE linli_ledger_accounts SET credits = credits - 50 WHERE id = 'm2'");
    rechain();
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool));
    assertEquals(4, b.recordIndex());
    assertEquals("transfer t5 (seq 5)", b.where());
    assertTrue(b.reason().contains("ghost"), b.reason());
  }

  @Test
  void rewrittenChain_passesAlone_butNotASignedCheckpoint() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint signed = LedgerTableVerifier.checkpoint(pool, Instant.parse("2026-06-02T00:00:00Z"))
        .sign(keys.getPrivate());
    assertTrue(LedgerTableVerifier.verify(pool, signed, keys.getPublic()).intact());
    // Raise t3 by 1,000 points and rewrite everything that would betray it.
    sql("UPDATE linli_ledger_transfers SET amount = amount + 1000 WHERE id = 't3'",
        "UPDATE linli_ledger_accounts SET credits = credits + 1000 WHERE id = 'm2'",
        "UPDATE linli_ledger_accounts SET debits = debits + 1000 WHERE id = 'pool'");
    rechain();
    assertTrue(LedgerTableVerifier.verify(pool).intact(), "a consistent rewrite fools self-checks");
    Verification.Broken b = broken(LedgerTableVerifier.verify(pool, signed,
        keys.getPublic()));
    assertTrue(b.where().startsWith("checkpoint"), b.where());
    assertTrue(b.reason().contains("rewritten"), b.reason());
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint forged = LedgerTableVerifier.checkpoint(pool, signed.time()).sign(
        other.getPrivate());
    assertTrue(broken(LedgerTableVerifier.verify(pool, forged, keys.getPublic())).reason()
        .contains("not validly signed"));
  }

  /**
   * Recomputes every chain hash and the head from the rows as they now are, and every account's
   * history links (schema V4), as someone covering their tracks would.
   */
  private void rechain() throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq, id, debit_account_id, credit_account_id, amount,"
            + " asset, code, user_data, reverses, operator, at_ns FROM linli_ledger_transfers"
            + " ORDER BY seq")) {
      while (r.next()) {
        rows.add(new Object[] {r.getLong(1), new Transfer(r.getString(2), r.getString(3),
            r.getString(4), r.getLong(5), r.getString(6), r.getString(7), r.getString(8),
            r.getString(9), r.getString(10), TransferChain.instant(r.getLong(11)))});
      }
    }
    MessageDigest sha = TransferChain.sha256();
    byte[] chain = new byte[32];
    try (Connection c = pool.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE linli_ledger_transfers DISABLE TRIGGER USER");
      }
      try (PreparedStatement up = c.prepareStatement(
          "UPDATE linli_ledger_transfers SET chain = ? WHERE seq = ?")) {
        for (Object[] row : rows) {
          chain = TransferChain.next(sha, chain, (Long) row[0], (Transfer) row[1]);
          up.setBytes(1, chain);
          up.setLong(2, (Long) row[0]);
          up.executeUpdate();
        }
      }
      try (PreparedStatement head = c.prepareStatement(
          "UPDATE linli_ledger_chain SET chain = ?")) {
        head.setBytes(1, chain);
        head.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE links AS SELECT seq, account, is_debit,"
            + " lag(seq) OVER w AS prev, row_number() OVER w AS n, sum(d) OVER w AS debits,"
            + " sum(cr) OVER w AS credits FROM (SELECT seq, debit_account_id AS account,"
            + " amount AS d, 0::bigint AS cr, true AS is_debit FROM linli_ledger_transfers"
            + " UNION ALL SELECT seq, credit_account_id, 0, amount, false"
            + " FROM linli_ledger_transfers) x WINDOW w AS (PARTITION BY account ORDER BY seq)");
        for (String side : new String[] {"debit", "credit"}) {
          s.execute("UPDATE linli_ledger_transfers t SET " + side + "_prev = l.prev, " + side
              + "_n = l.n, " + side + "_account_debits = CASE WHEN l.n % 64 = 0 THEN l.debits END, "
              + side + "_account_credits = CASE WHEN l.n % 64 = 0 THEN l.credits END FROM links l"
              + " WHERE l.seq = t.seq AND l.is_debit = " + side.equals("debit"));
        }
        s.execute("UPDATE linli_ledger_accounts a SET last_seq = l.last, transfers = l.n"
            + " FROM (SELECT account, max(seq) AS last, max(n) AS n FROM links GROUP BY account) l"
            + " WHERE a.id = l.account");
      }
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE linli_ledger_transfers ENABLE TRIGGER USER");
      }
    }
  }
}
