package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.internal.ZoneSpans;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A cap on how much one resident, one household or one group (a dance team) may book of the resource
 * in a calendar period: a number of bookings, a total time, or both. Periods are calendar days, ISO
 * weeks (Monday first), months or years in the resource's zone, by each booking's start. A quota may
 * be limited to weekdays and to a time-of-day window (peak hours, {@code "18:00-21:00"}): then only
 * bookings starting inside it count, and only such requests are capped. Counts bookings on the
 * resource the rule is attached to. Immutable and thread-safe.
 *
 * @param scope whose bookings count together
 * @param period the calendar period
 * @param maxBookings most bookings in a period, or null for no count cap
 * @param maxTime most booked time in a period, or null for no time cap
 * @param weekdaysOnly true to count only bookings starting Monday to Friday; null means false
 * @param window a local time-of-day window {@code "HH:MM-HH:MM"} the quota is limited to, or null
 * @since 0.1.0
 */
public record Quota(Scope scope, Period period, Integer maxBookings, Duration maxTime,
    Boolean weekdaysOnly, String window) implements BookingRule {
  /** Whose bookings a quota adds up. */
  public enum Scope {
    /** Each resident on their own. */
    RESIDENT,
    /** Everyone in a household together (户). */
    HOUSEHOLD,
    /** Everything booked for one group (a dance team); requests without a group are not capped. */
    GROUP;

    /**
     * The holder a request counts against under this scope: its resident, household or group id.
     *
     * @param r the request
     * @return the id, or null (a request without a group is not capped by a group quota)
     */
    public String holderOf(BookingRequest r) {
      return switch (this) {
        case RESIDENT -> r.residentId();
        case HOUSEHOLD -> r.householdId();
        case GROUP -> r.groupId();
      };
    }
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
    YEAR;

    /**
     * The first day of the period holding {@code day} (weeks start on Monday).
     *
     * @param day a local date
     * @return the period's first day
     */
    public LocalDate start(LocalDate day) {
      return switch (this) {
        case DAY -> day;
        // previousOrSame(MONDAY) by arithmetic: a quota asks on every decision.
        case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
        case MONTH -> day.withDayOfMonth(1);
        case YEAR -> day.withDayOfYear(1);
      };
    }

    /**
     * The first day after the period that starts on {@code first}.
     *
     * @param first a period's first day ({@link #start})
     * @return the next period's first day
     */
    public LocalDate next(LocalDate first) {
      return switch (this) {
        case DAY -> first.plusDays(1);
        case WEEK -> first.plusWeeks(1);
        case MONTH -> first.plusMonths(1);
        case YEAR -> first.plusYears(1);
      };
    }

    /** The period in Chinese as a quota's message says it: 每天, 每周, 每月, 每年. */
    String everyZh() {
      return switch (this) {
        case DAY -> "每天";
        case WEEK -> "每周";
        case MONTH -> "每月";
        case YEAR -> "每年";
      };
    }
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
    weekdaysOnly = Boolean.TRUE.equals(weekdaysOnly);
    if (window != null) {
      InvalidValueException.check(window.matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d"), "window",
          window, "must be HH:MM-HH:MM, such as 18:00-21:00");
      try {
        InvalidValueException.check(LocalTime.parse(window.substring(0, 5)).isBefore(
            LocalTime.parse(window.substring(6))), "window", window, "must end after it starts");
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidValueException("window", window, "must be HH:MM-HH:MM, such as 18:00-21:00");
      }
    }
  }

  /**
   * Returns a quota on every day and time.
   *
   * @param scope whose bookings count together
   * @param period the calendar period
   * @param maxBookings most bookings, or null
   * @param maxTime most time, or null
   */
  public Quota(Scope scope, Period period, Integer maxBookings, Duration maxTime) {
    this(scope, period, maxBookings, maxTime, false, null);
  }

  private boolean counts(BookingRequest r, ZoneId zone, ZoneSpans spans) {
    if (!weekdaysOnly && window == null) {
      return true;
    }
    // From the offset, with no zoned date-time: this runs for every counted booking.
    if (weekdaysOnly && LocalDates.dayOfWeek(r.start(), zone, spans) > 5) {
      return false;
    }
    if (window == null) {
      return true;
    }
    // Minutes of the day, read straight from "HH:MM-HH:MM".
    int minute = LocalDates.minuteOfDay(r.start(), zone, spans);
    int from = Integer.parseInt(window, 0, 2, 10) * 60 + Integer.parseInt(window, 3, 5, 10);
    int to = Integer.parseInt(window, 6, 8, 10) * 60 + Integer.parseInt(window, 9, 11, 10);
    return minute >= from && minute < to;
  }

  @Override
  public String type() {
    return "quota";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    ZoneId zone = context.resource().zone();
    ZoneSpans spans = LocalDates.spans(context);
    String key = scope.holderOf(request);
    // Before the period's bounds: a request the quota does not cap (off peak) costs no dates.
    if (key == null || !counts(request, zone, spans)) {
      return List.of();
    }
    long day = Math.floorDiv(LocalDates.localSeconds(request.start(), zone, spans), 86_400L);
    long first;
    long next;
    switch (period) {
      // Days and weeks by arithmetic on epoch days (1970-01-01 was a Thursday): a quota asks on
      // every decision, and LocalDate's calendar arithmetic was a tenth of it.
      case DAY -> {
        first = day;
        next = day + 1;
      }
      case WEEK -> {
        first = day - Math.floorMod(day + 3, 7);
        next = first + 7;
      }
      default -> {
        LocalDate start = period.start(LocalDate.ofEpochDay(day));
        first = start.toEpochDay();
        next = period.next(start).toEpochDay();
      }
    }
    int count = 1;
    // Time is summed only for a time cap: most quotas count bookings alone.
    Duration time = maxTime == null ? Duration.ZERO : request.duration();
    for (Booking b : context.bookingsStarting(LocalDates.startOf(first, zone, spans),
        LocalDates.startOf(next, zone, spans), scope, key)) {
      BookingRequest r = b.request();
      // The key first: it rules out almost every booking without touching time zones.
      if (key.equals(scope.holderOf(r)) && counts(r, zone, spans)) {
        count++;
        time = maxTime == null ? time : time.plus(r.duration());
      }
    }
    boolean overCount = maxBookings != null && count > maxBookings;
    if (!overCount && (maxTime == null || time.compareTo(maxTime) <= 0)) {
      // Most checks pass: the messages below are built only for a refusal.
      return List.of();
    }
    List<Reason> out = new ArrayList<>();
    String who = switch (scope) {
      case RESIDENT -> "a resident";
      case HOUSEHOLD -> "a household";
      case GROUP -> "group " + key;
    };
    String whoZh = switch (scope) {
      case RESIDENT -> "每位居民";
      case HOUSEHOLD -> "每户";
      case GROUP -> "团队" + key;
    };
    String when = period.name().toLowerCase(java.util.Locale.ROOT);
    String whenZh = period.everyZh();
    String where = (weekdaysOnly ? " on weekdays" : "") + (window != null ? " in " + window : "");
    String whereZh = (weekdaysOnly ? "工作日" : "") + (window != null ? window + "时段" : "");
    if (overCount) {
      out.add(Reason.of(RejectionCode.QUOTA_EXCEEDED, type(), who + " may make " + maxBookings
          + " bookings of " + context.resource().id() + where + " a " + when
          + "; this would be number " + count, whoZh + whenZh + whereZh + "最多预约"
          + context.resource().id() + " " + maxBookings + "次，本次为第" + count + "次",
          "scope", scope, "period", period, "maxBookings", maxBookings, "count", count));
    }
    if (maxTime != null && time.compareTo(maxTime) > 0) {
      out.add(Reason.of(RejectionCode.QUOTA_EXCEEDED, type(), who + " may book " + DurationLimits.text(maxTime)
          + " of " + context.resource().id() + where + " a " + when + "; this would make "
          + DurationLimits.text(time), whoZh + whenZh + whereZh + "最多预约"
          + DurationLimits.zh(maxTime) + "，本次后将达" + DurationLimits.zh(time), "scope", scope,
          "period", period, "maxTime", maxTime, "time", time));
    }
    return out;
  }
}
