package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A ledger whose first submits ran while the transfer table was empty keeps using the primary key
 * once the table is large: a plan cached on the empty table read every transfer row for each
 * group's id look-up until the next ANALYZE (2.5 ms a group at 30,000 transfers). Counted with
 * PostgreSQL's own statistics ({@code pg_stat_user_tables.seq_scan}).
 */
class PostgresLedgerPlansTest {
  private static final int MEMBERS = 50;

  @Test
  void groupLookUps_useTheKey_afterTheTableGrew_onTheSameConnection() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    // One connection, so the plans cached by the first submits are the ones used later.
    try (HikariDataSource pool = TestPools.pool(db, 1)) {
      Ledger ledger = TestPools.ledgerWithMembers(pool, MEMBERS).ledger();
      long stored = 0;
      for (int i = 0; i < 10; i++, stored++) {
        assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("early" + i, "pool",
            "m" + i, 1, "earn")));
      }
      stored += 2_000L * bulk(ledger).size();
      long before = seqScansOnceInserted(db.dataSource(), pool, stored);
      for (int i = 0; i < 20; i++, stored++) {
        assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("late" + i, "pool",
            "m" + i, 1, "earn")));
      }
      long after = seqScansOnceInserted(db.dataSource(), pool, stored);
      assertEquals(0, after - before, "sequential scans of the transfer table by 20 submits");
    }
  }

  @Test
  void batchIdLookUps_probeTheKey_forThousandsOfIds() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    try (HikariDataSource pool = TestPools.pool(db, 1)) {
      PostgresLedger books = TestPools.ledgerWithMembers(pool, MEMBERS);
      Ledger ledger = books.ledger();
      List<List<TransferRequest>> batches = bulk(ledger);
      long stored = 2_000L * batches.size();
      List<TransferRequest> first = batches.get(0);
      db.execute("ANALYZE linli_ledger_transfers");
      long before = seqScansOnceInserted(db.dataSource(), pool, stored);
      // 2,000 stored ids and an overdraft: refused, so decided again with every id read.
      List<TransferRequest> again = new ArrayList<>(first);
      again.add(TransferRequest.of("too-much", "m0", "pool", 1_000_000, "spend"));
      assertTrue(ledger.submitLinked(again).contains(TransferResult.EXCEEDS_BALANCE));
      assertEquals(1, books.store().presumptionsFailed.get());
      seqScansOnceInserted(db.dataSource(), pool, stored);
      long after = seqScansOnceInserted(db.dataSource(), pool, stored);
      assertEquals(0, after - before, "sequential scans of the transfer table to read 2,001 ids");
    }
  }

  /** Submits ten linked batches of 2,000 earnings (pool to members) and returns them. */
  private static List<List<TransferRequest>> bulk(Ledger ledger) {
    List<List<TransferRequest>> batches = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      List<TransferRequest> batch = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        batch.add(TransferRequest.of("bulk" + b + "-" + i, "pool", "m" + (i % MEMBERS), 1,
            "earn"));
      }
      assertEquals(TransferResult.OK, ledger.submitLinked(batch).get(0));
      batches.add(batch);
    }
    return batches;
  }

  /**
   * The transfer table's sequential scans, read once the statistics count {@code inserted} rows
   * (PostgreSQL 14 sends a backend's counts when it goes idle, at most every 500 ms).
   */
  private static long seqScansOnceInserted(DataSource admin, DataSource ledgers, long inserted)
      throws SQLException, InterruptedException {
    for (int attempt = 0; attempt < 40; attempt++) {
      Thread.sleep(600);
      try (Connection c = ledgers.getConnection(); Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
      try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
        s.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet r = s.executeQuery("SELECT n_tup_ins, seq_scan FROM pg_stat_user_tables"
            + " WHERE relname = 'linli_ledger_transfers'")) {
          assertTrue(r.next());
          if (r.getLong(1) == inserted) {
            return r.getLong(2);
          }
        }
      }
    }
    throw new AssertionError("the statistics never counted " + inserted + " inserted transfers");
  }
}
