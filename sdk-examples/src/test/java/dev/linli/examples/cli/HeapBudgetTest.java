package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.facility.Facility;
import dev.linli.core.io.CityCsv;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeapBudgetTest {
  @Test
  void estimate_isFromFileSizes_withTheMeasuredFactors(@TempDir Path dir) throws IOException {
    Path communities = Files.write(dir.resolve("communities.csv"), new byte[1000]);
    Path facilities = Files.write(dir.resolve("facilities.csv"), new byte[10_000]);
    Path geo = Files.write(dir.resolve("facilities.geojson"), new byte[10_000]);
    Path geoCommunities = Files.write(dir.resolve("communities.geojson"), new byte[1000]);
    assertEquals(1000 * 100 + 10_000 * 3.5, HeapBudget.estimate(communities, facilities), 1);
    assertEquals(1000 * 100 + 10_000 * 1.5, HeapBudget.estimate(communities, geo), 1);
    assertEquals(1000 * 33 + 10_000 * 1.5, HeapBudget.estimate(geoCommunities, geo), 1);
    assertEquals(1000 * 100, HeapBudget.estimate(communities, null));
  }

  /**
   * The estimate against the heap a scored city holds (read, scored, the result kept), measured
   * after full collections: between a fifth and a half above it (the factors' margin of a quarter
   * is the room for what reading and scoring hold meanwhile). With each type's walks kept as
   * (origin, facility) pairs, as before, the estimate was only 1.14x and 1.06x the live heap
   * at these sizes and closed in on it as cities grew (they grow with communities x facilities);
   * 1,260 x 35,000 is Hangzhou's scale, 2,520 x 70,000 twice as many of both.
   */
  @ParameterizedTest
  @CsvSource({"1260, 35000", "2520, 70000"})
  void estimate_isAFifthToAHalfAboveTheLiveHeapOfAScoredCity(int communityCount, int facilityCount,
      @TempDir Path dir) throws IOException {
    Path communities = dir.resolve("communities.csv");
    Path facilities = dir.resolve("facilities.csv");
    writeCity(communityCount, facilityCount, communities, facilities);
    long before = liveHeap();
    City places = CityCsv.strict().readCommunities(communities).value();
    List<Facility> list = CityCsv.strict().readFacilities(facilities).value();
    City city = places.toBuilder().facilities(list).build();
    places = null;
    list = null;
    HealthCheckResult result = HealthCheck.builder().build().run(city);
    city = null;
    long measured = liveHeap() - before;
    Reference.reachabilityFence(result);
    long estimate = HeapBudget.estimate(communities, facilities);
    String report = String.format(Locale.ROOT, "%d x %d: live %d KB, estimate %d KB (%.2fx)",
        communityCount, facilityCount, measured >> 10, estimate >> 10,
        estimate / (double) measured);
    System.out.println("heap budget " + report);
    assertTrue(estimate >= 1.2 * measured && estimate <= 1.5 * measured, report);
  }

  private static void writeCity(int communityCount, int facilityCount, Path communities,
      Path facilities) {
    City city = SyntheticCity.builder().seed(42).communities(communityCount)
        .facilities(facilityCount).build().generate();
    CityCsv.strict().writeCommunities(city, communities);
    CityCsv.strict().writeFacilities(city.facilities(), facilities);
  }

  /** Heap in use after full collections, once it stops falling. */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= last - (64 << 10)) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }

  @Test
  void theGeneratorsLargestCity_fitsInTheDefaultHeap_andIsRefusedInTwoGigabytes(@TempDir Path dir)
      throws IOException {
    // 100,000 communities (16.7 MB of CSV) and 3,000,000 facilities (399 MB). Before the walks
    // were summed as found it did not finish in 13.5 GB; it now scores in -Xmx6g (docs/benchmarks.md).
    // Sparse files of those sizes stand in for them.
    Path communities = sized(dir.resolve("communities.csv"), 16_745_321);
    Path facilities = sized(dir.resolve("facilities.csv"), 398_603_828);
    long estimate = HeapBudget.estimate(communities, facilities);
    assertTrue(estimate > 2L << 30 && estimate < 4L << 30, "" + estimate);
    HeapBudget.check(communities, facilities, 5827L << 20);
    HeapBudget.TooLargeException e = assertThrows(HeapBudget.TooLargeException.class,
        () -> HeapBudget.check(communities, facilities, 2L << 30));
    assertTrue(e.getMessage().contains("may use only 2.0 GB; give it more "
        + "(LINLI_JAVA_OPTS=-Xmx4g bin/linli"), e.getMessage());
  }

  private static Path sized(Path p, long bytes) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return p;
  }

  @Test
  void tooLarge_refusedWithHowMuchToGive(@TempDir Path dir) throws IOException {
    Path communities = Files.write(dir.resolve("communities.csv"), new byte[1000]);
    Path facilities = Files.write(dir.resolve("facilities.csv"), new byte[1 << 20]);
    HeapBudget.check(communities, facilities, 4L << 20); // 3.6 MB needed: fits
    HeapBudget.TooLargeException e = assertThrows(HeapBudget.TooLargeException.class,
        () -> HeapBudget.check(communities, facilities, 2L << 20));
    assertEquals("heap-too-small", e.code());
    assertTrue(e.getMessage().matches(".*communities.csv and .*facilities.csv need about 3 MB of "
        + "memory to score, but this Java may use only 2 MB; give it more "
        + "\\(LINLI_JAVA_OPTS=-Xmx2g bin/linli …, or java -Xmx2g -jar linli.jar …\\) or score one "
        + "district at a time"), e.getMessage());
  }
}
