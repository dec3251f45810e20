package dev.linli.scheduling.booking;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A time picker's question: at which starts of a period would a request of this length and seat
 * count be accepted now? Asked of {@code BookingEngine.availability}, which answers every start of
 * the resource's slot grid in the period (whole slots from local midnight, as bookings must be).
 *
 * <p>The period is in local date-times of the resource's zone (Asia/Shanghai by default), and a
 * start counts when {@code from <= start} and {@code start + duration <= to}. {@code target} is a
 * resource id or the id of a group of resources, whose members are all answered. With a resident
 * and household, their quotas, caps, bans and eligibility count as they would for their own
 * request; without them the request is made by {@link #ANONYMOUS} for both, a resident the engine
 * does not know: quotas and caps count nothing, and an eligibility rule refuses every start.
 * Immutable and thread-safe.
 *
 * @param target the resource id, or a group id
 * @param from the first local date-time of the period
 * @param to the end of the period, exclusive, after {@code from}, at most {@link #MAX_PERIOD_DAYS}
 *     days later
 * @param duration how long each booking lasts, positive
 * @param seats seats wanted, {@code >= 1}
 * @param residentId who books, or null for {@link #ANONYMOUS}
 * @param householdId their household, or null for {@link #ANONYMOUS}; given with the resident
 * @since 0.2.0
 */
public record AvailabilityQuery(String target, LocalDateTime from, LocalDateTime to,
    Duration duration, int seats, String residentId, String householdId) {
  /** The resident and household id a query without a resident books as. */
  public static final String ANONYMOUS = "anonymous";
  /** The longest period one query answers: a month, a month view of a time picker. */
  public static final int MAX_PERIOD_DAYS = 31;

  /**
   * Validates the query.
   *
   * @throws InvalidValueException if a field is missing or out of range, the period is empty or
   *     longer than {@link #MAX_PERIOD_DAYS} days, or only one of resident and household is given
   */
  public AvailabilityQuery {
    Id.require(target, "target");
    InvalidValueException.requirePresent(from, "from");
    InvalidValueException.requirePresent(to, "to");
    InvalidValueException.check(to.isAfter(from), "to", to, "must be after from " + from);
    InvalidValueException.check(!to.isAfter(from.plusDays(MAX_PERIOD_DAYS)), "to", to,
        "must be at most " + MAX_PERIOD_DAYS + " days after from " + from
            + "; ask for a long period month by month");
    InvalidValueException.check(duration != null && !duration.isNegative() && !duration.isZero(),
        "duration", duration, "must be a positive duration, such as PT1H");
    InvalidValueException.check(seats >= 1, "seats", seats, "must be >= 1");
    Id.requireOptional(residentId, "residentId");
    Id.requireOptional(householdId, "householdId");
    InvalidValueException.check((residentId == null) == (householdId == null),
        residentId == null ? "residentId" : "householdId", null,
        "resident and household go together: give both or neither");
  }

  /**
   * Returns a query for one seat, without a resident.
   *
   * @param target the resource id, or a group id
   * @param from the first local date-time of the period
   * @param to the end of the period, exclusive
   * @param duration how long each booking lasts
   * @return the query
   * @throws InvalidValueException as the constructor
   */
  public static AvailabilityQuery of(String target, LocalDateTime from, LocalDateTime to,
      Duration duration) {
    return new AvailabilityQuery(target, from, to, duration, 1, null, null);
  }

  /**
   * Returns this query for another number of seats.
   *
   * @param value seats wanted, {@code >= 1}
   * @return the query
   * @throws InvalidValueException if {@code value < 1}
   */
  public AvailabilityQuery withSeats(int value) {
    return new AvailabilityQuery(target, from, to, duration, value, residentId, householdId);
  }

  /**
   * Returns this query as asked by a resident, so that their quotas, caps, bans and eligibility
   * count.
   *
   * @param resident the resident's id
   * @param household their household's id
   * @return the query
   * @throws InvalidValueException if an id is malformed
   */
  public AvailabilityQuery by(String resident, String household) {
    return new AvailabilityQuery(target, from, to, duration, seats,
        Id.require(resident, "residentId"), Id.require(household, "householdId"));
  }

  /**
   * Returns the request this query asks about for one start, as {@code decide} would judge it.
   *
   * @param bookingId the request's id
   * @param resourceId the resource
   * @param start the booking's first instant; its end is {@code start + duration}
   * @return the request, by the query's resident and household (or {@link #ANONYMOUS})
   */
  public BookingRequest request(String bookingId, String resourceId, java.time.Instant start) {
    return new BookingRequest(bookingId, resourceId,
        residentId == null ? ANONYMOUS : residentId,
        householdId == null ? ANONYMOUS : householdId, start, start.plus(duration), seats);
  }
}
