package dev.linli.points;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;

/**
 * The ledger contract on PostgreSQL: the same properties, and the simulation's every outcome and
 * final state equal to the in-memory ledger's for the same seed (scaled to fit the build's time).
 */
class PostgresLedgerContractTest extends LedgerContract {
  private static final List<HikariDataSource> POOLS = new ArrayList<>();

  @Override
  Ledger open(Ledger.Builder settings) {
    HikariDataSource pool = TestPools.pool(TestPostgres.newDatabase(), 2);
    synchronized (POOLS) {
      POOLS.add(pool);
    }
    PostgresLedger.installSchema(pool);
    return PostgresLedger.open(pool, settings).ledger();
  }

  @Override
  int simulationOperations() {
    return 2_000;
  }

  @Property(tries = 6)
  void everyStateKeepsTheInvariants(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int members,
      @ForAll @IntRange(min = 1, max = 150) int steps) {
    super.everyStateKeepsTheInvariants(seed, members, steps);
  }

  @AfterAll
  static void closePools() {
    synchronized (POOLS) {
      POOLS.forEach(HikariDataSource::close);
      POOLS.clear();
    }
  }
}
