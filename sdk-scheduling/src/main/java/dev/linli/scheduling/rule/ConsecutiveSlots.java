package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * At most {@code max} consecutive slots of the resource's grid for one resident, counting their
 * bookings that abut the request on either side (two back-to-back bookings are one long one).
 * Immutable and thread-safe.
 *
 * @param max most consecutive slots, {@code >= 1}
 * @since 0.1.0
 */
public record ConsecutiveSlots(int max) implements BookingRule {
  /**
   * Validates the cap.
   *
   * @throws InvalidValueException if {@code max < 1}
   */
  public ConsecutiveSlots {
    InvalidValueException.check(max >= 1, "max", max, "must be >= 1");
  }

  @Override
  public String type() {
    return "consecutive-slots";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    Duration slot = context.resource().slot();
    Instant from = request.start();
    Instant to = request.end();
    boolean grew = true;
    // Grow the run over abutting bookings of the same resident, in both directions.
    while (grew) {
      grew = false;
      for (Booking b : context.bookingsStarting(from.minus(Duration.ofDays(1)),
          to.plusNanos(1), Quota.Scope.RESIDENT, request.residentId())) {
        BookingRequest r = b.request();
        if (!r.residentId().equals(request.residentId()) || r.id().equals(request.id())) {
          continue;
        }
        if (r.end().equals(from)) {
          from = r.start();
          grew = true;
        } else if (r.start().equals(to)) {
          to = r.end();
          grew = true;
        }
      }
    }
    long slots = Duration.between(from, to).toMinutes() / slot.toMinutes();
    if (slots <= max) {
      return List.of();
    }
    return List.of(Reason.of(RejectionCode.TOO_MANY_CONSECUTIVE, type(), "at most " + max
        + " consecutive slots of " + slot.toMinutes() + " min; with your bookings next to it this"
        + " would be " + slots, "最多连续预约" + max + "个时段（每段" + slot.toMinutes()
        + "分钟），连同相邻预约将达" + slots + "个", "max", max, "slots", slots));
  }
}
