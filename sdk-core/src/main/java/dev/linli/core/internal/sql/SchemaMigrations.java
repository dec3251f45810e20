package dev.linli.core.internal.sql;

import dev.linli.core.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Applies a module's versioned SQL scripts to a PostgreSQL database exactly once, recording each in
 * the table {@code linli_schema_history} (one row per module and version, with the script's
 * checksum).
 *
 * <p>Everything happens in one transaction under a transaction-scoped advisory lock, so several
 * application instances starting at once install the schema once, and a script that fails leaves
 * neither its changes nor its history row (PostgreSQL's DDL is transactional). Applying again is a
 * no-op. A script changed after it was applied, or a database at a version newer than the SDK knows,
 * is refused with {@code schema-mismatch} rather than guessed at.
 */
public final class SchemaMigrations {
  /** Advisory lock key shared by every Linli installer ("linli-sc" in ASCII). */
  private static final long INSTALL_LOCK = 0x6c696e6c692d7363L;

  private SchemaMigrations() {}

  /**
   * Applies the scripts of {@code module} that the database does not have yet, in version order.
   *
   * @param dataSource the application's database
   * @param module the module's name in the history table, e.g. {@code sdk-scheduling}
   * @param migrations every script the module ships, in any order
   * @return the versions applied by this call, oldest first (empty when the schema was current)
   * @throws StorageException if the database fails, a script was changed after it ran, or the
   *     database holds a version this module does not ship
   */
  public static List<String> apply(DataSource dataSource, String module, List<Migration> migrations) {
    List<Migration> ordered = new ArrayList<>(migrations);
    ordered.sort(Comparator.comparing(Migration::version, Migration::compareVersions));
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<String> applied = applyLocked(c, module, ordered);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw StorageException.failed("installing the " + module + " schema", e);
    }
  }

  private static List<String> applyLocked(Connection c, String module, List<Migration> ordered)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
      s.execute("CREATE TABLE IF NOT EXISTS linli_schema_history ("
          + " module text NOT NULL,"
          + " version text NOT NULL,"
          + " description text NOT NULL,"
          + " checksum text NOT NULL,"
          + " installed_at timestamptz NOT NULL DEFAULT now(),"
          + " PRIMARY KEY (module, version))");
    }
    Map<String, String> present = new HashMap<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT version, checksum FROM linli_schema_history WHERE module = ?")) {
      q.setString(1, module);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          present.put(r.getString(1), r.getString(2));
        }
      }
    }
    Map<String, Migration> known = new HashMap<>();
    for (Migration m : ordered) {
      known.put(m.version(), m);
    }
    for (Map.Entry<String, String> e : present.entrySet()) {
      Migration m = known.get(e.getKey());
      if (m == null) {
        throw new StorageException("schema-mismatch", "the database's " + module + " schema has version "
            + e.getKey() + ", which this SDK does not ship (it knows " + known.keySet()
            + "); use an SDK at least as new as the one that installed it", null);
      }
      if (!m.checksum().equals(e.getValue())) {
        throw new StorageException("schema-mismatch", "the " + module + " schema script V" + m.version()
            + " (" + m.description() + ") differs from the one applied to this database (checksum "
            + e.getValue() + ", now " + m.checksum() + "); restore the original script", null);
      }
    }
    List<String> applied = new ArrayList<>();
    for (Migration m : ordered) {
      if (present.containsKey(m.version())) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute(m.sql());
      } catch (SQLException e) {
        throw StorageException.failed("applying " + module + " schema V" + m.version() + " ("
            + m.description() + ")", e);
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO linli_schema_history (module, version, description, checksum) VALUES (?,?,?,?)")) {
        ins.setString(1, module);
        ins.setString(2, m.version());
        ins.setString(3, m.description());
        ins.setString(4, m.checksum());
        ins.executeUpdate();
      }
      applied.add(m.version());
    }
    return applied;
  }
}
