package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The race the PostgreSQL ledger exists to avoid is real: the naive table ledger (read balance,
 * check, write) at READ COMMITTED loses updates or overdraws under 16 threads, while the same
 * transfers run one at a time keep it exact.
 */
class NaiveTableLedgerRaceTest {
  private static final int MEMBERS = 8;
  private static final long START = 100;

  /** Rounds tried before the race must have shown (one nearly always does). */
  private static final int ROUNDS = 8;

  @Test
  void sixteenThreads_loseUpdatesOrOverdraw() throws Exception {
    // A race is a matter of timing: on a quiet machine one round of 640 transfers can, rarely, get
    // through whole. Each round is a fresh database; the first broken one proves the point.
    List<Map<String, Long>> intactRounds = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      Map<String, Long> after = sixteenThreads(round);
      long sum = after.values().stream().mapToLong(Long::longValue).sum();
      boolean negative = after.entrySet().stream()
          .anyMatch(e -> e.getKey().startsWith("m") && e.getValue() < 0);
      if (sum != 0 || negative) {
        return;
      }
      intactRounds.add(after);
    }
    throw new AssertionError("16 threads on " + MEMBERS + " accounts at READ COMMITTED should"
        + " break the naive ledger in one of " + ROUNDS + " rounds; every round stayed exact: "
        + intactRounds);
  }

  private static Map<String, Long> sixteenThreads(int round) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (HikariDataSource ds = TestPools.pool(TestPostgres.newDatabase(), 16)) {
      NaiveTableLedger naive = funded(ds);
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        long seed = 16L * round + t;
        all.add(pool.submit(() -> {
          randomTransfers(naive, seed, 40);
          return null;
        }));
      }
      for (Future<?> f : all) {
        f.get(2, TimeUnit.MINUTES);
      }
      return naive.balances();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void oneThread_staysExact() throws Exception {
    try (HikariDataSource ds = TestPools.pool(TestPostgres.newDatabase(), 1)) {
      NaiveTableLedger naive = funded(ds);
      randomTransfers(naive, 7, 400);
      Map<String, Long> after = naive.balances();
      assertEquals(0, after.values().stream().mapToLong(Long::longValue).sum());
      assertTrue(after.entrySet().stream()
          .noneMatch(e -> e.getKey().startsWith("m") && e.getValue() < 0), after::toString);
    }
  }

  private static NaiveTableLedger funded(DataSource ds) throws Exception {
    NaiveTableLedger naive = new NaiveTableLedger(ds);
    naive.open("issuer", true);
    for (int i = 0; i < MEMBERS; i++) {
      naive.open("m" + i, false);
      assertTrue(naive.transfer("issuer", "m" + i, START));
    }
    return naive;
  }

  private static void randomTransfers(NaiveTableLedger naive, long seed, int count)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      int from = random.nextInt(MEMBERS);
      int to = (from + 1 + random.nextInt(MEMBERS - 1)) % MEMBERS;
      naive.transfer("m" + from, "m" + to, 1 + random.nextInt(40));
    }
  }
}
