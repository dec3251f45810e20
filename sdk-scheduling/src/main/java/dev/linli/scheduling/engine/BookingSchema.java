package dev.linli.scheduling.engine;

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
 * The PostgreSQL tables of the booking engine, shipped as versioned SQL scripts named the way Flyway
 * names them ({@code db/linli-scheduling/V1__booking_tables.sql}, {@code V2__waitlist.sql} on the
 * class path), and applied
 * once per database with a version table ({@code linli_schema_history}, module
 * {@code sdk-scheduling}). Teams that run Flyway can include {@code classpath:db/linli-scheduling}
 * instead; the tables are described one by one in {@code docs/formats.md}.
 *
 * <p>Thread-safe and safe across processes: installs run in one transaction under an advisory lock,
 * so application instances that start together install the schema once.
 *
 * @since 0.2.0
 */
public final class BookingSchema {
  /** The module's name in {@code linli_schema_history}. */
  public static final String MODULE = "sdk-scheduling";
  /** The scripts, oldest first; never edited once released (their checksums are recorded). */
  static final List<String> SCRIPTS = List.of("V1__booking_tables.sql", "V2__waitlist.sql",
      "V3__booking_reminders.sql", "V4__ballots_classes.sql");

  private BookingSchema() {}

  /**
   * Creates the booking tables, or brings them up to this SDK's version; does nothing when they are
   * current.
   *
   * @param dataSource the application's PostgreSQL database (14 or later; the {@code btree_gist}
   *     extension must be installable), not null
   * @return the versions applied by this call, oldest first; empty when the schema was current
   * @throws StorageException if the database fails, a script was changed after it was applied, or
   *     the database holds a newer version than this SDK ships ({@code schema-mismatch})
   */
  public static List<String> install(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return SchemaMigrations.apply(dataSource, MODULE, migrations());
  }

  /** Reads the scripts from this module's own resources (JPMS hides them from core). */
  static List<Migration> migrations() {
    List<Migration> out = new ArrayList<>();
    for (String name : SCRIPTS) {
      String path = "/db/linli-scheduling/" + name;
      try (InputStream in = BookingSchema.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("the sdk-scheduling jar lacks " + path);
        }
        out.add(Migration.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new StorageException("storage-failed", "reading the schema script " + path
            + " from the sdk-scheduling jar failed: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
