package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapBudgetTest {
  @Test
  void estimate_isFromFileSizes_withTheMeasuredFactors(@TempDir Path dir) throws IOException {
    Path communities = Files.write(dir.resolve("communities.csv"), new byte[1000]);
    Path facilities = Files.write(dir.resolve("facilities.csv"), new byte[10_000]);
    Path geo = Files.write(dir.resolve("facilities.geojson"), new byte[10_000]);
    double pairs = 0.04 * (1000 / 160.0) * (10_000 / 125.0);
    assertEquals(1000 * 120 + 10_000 * 4 + pairs, HeapBudget.estimate(communities, facilities), 1);
    assertEquals(1000 * 120 + 10_000 * 1.7 + 0.04 * (1000 / 160.0) * (10_000 / 240.0),
        HeapBudget.estimate(communities, geo), 1);
    assertEquals(1000 * 120, HeapBudget.estimate(communities, null));
  }

  @Test
  void theGeneratorsLargestCity_isRefusedInTheHeapItCouldNotFinishIn(@TempDir Path dir)
      throws IOException {
    // 100,000 communities (16.7 MB of CSV) and 3,000,000 facilities (399 MB) read in about 2 GB,
    // but scoring did not finish in a 5.8 GB heap, nor in -Xmx11g's 10,888 MB, nor (walks
    // trimmed) in -Xmx14g's 13,858 MB. Sparse files of those sizes stand in for them.
    Path communities = sized(dir.resolve("communities.csv"), 16_745_321);
    Path facilities = sized(dir.resolve("facilities.csv"), 398_603_828);
    long estimate = HeapBudget.estimate(communities, facilities);
    assertTrue(estimate > 14L << 30 && estimate < 17L << 30, "" + estimate);
    HeapBudget.TooLargeException e = assertThrows(HeapBudget.TooLargeException.class,
        () -> HeapBudget.check(communities, facilities, 5827L << 20));
    assertTrue(e.getMessage().contains("may use only 5.7 GB; give it more "
        + "(LINLI_JAVA_OPTS=-Xmx17g bin/linli"), e.getMessage());
    assertThrows(HeapBudget.TooLargeException.class,
        () -> HeapBudget.check(communities, facilities, 10_888L << 20));
    assertThrows(HeapBudget.TooLargeException.class,
        () -> HeapBudget.check(communities, facilities, 13_858L << 20));
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
    HeapBudget.check(communities, facilities, 5L << 20); // 4.1 MB needed: fits
    HeapBudget.TooLargeException e = assertThrows(HeapBudget.TooLargeException.class,
        () -> HeapBudget.check(communities, facilities, 3L << 20));
    assertEquals("heap-too-small", e.code());
    assertTrue(e.getMessage().matches(".*communities.csv and .*facilities.csv need about 4 MB of "
        + "memory to score, but this Java may use only 3 MB; give it more "
        + "\\(LINLI_JAVA_OPTS=-Xmx2g bin/linli …, or java -Xmx2g -jar linli.jar …\\) or score one "
        + "district at a time"), e.getMessage());
  }
}
