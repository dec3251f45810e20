package dev.linli.core.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.StorageException;
import dev.linli.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {
  private static final Migration V1 = Migration.of("V1__things.sql",
      "CREATE TABLE thing (id text PRIMARY KEY);");
  private static final Migration V1_1 = Migration.of("V1_1__thing_size.sql",
      "ALTER TABLE thing ADD COLUMN size int NOT NULL DEFAULT 0;");
  private static final Migration V1_10 = Migration.of("V1_10__thing_colour.sql",
      "ALTER TABLE thing ADD COLUMN colour text;");

  @Test
  void apply_twice_installsOnceInVersionOrder() throws SQLException {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    // given in the wrong order: 1.10 must run after 1.1 (numeric, not text, order)
    assertEquals(List.of("1", "1.1", "1.10"), SchemaMigrations.apply(ds, "m", List.of(V1_10, V1, V1_1)));
    assertEquals(List.of(), SchemaMigrations.apply(ds, "m", List.of(V1, V1_1, V1_10)));
    assertEquals(List.of("1", "1.1", "1.10"), versions(ds, "m"));
    assertEquals(List.of("colour", "id", "size"), columns(ds));
  }

  @Test
  void apply_newScriptLater_appliesOnlyTheNewOne() {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    SchemaMigrations.apply(ds, "m", List.of(V1));
    assertEquals(List.of("1.1"), SchemaMigrations.apply(ds, "m", List.of(V1, V1_1)));
  }

  @Test
  void apply_failingScript_leavesNothingOfItsTransaction() throws SQLException {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    Migration bad = Migration.of("V2__bad.sql", "CREATE TABLE other (x int); SELECT no_such_function();");
    StorageException e = assertThrows(StorageException.class,
        () -> SchemaMigrations.apply(ds, "m", List.of(V1, bad)));
    assertTrue(e.getMessage().contains("V2 (bad)"), e.getMessage());
    assertEquals("42883", e.sqlState());
    // V1 ran in the same transaction and is gone too: nothing half-installed
    assertEquals(List.of(), versions(ds, "m"));
    assertEquals(List.of(), columns(ds));
  }

  @Test
  void apply_scriptChangedAfterItRan_refused() {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    SchemaMigrations.apply(ds, "m", List.of(V1));
    Migration edited = Migration.of("V1__things.sql", "CREATE TABLE thing (id text PRIMARY KEY, x int);");
    StorageException e = assertThrows(StorageException.class,
        () -> SchemaMigrations.apply(ds, "m", List.of(edited)));
    assertEquals("schema-mismatch", e.code());
    assertTrue(e.getMessage().contains("V1 (things) differs"), e.getMessage());
  }

  @Test
  void apply_databaseNewerThanSdk_refused() {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    SchemaMigrations.apply(ds, "m", List.of(V1, V1_1));
    StorageException e = assertThrows(StorageException.class,
        () -> SchemaMigrations.apply(ds, "m", List.of(V1)));
    assertEquals("schema-mismatch", e.code());
    assertTrue(e.getMessage().contains("version 1.1, which this SDK does not ship"), e.getMessage());
  }

  @Test
  void apply_modulesAreIndependent() {
    DataSource ds = TestPostgres.newDatabase().dataSource();
    SchemaMigrations.apply(ds, "a", List.of(V1));
    Migration other = Migration.of("V1__others.sql", "CREATE TABLE other_thing (id text);");
    assertEquals(List.of("1"), SchemaMigrations.apply(ds, "b", List.of(other)));
  }

  @Test
  void apply_eightInstancesAtOnce_installOnce() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<String>>> installs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        DataSource own = db.dataSource();
        installs.add(() -> SchemaMigrations.apply(own, "m", List.of(V1, V1_1, V1_10)));
      }
      List<List<String>> results = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(installs)) {
        results.add(f.get());
      }
      assertEquals(1, Collections.frequency(results, List.of("1", "1.1", "1.10")), results.toString());
      assertEquals(7, Collections.frequency(results, List.of()), results.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void migrationName_mustBeFlywayStyle() {
    assertThrows(IllegalArgumentException.class, () -> Migration.of("1__x.sql", ""));
    assertThrows(IllegalArgumentException.class, () -> Migration.of("V1_x.sql", ""));
    assertEquals("2.3", Migration.of("V2_3__x_y.sql", "").version());
    assertEquals("x y", Migration.of("V2_3__x_y.sql", "").description());
  }

  private static List<String> versions(DataSource ds, String module) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version FROM linli_schema_history WHERE module = '"
            + module + "' ORDER BY installed_at, version")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return out; // no history table: nothing was ever committed
      }
      throw e;
    }
    out.sort(Migration::compareVersions);
    return out;
  }

  private static List<String> columns(DataSource ds) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT column_name FROM information_schema.columns"
            + " WHERE table_name = 'thing' ORDER BY column_name")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
