package dev.linli.scheduling.engine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@code DataSource} that counts the round trips its connections make to the server: with the
 * PostgreSQL driver each statement execution (one or several statements sent together) is one,
 * and so are commit and rollback; preparing a statement, binding, reading results and switching
 * auto-commit off are not. Test code only.
 */
final class RoundTrips implements DataSource {
  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "executeBatch", "executeLargeBatch");
  private static final Set<String> ENDS = Set.of("commit", "rollback");

  private final DataSource inner;
  private final AtomicInteger count = new AtomicInteger();

  RoundTrips(DataSource inner) {
    this.inner = inner;
  }

  /** Round trips since the last call, and starts counting again from zero. */
  int take() {
    return count.getAndSet(0);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counting(inner.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return counting(inner.getConnection(user, password));
  }

  private Connection counting(Connection c) {
    return proxy(Connection.class, c, (name, result) -> {
      if (ENDS.contains(name)) {
        count.incrementAndGet();
      }
      if (result instanceof Statement s && name.startsWith("prepare")) {
        Class<? extends Statement> type = name.equals("prepareCall")
            ? java.sql.CallableStatement.class : java.sql.PreparedStatement.class;
        return proxy(type, s, (n, r) -> {
          if (EXECUTES.contains(n)) {
            count.incrementAndGet();
          }
          return r;
        });
      }
      if (result instanceof Statement s && name.equals("createStatement")) {
        return proxy(Statement.class, s, (n, r) -> {
          if (EXECUTES.contains(n)) {
            count.incrementAndGet();
          }
          return r;
        });
      }
      return result;
    });
  }

  /** What a proxy does after the real call returned {@code result}: count, maybe wrap it. */
  @FunctionalInterface
  private interface After {
    Object on(String method, Object result);
  }

  private static <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler h = (p, m, args) -> {
      try {
        return after.on(m.getName(), m.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(RoundTrips.class.getClassLoader(),
        new Class<?>[] {type}, h));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return inner.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    inner.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    inner.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return inner.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return inner.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return inner.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return inner.isWrapperFor(iface);
  }
}
