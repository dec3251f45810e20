package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * A cap on how much one resident or one household may book of the resource in a calendar period:
 * a number of bookings, a total time, or both. Periods are calendar days, ISO weeks (Monday first),
 * months or years in the resource's zone, by each booking's start. Counts bookings on the resource
 * the rule is attached to. Immutable and thread-safe.
 *
 * @param scope whose bookings count together
 * @param period the calendar period
 * @param maxBookings most bookings in a period, or null for no count cap
 * @param maxTime most booked time in a period, or null for no time cap
 * @since 0.1.0
 */
public record Quota(Scope scope, Period period, Integer maxBookings, Duration maxTime)
    implements BookingRule {
  /** Whose bookings a quota adds up. */
  public enum Scope {
    /** Each resident on their own. */
    RESIDENT,
    /** Everyone in a household together (户). */
    HOUSEHOLD
  }

  /** The calendar period of a quota. */
  public enum Period {
    /** A calendar day. */
    DAY,
    /** An ISO week, Monday to Sunday. */
    WEEK,
    /** A calendar month. */
    MONTH,
    /** A calendar year. */
    YEAR
  }

  /**
   * Validates the quota.
   *
   * @throws InvalidValueException if no cap is set or a cap is not positive
   */
  public Quota {
    InvalidValueException.requirePresent(scope, "scope");
    InvalidValueException.requirePresent(period, "period");
    InvalidValueException.check(maxBookings != null || maxTime != null, "maxBookings", null,
        "a quota needs maxBookings, maxTime or both");
    InvalidValueException.check(maxBookings == null || maxBookings >= 1, "maxBookings",
        maxBookings, "must be >= 1");
    InvalidValueException.check(maxTime == null || (!maxTime.isNegative() && !maxTime.isZero()),
        "maxTime", maxTime, "must be a positive duration, such as PT4H");
  }

  @Override
  public String type() {
    return "quota";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    ZoneId zone = context.resource().zone();
    LocalDate first = periodStart(request.start().atZone(zone).toLocalDate());
    LocalDate next = switch (period) {
      case DAY -> first.plusDays(1);
      case WEEK -> first.plusWeeks(1);
      case MONTH -> first.plusMonths(1);
      case YEAR -> first.plusYears(1);
    };
    String key = scope == Scope.RESIDENT ? request.residentId() : request.householdId();
    int count = 1;
    Duration time = request.duration();
    for (Booking b : context.bookingsStarting(first.atStartOfDay(zone).toInstant(),
        next.atStartOfDay(zone).toInstant())) {
      BookingRequest r = b.request();
      String other = scope == Scope.RESIDENT ? r.residentId() : r.householdId();
      if (other.equals(key)) {
        count++;
        time = time.plus(r.duration());
      }
    }
    List<Reason> out = new ArrayList<>();
    String who = scope == Scope.RESIDENT ? "a resident" : "a household";
    String when = period.name().toLowerCase(java.util.Locale.ROOT);
    if (maxBookings != null && count > maxBookings) {
      out.add(new Reason("quota-exceeded", type(), who + " may make " + maxBookings
          + " bookings of " + context.resource().id() + " a " + when + "; this would be number "
          + count));
    }
    if (maxTime != null && time.compareTo(maxTime) > 0) {
      out.add(new Reason("quota-exceeded", type(), who + " may book " + DurationLimits.text(maxTime)
          + " of " + context.resource().id() + " a " + when + "; this would make "
          + DurationLimits.text(time)));
    }
    return out;
  }

  private LocalDate periodStart(LocalDate d) {
    return switch (period) {
      case DAY -> d;
      case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> d.withDayOfMonth(1);
      case YEAR -> d.withDayOfYear(1);
    };
  }
}
