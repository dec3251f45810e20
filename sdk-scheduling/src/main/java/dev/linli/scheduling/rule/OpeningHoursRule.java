package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.OpeningHours;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.calendar.DayKind;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * When a resource is open, following China's calendar: a weekly schedule, other hours (or none) on
 * public holidays, and make-up workdays (调休) that follow a chosen weekday's hours. A booking must lie
 * inside one opening window of its day. Immutable and thread-safe.
 *
 * <p>{@code weekly} and {@code holidays} use the opening-hours text of {@link OpeningHours}
 * ({@code "Mo-Fr 08:00-21:00; Sa,Su 09:00-18:00"}); {@code holidays} may be {@code null} to keep the
 * weekly hours on holidays. {@code makeUpWorkdayFollows} names the weekday ({@code MONDAY} …) whose
 * hours a make-up Saturday or Sunday keeps, or is null to keep the weekend hours. On dates the
 * calendar does not know yet, {@code closedWhenUnknown} decides between the weekly hours and closed.
 *
 * @param weekly the ordinary weekly hours
 * @param holidays hours on public holidays, or null for the weekly hours
 * @param makeUpWorkdayFollows the weekday whose hours make-up workdays follow, or null
 * @param closedWhenUnknown true to refuse bookings on dates whose holidays are not yet announced
 * @param overrides hours on particular dates, which win over everything else: {@code "closed"} or
 *     times such as {@code "10:00-12:00,14:00-16:00"}; empty for none
 * @since 0.1.0
 */
public record OpeningHoursRule(String weekly, String holidays, DayOfWeek makeUpWorkdayFollows,
    boolean closedWhenUnknown, java.util.Map<java.time.LocalDate, String> overrides)
    implements BookingRule {
  /**
   * Validates the hours.
   *
   * @throws InvalidValueException if an opening-hours text is malformed
   */
  public OpeningHoursRule {
    InvalidValueException.requirePresent(weekly, "weekly");
    OpeningHours.parse(weekly);
    if (holidays != null) {
      OpeningHours.parse(holidays);
    }
    java.util.Map<java.time.LocalDate, String> copy = new java.util.TreeMap<>();
    if (overrides != null) {
      overrides.forEach((date, hours) -> {
        InvalidValueException.check(hours != null && (hours.equals("closed")
            || parsesAsTimes(hours)), "overrides." + date, hours,
            "must be \"closed\" or times such as \"10:00-12:00,14:00-16:00\"");
        copy.put(date, hours);
      });
    }
    overrides = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Returns hours with no date overrides.
   *
   * @param weekly the ordinary weekly hours
   * @param holidays hours on public holidays, or null
   * @param makeUpWorkdayFollows the weekday make-up workdays follow, or null
   * @param closedWhenUnknown true to refuse dates whose holidays are not announced
   */
  public OpeningHoursRule(String weekly, String holidays, DayOfWeek makeUpWorkdayFollows,
      boolean closedWhenUnknown) {
    this(weekly, holidays, makeUpWorkdayFollows, closedWhenUnknown, java.util.Map.of());
  }

  private static boolean parsesAsTimes(String hours) {
    try {
      OpeningHours.parse("Mo-Su " + hours);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String type() {
    return "opening-hours";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    ZonedDateTime start = request.start().atZone(context.resource().zone());
    ZonedDateTime end = request.end().atZone(context.resource().zone());
    LocalDate day = start.toLocalDate();
    ZonedDateTime midnight = day.atStartOfDay(context.resource().zone());
    long from = ChronoUnit.MINUTES.between(midnight.toLocalDateTime(), start.toLocalDateTime());
    DayKind kind = context.calendar().kind(day);
    String override = overrides.get(day);
    if (kind == DayKind.UNKNOWN && closedWhenUnknown && override == null) {
      return List.of(Reason.of(RejectionCode.CLOSED, type(), day + " is not bookable yet: the public "
          + "holidays of " + day.getYear() + " are not announced", day + "暂不可预约："
          + day.getYear() + "年节假日安排尚未公布", "date", day));
    }
    if ("closed".equals(override)) {
      return List.of(Reason.of(RejectionCode.CLOSED, type(), context.resource().id() + " is closed on " + day,
          context.resource().id() + "在" + day + "闭馆", "date", day));
    }
    OpeningHours hours;
    DayOfWeek weekday = day.getDayOfWeek();
    // Which hours apply; their description is written only for a refusal (most checks pass).
    char applied;
    if (override != null) {
      hours = context.openingHours("Mo-Su " + override);
      applied = 'o';
    } else if (context.calendar().isPublicHoliday(day) && holidays != null) {
      hours = context.openingHours(holidays);
      applied = 'h';
    } else if (context.calendar().isMakeUpWorkday(day) && makeUpWorkdayFollows != null) {
      hours = context.openingHours(weekly);
      weekday = makeUpWorkdayFollows;
      applied = 'm';
    } else {
      hours = context.openingHours(weekly);
      applied = 'w';
    }
    // Minutes on the clock face: a DST change inside the booking shifts its end, not its start.
    long localTo = from + ChronoUnit.MINUTES.between(start.toLocalDateTime(), end.toLocalDateTime());
    boolean sameDay = end.toLocalDate().equals(day)
        || (end.toLocalDate().equals(day.plusDays(1)) && end.toLocalTime().equals(
            java.time.LocalTime.MIDNIGHT));
    if (!sameDay || localTo > 24 * 60 || !hours.covers(weekday, (int) from, (int) localTo)) {
      String which = switch (applied) {
        case 'o' -> "special hours " + override + " on " + day;
        case 'h' -> "holiday hours " + holidays + " (" + context.calendar().holidayName(day)
            .orElse("") + ")";
        case 'm' -> "make-up workday (调休) with " + makeUpWorkdayFollows + " hours of " + weekly;
        default -> "weekly hours " + weekly;
      };
      String asked = start.toLocalDateTime().toString().replace('T', ' ') + "-" + end.toLocalTime();
      return List.of(Reason.of(RejectionCode.CLOSED, type(), context.resource().id() + " is not open for all of "
          + asked + " on " + day + " (" + which + ")", context.resource().id() + "在" + asked
          + "不全在开放时间内（" + which + "）", "date", day, "asked", asked, "hours", which));
    }
    return List.of();
  }
}
