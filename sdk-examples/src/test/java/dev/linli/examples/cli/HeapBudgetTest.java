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
    assertEquals(1000 * 120 + 10_000 * 4, HeapBudget.estimate(communities, facilities));
    assertEquals(1000 * 120 + 10_000 * 1.7, HeapBudget.estimate(communities, geo), 1);
    assertEquals(1000 * 120, HeapBudget.estimate(communities, null));
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
