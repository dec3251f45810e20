package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A big linked batch's first attempt presumes its transfer ids are new instead of reading them
 * ({@code SqlLedgerStore.PRESUME_FROM}). Each way the presumption can be wrong must end with the
 * answer the in-memory ledger gives for the same requests, and must be seen to take the path it
 * names: the unit rolled back before writing (a batch refused, or an id repeated inside it), or the
 * primary key refusing an id stored before.
 */
class PostgresLedgerPresumptionTest {
  private static final int MEMBERS = 20;
  private static final int SIZE = SqlLedgerStore.PRESUME_FROM + 36;

  /** The same ledger on PostgreSQL and in memory, fed the same calls. */
  private record Pair(PostgresLedger books, Ledger sql, Ledger memory) {
    <T> T both(Function<Ledger, T> call) {
      T expected = call.apply(memory);
      T actual = call.apply(sql);
      assertEquals(expected, actual);
      return actual;
    }
  }

  private static Pair pair(HikariDataSource pool) {
    PostgresLedger.installSchema(pool);
    PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(Clock.systemUTC()));
    Pair p = new Pair(books, books.ledger(), Ledger.builder().clock(Clock.systemUTC()).build());
    p.both(l -> l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL)));
    for (int i = 0; i < MEMBERS; i++) {
      String id = "m" + i;
      p.both(l -> l.createAccount(Account.member(id, "points")));
    }
    return p;
  }

  private static List<TransferRequest> earn(String prefix, int size) {
    List<TransferRequest> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(TransferRequest.of(prefix + i, "pool", "m" + (i % MEMBERS), 5, "earn"));
    }
    return out;
  }

  @Test
  void newBatch_isWrittenOnTheFirstAttempt_withoutReadingItsIds() throws Exception {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2)) {
      Pair p = pair(pool);
      List<TransferResult> results = p.both(l -> l.submitLinked(earn("a", SIZE)));
      assertEquals(SIZE, results.stream().filter(r -> r == TransferResult.OK).count());
      assertEquals(0, p.books().store().presumptionsFailed.get());
      assertEquals(0, p.books().store().uniqueRetries.get());
    }
  }

  @Test
  void resubmittedBatch_answersExists_afterThePrimaryKeyRefusesThePresumedIds() throws Exception {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2)) {
      Pair p = pair(pool);
      p.both(l -> l.submitLinked(earn("a", SIZE)));
      List<TransferResult> again = p.both(l -> l.submitLinked(earn("a", SIZE)));
      assertTrue(again.stream().allMatch(r -> r == TransferResult.EXISTS), again.toString());
      assertEquals(1, p.books().store().uniqueRetries.get());
      assertEquals(SIZE, p.sql().transferCount());
      // One stored id with other fields inside an otherwise new batch.
      List<TransferRequest> mixed = earn("b", SIZE);
      mixed.set(7, TransferRequest.of("a3", "pool", "m3", 6, "earn"));
      List<TransferResult> answer = p.both(l -> l.submitLinked(mixed));
      assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, answer.get(7));
      assertEquals(2, p.books().store().uniqueRetries.get());
      assertEquals(SIZE, p.sql().transferCount());
    }
  }

  @Test
  void refusedBatch_isRolledBackAndDecidedAgain_withItsIdsRead() throws Exception {
    try (HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2)) {
      Pair p = pair(pool);
      p.both(l -> l.submitLinked(earn("a", SIZE)));
      // Stored earlier, so a member cannot pay it twice: the stored id must be read to answer EXISTS
      // for it, where a presumed-new id would wrongly be refused for the balance.
      List<TransferRequest> spend = new ArrayList<>();
      for (int i = 0; i < SIZE; i++) {
        spend.add(TransferRequest.of("s" + i, "m0", "pool", 1, "spend"));
      }
      p.both(l -> l.submitLinked(spend.subList(0, 10)));
      List<TransferRequest> overdraw = new ArrayList<>(spend);
      overdraw.add(TransferRequest.of("s-too-much", "m0", "pool", 1_000_000, "spend"));
      List<TransferResult> answer = p.both(l -> l.submitLinked(overdraw));
      assertTrue(answer.contains(TransferResult.EXCEEDS_BALANCE), answer.toString());
      assertEquals(1, p.books().store().presumptionsFailed.get());
      // An id twice in one batch: the second is answered from the first, never inserted twice.
      List<TransferRequest> twice = earn("c", SIZE);
      twice.set(SIZE - 1, twice.get(0));
      p.both(l -> l.submitLinked(twice));
      assertEquals(2, p.books().store().presumptionsFailed.get());
      assertEquals(p.memory().transferCount(), p.sql().transferCount());
    }
  }
}
