package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.InvalidValueException;
import dev.linli.core.StorageException;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL ledger's own API: the caller's transaction, restarts, settings. */
class PostgresLedgerTest {
  private static TestPostgres db;
  private static HikariDataSource pool;
  private final MutableClock clock = MutableClock.at("2026-05-01T02:00:00Z");

  @BeforeAll
  static void start() throws SQLException {
    db = TestPostgres.newDatabase();
    pool = TestPools.pool(db, 4);
    PostgresLedger.installSchema(pool);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE activity_done (id text PRIMARY KEY, volunteer text NOT NULL)");
    }
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private PostgresLedger open() {
    return PostgresLedger.open(pool, Ledger.builder().clock(clock)
        .expireLots("points", Period.ofDays(30), "expired"));
  }

  private static void setUp(Ledger ledger, String member) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member(member, "points"));
  }

  private static int activities(String id) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM activity_done WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  @Test
  void inTransaction_pointsCommitWithTheApplicationsRow() throws SQLException {
    PostgresLedger books = open();
    setUp(books.ledger(), "tx-1");
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO activity_done VALUES (?, ?)")) {
        s.setString(1, "act-1");
        s.setString(2, "tx-1");
        s.executeUpdate();
      }
      TransferResult r = books.inTransaction(c, ledger ->
          ledger.submit(TransferRequest.of("award-act-1", "pool", "tx-1", 40, "elderly-care")));
      assertEquals(TransferResult.OK, r);
      assertTrue(books.ledger().find("award-act-1").isEmpty(), "not visible before the commit");
      c.commit();
    }
    assertEquals(1, activities("act-1"));
    assertEquals(40, books.ledger().balance("tx-1").balance());
  }

  @Test
  void inTransaction_rolledBack_leavesNeitherRowNorPoints() throws SQLException {
    PostgresLedger books = open();
    setUp(books.ledger(), "tx-2");
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO activity_done VALUES (?, ?)")) {
        s.setString(1, "act-2");
        s.setString(2, "tx-2");
        s.executeUpdate();
      }
      List<TransferResult> r = books.inTransaction(c, ledger -> List.of(
          ledger.submit(TransferRequest.of("award-act-2", "pool", "tx-2", 25, "elderly-care")),
          ledger.submit(TransferRequest.of("spend-act-2", "tx-2", "pool", 10, "redemption")),
          ledger.hold(TransferRequest.of("hold-act-2", "tx-2", "pool", 15, "redemption"),
              Duration.ofHours(1))));
      assertEquals(List.of(TransferResult.OK, TransferResult.OK, TransferResult.OK), r,
          "later calls in the transaction see the earlier ones");
      c.rollback();
    }
    assertEquals(0, activities("act-2"));
    assertEquals(new Balance("tx-2", 0, 0, 0, 0), books.ledger().balance("tx-2"));
    assertTrue(books.ledger().find("award-act-2").isEmpty());
    assertTrue(books.ledger().findHold("hold-act-2").isEmpty());
    assertEquals(TransferResult.OK, books.ledger().submit(
        TransferRequest.of("award-act-2", "pool", "tx-2", 25, "elderly-care")),
        "the id is free again");
  }

  @Test
  void inTransaction_autoCommitConnection_refused() throws SQLException {
    PostgresLedger books = open();
    try (Connection c = pool.getConnection()) {
      StorageException e = assertThrows(StorageException.class,
          () -> books.inTransaction(c, Ledger::accounts));
      assertTrue(e.getMessage().contains("setAutoCommit(false)"), e.getMessage());
    }
  }

  @Test
  void anotherInstance_readsHistoryStatementsAndLotsFromTheDatabase() {
    Ledger first = open().ledger();
    setUp(first, "rs-1");
    first.submit(TransferRequest.of("rs-e1", "pool", "rs-1", 50, "elderly-care"));
    clock.advance(Duration.ofDays(1));
    Instant between = clock.instant();
    clock.advance(Duration.ofDays(1));
    first.submit(TransferRequest.of("rs-s1", "rs-1", "pool", 20, "redemption"));
    Ledger second = open().ledger();
    assertEquals(first.history("rs-1", Instant.MIN, Instant.MAX),
        second.history("rs-1", Instant.MIN, Instant.MAX));
    assertEquals(50, second.balanceAsOf("rs-1", between).balance());
    assertEquals(first.statement("rs-1", between, Instant.MAX),
        second.statement("rs-1", between, Instant.MAX));
    assertEquals(List.of(30L), second.lots("rs-1").stream().map(Lot::remaining).toList());
    assertEquals(TransferResult.EXISTS, second.submit(
        TransferRequest.of("rs-e1", "pool", "rs-1", 50, "elderly-care")));
    assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, second.submit(
        TransferRequest.of("rs-e1", "pool", "rs-1", 51, "elderly-care")));
  }

  @Test
  void open_expirySinkIdTakenByAnotherKind_refused() {
    Ledger ledger = open().ledger();
    ledger.createAccount(Account.member("sink-taken", "hours"));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> PostgresLedger.open(pool, Ledger.builder().expireLots("hours", Period.ofDays(9),
            "sink-taken")));
    assertTrue(e.getMessage().contains("sink-taken"), e.getMessage());
  }

  @Test
  void open_withoutSchema_failsWithStorageException() {
    TestPostgres empty = TestPostgres.newDatabase();
    Ledger ledger = PostgresLedger.open(empty.dataSource()).ledger();
    StorageException e = assertThrows(StorageException.class,
        () -> ledger.createAccount(Account.member("x", "points")));
    assertEquals("42P01", e.sqlState(), e.getMessage());
  }
}
