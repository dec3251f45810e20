package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When to remind residents of a booking on this resource: one
 * {@link dev.linli.scheduling.booking.BookingNotice.Kind#UPCOMING} notice per lead time, once the
 * engine's clock reaches the booking's start minus that lead time (a day and two hours before:
 * {@code ["PT24H", "PT2H"]}). Judges no request: it only tells
 * {@code BookingEngine.remindUpcoming()} what to send. Immutable and thread-safe.
 *
 * @param leadTimes how long before the start each reminder falls due; at least one, each positive,
 *     no repeats; kept longest first
 * @since 0.2.0
 */
public record Reminders(List<Duration> leadTimes) implements BookingRule {
  /**
   * Validates the lead times.
   *
   * @throws InvalidValueException if there are none, one is not positive, or one repeats
   */
  public Reminders {
    InvalidValueException.check(leadTimes != null && !leadTimes.isEmpty(), "leadTimes", leadTimes,
        "must list at least one lead time, such as [\"PT24H\", \"PT2H\"]");
    for (Duration d : leadTimes) {
      InvalidValueException.check(d != null && !d.isNegative() && !d.isZero(), "leadTimes", d,
          "each lead time must be a positive duration, such as PT2H");
    }
    InvalidValueException.check(leadTimes.stream().distinct().count() == leadTimes.size(),
        "leadTimes", leadTimes, "must not repeat a lead time");
    List<Duration> sorted = new ArrayList<>(leadTimes);
    sorted.sort(Comparator.reverseOrder());
    leadTimes = List.copyOf(sorted);
  }

  /**
   * Returns the longest lead time: how far ahead of now a reminder sweep looks.
   *
   * @return the first of {@link #leadTimes()}
   */
  public Duration longest() {
    return leadTimes.get(0);
  }

  @Override
  public String type() {
    return "reminders";
  }

  /** Judges nothing: reminders are sent by a sweep, not decided per request. */
  @Override
  public boolean appliesTo(RuleContext.Operation operation) {
    return false;
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    return List.of();
  }
}
