package dev.linli.scheduling.rule;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.time.Instant;
import java.util.List;

/**
 * What a rule may look at when it judges a request: the resource, the current time, the calendar,
 * and the bookings already accepted on the resource. Immutable for the duration of one decision.
 *
 * @param resource the resource asked for
 * @param now the engine clock's current instant
 * @param calendar public holidays and make-up workdays
 * @param bookings bookings already accepted on the resource, by start
 * @since 0.1.0
 */
public record RuleContext(Resource resource, Instant now, HolidayCalendar calendar,
    List<Booking> bookings) {
  /** Copies the list. */
  public RuleContext {
    bookings = List.copyOf(bookings);
  }
}
