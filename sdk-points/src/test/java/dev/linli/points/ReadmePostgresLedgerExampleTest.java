package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import dev.linli.points.journal.LedgerTableVerifier;
import dev.linli.points.journal.TableVerification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
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
    TableVerification v;
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
      r = books.inTransaction(c, ledger -> ledger.submit(
          TransferRequest.of("award-act-1205", "pool", "M0001", 300, "elderly-care")));
      c.commit();                                         // the row and the points, or neither
    }
    v = LedgerTableVerifier.verify(dataSource);  // names the first bad row
    // --- README ends ---
    assertEquals(TransferResult.OK, r);
    assertTrue(v.intact(), v::toString);
    assertEquals(300, books.ledger().balance("M0001").balance());
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM activity_done")) {
      rows.next();
      assertEquals(1, rows.getInt(1));
    }
    assertMarkedLinesAreInReadme();
  }

  /** The marked lines of this source, declarations aside, must be a Java block of README.md. */
  private static void assertMarkedLinesAreInReadme() throws Exception {
    Path source = Path.of("src", "test", "java",
        ReadmePostgresLedgerExampleTest.class.getName().replace('.', '/') + ".java");
    List<String> marked = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (s.equals("// --- README begins ---")) {
        in = true;
      } else if (s.equals("// --- README ends ---")) {
        in = false;
      } else if (in && !s.isEmpty()) {
        // The test declares r and v before the block, so it can assert on them after it.
        marked.add(s.startsWith("r = ") ? "TransferResult " + s
            : s.startsWith("v = ") ? "TableVerification " + s : s);
      }
    }
    assertFalse(marked.isEmpty());
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = null;
    for (String line : Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8)) {
      if (block == null && line.strip().equals("```java")) {
        block = new ArrayList<>();
      } else if (block != null && line.strip().equals("```")) {
        blocks.add(block);
        block = null;
      } else if (block != null && !line.isBlank()) {
        block.add(line.strip());
      }
    }
    assertTrue(blocks.contains(marked), "README.md has no Java block with these lines:\n"
        + String.join("\n", marked));
  }
}
