package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.journal.LedgerTableVerifier;
import dev.linli.points.journal.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A big linked batch in its own transaction is chained and inserted in chunks
 * ({@code SqlLedgerStore.CHUNKED_FROM}, {@code CHUNK}) on a second thread while the next chunk is
 * chained. The rows must be exactly those one statement would insert (the chain, the per-account
 * links and milestones carried across chunk boundaries), a failure in a later chunk must leave
 * nothing of the earlier ones, and no insert thread may outlive the call.
 */
class PostgresChunkedInsertTest {
  private static final int MEMBERS = 40;

  /**
   * Earnings from the pool and, one in eight, a gift of a point between members who have one
   * ({@code balances} tracks them across batches), so that every batch is accepted.
   */
  private static List<TransferRequest> batch(Random r, long[] balances, String prefix, int size) {
    List<TransferRequest> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int member = r.nextInt(MEMBERS);
      if (r.nextInt(8) == 0 && balances[member] > 0) {
        int to = (member + 1 + r.nextInt(MEMBERS - 1)) % MEMBERS;
        balances[member]--;
        balances[to]++;
        out.add(TransferRequest.of(prefix + i, "m" + member, "m" + to, 1, "gift"));
      } else {
        int amount = 1 + r.nextInt(90);
        balances[member] += amount;
        out.add(TransferRequest.of(prefix + i, "pool", "m" + member, amount, "earn"));
      }
    }
    return out;
  }

  private static void open(List<Ledger> ledgers) {
    for (Ledger l : ledgers) {
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      for (int i = 0; i < MEMBERS; i++) {
        l.createAccount(Account.member("m" + i, "points"));
      }
    }
  }

  private static boolean insertThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(ChunkedInsert.THREAD) && t.isAlive());
  }

  @Test
  void bigBatches_storeWhatTheInMemoryLedgerHolds_acrossChunkBoundaries() {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2)) {
      PostgresLedger.installSchema(pool);
      MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
      Ledger sql = PostgresLedger.open(pool, Ledger.builder().clock(clock)).ledger();
      Ledger memory = Ledger.builder().clock(clock).build();
      open(List.of(sql, memory));
      Random r = new Random(11);
      long[] balances = new long[MEMBERS];
      // One statement (below the threshold), exactly two chunks, and a short last chunk; small
      // batches in between move the accounts' links and the chain head.
      int[] sizes = {SqlLedgerStore.CHUNKED_FROM - 1, 7, SqlLedgerStore.CHUNKED_FROM, 3,
          SqlLedgerStore.CHUNKED_FROM + SqlLedgerStore.CHUNK / 2 + 5};
      for (int b = 0; b < sizes.length; b++) {
        clock.advance(Duration.ofMinutes(7));
        List<TransferRequest> requests = batch(r, balances, "b" + b + "-", sizes[b]);
        assertEquals(memory.submitLinked(requests), sql.submitLinked(requests));
        assertFalse(insertThreadAlive(), "an insert thread outlived batch " + b);
      }
      assertEquals(memory.transfers(), sql.transfers());
      Instant end = clock.instant().plusSeconds(1);
      for (int i = 0; i < MEMBERS; i++) {
        String id = "m" + i;
        assertEquals(memory.statement(id, Instant.EPOCH, end), sql.statement(id, Instant.EPOCH, end));
        assertEquals(memory.balance(id), sql.balance(id));
      }
      Verification v = LedgerTableVerifier.verify(pool);
      assertTrue(v.intact(), v::toString);
    }
  }

  @Test
  void anIdStoredBefore_inALaterChunk_leavesNothingOfTheChunksBefore() {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2)) {
      PostgresLedger.installSchema(pool);
      MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
      PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      Ledger sql = books.ledger();
      Ledger memory = Ledger.builder().clock(clock).build();
      open(List.of(sql, memory));
      TransferRequest stored = TransferRequest.of("x-5000", "pool", "m3", 10, "earn");
      assertEquals(memory.submit(stored), sql.submit(stored));
      List<TransferRequest> requests = batch(new Random(3), new long[MEMBERS], "x-", 5_001);
      // The same request at the end: the presumed-new insert of the third chunk meets it.
      requests.set(5_000, stored);
      assertTrue(5_000 >= 2 * SqlLedgerStore.CHUNK, "the stored id must be past two chunks");
      assertEquals(memory.submitLinked(requests), sql.submitLinked(requests));
      assertEquals(1, books.store().uniqueRetries.get(), "the third chunk met the stored id");
      assertFalse(insertThreadAlive());
      assertEquals(memory.transfers(), sql.transfers());
      Verification v = LedgerTableVerifier.verify(pool);
      assertTrue(v.intact(), v::toString);
    }
  }
}
