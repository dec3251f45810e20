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
 * <p>The estimate is from file sizes, with factors measured on synthetic cities: a facility takes
 * about 415 bytes of heap against 129 bytes of CSV or 307 of GeoJSON, and a community about 16 KB
 * once scored (its profile and the walks found from it) against about 165 bytes of CSV or 500 of
 * GeoJSON, at Hangzhou's 1,260 × 35,000. The walks grow with communities × facilities when both
 * crowd the same area: the generator's 100,000 × 3,000,000 city read in about 2 GB but did not
 * finish scoring in a 5.8 GB heap (it spent its time collecting garbage near the limit), nor with
 * {@code -Xmx11g} (10.6 GB: out of memory after 20 minutes), nor, with the walks kept without
 * growth room, with {@code -Xmx14g} (13.5 GB: out of memory after 25 minutes, 10.9 GB still in
 * use after the last full collection), hence a third term of 0.04 bytes per community-facility
 * pair (12.4 GB there, 1.8 MB at Hangzhou's scale), which puts that city at about 15.8 GB.
 * Reading needs some room on top, hence a margin of a quarter in the first two factors. The
 * estimate is coarse: it errs towards refusing, and the message says how much heap to give.
 */
final class HeapBudget {
  /** Heap bytes per byte of a facilities CSV file, margin included. */
  static final double FACILITY_CSV = 4.0;
  /** Heap bytes per byte of a facilities GeoJSON file, margin included. */
  static final double FACILITY_GEOJSON = 1.7;
  /** Heap bytes per byte of a communities CSV file once scored, margin included. */
  static final double COMMUNITY_CSV = 120;
  /** Heap bytes per byte of a communities GeoJSON file once scored, margin included. */
  static final double COMMUNITY_GEOJSON = 40;

  /** Heap bytes per (community, facility) pair: the walks found grow with both in one area. */
  static final double PAIR = 0.04;
  // Bytes per row, on the small side so that rows are not underestimated.
  static final double COMMUNITY_ROW_CSV = 160;
  static final double COMMUNITY_ROW_GEOJSON = 450;
  static final double FACILITY_ROW_CSV = 125;
  static final double FACILITY_ROW_GEOJSON = 240;

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
    long c = Files.size(communities);
    double bytes = c * (geo(communities) ? COMMUNITY_GEOJSON : COMMUNITY_CSV);
    if (facilities != null) {
      long f = Files.size(facilities);
      bytes += f * (geo(facilities) ? FACILITY_GEOJSON : FACILITY_CSV);
      bytes += PAIR * (c / (geo(communities) ? COMMUNITY_ROW_GEOJSON : COMMUNITY_ROW_CSV))
          * (f / (geo(facilities) ? FACILITY_ROW_GEOJSON : FACILITY_ROW_CSV));
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
