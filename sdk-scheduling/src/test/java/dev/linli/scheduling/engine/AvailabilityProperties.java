package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.scheduling.booking.RejectionCode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Availability is the accepted set: on random centres (capacity, parts, buffers, grids, quotas,
 * opening hours with holidays and closed dates, notice windows with release times, caps,
 * eligibility, blackouts) after random prior requests, a start is listed exactly when
 * {@code explain} of the same request accepts it, every other grid start is refused with the
 * decision's first reason, and the seats left are exactly what still fits.
 */
class AvailabilityProperties {
  private static final int TRIES = 300;
  private static final AvailabilityScenario.Reach REACH = new AvailabilityScenario.Reach();
  private static int runs;

  @Property(tries = TRIES)
  void listedStartsAreExactlyTheAcceptedOnes(@ForAll long seed) {
    AvailabilityScenario.Reach reach = AvailabilityScenario.random(seed, b -> b).check();
    synchronized (REACH) {
      REACH.add(reach);
      runs++;
    }
  }

  /** Each run reaches both sides and the main kinds of refusal, often. */
  @AfterContainer
  static void bothSidesWereReached() {
    if (runs < TRIES) {
      return; // the property failed; its own report says why
    }
    assertTrue(REACH.listed > 10 * TRIES, "listed starts: " + REACH);
    assertTrue(REACH.omitted > 10 * TRIES, "omitted starts: " + REACH);
    for (RejectionCode c : List.of(RejectionCode.CONFLICT, RejectionCode.CLOSED,
        RejectionCode.IN_THE_PAST, RejectionCode.QUOTA_EXCEEDED, RejectionCode.TOO_LATE,
        RejectionCode.TOO_EARLY, RejectionCode.NOT_RELEASED, RejectionCode.BLACKOUT,
        RejectionCode.OFF_GRID, RejectionCode.TOO_LONG, RejectionCode.NOT_RESIDENT,
        RejectionCode.TOO_MANY_ACTIVE, RejectionCode.TOO_MANY_CONSECUTIVE)) {
      assertTrue(REACH.codes.getOrDefault(c, 0) >= 10, c + " refusals: " + REACH);
    }
  }
}
