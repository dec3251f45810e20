package dev.linli.points;

import dev.linli.core.StorageException;
import dev.linli.core.internal.sql.Transactions;
import dev.linli.points.internal.Decided;
import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.FactStream;
import dev.linli.points.internal.StreamCore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The PostgreSQL backend of {@link FactLog}: facts in {@code linli_points_facts}. A step is one
 * transaction that takes the stream's advisory lock, reads and applies the facts other instances
 * stored since this one last looked, decides (its ledger calls join the transaction through
 * {@link PostgresLedger#inTransaction}), inserts the new facts and commits; a nested step (another
 * service called from the decision) joins the same transaction. The local state is applied as the
 * facts are inserted and marked stale until the commit: a rollback (or a retry after a
 * serialization failure or deadlock) rebuilds it from the table before it is used again, so
 * nothing of an uncommitted step is ever seen. Thread-safe.
 */
final class PostgresFacts extends FactBackend {
  private final DataSource dataSource;
  private final PostgresLedger books;
  /** The step transaction this thread is in, if any. */
  private final ThreadLocal<Txn> current = new ThreadLocal<>();

  PostgresFacts(DataSource dataSource, PostgresLedger books) {
    this.dataSource = dataSource;
    this.books = books;
  }

  /** One outermost step's transaction: its connection and the streams it has locked. */
  private static final class Txn {
    final List<PgStream<?, ?>> held;
    Connection connection;

    Txn(List<PgStream<?, ?>> held) {
      this.held = held;
    }
  }

  @Override
  protected <S, F> FactStream<S, F> openStream(StreamCore<S, F> core) {
    PgStream<S, F> s = new PgStream<>(core);
    core.lock().lock();
    try {
      s.catchUpAlone();
    } finally {
      core.lock().unlock();
    }
    return s;
  }

  @Override
  public void checkLedger(Ledger ledger) {
    if (ledger != books.ledger()) {
      throw new IllegalArgumentException("this fact log belongs to another PostgresLedger; give the"
          + " service the facts() of the PostgresLedger whose ledger its time bank uses");
    }
  }

  @Override
  public String describe() {
    return "PostgreSQL table linli_points_facts";
  }

  /** How often a catch-up read is tried when the server ended the connection's session. */
  static final int READ_ATTEMPTS = 3;

  /**
   * Whether {@code e} says the connection's server session is gone (SQLSTATE class 08, or 57P01–03:
   * the backend was terminated or the server is shutting down or starting), not that the query
   * was wrong.
   */
  static boolean sessionEnded(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }

  private final class PgStream<S, F> implements FactStream<S, F> {
    private final StreamCore<S, F> core;
    private final long lockKey;
    /** Facts applied locally that may not be committed: rebuild before the next use. */
    private boolean stale;

    PgStream(StreamCore<S, F> core) {
      this.core = core;
      this.lockKey = Transactions.lockKey("linli-facts", core.name());
    }

    @Override
    public String name() {
      return core.name();
    }

    @Override
    public <R> R step(Function<S, Decided<R, F>> decide) {
      Txn t = current.get();
      if (t != null) {
        if (!t.held.contains(this)) {
          core.lock().lock();
          t.held.add(this);
        }
        return stepIn(t.connection, decide);
      }
      List<PgStream<?, ?>> held = new ArrayList<>();
      core.lock().lock();
      held.add(this);
      Txn txn = new Txn(held);
      try {
        R out = Transactions.run(dataSource, "a step of the " + core.name() + " service", c -> {
          txn.connection = c;
          current.set(txn);
          try {
            return books.inTransaction(c, ledger -> stepIn(c, decide));
          } catch (StorageException e) {
            // A deadlock or serialization failure inside a ledger call: retry the whole step.
            if (e.getCause() instanceof SQLException sql && retryable(sql)) {
              throw sql;
            }
            throw e;
          } finally {
            current.remove();
          }
        });
        for (PgStream<?, ?> s : held) {
          s.stale = false;
        }
        return out;
      } finally {
        for (int i = held.size() - 1; i >= 0; i--) {
          held.get(i).core.lock().unlock();
        }
      }
    }

    /** Catches up inside the transaction, decides, stores and applies; holding both locks. */
    private <R> R stepIn(Connection c, Function<S, Decided<R, F>> decide) {
      try {
        Transactions.lock(c, lockKey);
        catchUp(c);
        Decided<R, F> d = decide.apply(core.state());
        if (d.facts().isEmpty()) {
          return d.result();
        }
        // One multi-row statement (not a JDBC batch: pgjdbc's batch path asserts, under -ea,
        // when the server ends the session mid-batch, instead of throwing an SQLException).
        StringBuilder sql = new StringBuilder(
            "INSERT INTO linli_points_facts (stream, seq, kind, payload) VALUES ");
        for (int i = 0; i < d.facts().size(); i++) {
          sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        try (PreparedStatement ins = c.prepareStatement(sql.toString())) {
          long seq = core.applied();
          int p = 0;
          for (F f : d.facts()) {
            ins.setString(++p, core.name());
            ins.setLong(++p, ++seq);
            ins.setString(++p, core.codec().kind(f));
            ins.setString(++p, core.codec().write(f));
          }
          ins.executeUpdate();
        }
        stale = true;
        for (F f : d.facts()) {
          core.apply(f);
        }
        return d.result();
      } catch (SQLException e) {
        throw StorageException.failed("storing facts of the " + core.name() + " service", e);
      }
    }

    @Override
    public <R> R read(Function<S, R> query) {
      Txn t = current.get();
      core.lock().lock();
      try {
        if (t == null) {
          catchUpAlone();
        } else if (!t.held.contains(this)) {
          // Inside another stream's step: read on its connection, so a step never needs a
          // second pooled connection (a small pool could otherwise starve).
          try {
            catchUp(t.connection);
          } catch (SQLException e) {
            throw StorageException.failed("reading the facts of the " + core.name()
                + " service", e);
          }
        }
        return query.apply(core.state());
      } finally {
        core.lock().unlock();
      }
    }

    /**
     * Catches up on a connection of its own (auto-commit); under the stream's lock. A pooled
     * connection whose server session has ended (a restarted or terminated backend) fails on first
     * use; the read changes nothing in the database and resumes after the last fact applied, so it
     * is tried again on another connection, up to {@value #READ_ATTEMPTS} times in all.
     */
    void catchUpAlone() {
      for (int attempt = 1; ; attempt++) {
        try (Connection c = dataSource.getConnection()) {
          catchUp(c);
          return;
        } catch (SQLException e) {
          if (attempt >= READ_ATTEMPTS || !sessionEnded(e)) {
            throw StorageException.failed("reading the facts of the " + core.name() + " service",
                e);
          }
        }
      }
    }

    /** Applies the facts stored after the last applied one (all of them when stale). */
    private void catchUp(Connection c) throws SQLException {
      if (stale) {
        core.reset();
        stale = false;
      }
      try (PreparedStatement q = c.prepareStatement("SELECT seq, kind, payload FROM"
          + " linli_points_facts WHERE stream = ? AND seq > ? ORDER BY seq")) {
        q.setString(1, core.name());
        q.setLong(2, core.applied());
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            core.applyStored(r.getLong(1), r.getString(2), r.getString(3));
          }
        }
      } catch (RuntimeException e) {
        stale = true;
        throw e;
      }
    }
  }

  /** Serialization failure or deadlock: PostgreSQL asks for the transaction to be retried. */
  private static boolean retryable(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }
}
