package dev.linli.scheduling.rule;

import dev.linli.core.facility.OpeningHours;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a rule may look at when it judges a request: the resource, the current time, the calendar,
 * the bookings already accepted (looked up through the engine's indexes or its store), residents and
 * their no-shows. The booking engine implements it for the duration of one decision; rules only read
 * it. Instants are UTC; local dates and times are read in {@link Resource#zone()}.
 *
 * <p>While a booking is being changed, the context does not show that booking itself (the change
 * replaces it), so quotas and caps count it once.
 *
 * @since 0.1.0
 */
public interface RuleContext {
  /** What the resident is doing, so notice windows for create, change and cancel apply apart. */
  enum Operation {
    /** A new booking. */
    CREATE,
    /** Moving or resizing a booking. */
    CHANGE,
    /** Cancelling a booking. */
    CANCEL
  }

  /**
   * Returns what is being done.
   *
   * @return the operation
   */
  Operation operation();

  /**
   * Returns the booking being changed or cancelled.
   *
   * @return it, or empty for a new booking
   */
  Optional<Booking> original();

  /**
   * Returns the resource asked for.
   *
   * @return the resource
   */
  Resource resource();

  /**
   * Returns the engine clock's current instant.
   *
   * @return now
   */
  Instant now();

  /**
   * Returns public holidays and make-up workdays.
   *
   * @return the calendar
   */
  HolidayCalendar calendar();

  /**
   * Returns the resource's bookings that hold their time and start in {@code [from, to)}.
   *
   * @param from first start included
   * @param to first start excluded
   * @return the bookings, by start
   */
  List<Booking> bookingsStarting(Instant from, Instant to);

  /**
   * Returns the resource's bookings that hold their time, start in {@code [from, to)} and were made
   * by one resident, one household or for one group.
   *
   * @param from first start included
   * @param to first start excluded
   * @param scope whose bookings: the resident's, the household's or the group's
   * @param holderId the resident, household or group id
   * @return the bookings, by start
   */
  List<Booking> bookingsStarting(Instant from, Instant to, Quota.Scope scope, String holderId);

  /**
   * Returns the bookings that hold their time on any of {@code resourceIds}, start in
   * {@code [from, to)} and were made by one resident, one household or for one group: what a
   * {@link CentreQuota} counts. The engine's context answers it; a context of another kind that
   * does not override it cannot judge centre quotas.
   *
   * @param resourceIds the resources counted together
   * @param from first start included
   * @param to first start excluded
   * @param scope whose bookings: the resident's, the household's or the group's
   * @param holderId the resident, household or group id
   * @return the bookings, by start then id
   * @throws UnsupportedOperationException if this context cannot look across resources
   * @since 0.2.0
   */
  default List<Booking> bookingsStartingAcross(java.util.Collection<String> resourceIds,
      Instant from, Instant to, Quota.Scope scope, String holderId) {
    throw new UnsupportedOperationException("this RuleContext (" + getClass().getName()
        + ") cannot count bookings across resources; centre quotas need the engine's context");
  }

  /**
   * Returns a resident's profile.
   *
   * @param residentId the resident
   * @return the profile, or empty if unknown
   */
  Optional<ResidentProfile> resident(String residentId);

  /**
   * Returns the resident's bookings, on every resource, that hold their time.
   *
   * @param residentId the resident
   * @return the bookings
   */
  List<Booking> activeBookingsOf(String residentId);

  /**
   * Returns when the resident's no-shows happened (the bookings' starts), oldest first.
   *
   * @param residentId the resident
   * @return the instants
   */
  List<Instant> noShowsOf(String residentId);

  /**
   * Returns opening hours parsed from their text, through a bounded cache the engine owns (parsing
   * was most of a decision's time before it was cached).
   *
   * @param text opening-hours text such as {@code "Mo-Fr 08:00-21:00"}
   * @return the parsed hours
   * @throws dev.linli.core.InvalidValueException if the text is malformed
   */
  OpeningHours openingHours(String text);
}
