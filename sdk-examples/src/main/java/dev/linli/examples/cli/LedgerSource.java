package dev.linli.examples.cli;

import dev.linli.core.InvalidValueException;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.journal.Checkpoint;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalVerifier;
import dev.linli.points.journal.LedgerTableVerifier;
import dev.linli.points.journal.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where a {@code points} sub-command reads a ledger from: a journal directory (DIR) or a PostgreSQL
 * database ({@code --db}), exactly one of them. A picocli mixin, so every sub-command that reads a
 * ledger offers the same two options with the same checks.
 */
final class LedgerSource {
  @Parameters(paramLabel = "DIR", arity = "0..1", description = "Journal directory.")
  Path dir;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "Instead of a journal: a PostgreSQL ledger (its tables).")
  String db;

  /**
   * Checks that exactly one of DIR and {@code --db} was given.
   *
   * @throws InvalidValueException (bad usage, exit 2) otherwise
   */
  void check() {
    InvalidValueException.check((dir == null) != (db == null), "DIR", dir,
        "give exactly one of a journal DIR and --db JDBC_URL");
  }

  /**
   * Checks as {@link #check()} does, and that DIR, if given, exists: a missing directory is bad
   * usage (exit 2), not a broken journal.
   *
   * @throws InvalidValueException otherwise
   */
  void checkVerifiable() {
    check();
    if (dir != null) {
      InvalidValueException.check(Files.isDirectory(dir), "DIR", dir.toString(),
          "must be an existing journal directory");
    }
  }

  /** What a verification counts: journal records or the tables' transfer rows. */
  String unit() {
    return db != null ? "transfers" : "records";
  }

  /**
   * Reads the ledger (the journal without locking it; the database without configuring lot
   * expiry, which reading needs none of) and applies {@code reader} to it.
   */
  <T> T read(Function<Ledger, T> reader) {
    check();
    if (db == null) {
      return reader.apply(DurableLedger.readOnly(dir));
    }
    try (Database database = Database.open(db, 1)) {
      return reader.apply(PostgresLedger.open(database.source(),
          Ledger.builder().zone(PointsSimulation.ZONE)).ledger());
    }
  }

  /**
   * Verifies the journal or the tables, against {@code checkpoint} if not null.
   *
   * @param checkpoint a checkpoint, or null
   * @param key the key the checkpoint must be signed with, or null
   * @return the verification
   */
  Verification verify(Checkpoint checkpoint, PublicKey key) {
    checkVerifiable();
    if (db == null) {
      return JournalVerifier.verify(dir, checkpoint, key);
    }
    try (Database database = Database.open(db, 1)) {
      return LedgerTableVerifier.verify(database.source(), checkpoint, key);
    }
  }
}
