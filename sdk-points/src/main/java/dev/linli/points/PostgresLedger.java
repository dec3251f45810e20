package dev.linli.points;

import dev.linli.core.InvalidValueException;
import dev.linli.core.StorageException;
import dev.linli.core.internal.sql.Migration;
import dev.linli.core.internal.sql.SchemaMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The points ledger kept in PostgreSQL: the same {@link Ledger}, with the same result codes for the
 * same requests, whose accounts, transfers, holds and lots live in the application's database
 * (plain JDBC; the application supplies the driver and the {@link DataSource}, ideally a pool).
 *
 * <pre>{@code
 * PostgresLedger.installSchema(dataSource);            // once per start-up; idempotent
 * PostgresLedger books = PostgresLedger.open(dataSource, Ledger.builder()
 *     .expireLots("points", Period.ofYears(2), "expired"));
 * Ledger ledger = books.ledger();                       // share it; thread-safe
 * ledger.submit(TransferRequest.of("t-1", "pool", "m-1", 30, "elderly-care"));
 * }</pre>
 *
 * <p><b>Transactions.</b> Each ledger call is committed before it returns (so it is as durable as
 * the database's commit), or, inside {@link #inTransaction}, a part of the caller's transaction,
 * committed or rolled back with the application's own rows. A call locks the rows of the accounts
 * it touches with {@code SELECT … FOR UPDATE} in ascending id order, decides exactly as the
 * in-memory ledger does, and writes what changed; transfers go in last, chained (SHA-256) after the
 * chain head row, in the same statement that moves the head, which is therefore held only from that
 * statement to the commit. A transaction that PostgreSQL aborts as a deadlock or serialization
 * failure, or that loses a race to store the same new id, is run again whole, so every caller gets
 * the answer a serial execution gives: a retried transfer id answers {@code EXISTS} on any instance.
 *
 * <p><b>Group commit.</b> Single {@link Ledger#submit}s made at the same time on several threads of
 * one instance (outside {@link #inTransaction}) share a transaction: they wait in a bounded
 * first-come-first-served queue, and one of the waiting threads locks all their accounts in one
 * statement, decides each submit in turn (each sees the ones before it, and a refused one writes
 * nothing, so one caller's refusal or duplicate id never changes another's result), writes them in
 * one statement and commits once. Every caller gets its own result, only after that commit. If the
 * group's transaction fails before its commit, the submits run again, each in a transaction of its
 * own; if the commit itself fails, whether it happened is looked up before anyone is answered
 * (if that fails too, each caller gets a {@link StorageException} and may submit again: a stored
 * request answers {@code EXISTS}).
 * Other calls (linked batches, holds, accounts) are a transaction each.
 *
 * <p><b>Several instances.</b> Any number of {@code PostgresLedger}s (processes, machines) may share
 * one database: balances never go below their floor, a linked batch is all or nothing, a hold posts
 * once. Timestamps increase strictly within one instance and within each account's history; two
 * instances' clocks are not compared otherwise. Nothing per transfer is held in the JVM: history,
 * statements and as-of balances are read from the database.
 *
 * <p>The schema is a set of versioned SQL scripts shipped in this module under {@code
 * dev/linli/points/db/} with Flyway-style names ({@code V1__ledger.sql}); {@link #installSchema}
 * applies the ones a database lacks, once, even when several instances start together. The tables
 * are described in {@code docs/formats.md}; {@link dev.linli.points.journal.LedgerTableVerifier}
 * checks them. Thread-safe.
 *
 * @since 0.2.0
 */
public final class PostgresLedger {
  /** The name this module's scripts are recorded under in {@code linli_schema_history}. */
  static final String MODULE = "sdk-points";
  /** Every schema script, oldest first. */
  private static final List<String> SCRIPTS = List.of("V1__ledger.sql", "V2__service_facts.sql",
      "V3__transfers_without_account_keys.sql", "V4__account_history_links.sql",
      "V5__batch_gate.sql");

  private final SqlLedgerStore store;
  private final Ledger ledger;
  private final FactLog facts;

  private PostgresLedger(SqlLedgerStore store, Ledger ledger, DataSource dataSource) {
    this.store = store;
    this.ledger = ledger;
    this.facts = new PostgresFacts(dataSource, this).asLog();
  }

  /**
   * Opens the ledger in {@code dataSource}'s database with the system clock, zone Asia/Shanghai and
   * no expiring assets. The schema must be installed ({@link #installSchema}).
   *
   * @param dataSource the application's database, not null
   * @return the ledger
   * @throws StorageException if the database fails
   */
  public static PostgresLedger open(DataSource dataSource) {
    return open(dataSource, Ledger.builder());
  }

  /**
   * Opens the ledger in {@code dataSource}'s database with the clock, zone and lot expiry policies
   * of {@code config}, creating the policies' expiry sink accounts if they are missing. The schema
   * must be installed ({@link #installSchema}). Every instance sharing the database should be given
   * the same policies.
   *
   * @param dataSource the application's database, not null
   * @param config the ledger's settings, not null
   * @return the ledger
   * @throws StorageException if the database fails
   * @throws InvalidValueException if an expiry sink's id is taken by an account of another kind or
   *     asset
   */
  public static PostgresLedger open(DataSource dataSource, Ledger.Builder config) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(config, "config");
    SqlLedgerStore[] store = new SqlLedgerStore[1];
    Ledger ledger = config.build(expiries -> store[0] = new SqlLedgerStore(dataSource, expiries));
    store[0].clock(ledger.clock());
    for (LotExpiry e : store[0].expiries().values()) {
      AccountResult r = ledger.createAccount(Bookkeeper.sinkOf(e));
      InvalidValueException.check(r == AccountResult.OK || r == AccountResult.EXISTS,
          "sinkAccountId", e.sinkAccountId(), "names an account of another kind, asset or settings"
          + " in this database (" + r + "); choose another expiry sink id");
    }
    return new PostgresLedger(store[0], ledger, dataSource);
  }

  /** The store under the ledger (tests look at its group commit). */
  SqlLedgerStore store() {
    return store;
  }

  /**
   * Returns the ledger. Every call on it is a transaction of its own, unless made inside
   * {@link #inTransaction}.
   *
   * @return the ledger
   */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Returns the log in which the points services built on this ledger ({@code Volunteering},
   * {@code WishBoard}, ...) keep their state, in the table {@code linli_points_facts} of the same
   * database: a service's step and its ledger changes commit in one transaction, and steps of one
   * service are serialised across every instance sharing the database. Always the same log.
   *
   * @return the log
   * @since 0.3.0
   */
  public FactLog facts() {
    return facts;
  }

  /**
   * Runs {@code work} with every call it makes on the ledger (on this thread) joining the caller's
   * open transaction on {@code connection}: the points commit or roll back with the application's
   * own rows, and nothing is committed here. Results are decided as usual (a refused transfer is a
   * result code and writes nothing). If a statement fails, or PostgreSQL aborts the transaction as a
   * deadlock, a {@link StorageException} is thrown and the caller must roll back (and may retry the
   * whole transaction). Calls on other threads are not affected.
   *
   * @param connection the caller's connection, with auto-commit off, not null
   * @param work the calls to make, not null
   * @param <T> what {@code work} returns
   * @return what {@code work} returned
   * @throws StorageException if the connection is in auto-commit mode or a statement fails
   * @throws IllegalStateException if this thread is already inside {@code inTransaction}
   */
  public <T> T inTransaction(Connection connection, Function<Ledger, T> work) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(work, "work");
    try {
      if (connection.getAutoCommit()) {
        throw new StorageException("storage-failed", "the connection given to inTransaction is in"
            + " auto-commit mode; call setAutoCommit(false) first, so the ledger's rows and the"
            + " application's commit together", null);
      }
    } catch (SQLException e) {
      throw StorageException.failed("checking the caller's connection", e);
    }
    return store.joining(connection, () -> work.apply(ledger));
  }

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
