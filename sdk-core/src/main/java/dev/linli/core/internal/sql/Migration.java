package dev.linli.core.internal.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned SQL script, named the way Flyway names them ({@code V1__booking_tables.sql},
 * {@code V1_1__outbox.sql}), so a team that runs Flyway can point it at the same resources.
 *
 * @param version the version as written in the name with {@code _} read as {@code .} (e.g. {@code 1.1})
 * @param description the rest of the name, underscores read as spaces
 * @param sql the script's text; statements separated by semicolons
 * @param checksum hex SHA-256 of the script's text, used to detect a script changed after it ran
 */
public record Migration(String version, String description, String sql, String checksum) {
  private static final Pattern NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__([A-Za-z0-9_]+)\\.sql");

  public Migration {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(checksum, "checksum");
  }

  /**
   * Reads a migration from its Flyway-style file name and text.
   *
   * @param fileName e.g. {@code V1__booking_tables.sql}
   * @param sql the script's text
   * @return the migration
   * @throws IllegalArgumentException if the name is not {@code V<version>__<description>.sql}
   */
  public static Migration of(String fileName, String sql) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "migration name " + fileName + " is not V<version>__<description>.sql");
    }
    return new Migration(
        m.group(1).replace('_', '.'),
        m.group(2).replace('_', ' '),
        sql,
        sha256(sql));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Orders versions numerically part by part, as Flyway does ({@code 1.10} after {@code 1.9}). */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      BigDecimal p = new BigDecimal(i < x.length ? x[i] : "0");
      BigDecimal q = new BigDecimal(i < y.length ? y[i] : "0");
      int c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
