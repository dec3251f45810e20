package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Resource;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Keeps a {@link BookingEngine}'s bookings, history, no-shows, blackouts, rule-set versions and
 * outbox in PostgreSQL (14 or later) through plain JDBC, so that every application instance on one
 * database shares them and a restarted instance finds them. Pass it to
 * {@link BookingEngine.Builder#store(PostgresBookingStore)}; install the tables first with
 * {@link BookingSchema#install} (or Flyway).
 *
 * <p><b>Correct across instances.</b> Each engine operation is one database transaction: a decision
 * that writes first takes transaction-scoped advisory locks on the resources it reads (with their
 * wholes and parts) and on the resident, household and group whose quotas and caps count the booking,
 * in sorted order; then it reads the current rows through indexed queries, runs the same decision
 * code as the in-memory engine, and writes the booking, its history and its outbox rows together.
 * Two engines on one database therefore give exactly the answers one engine would give for the same
 * requests in some order. A retried request id answers the first decision whichever instance made
 * it; a series ({@link BookingEngine#decideAll} all-or-nothing) is kept whole or not at all; a
 * connection lost mid-decision leaves nothing written. Exclusive resources are also guarded by an
 * exclusion constraint. Nothing is cached across operations except parsed rule sets, keyed by their
 * immutable version (the version in force is read by every decision).
 *
 * <p><b>Cost.</b> A decision that writes is three round trips to the server: the locks and every
 * read the decision makes (idempotency, rule version, blackouts, overlaps, each rule's quota, cap
 * and ban reads) in one, the booking with its history and outbox rows in the next, then the commit.
 * A rejection's search for alternatives adds one or two.
 *
 * <p>Thread-safe; the {@code DataSource} should be a pool (HikariCP or the application server's),
 * since every operation takes one connection for its transaction. Instants are stored as
 * {@code timestamptz} at microsecond precision: the engine's clock is read to the microsecond.
 *
 * @since 0.2.0
 */
public final class PostgresBookingStore {
  private final DataSource dataSource;

  private PostgresBookingStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Returns a store on {@code dataSource}.
   *
   * @param dataSource the application's PostgreSQL database, with the booking tables installed
   * @return the store
   */
  public static PostgresBookingStore of(DataSource dataSource) {
    return new PostgresBookingStore(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** The store of one engine, which knows its resources' capacities and buffers. */
  BookingStore open(Map<String, Resource> resources) {
    return new JdbcBookingStore(dataSource, resources);
  }
}
