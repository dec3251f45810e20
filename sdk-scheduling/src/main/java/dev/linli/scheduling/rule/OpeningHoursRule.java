package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.OpeningHours;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.calendar.DayKind;
import dev.linli.scheduling.internal.ZoneSpans;
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
    Verdict v = verdict(request, context);
    return v == Verdict.OPEN ? List.of() : List.of(reason(v, request, context));
  }

  /**
   * Says whether {@link #check} accepts the request without writing its refusal: the same verdict
   * (both come from one judgement), for a time picker that asks about every start of a day.
   */
  @Override
  public boolean allows(BookingRequest request, RuleContext context) {
    return verdict(request, context) == Verdict.OPEN;
  }

  /** What {@link #check} finds: open, or which refusal. */
  private enum Verdict { OPEN, UNKNOWN, CLOSED_DAY, OUTSIDE }

  /**
   * Judges the request on its local day. Without an offset change within a day of it (most zones,
   * most days), the local date and minutes come from the offset alone, with no zoned date-times.
   */
  private Verdict verdict(BookingRequest request, RuleContext context) {
    java.time.ZoneId zone = context.resource().zone();
    java.time.Instant s = request.start();
    java.time.Instant e = request.end();
    ZoneSpans spans = LocalDates.spans(context);
    LocalDate day;
    long from;
    long localTo;
    boolean sameDay;
    if (s.getNano() == 0 && e.getNano() == 0 && steady(s.minusSeconds(86_400),
        e.plusSeconds(86_400), zone, spans)) {
      // No offset change within a day of the request: one offset serves both ends.
      long localStart = LocalDates.localSeconds(s, zone, spans);
      long localEnd = localStart + (e.getEpochSecond() - s.getEpochSecond());
      long epochDay = Math.floorDiv(localStart, 86_400L);
      day = LocalDate.ofEpochDay(epochDay);
      from = (localStart - epochDay * 86_400L) / 60;
      localTo = from + (localEnd - localStart) / 60;
      long endDay = Math.floorDiv(localEnd, 86_400L);
      sameDay = endDay == epochDay || (endDay == epochDay + 1 && localEnd == endDay * 86_400L);
    } else {
      ZonedDateTime start = s.atZone(zone);
      ZonedDateTime end = e.atZone(zone);
      day = start.toLocalDate();
      ZonedDateTime midnight = day.atStartOfDay(zone);
      from = ChronoUnit.MINUTES.between(midnight.toLocalDateTime(), start.toLocalDateTime());
      localTo = from + ChronoUnit.MINUTES.between(start.toLocalDateTime(), end.toLocalDateTime());
      sameDay = end.toLocalDate().equals(day)
          || (end.toLocalDate().equals(day.plusDays(1)) && end.toLocalTime().equals(
              java.time.LocalTime.MIDNIGHT));
    }
    DayKind kind = context.calendar().kind(day);
    String override = overrides.isEmpty() ? null : overrides.get(day);
    if (kind == DayKind.UNKNOWN && closedWhenUnknown && override == null) {
      return Verdict.UNKNOWN;
    }
    if ("closed".equals(override)) {
      return Verdict.CLOSED_DAY;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    OpeningHours hours = switch (applied(day, override, context)) {
      case 'o' -> context.openingHours("Mo-Su " + override);
      case 'h' -> context.openingHours(holidays);
      case 'm' -> {
        weekday = makeUpWorkdayFollows;
        yield context.openingHours(weekly);
      }
      default -> context.openingHours(weekly);
    };
    // Minutes on the clock face: a DST change inside the booking shifts its end, not its start.
    return sameDay && localTo <= 24 * 60 && hours.covers(weekday, (int) from, (int) localTo)
        ? Verdict.OPEN : Verdict.OUTSIDE;
  }

  /** No offset change of {@code zone} in {@code (from, to]}. */
  private static boolean steady(java.time.Instant from, java.time.Instant to,
      java.time.ZoneId zone, ZoneSpans spans) {
    if (spans != null) {
      return spans.steady(from, to, zone);
    }
    java.time.zone.ZoneOffsetTransition next = zone.getRules().nextTransition(from);
    return next == null || next.getInstant().isAfter(to);
  }

  /**
   * Which hours apply on {@code day}: 'o' the date's override, 'h' holiday hours, 'm' a make-up
   * workday following {@link #makeUpWorkdayFollows}, 'w' the weekly hours.
   */
  private char applied(LocalDate day, String override, RuleContext context) {
    if (override != null) {
      return 'o';
    } else if (holidays != null && context.calendar().isPublicHoliday(day)) {
      return 'h';
    } else if (makeUpWorkdayFollows != null && context.calendar().isMakeUpWorkday(day)) {
      return 'm';
    }
    return 'w';
  }

  /** The refusal of a request {@link #verdict} did not find open. */
  private Reason reason(Verdict v, BookingRequest request, RuleContext context) {
    ZonedDateTime start = request.start().atZone(context.resource().zone());
    ZonedDateTime end = request.end().atZone(context.resource().zone());
    LocalDate day = start.toLocalDate();
    String override = overrides.get(day);
    if (v == Verdict.UNKNOWN) {
      return Reason.of(RejectionCode.CLOSED, type(), day + " is not bookable yet: the public "
          + "holidays of " + day.getYear() + " are not announced", day + "暂不可预约："
          + day.getYear() + "年节假日安排尚未公布", "date", day);
    }
    if (v == Verdict.CLOSED_DAY) {
      return Reason.of(RejectionCode.CLOSED, type(), context.resource().id() + " is closed on "
          + day, context.resource().id() + "在" + day + "闭馆", "date", day);
    }
    String which = switch (applied(day, override, context)) {
      case 'o' -> "special hours " + override + " on " + day;
      case 'h' -> "holiday hours " + holidays + " (" + context.calendar().holidayName(day)
          .orElse("") + ")";
      case 'm' -> "make-up workday (调休) with " + makeUpWorkdayFollows + " hours of " + weekly;
      default -> "weekly hours " + weekly;
    };
    String asked = start.toLocalDateTime().toString().replace('T', ' ') + "-" + end.toLocalTime();
    return Reason.of(RejectionCode.CLOSED, type(), context.resource().id()
        + " is not open for all of " + asked + " on " + day + " (" + which + ")",
        context.resource().id() + "在" + asked + "不全在开放时间内（" + which + "）", "date", day,
        "asked", asked, "hours", which);
  }
}
