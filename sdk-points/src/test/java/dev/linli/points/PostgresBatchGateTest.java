package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A group or linked batch that locks {@code SqlLedgerStore.GATE_FROM} accounts or more, in a
 * transaction of its own, queues on the batch gate before it locks them (V5); one that locks fewer,
 * or that runs in the caller's transaction, does not. The gate is held here by a transaction of
 * the test's, so whether a batch waits for it is seen, not assumed; and batches over many accounts
 * from several threads beside single transfers over the same accounts all finish, zero-sum.
 */
class PostgresBatchGateTest {
  private static final int MEMBERS = 120;

  /** {@code size} earnings, pool to the first {@code members} members in turn. */
  private static List<TransferRequest> earn(String prefix, int size, int members) {
    List<TransferRequest> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(TransferRequest.of(prefix + i, "pool", "m" + (i % members), 5, "earn"));
    }
    return out;
  }

  /**
   * Runs {@code batch} while another transaction holds the gate. One expected to wait must still
   * be running 400 ms later (it cannot finish while the gate is held, however loaded the machine);
   * one expected not to must finish while the gate is still held (given a minute, for a loaded
   * machine). Then the gate is let go and the batch must have stored every transfer.
   */
  private static void runWhileTheGateIsHeld(HikariDataSource pool, PostgresLedger books,
      List<TransferRequest> batch, boolean inCallersTransaction, boolean expectWait)
      throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE linli_ledger_batch_gate IN EXCLUSIVE MODE");
      }
      Future<List<TransferResult>> run = runner.submit(() -> {
        if (!inCallersTransaction) {
          return books.ledger().submitLinked(batch);
        }
        try (Connection c = pool.getConnection()) {
          c.setAutoCommit(false);
          List<TransferResult> out = books.inTransaction(c, l -> l.submitLinked(batch));
          c.commit();
          return out;
        }
      });
      if (expectWait) {
        assertThrows(TimeoutException.class, () -> run.get(400, TimeUnit.MILLISECONDS),
            "finished while the gate was held");
      } else {
        run.get(60, TimeUnit.SECONDS);
      }
      holder.rollback();
      List<TransferResult> results = run.get(30, TimeUnit.SECONDS);
      assertTrue(results.stream().allMatch(r -> r == TransferResult.OK), results.toString());
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void batchOverManyAccounts_queuesOnTheGate_fewerAccountsOrTheCallersTransactionDoNot()
      throws Exception {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 4)) {
      PostgresLedger books = TestPools.ledgerWithMembers(pool, MEMBERS);
      int many = SqlLedgerStore.GATE_FROM - 1; // members, with the pool: GATE_FROM accounts
      runWhileTheGateIsHeld(pool, books, earn("a", 200, many), false, true);
      assertEquals(1, books.store().gated.get());
      runWhileTheGateIsHeld(pool, books, earn("b", 200, many - 1), false, false);
      runWhileTheGateIsHeld(pool, books, earn("c", 200, MEMBERS), true, false);
      assertEquals(1, books.store().gated.get());
      assertEquals(600, books.ledger().transferCount());
    }
  }

  @Test
  void batchesOverManyAccounts_besideSingleTransfers_allFinish_zeroSum() throws Exception {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 12)) {
      PostgresLedger books = TestPools.ledgerWithMembers(pool, MEMBERS);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          String prefix = "batch" + t + "-";
          work.add(threads.submit(() -> {
            for (int b = 0; b < 6; b++) {
              List<TransferResult> r = books.ledger().submitLinked(earn(prefix + b + "-", 300,
                  MEMBERS));
              assertTrue(r.stream().allMatch(x -> x == TransferResult.OK), r.toString());
            }
          }));
        }
        for (int t = 0; t < 4; t++) {
          String prefix = "single" + t + "-";
          int first = t * 30;
          work.add(threads.submit(() -> {
            for (int i = 0; i < 60; i++) {
              TransferResult r = books.ledger().submit(TransferRequest.of(prefix + i, "pool",
                  "m" + ((first + i) % MEMBERS), 1, "earn"));
              assertEquals(TransferResult.OK, r);
            }
          }));
        }
        for (Future<?> f : work) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertTrue(books.store().gated.get() >= 24, "gated units: " + books.store().gated.get());
      long sum = books.ledger().balance("pool").balance();
      for (int i = 0; i < MEMBERS; i++) {
        sum += books.ledger().balance("m" + i).balance();
      }
      assertEquals(0, sum);
      assertEquals(4 * 6 * 300 + 4 * 60, books.ledger().transferCount());
    }
  }
}
