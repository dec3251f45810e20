package dev.linli.scheduling.rule;

import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.util.List;

/**
 * Bookings of the resource need staff approval: an accepted request holds its time as
 * {@code PENDING_APPROVAL} until approved or declined, and a change needs approval again. Breaks no
 * request by itself. Immutable and thread-safe.
 *
 * @param note what staff check, shown to residents (such as "for public-benefit events only"), or
 *     null
 * @since 0.1.0
 */
public record Approval(String note) implements BookingRule {
  @Override
  public String type() {
    return "approval";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    return List.of();
  }
}
