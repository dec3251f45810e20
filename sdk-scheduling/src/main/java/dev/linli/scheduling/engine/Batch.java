package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.rule.ActiveBookingsCap;
import dev.linli.scheduling.rule.BookingRule;
import dev.linli.scheduling.rule.RuleContext;
import java.time.Instant;
import java.util.List;

/**
 * What the requests of one {@link BookingEngine#decideAll} share: the instant they are all judged
 * at, read from the clock once, and the answer of the rule that cannot change between them until
 * the batch writes. An active-bookings cap counts the resident's bookings on every resource, so its
 * answer for the same resident is the same until the batch keeps a booking: a recurring series past
 * the cap is told so once, not once per occurrence (the same reason, the same words). Lives for one
 * call, under the engine's locks; not thread-safe.
 */
final class Batch {
  private final Instant now;
  /** Bookings the batch has kept so far: any of them may change what a rule counts. */
  private int writes;

  private ActiveBookingsCap capRule;
  private String capResident;
  private int capWrites;
  private List<Reason> capAnswer;

  Batch(Instant now) {
    this.now = now;
  }

  /** The instant every request of the batch is judged at. */
  Instant now() {
    return now;
  }

  /** Notes that the batch kept a booking. */
  void wrote() {
    writes++;
  }

  /**
   * Judges {@code request} by {@code rule}, as {@code rule.check(request, context)} would, with the
   * context of a new booking of this batch at {@link #now}.
   */
  List<Reason> check(BookingRule rule, BookingRequest request, RuleContext context) {
    if (rule instanceof ActiveBookingsCap cap
        && context.operation() == RuleContext.Operation.CREATE) {
      // The cap reads the resident's bookings that hold time and start after now, on every
      // resource, and writes the resident's id and the counts: nothing else.
      if (cap.equals(capRule) && request.residentId().equals(capResident)
          && writes == capWrites) {
        return capAnswer;
      }
      List<Reason> answer = rule.check(request, context);
      capRule = cap;
      capResident = request.residentId();
      capWrites = writes;
      capAnswer = answer;
      return answer;
    }
    return rule.check(request, context);
  }
}
