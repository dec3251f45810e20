package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's schema scripts and installer, on a real PostgreSQL server. */
class PostgresLedgerSchemaTest {
  private static TestPostgres db;
  private static DataSource ds;

  @BeforeAll
  static void install() {
    db = TestPostgres.newDatabase();
    ds = db.dataSource();
    assertEquals(List.of("1", "2", "3", "4", "5"), PostgresLedger.installSchema(ds));
  }

  @Test
  void installSchema_again_isANoOp() {
    assertEquals(List.of(), PostgresLedger.installSchema(ds));
    assertEquals(List.of(), PostgresLedger.installSchema(db.dataSource()));
  }

  @Test
  void installSchema_fromEightInstancesAtOnce_appliesOnce() throws Exception {
    TestPostgres fresh = TestPostgres.newDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        DataSource own = fresh.dataSource();
        all.add(pool.submit((Callable<List<String>>) () -> PostgresLedger.installSchema(own)));
      }
      int applied = 0;
      for (Future<List<String>> f : all) {
        List<String> versions = f.get();
        applied += versions.isEmpty() ? 0 : 1;
        assertTrue(versions.isEmpty() || versions.equals(List.of("1", "2", "3", "4", "5")),
            versions::toString);
      }
      assertEquals(1, applied, "exactly one instance applies the scripts (V1 to V5)");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void transfers_areAppendOnly_updateDeleteAndTruncateRefused() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO linli_ledger_accounts (id, asset, kind, overdraft_limit, user_data,"
          + " created_frozen, created_closed, frozen, closed) VALUES"
          + " ('ao-a', 'points', 'ISSUER', 9223372036854775807, '', false, false, false, false),"
          + " ('ao-b', 'points', 'MEMBER', 0, '', false, false, false, false)");
      s.execute("INSERT INTO linli_ledger_transfers (id, seq, debit_account_id, credit_account_id,"
          + " amount, asset, code, user_data, at_ns, chain) VALUES ('ao-t1', 1000001, 'ao-a', 'ao-b',"
          + " 5, 'points', 'gift', '', 1, decode(repeat('00', 32), 'hex'))");
      SQLException update = assertThrows(SQLException.class,
          () -> s.execute("UPDATE linli_ledger_transfers SET amount = 500 WHERE id = 'ao-t1'"));
      assertTrue(update.getMessage().contains("append-only"), update.getMessage());
      assertThrows(SQLException.class,
          () -> s.execute("DELETE FROM linli_ledger_transfers WHERE id = 'ao-t1'"));
      assertThrows(SQLException.class, () -> s.execute("TRUNCATE linli_ledger_transfers CASCADE"));
      assertThrows(SQLException.class, () -> s.execute("INSERT INTO linli_ledger_transfers (id, seq,"
          + " debit_account_id, credit_account_id, amount, asset, code, user_data, at_ns, chain)"
          + " VALUES ('ao-t1', 1000002, 'ao-a', 'ao-b', 5, 'points', 'gift', '', 1,"
          + " decode(repeat('00', 32), 'hex'))"), "a transfer id is recorded once");
    }
  }

  @Test
  void accounts_withALimit_cannotBeStoredBelowIt() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO linli_ledger_accounts (id, asset, kind, overdraft_limit, user_data,"
          + " created_frozen, created_closed, frozen, closed, credits) VALUES"
          + " ('lim-m', 'points', 'MEMBER', 0, '', false, false, false, false, 10),"
          + " ('lim-o', 'points', 'MEMBER', 30, '', false, false, false, false, 0),"
          + " ('lim-u', 'points', 'ISSUER', 9223372036854775807, '', false, false, false, false, 0)");
      s.execute("UPDATE linli_ledger_accounts SET debits = 10 WHERE id = 'lim-m'");
      SQLException below = assertThrows(SQLException.class,
          () -> s.execute("UPDATE linli_ledger_accounts SET debits = 11 WHERE id = 'lim-m'"));
      assertEquals("23514", below.getSQLState(), "a CHECK violation");
      assertThrows(SQLException.class,
          () -> s.execute("UPDATE linli_ledger_accounts SET debits_pending = 11 WHERE id = 'lim-m'"),
          "pending holds count against the limit");
      s.execute("UPDATE linli_ledger_accounts SET debits = 30 WHERE id = 'lim-o'");
      assertThrows(SQLException.class,
          () -> s.execute("UPDATE linli_ledger_accounts SET debits = 31 WHERE id = 'lim-o'"));
      s.execute("UPDATE linli_ledger_accounts SET debits = 9223372036854775807,"
          + " debits_pending = 9223372036854775807 WHERE id = 'lim-u'");
    }
  }
}
