package dev.linli.points;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a unit's insert statements one after another on a thread of its own, so that the calling
 * thread can hash and bind the next chunk of transfer rows while the server inserts this one.
 *
 * <p>From the first {@link #insert} until {@link #finish} or {@link #close} returns, the
 * connection is used by the insert thread alone: the caller must not touch it meanwhile (and it
 * need not, since it only chains rows in memory). The hand-over through the executor orders the
 * two threads' uses of the connection. The thread is created by the constructor, is a daemon named
 * {@value #THREAD}, and has ended when {@code finish} or {@code close} returns, also when a
 * statement or the caller fails; a statement that fails stops the ones queued after it. Not
 * thread-safe: one caller.
 */
final class ChunkedInsert implements AutoCloseable {
  static final String THREAD = "linli-ledger-insert";

  /** A statement of one chunk, prepared and bound on the insert thread. */
  interface Statement {
    PreparedStatement prepare(Connection c) throws SQLException;
  }

  private final Connection connection;
  private final ExecutorService thread;
  /** The executor's one thread, once started: joined, so that it has ended when we return. */
  private volatile Thread worker;
  private final List<Future<Integer>> queued = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();
  /** Set by the insert thread when a statement failed or inserted fewer rows than its chunk. */
  private volatile boolean stop;
  private boolean done;

  ChunkedInsert(Connection connection) {
    this.connection = connection;
    this.thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, THREAD);
      t.setDaemon(true);
      worker = t;
      return t;
    });
  }

  /**
   * Queues a chunk's statement, which inserts all of its {@code rows} rows or none (when the chain
   * head was not where the statement expected it). Once a statement has failed or inserted none,
   * the statements queued after it are not run.
   */
  void insert(Statement statement, int rows) {
    sizes.add(rows);
    queued.add(thread.submit(() -> {
      if (stop) {
        return -1;
      }
      try (PreparedStatement s = statement.prepare(connection)) {
        int inserted = s.executeUpdate();
        if (inserted != rows) {
          stop = true;
        }
        return inserted;
      } catch (SQLException | RuntimeException | Error e) {
        stop = true;
        throw e;
      }
    }));
  }

  /**
   * Waits for every queued statement and ends the thread.
   *
   * @return whether the chunks were inserted: true if every one inserted all its rows, false if the
   *     first inserted none (the chain head had moved; nothing was inserted)
   * @throws SQLException the first statement's failure, as the driver threw it
   * @throws IllegalStateException if a chunk after the first inserted fewer rows than it holds,
   *     which the head the first one moved (and this transaction holds) rules out
   */
  boolean finish() throws SQLException {
    List<Object> outcomes = awaitAll();
    for (Object outcome : outcomes) {
      if (outcome instanceof Throwable) {
        rethrow((Throwable) outcome);
      }
    }
    if (outcomes.isEmpty() || (Integer) outcomes.get(0) == 0) {
      return false;
    }
    for (int i = 0; i < outcomes.size(); i++) {
      if (!outcomes.get(i).equals(sizes.get(i))) {
        throw new IllegalStateException("chunk " + i + " of " + outcomes.size() + ": inserted "
            + outcomes.get(i) + " of " + sizes.get(i) + " rows after the chain head was taken");
      }
    }
    return true;
  }

  /** Stops the statements not yet started, waits for the running one and ends the thread. */
  @Override
  public void close() {
    if (!done) {
      stop = true;
      awaitAll();
    }
  }

  /** Each queued statement's row count or failure, in order, once the thread has ended. */
  private List<Object> awaitAll() {
    done = true;
    thread.shutdown();
    boolean interrupted = false;
    List<Object> out = new ArrayList<>();
    try {
      for (Future<Integer> f : queued) {
        while (true) {
          try {
            out.add(f.get());
            break;
          } catch (InterruptedException e) {
            // The connection is the insert thread's until it stops: wait, then pass the
            // interrupt on.
            interrupted = true;
          } catch (ExecutionException e) {
            out.add(e.getCause());
            break;
          }
        }
      }
      while (true) {
        try {
          if (thread.awaitTermination(1, TimeUnit.MINUTES)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      // Terminated means its tasks are done; the thread itself may still be on its way out.
      Thread t = worker;
      while (t != null && t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return out;
  }

  private static void rethrow(Throwable t) throws SQLException {
    if (t instanceof SQLException) {
      throw (SQLException) t;
    }
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    throw (Error) t;
  }
}
