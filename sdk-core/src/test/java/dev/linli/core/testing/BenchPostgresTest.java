package dev.linli.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchPostgresTest {
  @Test
  void recycledWalLeavesSegmentsForNewWalToOverwrite() throws Exception {
    try (BenchPostgres server = BenchPostgres.start("32MB")) {
      long fresh = server.recycleWal(0);
      long recycled = server.recycleWal(12);
      assertTrue(fresh <= 3, "a fresh cluster's pg_wal: " + fresh + " files");
      assertTrue(recycled >= 12, "after 12 segments and two checkpoints: " + recycled + " files");
    }
  }
}
