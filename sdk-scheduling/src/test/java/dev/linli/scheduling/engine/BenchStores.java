package dev.linli.scheduling.engine;

import javax.sql.DataSource;

/**
 * Lets the benchmarks (another package) put an engine on the naive check-then-insert store, which
 * is test code of this package. Not part of the SDK.
 */
public final class BenchStores {
  private BenchStores() {}

  /**
   * Puts {@code builder}'s engine on the naive store: the PostgreSQL tables and queries without
   * the locks that serialise decisions.
   *
   * @param builder an engine builder without a store
   * @param dataSource the database, tables installed
   * @return the builder
   */
  public static BookingEngine.Builder naive(BookingEngine.Builder builder, DataSource dataSource) {
    return builder.store(NaiveBookingStore.of(dataSource));
  }

  /**
   * Returns a HikariCP pool, as the tests use.
   *
   * @param connections where connections come from
   * @param size the most connections at once
   * @return the pool
   */
  public static DataSource pool(DataSource connections, int size) {
    return Pools.of(connections, size);
  }
}
