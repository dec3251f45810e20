package dev.linli.scheduling.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;

/**
 * The waitlist contract on an engine over PostgreSQL: the queue and offers in the same database;
 * fewer random tries than in memory, since every step is a few transactions.
 */
@PropertyDefaults(tries = 15)
class PostgresWaitlistTest extends WaitlistContract {
  private static final WaitlistDatabase DB = WaitlistDatabase.create();
  private static final DataSource POOL = DB.pool(4);

  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    DB.truncate();
    return builder.store(PostgresBookingStore.of(POOL));
  }

  /** Another application instance on the same database: its own pool and engine. */
  private BookingEngine instance(int seats, BookingNotice.Listener listener) {
    Resource court = Resource.exclusive("court", Name.of("球场", "Court")).withCapacity(seats);
    return BookingEngine.builder(clock).resources(List.of(court))
        .rules(Map.of("court", RuleSet.NONE)).listener(listener)
        .store(PostgresBookingStore.of(DB.pool(2))).build();
  }

  @Test
  void restart_newWaitlistOnTheSameDatabase_seesQueueAndOffers_andAcceptWorks() {
    DB.truncate();
    BookingEngine first = instance(2, BookingNotice.Listener.NONE);
    first.decide(seat("li", "h-li"));
    first.decide(seat("wang", "h-wang"));
    Waitlist before = Waitlist.of(first, clock, seat("x", "x"), Duration.ofHours(2));
    before.join("chen", "h-chen", 0);
    clock.advance(Duration.ofMinutes(1));
    before.join("zhou", "h-zhou", 0);
    before.join("sun", "h-sun", 3);
    first.cancel("sat-li");
    assertEquals("sun", before.offerFreedSeats().get(0).residentId());
    List<Waitlist.Waiting> queue = before.waiting();
    List<Waitlist.Offer> offers = before.offers();

    // Restart: a new engine and a new waitlist object, nothing shared with the first but the DB.
    BookingEngine second = instance(2, BookingNotice.Listener.NONE);
    Waitlist after = Waitlist.of(second, clock, seat("x", "x"), Duration.ofHours(2));
    assertEquals(queue, after.waiting(), "same people, same order, same join times");
    assertEquals(offers, after.offers());
    assertEquals(List.of(), after.offerFreedSeats(), "the freed seat is already offered");
    assertEquals(1, after.join("chen", "h-chen", 0), "joining again keeps the first place");
    assertEquals(0, after.join("sun", "h-sun", 3), "sun holds an offer");
    Decision d = after.accept("sun").orElseThrow();
    assertInstanceOf(Decision.Accepted.class, d);
    assertEquals(2, first.bookings("court").size(), "the first instance sees the booking");
    assertEquals(List.of(), before.offers(), "and the offer's end");
    second.cancel("sat-wang");
    assertEquals("chen", before.offerFreedSeats().get(0).residentId(),
        "the first instance serves the queue the second changed");
    assertEquals(List.of("ACCEPTED|sun", "OPEN|chen"), DB.rows("SELECT state, resident_id"
        + " FROM linli_waitlist_offer ORDER BY seq"));
  }

  @Test
  void offersMadeAndExpired_inTheOutboxWithTheOffer_andHeardByTheListener() {
    DB.truncate();
    List<BookingNotice> heard = new ArrayList<>();
    BookingEngine e = instance(1, heard::add);
    e.decide(seat("li", "h-li"));
    Waitlist w = Waitlist.of(e, clock, seat("x", "x"), Duration.ofHours(2));
    w.join("chen", "h-chen", 0);
    e.cancel("sat-li");
    heard.clear();
    w.offerFreedSeats();
    clock.advance(Duration.ofHours(3));
    w.offerFreedSeats();
    assertEquals(List.of(BookingNotice.Kind.WAITLIST_OFFER_MADE,
        BookingNotice.Kind.WAITLIST_OFFER_EXPIRED), heard.stream().map(BookingNotice::kind)
        .toList());
    List<String> rows = DB.rows("SELECT kind, booking_id, resource_id, resident_id,"
        + " payload->>'deadline', payload->'seat'->>'start', payload->>'waitlistId'"
        + " FROM linli_booking_outbox WHERE kind LIKE 'WAITLIST%' ORDER BY seq");
    String deadline = heard.get(0).deadline().toString();
    assertEquals(List.of(
        "WAITLIST_OFFER_MADE|sat-x.chen|court|chen|" + deadline + "|" + START + "|sat-x",
        "WAITLIST_OFFER_EXPIRED|sat-x.chen|court|chen|" + deadline + "|" + START + "|sat-x"),
        rows);
    assertEquals(List.of("EXPIRED|chen"), DB.rows("SELECT state, resident_id"
        + " FROM linli_waitlist_offer"));
  }

  @Test
  void theSameIdForAnotherSlot_isRefusedWithBothSlots() {
    DB.truncate();
    BookingEngine e = instance(1, BookingNotice.Listener.NONE);
    Waitlist.of(e, clock, seat("x", "x"), Duration.ofHours(2));
    BookingRequest later = new BookingRequest("sat-x", "court", "x", "x",
        START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)), 1);
    InvalidValueException x = assertThrows(InvalidValueException.class,
        () -> Waitlist.of(e, clock, later, Duration.ofHours(2)));
    assertTrue(x.getMessage().contains("sat-x") && x.getMessage().contains(START.toString()),
        x.getMessage());
  }
}
