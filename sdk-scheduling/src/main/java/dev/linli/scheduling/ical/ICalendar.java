package dev.linli.scheduling.ical;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.series.Recurrence;
import dev.linli.scheduling.series.RecurrenceRule;
import dev.linli.scheduling.series.SeriesRequest;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes bookings and recurring series as an RFC 5545 calendar ({@code .ics}) that common calendar
 * apps import. The file describes exactly the occurrences that hold time: one VEVENT per single
 * booking (UID stable per booking id); one VEVENT per series with an RRULE that ends where the
 * booking ended (an open-ended rule booked to its horizon gets the UNTIL of its last booked
 * candidate), an EXDATE for every candidate of the rule that holds no booking (a skipped holiday,
 * a refused conflict, a cancelled occurrence) and an RDATE for every booked occurrence the rule does
 * not produce (a make-up workday, a replacement date); and a VTIMEZONE for every zone used, built
 * from the JDK's zone rules (with DAYLIGHT/STANDARD yearly rules where the zone has daylight saving)
 * and named by its UTC offset ({@code +08}), which is the same on every JDK. A booking belongs to a
 * series only if its id is the series' occurrence id for its own start, on the series' resource,
 * with the series' length; any other booking, whatever its id, is a VEVENT of its own. Lines end in
 * CRLF and are folded at 75 octets without splitting a UTF-8 character; text is escaped. Stateless
 * and thread-safe.
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
   * @param bookings every booking to export, those of the series included (a series occurrence
   *     with no booking here that holds time is written as an EXDATE)
   * @param series recurring series, as booked
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
    Set<String> ofASeries = new HashSet<>();
    List<List<String>> seriesEvents = new ArrayList<>();
    for (SeriesRequest s : series) {
      seriesEvents.add(seriesEvent(s, bookings, resources.get(s.resourceId()), stamp,
          ofASeries));
    }
    for (Booking b : bookings) {
      if (ofASeries.contains(b.id())) {
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
      lines.add("STATUS:" + (b.status() == BookingStatus.PENDING_APPROVAL
          || b.status() == BookingStatus.AWAITING_CLAIM ? "TENTATIVE"
          : b.status().holdsTime() ? "CONFIRMED" : "CANCELLED"));
      lines.add("END:VEVENT");
    }
    for (List<String> event : seriesEvents) {
      lines.addAll(event);
    }
    lines.add("END:VCALENDAR");
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      fold(out, line);
    }
    return out.toString();
  }

  /**
   * The VEVENT of one series, describing exactly its booked occurrences (empty if none is booked);
   * adds the ids of the bookings it covers to {@code covered}.
   */
  private static List<String> seriesEvent(SeriesRequest s, List<Booking> bookings, Resource r,
      Instant stamp, Set<String> covered) {
    ZoneId z = s.recurrence().zone();
    LocalDateTime start = s.recurrence().start();
    TreeSet<LocalDateTime> booked = new TreeSet<>();
    for (Booking b : bookings) {
      LocalDateTime local = b.request().start().atZone(z).toLocalDateTime();
      if (!b.request().resourceId().equals(s.resourceId())
          || !b.id().equals(s.occurrenceId(local))) {
        continue; // not an occurrence of this series, whatever its id looks like
      }
      boolean asBooked = Duration.between(b.request().start(), b.request().end())
          .equals(s.length());
      if (b.status().holdsTime() && asBooked) {
        booked.add(local);
        covered.add(b.id());
      } else if (!b.status().holdsTime()) {
        covered.add(b.id()); // a cancelled or missed occurrence: an EXDATE of the series
      }
    }
    if (booked.isEmpty()) {
      return List.of();
    }
    // The rule's own candidates up to where the series was booked, without RDATE/EXDATE.
    Recurrence plain = Recurrence.of(s.recurrence().rule(), start, z);
    List<ZonedDateTime> candidates = plain.until(s.horizon());
    RecurrenceRule rule = s.recurrence().rule();
    Instant until = plain.untilInstant();
    RecurrenceRule written;
    if (rule.count() != null && candidates.size() == rule.count()) {
      written = rule;
    } else if (until != null && until.isBefore(s.horizon())) {
      written = rule.withUntil(until); // RFC 5545: UTC when DTSTART has a TZID
    } else if (!candidates.isEmpty()) {
      written = rule.withUntil(candidates.get(candidates.size() - 1).toInstant());
    } else {
      written = null;
    }
    TreeSet<LocalDateTime> ruleLocal = new TreeSet<>();
    for (ZonedDateTime c : candidates) {
      ruleLocal.add(c.toLocalDateTime());
    }
    TreeSet<LocalDateTime> exdates = new TreeSet<>();
    for (LocalDateTime c : ruleLocal) {
      if (!booked.contains(c)) {
        exdates.add(c);
      }
    }
    if (!booked.contains(start) && !ruleLocal.contains(start)) {
      // Some readers count DTSTART as an occurrence even when the rule does not produce it.
      exdates.add(start);
    }
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VEVENT");
    lines.add("UID:" + s.id() + "@linli.dev");
    lines.add("DTSTAMP:" + UTC.format(stamp));
    lines.add("DTSTART;TZID=" + z.getId() + ":" + LOCAL.format(start));
    lines.add("DTEND;TZID=" + z.getId() + ":" + LOCAL.format(start.plus(s.length())));
    if (written != null) {
      lines.add("RRULE:" + written);
    }
    for (LocalDateTime ex : exdates) {
      lines.add("EXDATE;TZID=" + z.getId() + ":" + LOCAL.format(ex));
    }
    for (LocalDateTime rd : booked) {
      if (!ruleLocal.contains(rd) && !rd.equals(start)) {
        lines.add("RDATE;TZID=" + z.getId() + ":" + LOCAL.format(rd));
      }
    }
    lines.add("SUMMARY:" + text((r == null ? s.resourceId() : r.name().zh() + " "
        + r.name().en()) + (s.groupId() == null ? "" : " (" + s.groupId() + ")")));
    lines.add("LOCATION:" + text(s.resourceId()));
    lines.add("END:VEVENT");
    return lines;
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
      lines.add("TZNAME:" + name(now));
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
        lines.add("TZNAME:" + name(t.getOffsetAfter()));
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

  /**
   * A zone's name for an offset, as tzdata writes names for zones without an abbreviation
   * ({@code +08}, {@code -0230}): the JDK's localized names ("CST", "GMT+08:00") differ between
   * JDKs and locales.
   */
  static String name(ZoneOffset o) {
    String hhmm = offset(o);
    return hhmm.endsWith("00") ? hhmm.substring(0, 3) : hhmm;
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
