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
   * A grid start at which the query's request would be refused, and the first reason
   * {@code decide} would give. An engine's answer writes the reason only when {@link #reason} is
   * first asked (most refused starts of a time picker are closed hours nobody reads about), from
   * the reads the query made for the start's verdict, so it is the reason the query's moment
   * gave, however late it is asked. Immutable once made and thread-safe; equal when resource,
   * start, end and reason are.
   *
   * @since 0.2.0
   */
  public static final class Refusal {
    private final String resourceId;
    private final java.time.Instant start;
    private final java.time.Instant end;
    private final java.time.ZoneId zone;
    /** Writes the reason; null once it is written. */
    private java.util.function.Supplier<Reason> writer;
    private volatile Reason reason;

    /**
     * Returns a refusal with its reason.
     *
     * @param resourceId the resource
     * @param start the first instant, in the resource's zone
     * @param end the first instant after, in the resource's zone
     * @param reason the first reason {@code decide} would list (closed, full, quota used up …)
     * @throws InvalidValueException if a field is missing
     */
    public Refusal(String resourceId, ZonedDateTime start, ZonedDateTime end, Reason reason) {
      this(resourceId, InvalidValueException.requirePresent(start, "start").toInstant(),
          InvalidValueException.requirePresent(end, "end").toInstant(), start.getZone(),
          InvalidValueException.requirePresent(reason, "reason"), null);
    }

    private Refusal(String resourceId, java.time.Instant start, java.time.Instant end,
        java.time.ZoneId zone, Reason reason, java.util.function.Supplier<Reason> writer) {
      this.resourceId = InvalidValueException.requirePresent(resourceId, "resourceId");
      this.start = start;
      this.end = end;
      this.zone = zone;
      this.reason = reason;
      this.writer = writer;
    }

    /**
     * Returns a refusal whose reason is written on the first call of {@link #reason}, once.
     *
     * @param resourceId the resource
     * @param start the first instant
     * @param end the first instant after
     * @param zone the resource's zone, for {@link #start()} and {@link #end()}
     * @param reason writes the first reason {@code decide} would list; called at most once, never
     *     returns null
     * @return the refusal
     * @throws InvalidValueException if a field is missing
     */
    public static Refusal deferred(String resourceId, java.time.Instant start,
        java.time.Instant end, java.time.ZoneId zone,
        java.util.function.Supplier<Reason> reason) {
      return new Refusal(resourceId, InvalidValueException.requirePresent(start, "start"),
          InvalidValueException.requirePresent(end, "end"),
          InvalidValueException.requirePresent(zone, "zone"), null,
          InvalidValueException.requirePresent(reason, "reason"));
    }

    /**
     * Returns the resource.
     *
     * @return the resource's id
     */
    public String resourceId() {
      return resourceId;
    }

    /**
     * Returns the start.
     *
     * @return the first instant, in the resource's zone
     */
    public ZonedDateTime start() {
      return start.atZone(zone);
    }

    /**
     * Returns the end.
     *
     * @return the first instant after, in the resource's zone
     */
    public ZonedDateTime end() {
      return end.atZone(zone);
    }

    /**
     * Returns the first reason {@code decide} would give, written on the first call.
     *
     * @return the reason (closed, full, quota used up …)
     */
    public Reason reason() {
      Reason r = reason;
      if (r == null) {
        synchronized (this) {
          r = reason;
          if (r == null) {
            r = Objects.requireNonNull(writer.get(), "reason");
            reason = r;
            writer = null;
          }
        }
      }
      return r;
    }

    /**
     * Returns the reason's code.
     *
     * @return the code, such as {@link RejectionCode#CLOSED} or {@link RejectionCode#CONFLICT}
     */
    public RejectionCode code() {
      return reason().code();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Refusal other && resourceId.equals(other.resourceId)
          && start().equals(other.start()) && end().equals(other.end())
          && reason().equals(other.reason());
    }

    @Override
    public int hashCode() {
      return Objects.hash(resourceId, start(), end(), reason());
    }

    @Override
    public String toString() {
      return "Refusal[resourceId=" + resourceId + ", start=" + start() + ", end=" + end()
          + ", reason=" + reason() + "]";
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
