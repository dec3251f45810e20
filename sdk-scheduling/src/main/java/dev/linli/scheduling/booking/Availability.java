package dev.linli.scheduling.booking;

import dev.linli.core.InvalidValueException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The answer to an {@link AvailabilityQuery}: every start of the slot grid in the period, either
 * bookable (a {@link Slot} with the seats left) or refused (a {@link Refusal} with the first reason
 * the engine's decision would give). A start is listed exactly when {@code decide} of the same
 * request, with the same bookings and clock, would accept it. Times are zoned in the resource's
 * zone; a slot is the half-open interval {@code [start, end)}. Immutable and thread-safe.
 *
 * @param query the question
 * @param slots the bookable starts, by start (then by the group's resource order)
 * @param refused the other grid starts, by start (then by the group's resource order)
 * @since 0.2.0
 */
public record Availability(AvailabilityQuery query, List<Slot> slots, List<Refusal> refused) {
  /** Copies the lists. */
  public Availability {
    Objects.requireNonNull(query, "query");
    slots = List.copyOf(slots);
    refused = List.copyOf(refused);
  }

  /**
   * A start at which the query's request would be accepted.
   *
   * @param resourceId the resource
   * @param start the first instant, in the resource's zone
   * @param end the first instant after, in the resource's zone
   * @param seatsLeft seats still free at the busiest moment of the slot (buffers counted), before
   *     this request: at least the query's seats, at most the resource's capacity
   */
  public record Slot(String resourceId, ZonedDateTime start, ZonedDateTime end, int seatsLeft) {
    /**
     * Validates the slot.
     *
     * @throws InvalidValueException if a field is missing, the slot is empty or no seat is left
     */
    public Slot {
      InvalidValueException.requirePresent(resourceId, "resourceId");
      InvalidValueException.requirePresent(start, "start");
      if (end == null || !end.isAfter(start)) {
        throw new InvalidValueException("end", String.valueOf(end), "must be after start "
            + start);
      }
      InvalidValueException.check(seatsLeft >= 1, "seatsLeft", seatsLeft, "must be >= 1");
    }
  }

  /**
   * A grid start at which the query's request would be refused.
   *
   * @param resourceId the resource
   * @param start the first instant, in the resource's zone
   * @param end the first instant after, in the resource's zone
   * @param reason the first reason {@code decide} would list (closed, full, quota used up …)
   */
  public record Refusal(String resourceId, ZonedDateTime start, ZonedDateTime end,
      Reason reason) {
    /** Checks the fields are present. */
    public Refusal {
      InvalidValueException.requirePresent(resourceId, "resourceId");
      InvalidValueException.requirePresent(start, "start");
      InvalidValueException.requirePresent(end, "end");
      InvalidValueException.requirePresent(reason, "reason");
    }

    /**
     * Returns the reason's code.
     *
     * @return the code, such as {@link RejectionCode#CLOSED} or {@link RejectionCode#CONFLICT}
     */
    public RejectionCode code() {
      return reason.code();
    }
  }

  /**
   * Returns the request that books a slot: the query's resident, household and seats.
   *
   * @param slot a slot of this answer
   * @param bookingId the new booking's id
   * @return the request, ready for {@code decide}
   */
  public BookingRequest request(Slot slot, String bookingId) {
    Objects.requireNonNull(slot, "slot");
    return query.request(bookingId, slot.resourceId(), slot.start().toInstant());
  }
}
