package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import java.util.List;

/**
 * At most {@code max} future bookings per resident at once, on every resource of the engine (so one
 * resident cannot hoard the week's slots). Immutable and thread-safe.
 *
 * @param max most bookings a resident may hold that have not started yet, {@code >= 1}
 * @since 0.1.0
 */
public record ActiveBookingsCap(int max) implements BookingRule {
  /**
   * Validates the cap.
   *
   * @throws InvalidValueException if {@code max < 1}
   */
  public ActiveBookingsCap {
    InvalidValueException.check(max >= 1, "max", max, "must be >= 1");
  }

  @Override
  public String type() {
    return "active-bookings";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    if (context.operation() != RuleContext.Operation.CREATE) {
      return List.of();
    }
    long active = 0;
    for (Booking b : context.activeBookingsOf(request.residentId())) {
      if (b.request().start().isAfter(context.now())) {
        active++;
      }
    }
    if (active + 1 <= max) {
      return List.of();
    }
    return List.of(Reason.of(RejectionCode.TOO_MANY_ACTIVE, type(), request.residentId() + " already holds "
        + active + " upcoming bookings; at most " + max + " at a time",
        "每位居民最多同时持有" + max + "个未开始的预约，当前已有" + active + "个", "max", max,
        "active", active));
  }
}
