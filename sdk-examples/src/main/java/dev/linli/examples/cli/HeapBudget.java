package dev.linli.examples.cli;

import dev.linli.core.LinliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses, before anything is read, a health check whose city would not fit in the Java heap, so
 * that a too-large city ends with a message saying how much memory to give, not an
 * {@link OutOfMemoryError} part-way through.
 *
 * <p>The estimate is from file sizes, with factors measured on the generator's cities (live heap
 * after a full collection, with the result held, at 5,000 x 150,000 and 20,000 x 600,000): a
 * facility takes about 370 bytes of heap against 131 bytes of CSV or 307 of GeoJSON (its record,
 * point, names and strings), and a community about 12 KB once scored (its profile: one measure per
 * required type with its boxed lists, category scores, the lists of missing types) against about
 * 166 bytes of CSV or 500 of GeoJSON. Both grow linearly: the walks from each community to the
 * facilities within the largest circle, which grow with communities x facilities when both crowd
 * one area, are summed per community as they are found and not kept (before, they made the
 * generator's 100,000 x 3,000,000 city run out of memory in a 13.5 GB heap). The factors carry a
 * margin of a quarter for what reading and scoring hold meanwhile, so the estimate errs towards
 * refusing; {@code HeapBudgetTest} checks it against the live heap of scored cities.
 */
final class HeapBudget {
  /** Heap bytes per byte of a facilities CSV file, margin included. */
  static final double FACILITY_CSV = 3.5;
  /** Heap bytes per byte of a facilities GeoJSON file, margin included. */
  static final double FACILITY_GEOJSON = 1.5;
  /** Heap bytes per byte of a communities CSV file once scored, margin included. */
  static final double COMMUNITY_CSV = 100;
  /** Heap bytes per byte of a communities GeoJSON file once scored, margin included. */
  static final double COMMUNITY_GEOJSON = 33;

  private HeapBudget() {}

  /** Thrown when the inputs would not fit; the CLI prints the message and exits with 2. */
  static final class TooLargeException extends LinliException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super("heap-too-small", message, null);
    }
  }

  /**
   * Returns the estimated heap a health check of these files needs, in bytes.
   *
   * @param communities the communities file
   * @param facilities the facilities file, or null
   * @return the estimate
   * @throws IOException if a size cannot be read
   */
  static long estimate(Path communities, Path facilities) throws IOException {
    double bytes = Files.size(communities)
        * (geo(communities) ? COMMUNITY_GEOJSON : COMMUNITY_CSV);
    if (facilities != null) {
      bytes += Files.size(facilities) * (geo(facilities) ? FACILITY_GEOJSON : FACILITY_CSV);
    }
    return (long) bytes;
  }

  /**
   * Refuses inputs whose estimate exceeds {@code maxHeap}.
   *
   * @param communities the communities file
   * @param facilities the facilities file, or null
   * @param maxHeap the heap this JVM may use, {@link Runtime#maxMemory()}
   * @throws TooLargeException if they would not fit, saying how much to give
   * @throws IOException if a size cannot be read
   */
  static void check(Path communities, Path facilities, long maxHeap) throws IOException {
    long needed = estimate(communities, facilities);
    if (needed <= maxHeap) {
      return;
    }
    long gigabytes = (long) Math.ceil(needed / (double) (1L << 30)) + 1;
    throw new TooLargeException(String.format(Locale.ROOT,
        "%s and %s need about %s of memory to score, but this Java may use only %s; "
            + "give it more (LINLI_JAVA_OPTS=-Xmx%dg bin/linli …, or java -Xmx%dg -jar linli.jar "
            + "…) or score one district at a time", communities, facilities,
        size(needed), size(maxHeap), gigabytes, gigabytes));
  }

  private static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
        : (bytes >> 20) + " MB";
  }

  private static boolean geo(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".geojson") || name.endsWith(".json");
  }
}
