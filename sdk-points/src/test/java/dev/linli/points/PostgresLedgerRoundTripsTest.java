package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many times a write goes to the server (statements executed, commits), counted through a
 * {@link DataSource} that wraps the pool: a submit, a linked batch of any size and a submit inside
 * the caller's transaction each read and lock what they name in one trip and write in one more.
 */
class PostgresLedgerRoundTripsTest {
  private HikariDataSource pool;
  private final AtomicInteger trips = new AtomicInteger();
  private Ledger ledger;
  private PostgresLedger books;

  @BeforeEach
  void open() {
    pool = TestPools.pool(TestPostgres.newDatabase(), 2);
    PostgresLedger.installSchema(pool);
    books = PostgresLedger.open(counting(pool), Ledger.builder()
        .clock(MutableClock.at("2026-06-01T00:00:00Z")));
    ledger = books.ledger();
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    for (int i = 0; i < 50; i++) {
      ledger.createAccount(Account.member("m" + i, "points"));
    }
    // A pending hold that is not due: the probe finds it and the accounts are still locked at once.
    ledger.hold(TransferRequest.of("h1", "pool", "m0", 5, "gift"), Duration.ofDays(1));
    ledger.submit(TransferRequest.of("warm", "pool", "m1", 5, "gift"));
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void submit_isThreeTrips_prepareWriteCommit() {
    trips.set(0);
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("t1", "pool", "m2", 10, "gift")));
    assertEquals(3, trips.get());
  }

  @Test
  void linkedBatch_ofAnySize_isThreeTrips() {
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(TransferRequest.of("b" + i, "pool", "m" + (i % 50), 1 + i, "gift"));
    }
    trips.set(0);
    assertEquals(TransferResult.OK, ledger.submitLinked(batch).get(0));
    assertEquals(3, trips.get());
  }

  @Test
  void submitInTheCallersTransaction_isTwoTrips() throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      trips.set(0);
      TransferResult r = books.inTransaction(counted(c), l -> l.submit(
          TransferRequest.of("j1", "pool", "m3", 10, "gift")));
      assertEquals(TransferResult.OK, r);
      assertEquals(2, trips.get());
      c.commit();
    }
  }

  /** The pool, with every statement execution and commit counted in {@link #trips}. */
  private DataSource counting(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object out = invoke(target, method, args);
          return out instanceof Connection c ? counted(c) : out;
        });
  }

  private Connection counted(Connection target) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("commit")) {
            trips.incrementAndGet();
          }
          Object out = invoke(target, method, args);
          if (out instanceof PreparedStatement s) {
            return counted(s, PreparedStatement.class);
          }
          return out instanceof Statement s ? counted(s, Statement.class) : out;
        });
  }

  private <S extends Statement> Object counted(S target, Class<S> type) {
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            trips.incrementAndGet();
          }
          return invoke(target, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
