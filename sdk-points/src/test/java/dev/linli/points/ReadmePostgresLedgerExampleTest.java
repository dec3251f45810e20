package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import dev.linli.points.journal.LedgerTableVerifier;
import dev.linli.points.journal.Verification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Period;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The README's PostgreSQL example, line for line (the lines between the markers below must be one
 * of README.md's Java blocks), with what it leaves to the embedder: the application's own table
 * and the accounts.
 */
class ReadmePostgresLedgerExampleTest {
  @Test
  void readmePostgresLedgerExample_runs() throws Exception {
    DataSource dataSource = TestPostgres.newDatabase().dataSource();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE activity_done (activity text PRIMARY KEY, volunteer text)");
    }
    PostgresLedger.installSchema(dataSource);
    Ledger setUp = PostgresLedger.open(dataSource).ledger();
    setUp.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    setUp.createAccount(Account.member("M0001", "points"));
    TransferResult r;
    Verification v;
    // --- README begins ---
    PostgresLedger.installSchema(dataSource);             // once per start-up; idempotent
    PostgresLedger books = PostgresLedger.open(dataSource, Ledger.builder()
        .expireLots("points", Period.ofYears(1), "expired"));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement done = c.prepareStatement(
          "INSERT INTO activity_done (activity, volunteer) VALUES (?, ?)")) {
        done.setString(1, "act-1205");
        done.setString(2, "M0001");
        done.executeUpdate();
      }
      r = books.inTransaction(c, ledger -> ledger.submit( // README: TransferResult r = books.inTransaction(c, ledger -> ledger.submit(
          TransferRequest.of("award-act-1205", "pool", "M0001", 300, "elderly-care")));
      c.commit();                                         // the row and the points, or neither
    }
    v = LedgerTableVerifier.verify(dataSource);  // README: Verification v = LedgerTableVerifier.verify(dataSource);  // names the first bad row
    // --- README ends ---
    assertEquals(TransferResult.OK, r);
    assertTrue(v.intact(), v::toString);
    assertEquals(300, books.ledger().balance("M0001").balance());
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM activity_done")) {
      rows.next();
      assertEquals(1, rows.getInt(1));
    }
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmePostgresLedgerExampleTest.class);
  }
}
