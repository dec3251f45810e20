package dev.linli.scheduling.rule;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What a rule may look at when it judges a request: the resource, the current time, the calendar,
 * and the bookings already accepted on the resource, looked up by start time through the engine's
 * index. Valid for the duration of one decision.
 *
 * @since 0.1.0
 */
public final class RuleContext {
  private final Resource resource;
  private final Instant now;
  private final HolidayCalendar calendar;
  private final BiFunction<Instant, Instant, List<Booking>> startingBetween;

  /**
   * Creates a context.
   *
   * @param resource the resource asked for
   * @param now the engine clock's current instant
   * @param calendar public holidays and make-up workdays
   * @param startingBetween the bookings of the resource whose start lies in {@code [from, to)}
   */
  public RuleContext(Resource resource, Instant now, HolidayCalendar calendar,
      BiFunction<Instant, Instant, List<Booking>> startingBetween) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.now = Objects.requireNonNull(now, "now");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.startingBetween = Objects.requireNonNull(startingBetween, "startingBetween");
  }

  /** @return the resource asked for */
  public Resource resource() {
    return resource;
  }

  /** @return the engine clock's current instant */
  public Instant now() {
    return now;
  }

  /** @return public holidays and make-up workdays */
  public HolidayCalendar calendar() {
    return calendar;
  }

  /**
   * Returns the resource's accepted bookings that start in {@code [from, to)}.
   *
   * @param from first start included
   * @param to first start excluded
   * @return the bookings, by start
   */
  public List<Booking> bookingsStarting(Instant from, Instant to) {
    return startingBetween.apply(from, to);
  }
}
