package dev.linli.scheduling.ical;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.series.SeriesRequest;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes bookings and recurring series as an RFC 5545 calendar ({@code .ics}) that common calendar
 * apps import: one VEVENT per booking (UID stable per booking id), one VEVENT with RRULE, EXDATE and
 * RDATE per series (its occurrences are not repeated as single events), and a VTIMEZONE for every
 * zone used, built from the JDK's zone rules (with DAYLIGHT/STANDARD yearly rules where the zone has
 * daylight saving). Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
 * character; text is escaped. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ICalendar {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss",
      Locale.ROOT);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'",
      Locale.ROOT).withZone(ZoneOffset.UTC);

  private ICalendar() {}

  /**
   * Writes a calendar.
   *
   * @param bookings single bookings (those of exported series are left out by id prefix)
   * @param series recurring series
   * @param resources the resources by id, for names and zones
   * @param stamp the DTSTAMP of every event (when the file is made)
   * @return the calendar text, CRLF line ends
   */
  public static String write(List<Booking> bookings, List<SeriesRequest> series,
      Map<String, Resource> resources, Instant stamp) {
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VCALENDAR");
    lines.add("VERSION:2.0");
    lines.add("PRODID:-//Linli//Linli SDK 0.1.0//ZH");
    lines.add("CALSCALE:GREGORIAN");
    Set<ZoneId> zones = new TreeSet<>((a, b) -> a.getId().compareTo(b.getId()));
    for (Booking b : bookings) {
      zones.add(resources.get(b.request().resourceId()).zone());
    }
    for (SeriesRequest s : series) {
      zones.add(s.recurrence().zone());
    }
    for (ZoneId z : zones) {
      timezone(lines, z);
    }
    for (Booking b : bookings) {
      if (series.stream().anyMatch(s -> b.id().startsWith(s.id() + "-")
          && b.request().resourceId().equals(s.resourceId()))) {
        continue;
      }
      Resource r = resources.get(b.request().resourceId());
      lines.add("BEGIN:VEVENT");
      lines.add("UID:" + b.id() + "@linli.dev");
      lines.add("DTSTAMP:" + UTC.format(stamp));
      lines.add("DTSTART;TZID=" + r.zone().getId() + ":" + LOCAL.format(
          b.request().start().atZone(r.zone())));
      lines.add("DTEND;TZID=" + r.zone().getId() + ":" + LOCAL.format(
          b.request().end().atZone(r.zone())));
      lines.add("SUMMARY:" + text(r.name().zh() + " " + r.name().en()));
      lines.add("LOCATION:" + text(r.id()));
      lines.add("STATUS:" + (b.status() == BookingStatus.PENDING_APPROVAL ? "TENTATIVE"
          : b.status().holdsTime() ? "CONFIRMED" : "CANCELLED"));
      lines.add("END:VEVENT");
    }
    for (SeriesRequest s : series) {
      Resource r = resources.get(s.resourceId());
      ZoneId z = s.recurrence().zone();
      LocalDateTime start = s.recurrence().start();
      lines.add("BEGIN:VEVENT");
      lines.add("UID:" + s.id() + "@linli.dev");
      lines.add("DTSTAMP:" + UTC.format(stamp));
      lines.add("DTSTART;TZID=" + z.getId() + ":" + LOCAL.format(start));
      lines.add("DTEND;TZID=" + z.getId() + ":" + LOCAL.format(start.plus(s.length())));
      lines.add("RRULE:" + s.recurrence().rule());
      for (LocalDateTime ex : new TreeSet<>(s.recurrence().exdates())) {
        lines.add("EXDATE;TZID=" + z.getId() + ":" + LOCAL.format(ex));
      }
      for (LocalDateTime rd : new TreeSet<>(s.recurrence().rdates())) {
        lines.add("RDATE;TZID=" + z.getId() + ":" + LOCAL.format(rd));
      }
      lines.add("SUMMARY:" + text((r == null ? s.resourceId() : r.name().zh() + " "
          + r.name().en()) + (s.groupId() == null ? "" : " (" + s.groupId() + ")")));
      lines.add("LOCATION:" + text(s.resourceId()));
      lines.add("END:VEVENT");
    }
    lines.add("END:VCALENDAR");
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      fold(out, line);
    }
    return out.toString();
  }

  /** Writes a VTIMEZONE from the JDK's rules: yearly rules if the zone has them, else its offset. */
  private static void timezone(List<String> lines, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    lines.add("BEGIN:VTIMEZONE");
    lines.add("TZID:" + zone.getId());
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    if (yearly.isEmpty()) {
      ZoneOffset now = rules.getOffset(Instant.parse("2026-01-01T00:00:00Z"));
      lines.add("BEGIN:STANDARD");
      lines.add("DTSTART:19700101T000000");
      lines.add("TZOFFSETFROM:" + offset(now));
      lines.add("TZOFFSETTO:" + offset(now));
      lines.add("TZNAME:" + text(DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(
          Instant.parse("2026-01-01T00:00:00Z").atZone(zone))));
      lines.add("END:STANDARD");
    } else {
      for (ZoneOffsetTransitionRule rule : yearly) {
        ZoneOffsetTransition t = rule.createTransition(1970);
        boolean daylight = t.getOffsetAfter().getTotalSeconds()
            > rule.getStandardOffset().getTotalSeconds();
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        lines.add("BEGIN:" + kind);
        lines.add("DTSTART:" + LOCAL.format(t.getDateTimeBefore()));
        lines.add("TZOFFSETFROM:" + offset(t.getOffsetBefore()));
        lines.add("TZOFFSETTO:" + offset(t.getOffsetAfter()));
        lines.add("RRULE:" + yearlyRule(rule.getMonth(), rule.getDayOfWeek(),
            rule.getDayOfMonthIndicator()));
        lines.add("END:" + kind);
      }
    }
    lines.add("END:VTIMEZONE");
  }

  /** The RRULE of a JDK transition rule: "last Sunday" or "first Sunday on or after the 8th". */
  static String yearlyRule(Month month, DayOfWeek day, int dayOfMonthIndicator) {
    String byDay = day == null ? "" : day.name().substring(0, 2);
    StringBuilder s = new StringBuilder("FREQ=YEARLY;BYMONTH=").append(month.getValue());
    if (day == null) {
      return s.append(";BYMONTHDAY=").append(dayOfMonthIndicator).toString();
    }
    if (dayOfMonthIndicator < 0) {
      // "dayOfWeek on or before the last day + 1 + indicator": -1 means the last such day.
      return s.append(";BYDAY=").append(dayOfMonthIndicator == -1 ? "-1" : "").append(byDay)
          .append(dayOfMonthIndicator == -1 ? "" : ";BYMONTHDAY=" + range(
              month.maxLength() + dayOfMonthIndicator - 5, month.maxLength() + dayOfMonthIndicator
                  + 1)).toString();
    }
    if (dayOfMonthIndicator + 6 == month.maxLength() && month != Month.FEBRUARY) {
      // "on or after the 25th" of a 31-day month is the month's last such weekday.
      return s.append(";BYDAY=-1").append(byDay).toString();
    }
    return s.append(";BYDAY=").append(byDay).append(";BYMONTHDAY=")
        .append(range(dayOfMonthIndicator, dayOfMonthIndicator + 6)).toString();
  }

  private static String range(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int d = from; d <= to; d++) {
      s.append(s.length() == 0 ? "" : ",").append(d);
    }
    return s.toString();
  }

  private static String offset(ZoneOffset o) {
    int total = o.getTotalSeconds();
    int abs = Math.abs(total);
    return String.format(Locale.ROOT, "%s%02d%02d", total < 0 ? "-" : "+", abs / 3600,
        abs / 60 % 60);
  }

  /**
   * Escapes TEXT: backslash, semicolon, comma and newlines.
   *
   * @param s the text
   * @return the escaped text
   */
  static String text(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n");
  }

  /** Appends {@code line} folded at 75 octets, never inside a UTF-8 sequence, with CRLF ends. */
  static void fold(StringBuilder out, String line) {
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
