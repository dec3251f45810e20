package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The insert thread of a chunked insert: statements run in order on one thread of the insert's own
 * that has ended when {@code finish} or {@code close} returns; the first failure, or a first chunk
 * that inserted nothing, stops the statements after it; an interrupted caller still waits for the
 * running statement (the connection is the insert thread's until then) and keeps its interrupt.
 */
class ChunkedInsertTest {
  private final List<String> ran = new CopyOnWriteArrayList<>();
  /** Opened when a statement starts to execute. */
  private final CountDownLatch entered = new CountDownLatch(1);

  /** A statement named {@code name} that inserts {@code rows} rows after {@code gate} opens. */
  private ChunkedInsert.Statement statement(String name, int rows, CountDownLatch gate) {
    return c -> (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "executeUpdate":
              entered.countDown();
              gate.await();
              ran.add(name + "@" + Thread.currentThread().getName());
              return rows;
            case "close":
              return null;
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  private ChunkedInsert.Statement failing(String name, SQLException failure) {
    return c -> {
      ran.add(name);
      throw failure;
    };
  }

  private static boolean insertThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(ChunkedInsert.THREAD) && t.isAlive());
  }

  private static final CountDownLatch OPEN = new CountDownLatch(0);

  @Test
  void statements_runInOrder_onTheInsertThread() throws SQLException {
    try (ChunkedInsert insert = new ChunkedInsert(null)) {
      insert.insert(statement("a", 3, OPEN), 3);
      insert.insert(statement("b", 3, OPEN), 3);
      insert.insert(statement("c", 1, OPEN), 1);
      assertTrue(insert.finish());
    }
    String on = "@" + ChunkedInsert.THREAD;
    assertEquals(List.of("a" + on, "b" + on, "c" + on), ran);
    assertFalse(insertThreadAlive());
  }

  @Test
  void firstChunkInsertsNothing_theRestAreNotRun() throws SQLException {
    try (ChunkedInsert insert = new ChunkedInsert(null)) {
      insert.insert(statement("a", 0, OPEN), 3);
      insert.insert(statement("b", 3, OPEN), 3);
      assertFalse(insert.finish());
    }
    assertEquals(1, ran.size());
    assertFalse(insertThreadAlive());
  }

  @Test
  void aFailure_isThrownAsTheDriverThrewIt_andStopsTheRest() {
    SQLException duplicate = new SQLException("duplicate key", "23505");
    ChunkedInsert insert = new ChunkedInsert(null);
    insert.insert(statement("a", 3, OPEN), 3);
    insert.insert(failing("b", duplicate), 3);
    insert.insert(statement("c", 3, OPEN), 3);
    assertSame(duplicate, assertThrows(SQLException.class, insert::finish));
    insert.close();
    assertEquals(2, ran.size());
    assertFalse(insertThreadAlive());
  }

  @Test
  void aLaterChunkShort_isAnError() {
    try (ChunkedInsert insert = new ChunkedInsert(null)) {
      insert.insert(statement("a", 3, OPEN), 3);
      insert.insert(statement("b", 2, OPEN), 3);
      IllegalStateException e = assertThrows(IllegalStateException.class, insert::finish);
      assertTrue(e.getMessage().contains("chunk 1 of 2: inserted 2 of 3"), e.getMessage());
    }
  }

  @Test
  void interruptedCaller_waitsForTheRunningStatement_andKeepsItsInterrupt() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try (ChunkedInsert insert = new ChunkedInsert(null)) {
        insert.insert(statement("a", 3, gate), 3);
        outcome.set(insert.finish());
      } catch (SQLException | RuntimeException e) {
        outcome.set(e);
      }
      interrupted.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    // The caller is waiting for the statement, which waits for the gate.
    while (caller.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    caller.interrupt();
    Thread.sleep(50);
    assertTrue(caller.isAlive(), "the caller returned while its statement was running");
    assertTrue(ran.isEmpty());
    gate.countDown();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertEquals(Boolean.TRUE, outcome.get());
    assertEquals(Boolean.TRUE, interrupted.get());
    assertEquals(1, ran.size());
    assertFalse(insertThreadAlive());
  }

  @Test
  void close_withoutFinish_waitsForTheRunningStatement_andSkipsTheRest() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ChunkedInsert insert = new ChunkedInsert(null);
    insert.insert(statement("a", 3, gate), 3);
    insert.insert(statement("b", 3, OPEN), 3);
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    Thread opener = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      gate.countDown();
    });
    opener.start();
    insert.close();
    assertEquals(List.of("a@" + ChunkedInsert.THREAD), ran, "only the statement running at close");
    assertFalse(insertThreadAlive());
    opener.join();
  }
}
