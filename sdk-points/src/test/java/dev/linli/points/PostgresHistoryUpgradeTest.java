package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.internal.sql.SchemaMigrations;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.journal.LedgerTableVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a ledger's tables from schema V3 to V4 links the transfers already stored (each
 * account's previous transfer, counts, totals at milestones; each account's last transfer) exactly
 * as the ledger links the transfers it stores under V4.
 */
class PostgresHistoryUpgradeTest {
  @Test
  void upgradeFromV3_linksTheTransfersItFinds_asTheLedgerLinksNewOnes() throws SQLException {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2);
        HikariDataSource before = TestPools.pool(TestPostgres.newDatabase(), 2)) {
      PostgresLedger.installSchema(pool);
      MutableClock clock = MutableClock.at("2026-02-28T15:00:00Z");
      PostgresHistoryLinksTest.fill(new Random(11), PostgresLedger.open(pool,
          Ledger.builder().clock(clock)).ledger(), Ledger.builder().clock(clock).build(), clock,
          700);
      SchemaMigrations.apply(before, PostgresLedger.MODULE,
          PostgresLedger.migrations().subList(0, 3));
      copy(pool, before, "linli_ledger_accounts", "id, asset, kind, overdraft_limit, user_data,"
          + " created_frozen, created_closed, frozen, closed, debits, credits, debits_pending,"
          + " credits_pending, last_at_ns");
      copy(pool, before, "linli_ledger_transfers", "id, seq, debit_account_id, credit_account_id,"
          + " amount, asset, code, user_data, reverses, operator, at_ns, chain");
      copy(pool, before, "linli_ledger_chain", "id, seq, chain");
      assertEquals(List.of("4", "5"), PostgresLedger.installSchema(before));
      String links = "seq, debit_prev, debit_n, debit_account_debits, debit_account_credits,"
          + " credit_prev, credit_n, credit_account_debits, credit_account_credits";
      List<List<Object>> want = rows(pool, "SELECT " + links
          + " FROM linli_ledger_transfers ORDER BY seq");
      assertTrue(want.size() > 500, "transfers: " + want.size());
      assertTrue(want.stream().filter(row -> row.get(3) != null).count() >= 10, "milestones");
      assertEquals(want, rows(before, "SELECT " + links
          + " FROM linli_ledger_transfers ORDER BY seq"));
      String accounts = "SELECT id, last_seq, transfers FROM linli_ledger_accounts ORDER BY id";
      assertEquals(rows(pool, accounts), rows(before, accounts));
      assertTrue(LedgerTableVerifier.verify(before).intact());
    }
  }

  private static void copy(DataSource from, DataSource to, String table, String columns)
      throws SQLException {
    int n = columns.split(",").length;
    try (Connection a = from.getConnection(); Connection b = to.getConnection();
        Statement s = a.createStatement();
        ResultSet r = s.executeQuery("SELECT " + columns + " FROM " + table);
        PreparedStatement ins = b.prepareStatement("INSERT INTO " + table + " (" + columns
            + ") VALUES (" + "?,".repeat(n - 1) + "?) ON CONFLICT DO NOTHING")) {
      if (table.equals("linli_ledger_chain")) {
        try (Statement del = b.createStatement()) {
          del.execute("DELETE FROM linli_ledger_chain");
        }
      }
      while (r.next()) {
        for (int i = 1; i <= n; i++) {
          ins.setObject(i, r.getObject(i));
        }
        ins.addBatch();
      }
      ins.executeBatch();
    }
  }

  private static List<List<Object>> rows(DataSource ds, String query) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
