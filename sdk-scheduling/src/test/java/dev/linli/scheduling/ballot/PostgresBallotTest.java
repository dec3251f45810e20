package dev.linli.scheduling.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.BookingSchema;
import dev.linli.scheduling.engine.Pools;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.rule.RuleSet;
import java.util.List;
import javax.sql.DataSource;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;

/**
 * The ballot contract on an engine over PostgreSQL; fewer random tries than in memory, since every
 * step is a few transactions.
 */
@PropertyDefaults(tries = 12)
class PostgresBallotTest extends BallotContract {
  private static final TestPostgres DB = TestPostgres.newDatabase();
  private static final DataSource POOL;

  static {
    BookingSchema.install(DB.dataSource());
    POOL = Pools.of(DB.dataSource(), 4);
  }

  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    DB.execute("TRUNCATE linli_booking, linli_booking_history, linli_no_show, linli_blackout,"
        + " linli_rule_set, linli_booking_outbox");
    return builder.store(PostgresBookingStore.of(POOL));
  }

  @Test
  void restart_anotherInstanceReopensTheBallotFromItsRecord_andTheOutboxHasEveryStep() {
    BookingEngine first = engine(3, RuleSet.NONE);
    Ballot b = Ballot.draw(first, clock, terms(2), entries(5), 42L);
    String claimer = b.record().winners().get(0);
    b.claim(claimer);
    // Another instance: its own engine on the same database, the ballot reopened from the record.
    BookingEngine second = BookingEngine.builder(clock).resources(first.resources())
        .store(PostgresBookingStore.of(POOL)).build();
    Ballot again = Ballot.of(second, clock, terms(2), b.record());
    assertEquals(b.places(), again.places());
    clock.advance(CLAIM);
    Ballot.Release r = again.release();
    assertEquals(1, r.lapsed().size());
    assertEquals(List.of(b.record().reserve().get(0)), r.offered().stream()
        .map(x -> x.request().residentId()).toList());
    assertEquals(BookingStatus.AWAITING_CLAIM, first.booking(again.bookingId(
        b.record().reserve().get(0))).orElseThrow().status());
    assertEquals(List.of("PLACE_WON", "PLACE_WON", "CONFIRMED", "CLAIM_LAPSED", "PLACE_WON"),
        DB.firstColumn("SELECT kind FROM linli_booking_outbox ORDER BY seq"));
    assertEquals(List.of("AWAITING_CLAIM", "CANCELLED", "CONFIRMED"),
        DB.firstColumn("SELECT status FROM linli_booking ORDER BY status"));
  }
}
