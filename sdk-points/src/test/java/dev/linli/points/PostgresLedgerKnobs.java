package dev.linli.points;

/**
 * Settings of a {@link PostgresLedger} that only benchmarks change, to measure a path beside the
 * one it replaced in the same run.
 */
public final class PostgresLedgerKnobs {
  private PostgresLedgerKnobs() {}

  /**
   * Makes {@code books} insert every unit's transfers in one statement on the calling thread, as
   * before chunked inserts ({@code SqlLedgerStore.CHUNKED_FROM}).
   *
   * @param books the ledger to change
   */
  public static void insertInOneStatement(PostgresLedger books) {
    books.store().chunkedFrom = Integer.MAX_VALUE;
  }
}
