package dev.linli.points;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Heap a ledger keeps per transfer: the heap in use after a full collection, once after the
 * accounts are created and once after {@code n} transfers (linked batches of 8,190 earnings from a
 * pool to 10,000 members, ids {@code t0, t1, …}, as in {@code LedgerBenchmark}), the difference
 * divided by {@code n}. Run as a program for the figures of {@code docs/benchmarks.md}:
 * {@code java -Xmx8g -cp … dev.linli.points.LedgerFootprint 10000000} (compact and map store).
 */
public final class LedgerFootprint {
  static final int BATCH = 8_190;
  static final int MEMBERS = 10_000;

  private LedgerFootprint() {}

  /** A ledger on the default (compact) store. */
  static Ledger compact() {
    return Ledger.create(Clock.systemUTC());
  }

  /** A ledger on the map-and-list store the contract compares with. */
  static Ledger map() {
    return onMapStore(Clock.systemUTC());
  }

  /**
   * Returns an empty ledger on the map-and-list store (the default before the compact store), for
   * benchmarks that compare the two in one run.
   *
   * @param clock the ledger's clock
   * @return the ledger
   */
  public static Ledger onMapStore(Clock clock) {
    return LedgerContract.reference(Ledger.builder().clock(clock));
  }

  /**
   * Returns an empty ledger on the compact store (the default) whose linked batches are indexed
   * on the checking thread alone, without the {@link IdIndexer}'s thread, for benchmarks that
   * compare the two in one run.
   *
   * @param clock the ledger's clock
   * @return the ledger
   */
  public static Ledger withoutIndexerThread(Clock clock) {
    CompactLedgerStore store = new CompactLedgerStore();
    store.indexer.enabled = false;
    return Ledger.builder().clock(clock).build(expiries -> store);
  }

  /** Returns the heap kept per transfer after {@code n} transfers on a ledger from {@code open}. */
  static double bytesPerTransfer(Supplier<Ledger> open, int n) {
    Ledger ledger = open.get();
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    for (int i = 0; i < MEMBERS; i++) {
      ledger.createAccount(Account.member("m" + i, "points"));
    }
    long before = usedAfterGc();
    for (int done = 0; done < n; done += BATCH) {
      List<TransferRequest> batch = new ArrayList<>(BATCH);
      for (int i = done; i < Math.min(n, done + BATCH); i++) {
        batch.add(TransferRequest.of("t" + i, "pool", "m" + i % MEMBERS, 10, "gift"));
      }
      for (TransferResult r : ledger.submitLinked(batch)) {
        if (r != TransferResult.OK) {
          throw new IllegalStateException("batch at " + done + ": " + r);
        }
      }
    }
    long after = usedAfterGc();
    if (ledger.transferCount() != n) {
      throw new IllegalStateException("holds " + ledger.transferCount() + " transfers, not " + n);
    }
    return (after - before) / (double) n;
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    // Collections may leave a little floating garbage: take the least of a few.
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  /**
   * Prints bytes per transfer for the compact and the map store.
   *
   * @param args the number of transfers (default 10,000,000), then {@code compact} or {@code map}
   *     to measure one store only
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    String only = args.length > 1 ? args[1] : "";
    if (!only.equals("map")) {
      System.out.printf(Locale.ROOT, "compact store: %,d transfers, %.1f bytes per transfer%n", n,
          bytesPerTransfer(LedgerFootprint::compact, n));
    }
    if (!only.equals("compact")) {
      System.out.printf(Locale.ROOT, "map store:     %,d transfers, %.1f bytes per transfer%n", n,
          bytesPerTransfer(LedgerFootprint::map, n));
    }
  }
}
