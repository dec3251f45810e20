package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Availability on PostgreSQL is the accepted set too: the random centres of
 * {@link AvailabilityProperties}, each in a fresh database, compared start by start with
 * {@code explain} on the same engine (so the period's rows read once and filtered per start give
 * the answers each start's own reads give).
 */
class PostgresAvailabilityTest {
  @Test
  void randomCentres_listedStartsAreExactlyTheAcceptedOnes() {
    AvailabilityScenario.Reach reach = new AvailabilityScenario.Reach();
    for (long seed = 1; seed <= 12; seed++) {
      TestPostgres database = TestPostgres.newDatabase();
      BookingSchema.install(database.dataSource());
      DataSource pool = Pools.of(database.dataSource(), 2);
      reach.add(AvailabilityScenario.random(seed,
          b -> b.store(PostgresBookingStore.of(pool))).check());
    }
    assertTrue(reach.listed > 50, "listed starts: " + reach);
    assertTrue(reach.omitted > 50, "omitted starts: " + reach);
    assertTrue(reach.codes.size() >= 5, "kinds of refusal: " + reach);
  }
}
