package dev.linli.scheduling.booking;

import java.time.Instant;

/**
 * An accepted booking. Immutable and thread-safe.
 *
 * @param request what was asked for
 * @param acceptedAt when the engine accepted it (UTC)
 * @since 0.1.0
 */
public record Booking(BookingRequest request, Instant acceptedAt) {
  /**
   * Returns the booking's id.
   *
   * @return the request id
   */
  public String id() {
    return request.id();
  }
}
