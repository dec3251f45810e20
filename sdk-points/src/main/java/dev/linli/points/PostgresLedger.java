package dev.linli.points;

import dev.linli.core.StorageException;
import dev.linli.core.internal.sql.Migration;
import dev.linli.core.internal.sql.SchemaMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The points ledger kept in PostgreSQL (plain JDBC; the application supplies the driver and the
 * {@link DataSource}).
 *
 * <p>The schema is a set of versioned SQL scripts shipped in this module under
 * {@code dev/linli/points/db/} with Flyway-style names ({@code V1__ledger.sql}); {@link
 * #installSchema} applies the ones a database lacks, once, even when several application instances
 * start together. The tables are described in {@code docs/formats.md}.
 *
 * @since 0.2.0
 */
public final class PostgresLedger {
  /** The name this module's scripts are recorded under in {@code linli_schema_history}. */
  static final String MODULE = "sdk-points";
  /** Every schema script, oldest first. */
  private static final List<String> SCRIPTS = List.of("V1__ledger.sql");

  private PostgresLedger() {}

  /**
   * Creates or upgrades the ledger's tables in {@code dataSource}'s database; a database that is
   * already current is left as it is. Safe to call from every application instance at start-up.
   *
   * @param dataSource the application's database, not null
   * @return the schema versions this call applied, oldest first (empty when already current)
   * @throws StorageException if the database fails, or holds a ledger schema this SDK does not know
   *     or that differs from the scripts it ships ({@code schema-mismatch})
   */
  public static List<String> installSchema(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return SchemaMigrations.apply(dataSource, MODULE, migrations());
  }

  /** Reads the shipped scripts (this module's own resources, which JPMS lets it read). */
  static List<Migration> migrations() {
    List<Migration> out = new ArrayList<>();
    for (String name : SCRIPTS) {
      try (InputStream in = PostgresLedger.class.getResourceAsStream("db/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the sdk-points jar lacks its schema script db/" + name);
        }
        out.add(Migration.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the schema script db/" + name + ": " + e, e);
      }
    }
    return out;
  }
}
