package dev.linli.scheduling.booking;

import java.time.Instant;

/**
 * A booking the engine accepted, in its current status. Immutable and thread-safe.
 *
 * @param request what was asked for (after the last accepted change)
 * @param acceptedAt when the engine accepted it (UTC)
 * @param status where it is now
 * @since 0.1.0
 */
public record Booking(BookingRequest request, Instant acceptedAt, BookingStatus status) {
  /**
   * Returns a confirmed booking.
   *
   * @param request what was asked for
   * @param acceptedAt when it was accepted
   */
  public Booking(BookingRequest request, Instant acceptedAt) {
    this(request, acceptedAt, BookingStatus.CONFIRMED);
  }

  /**
   * Returns the booking's id.
   *
   * @return the request id
   */
  public String id() {
    return request.id();
  }

  /**
   * Returns this booking in another status.
   *
   * @param next the status
   * @return the booking
   */
  public Booking with(BookingStatus next) {
    return new Booking(request, acceptedAt, next);
  }
}
