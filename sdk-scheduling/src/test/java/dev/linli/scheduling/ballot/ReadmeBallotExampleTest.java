package dev.linli.scheduling.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.lottery.Lottery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's ballot example, line for line. */
class ReadmeBallotExampleTest {
  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  @Test
  void readmeBallotExample_runs() {
    MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    Resource court = Resource.exclusive("xh-court", Name.of("湘湖球场", "Xianghu court"))
        .withCapacity(2);
    BookingEngine engine = BookingEngine.builder(clock).resources(List.of(court)).build();
    // --- README begins ---
    BookingRequest slot = new BookingRequest("ballot-1205", "xh-court", "staff", "staff", // 2 places,
        at("2026-12-05T19:00"), at("2026-12-05T21:00"), 1);                  // 1 seat each
    Ballot ballot = Ballot.draw(engine, clock, new Ballot.Terms(slot, 2,
        at("2026-12-01T09:00"), Duration.ofHours(24)),                      // claim within 24 h
        List.of(new Lottery.Entry("r-wang", "hh-1", 0), new Lottery.Entry("r-li", "hh-2", 1),
            new Lottery.Entry("r-chen", "hh-3", 0)), 20261201L);          // seed is published
    String first = ballot.record().winners().get(0);
    ballot.claim(first);                                       // AWAITING_CLAIM -> CONFIRMED
    clock.advance(Duration.ofHours(24));
    Ballot.Release r = ballot.release();   // the other winner lapsed; reserve r-... offered
    boolean same = ballot.rerun();         // true: the record draws the same winners again
    // --- README ends ---
    assertEquals(BookingStatus.CONFIRMED, engine.booking(ballot.bookingId(first)).orElseThrow()
        .status());
    assertEquals(1, r.lapsed().size());
    assertEquals(ballot.record().reserve().get(0), r.offered().get(0).request().residentId());
    assertTrue(same);
    clock.advance(Duration.ofHours(24));
    assertEquals(1, ballot.release().openToFirstCome());
    assertInstanceOf(Decision.Accepted.class, engine.decide(new BookingRequest("walk-in",
        "xh-court", "r-zhou", "hh-4", at("2026-12-05T19:00"), at("2026-12-05T21:00"), 1)));
  }

  @Test
  void snippet_isTheReadmesJavaBlock_lineForLine() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeBallotExampleTest.class);
  }
}
