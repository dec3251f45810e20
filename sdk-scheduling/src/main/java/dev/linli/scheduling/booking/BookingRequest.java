package dev.linli.scheduling.booking;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A request to book {@code seats} of a resource for the half-open interval {@code [start, end)}.
 *
 * <p>Half-open means a booking ending at 10:00 and one starting at 10:00 abut and do not conflict;
 * they overlap only if each starts before the other ends. Instants are UTC; the resource's zone gives
 * them their wall-clock meaning. Immutable and thread-safe.
 *
 * @param id caller-chosen id, which makes a retry safe
 * @param resourceId the resource
 * @param residentId who books
 * @param householdId the booker's household, for household quotas
 * @param start first instant booked
 * @param end first instant not booked, after {@code start}
 * @param seats seats wanted, {@code >= 1}
 * @param groupId the group the booking is for (a dance team), for group quotas and eligibility, or
 *     null
 * @since 0.1.0
 */
public record BookingRequest(String id, String resourceId, String residentId, String householdId,
    Instant start, Instant end, int seats, String groupId) {
  /**
   * Validates the request's form.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public BookingRequest {
    Id.require(id, "id");
    Id.require(resourceId, "resourceId");
    Id.require(residentId, "residentId");
    Id.require(householdId, "householdId");
    InvalidValueException.requirePresent(start, "start");
    InvalidValueException.requirePresent(end, "end");
    if (!end.isAfter(start)) {
      // Not check(…): its message would be built (the instant formatted) for every request.
      throw new InvalidValueException("end", end.toString(), "must be after start " + start);
    }
    InvalidValueException.check(seats >= 1, "seats", seats, "must be >= 1");
    Id.requireOptional(groupId, "groupId");
  }

  /**
   * Returns a request made for the booker's own use (no group).
   *
   * @param id caller-chosen id
   * @param resourceId the resource
   * @param residentId who books
   * @param householdId their household
   * @param start first instant booked
   * @param end first instant not booked
   * @param seats seats wanted
   */
  public BookingRequest(String id, String resourceId, String residentId, String householdId,
      Instant start, Instant end, int seats) {
    this(id, resourceId, residentId, householdId, start, end, seats, null);
  }

  /**
   * Returns the instant a local date-time of a resource's zone names, refusing one that does not
   * exist: a time inside a daylight-saving gap (clocks jump from 01:00 to 02:00) would otherwise be
   * moved silently by an hour, booking a time nobody asked for. A time that exists twice (clocks go
   * back) is read with the earlier offset, as {@link LocalDateTime#atZone} does.
   *
   * @param local the wall-clock time
   * @param zone the resource's zone
   * @param field the field name for the message, such as {@code start}
   * @return the instant
   * @throws InvalidValueException if the local time does not exist in {@code zone}
   */
  public static Instant instantOf(LocalDateTime local, ZoneId zone, String field) {
    InvalidValueException.requirePresent(local, field);
    InvalidValueException.requirePresent(zone, "zone");
    if (zone.getRules().getValidOffsets(local).isEmpty()) {
      java.time.zone.ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      throw new InvalidValueException(field, local.toString(), "does not exist in " + zone
          + ": clocks jump from " + gap.getDateTimeBefore().toLocalTime() + " to "
          + gap.getDateTimeAfter().toLocalTime() + " on " + gap.getDateTimeBefore().toLocalDate()
          + "; choose a time outside the daylight-saving gap");
    }
    return local.atZone(zone).toInstant();
  }

  /**
   * Returns this request moved to another interval.
   *
   * @param newStart the new start
   * @param newEnd the new end
   * @return the request
   */
  public BookingRequest at(Instant newStart, Instant newEnd) {
    return new BookingRequest(id, resourceId, residentId, householdId, newStart, newEnd, seats,
        groupId);
  }

  /**
   * Returns this request on another resource.
   *
   * @param otherResourceId the resource
   * @return the request
   */
  public BookingRequest on(String otherResourceId) {
    return new BookingRequest(id, otherResourceId, residentId, householdId, start, end, seats,
        groupId);
  }

  /**
   * Returns the booked duration.
   *
   * @return {@code end - start}
   */
  public Duration duration() {
    // Duration.between's value, without its overflow-guarded nanosecond arithmetic.
    return Duration.ofSeconds(end.getEpochSecond() - start.getEpochSecond(),
        end.getNano() - start.getNano());
  }
}
