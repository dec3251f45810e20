package dev.linli.scheduling.rule;

import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.util.List;

/**
 * One booking rule, such as a notice window or a quota. Rules are small immutable values, combined in
 * a {@link RuleSet} and loadable from JSON; each says every way a request breaks it.
 *
 * @since 0.1.0
 */
public sealed interface BookingRule permits NoticeWindow, DurationLimits, Quota, OpeningHoursRule,
    ActiveBookingsCap, ConsecutiveSlots, Eligibility, Approval, CheckInPolicy, CentreQuota,
    Reminders {
  /**
   * Judges a request.
   *
   * @param request the request
   * @param context what the rule may look at
   * @return the reasons the request breaks the rule; empty if it complies
   */
  List<Reason> check(BookingRequest request, RuleContext context);

  /**
   * Says whether {@link #check} would find nothing, making the same reads of the context. A rule
   * may answer without writing the messages of a refusal (a time picker asks about every start of
   * a day and shows few reasons); the verdict is always {@code check(request, context).isEmpty()}.
   *
   * @param request the request
   * @param context what the rule may look at
   * @return true if the request complies
   * @since 0.2.0
   */
  default boolean allows(BookingRequest request, RuleContext context) {
    return check(request, context).isEmpty();
  }

  /**
   * Returns the rule's type as written in JSON, such as {@code notice-window}.
   *
   * @return the type name
   */
  String type();

  /**
   * Returns whether the rule judges requests of this kind. Most rules judge new bookings and
   * changes; a cancellation is judged only by the rules that say so (a cancel notice window).
   *
   * @param operation what is being done
   * @return true if {@link #check} should run for it
   */
  default boolean appliesTo(RuleContext.Operation operation) {
    return operation != RuleContext.Operation.CANCEL;
  }
}
