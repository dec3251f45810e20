package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.internal.Decided;
import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.FactCodec;
import dev.linli.points.internal.FactStream;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalVerifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fact log's seam on its three backends, with a small tally service: steps store facts with
 * their ledger changes, a refusal stores nothing, a restart replays, a stored fact that does not
 * read back is refused by name.
 */
class FactLogTest {
  private static TestPostgres db;
  private static HikariDataSource pool;
  private final MutableClock clock = MutableClock.at("2026-05-01T02:00:00Z");

  /** The tally's facts. */
  interface TallyFact {}

  /** Points were paid for a key. */
  record Paid(String key, long amount) implements TallyFact {}

  /** A key was closed. */
  record Closed(String key) implements TallyFact {}

  static final FactCodec<TallyFact> CODEC = FactCodec.of(TallyFact.class,
      Map.of("paid", Paid.class, "closed", Closed.class));

  /** A service whose state is a map of totals, paying points from the pool as it tallies. */
  static final class Tally {
    final FactStream<Map<String, Long>, TallyFact> stream;
    final Ledger ledger;

    Tally(FactLog log, Ledger ledger, String name) {
      FactBackend backend = FactBackend.of(log);
      backend.checkLedger(ledger);
      this.ledger = ledger;
      this.stream = backend.open(name, CODEC, TreeMap::new, (m, f) -> {
        if (f instanceof Paid p) {
          m.merge(p.key(), p.amount(), Long::sum);
        } else if (f instanceof Closed c) {
          m.put(c.key(), -1L);
        }
      });
    }

    /** Pays {@code amount} to member {@code key}; refused when closed or the ledger refuses. */
    boolean pay(String key, long amount, String transferId) {
      return stream.step(m -> {
        if (m.getOrDefault(key, 0L) < 0) {
          return Decided.nothing(false);
        }
        TransferResult r = ledger.submit(TransferRequest.of(transferId, "pool", key, amount,
            "tally"));
        if (r != TransferResult.OK && r != TransferResult.EXISTS) {
          return Decided.nothing(false);
        }
        return Decided.<Boolean, TallyFact>of(true, new Paid(key, amount));
      });
    }

    void close(String key) {
      stream.step(m -> Decided.<Boolean, TallyFact>of(true, new Closed(key)));
    }

    Map<String, Long> totals() {
      return stream.read(TreeMap::new);
    }
  }

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase();
    pool = TestPools.pool(db, 8);
    PostgresLedger.installSchema(pool);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private static void accounts(Ledger ledger) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("m-1", "points"));
    ledger.createAccount(Account.member("m-2", "points"));
  }

  private static void script(Tally t) {
    assertTrue(t.pay("m-1", 10, "t-1"));
    assertTrue(t.pay("m-2", 5, "t-2"));
    t.close("m-2");
    assertEquals(false, t.pay("m-2", 7, "t-3"));
    assertEquals(false, t.pay("nobody", 7, "t-4"));
    assertTrue(t.pay("m-1", 1, "t-5"));
  }

  private static final Map<String, Long> EXPECTED = Map.of("m-1", 11L, "m-2", -1L);

  @Test
  void inMemory_appliesSteps_refusalsStoreNothing() {
    Ledger ledger = Ledger.create(clock);
    accounts(ledger);
    Tally t = new Tally(FactLog.inMemory(), ledger, "tally");
    script(t);
    assertEquals(EXPECTED, t.totals());
  }

  @Test
  void journal_restart_replaysFactsAndTransfers(@TempDir Path dir) {
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      accounts(books.ledger());
      script(new Tally(books.facts(), books.ledger(), "tally"));
      books.snapshot();
      // after the snapshot: a fact whose record comes later than the snapshot's
      new Tally(books.facts(), books.ledger(), "other").pay("m-1", 2, "t-6");
    }
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      Tally t = new Tally(books.facts(), books.ledger(), "tally");
      assertEquals(EXPECTED, t.totals());
      assertEquals(Map.of("m-1", 2L), new Tally(books.facts(), books.ledger(), "other").totals());
      assertEquals(13, books.ledger().balance("m-1").balance());
      assertThrows(IllegalStateException.class,
          () -> new Tally(books.facts(), books.ledger(), "tally"));
      assertThrows(IllegalArgumentException.class,
          () -> new Tally(books.facts(), Ledger.create(clock), "third"));
    }
    // Step records verify, and read-only replays apply their ledger changes.
    assertTrue(JournalVerifier.verify(dir).intact(), () -> JournalVerifier.verify(dir).toString());
    assertEquals(13, DurableLedger.readOnly(dir).balance("m-1").balance());
  }

  @Test
  void journal_aStepThatThrows_keepsItsLedgerChangesAndStoresNoFact(@TempDir Path dir) {
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      accounts(books.ledger());
      Tally t = new Tally(books.facts(), books.ledger(), "tally");
      assertThrows(IllegalStateException.class, () -> t.stream.step(m -> {
        books.ledger().submit(TransferRequest.of("x-1", "pool", "m-1", 4, "tally"));
        throw new IllegalStateException("a bug after a ledger call");
      }));
      assertEquals(Map.of(), t.totals());
    }
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      assertEquals(4, books.ledger().balance("m-1").balance(), "as any ledger call, it stays");
      assertEquals(Map.of(), new Tally(books.facts(), books.ledger(), "tally").totals());
    }
  }

  @Test
  void postgres_twoInstancesCatchUp_andARestartReplays() throws SQLException {
    PostgresLedger a = PostgresLedger.open(pool, Ledger.builder().clock(clock));
    PostgresLedger b = PostgresLedger.open(pool, Ledger.builder().clock(clock));
    accounts(a.ledger());
    Tally ta = new Tally(a.facts(), a.ledger(), "pg-tally");
    Tally tb = new Tally(b.facts(), b.ledger(), "pg-tally");
    assertTrue(ta.pay("m-1", 10, "pg-1"));
    tb.close("m-1");
    assertEquals(false, ta.pay("m-1", 3, "pg-2"));
    assertEquals(Map.of("m-1", -1L), ta.totals());
    PostgresLedger c = PostgresLedger.open(pool, Ledger.builder().clock(clock));
    assertEquals(Map.of("m-1", -1L), new Tally(c.facts(), c.ledger(), "pg-tally").totals());
    assertEquals(10, c.ledger().balance("m-1").balance());
  }

  @Test
  void postgres_aStepThatThrows_rollsBackItsLedgerChangesAndFacts() {
    PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
    accounts(books.ledger());
    Tally t = new Tally(books.facts(), books.ledger(), "pg-throws");
    assertTrue(t.pay("m-2", 1, "pg-throws-0"));
    long before = books.ledger().balance("m-2").balance();
    assertThrows(IllegalStateException.class, () -> t.stream.step(m -> {
      assertTrue(t.pay("m-2", 5, "pg-throws-1"), "a nested step joins the transaction");
      throw new IllegalStateException("a bug after a ledger call");
    }));
    assertEquals(before, books.ledger().balance("m-2").balance(), "the transfer rolled back");
    assertTrue(books.ledger().find("pg-throws-1").isEmpty());
    assertEquals(Map.of("m-2", 1L), t.totals(), "the nested fact is gone from the state too");
    assertTrue(t.pay("m-2", 2, "pg-throws-2"), "the stream goes on from the table");
    assertEquals(Map.of("m-2", 3L), t.totals());
  }

  @Test
  void postgres_readingAnotherStreamInsideAStep_needsNoSecondConnection() {
    try (HikariDataSource one = TestPools.pool(db, 1)) {
      PostgresLedger books = PostgresLedger.open(one, Ledger.builder().clock(clock));
      accounts(books.ledger());
      Tally a = new Tally(books.facts(), books.ledger(), "one-a");
      Tally b = new Tally(books.facts(), books.ledger(), "one-b");
      assertTrue(b.pay("m-2", 2, "one-b-1"));
      Map<String, Long> seen = a.stream.step(m -> Decided.nothing(b.totals()));
      assertEquals(Map.of("m-2", 2L), seen);
    }
  }

  @Test
  void postgres_aFactThatDoesNotReadBack_isRefusedByStreamAndSeq() throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO linli_points_facts (stream, seq, kind, payload) VALUES"
          + " ('bad', 1, 'paid', '{\"key\":\"m-1\",\"amount\":1}'),"
          + " ('bad', 2, 'paid', '{\"key\":\"m-1\",\"amount\":1,\"colour\":\"red\"}')");
    }
    PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
    FactFormatException e = assertThrows(FactFormatException.class,
        () -> new Tally(books.facts(), books.ledger(), "bad"));
    assertEquals("bad", e.stream());
    assertEquals(2, e.seq());
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  void postgres_aReadOnAConnectionWhoseBackendWasTerminated_triesAnotherConnection()
      throws Exception {
    // A pool hands out a connection whose server session ended (terminated backend, restarted
    // server) before it notices; the catch-up read must not fail the caller for that.
    Deque<Connection> dead = new ArrayDeque<>();
    AtomicInteger handedOut = new AtomicInteger();
    DataSource source = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection") && (args == null || args.length == 0)) {
            handedOut.incrementAndGet();
            return dead.isEmpty() ? pool.getConnection() : dead.pop();
          }
          return method.invoke(pool, args);
        });
    PostgresLedger books = PostgresLedger.open(source, Ledger.builder().clock(clock));
    accounts(books.ledger());
    Tally t = new Tally(books.facts(), books.ledger(), "pg-dead");
    assertTrue(t.pay("m-2", 4, "pg-dead-1"));
    for (int i = 0; i < 2; i++) {
      Connection c = pool.getConnection();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT pg_backend_pid()")) {
        r.next();
        int pid = r.getInt(1);
        try (Connection admin = pool.getConnection(); Statement a = admin.createStatement()) {
          a.execute("SELECT pg_terminate_backend(" + pid + ")");
          // pg_terminate_backend only signals: wait until the session is really gone.
          boolean alive = true;
          for (int wait = 0; alive && wait < 500; wait++) {
            try (ResultSet g = a.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = "
                + pid)) {
              g.next();
              alive = g.getInt(1) > 0;
            }
            if (alive) {
              Thread.sleep(10);
            }
          }
          assertTrue(!alive, "backend " + pid + " still alive");
        }
      }
      dead.push(c);
    }
    int before = handedOut.get();
    assertEquals(Map.of("m-2", 4L), t.totals(), "read on the third connection");
    assertEquals(3, handedOut.get() - before, "two dead connections tried, then a live one");
    assertTrue(dead.isEmpty());
  }
}
