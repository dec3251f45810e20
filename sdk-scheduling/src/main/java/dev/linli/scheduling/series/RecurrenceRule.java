package dev.linli.scheduling.series;

import dev.linli.core.InvalidValueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 5545 recurrence rule ({@code RRULE}): {@code FREQ} (DAILY, WEEKLY, MONTHLY, YEARLY),
 * {@code INTERVAL}, {@code COUNT} or {@code UNTIL}, {@code BYDAY} with ordinals ({@code 2TU},
 * {@code -1FR}), {@code BYMONTHDAY} (negative from the month's end), {@code BYMONTH},
 * {@code BYSETPOS} and {@code WKST}. Other parts (BYHOUR, BYWEEKNO, BYYEARDAY…) are refused with a
 * message rather than ignored, and so are combinations RFC 5545 forbids or that can never match
 * ({@code FREQ=WEEKLY;BYMONTHDAY=…}, {@code BYSETPOS} alone, {@code BYDAY=9MO}). {@code UNTIL} is
 * either a UTC instant ({@code 20261231T155959Z}) or a floating local date-time
 * ({@code 20261231T235959}, or a date meaning the end of that day) read in the zone of the
 * {@link Recurrence} it is expanded in. {@link #parse} reads what {@link #toString} writes.
 * Immutable and thread-safe; expand it with {@link Recurrence}.
 *
 * @param frequency the period the rule repeats in
 * @param interval every how many periods, {@code >= 1}
 * @param count how many occurrences, or null
 * @param until the last instant an occurrence may start (inclusive, UTC), or null
 * @param byDay weekdays, with an ordinal (1 = first, -1 = last) or 0 for every such weekday
 * @param byMonthDay days of the month, 1..31 or -31..-1
 * @param byMonth months, 1..12
 * @param bySetPos positions within each period's set of candidates, 1..366 or -366..-1
 * @param weekStart the first day of the week, for WEEKLY rules with INTERVAL > 1
 * @param localUntil the last local date-time an occurrence may start (inclusive, in the
 *     recurrence's zone: a floating UNTIL), or null; at most one of {@code until} and
 *     {@code localUntil}
 * @since 0.1.0
 */
public record RecurrenceRule(Frequency frequency, int interval, Integer count, Instant until,
    List<WeekdayNum> byDay, List<Integer> byMonthDay, List<Integer> byMonth, List<Integer> bySetPos,
    DayOfWeek weekStart, LocalDateTime localUntil) {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern(
      "uuuuMMdd'T'HHmmss", Locale.ROOT);
  /** A weekday occurs at most five times in a month. */
  private static final int MAX_IN_MONTH = 5;

  /** How often a rule repeats. */
  public enum Frequency {
    /** Every day. */
    DAILY,
    /** Every week. */
    WEEKLY,
    /** Every month. */
    MONTHLY,
    /** Every year. */
    YEARLY
  }

  /**
   * A weekday, optionally the n-th of its month or year ({@code 2TU}, {@code -1FR}).
   *
   * @param ordinal 0 for every such weekday, else 1..53 or -53..-1
   * @param day the weekday
   */
  public record WeekdayNum(int ordinal, DayOfWeek day) {
    /**
     * Validates the ordinal.
     *
     * @throws InvalidValueException if it is out of range
     */
    public WeekdayNum {
      InvalidValueException.check(ordinal >= -53 && ordinal <= 53, "BYDAY", ordinal,
          "ordinals are 1..53 or -53..-1");
      InvalidValueException.requirePresent(day, "BYDAY");
    }

    @Override
    public String toString() {
      return (ordinal == 0 ? "" : String.valueOf(ordinal)) + code(day);
    }
  }

  /**
   * Validates the rule.
   *
   * @throws InvalidValueException if a part is out of range, both COUNT and UNTIL are given, or
   *     parts are combined in a way RFC 5545 forbids or that can never match
   */
  public RecurrenceRule {
    InvalidValueException.requirePresent(frequency, "FREQ");
    InvalidValueException.check(interval >= 1, "INTERVAL", interval, "must be >= 1");
    InvalidValueException.check(count == null || count >= 1, "COUNT", count, "must be >= 1");
    InvalidValueException.check(count == null || (until == null && localUntil == null), "UNTIL",
        until != null ? until : localUntil, "must not be given together with COUNT (RFC 5545)");
    InvalidValueException.check(until == null || localUntil == null, "UNTIL", localUntil,
        "is either a UTC instant or a local date-time, not both");
    byDay = List.copyOf(byDay == null ? List.of() : byDay);
    byMonthDay = List.copyOf(byMonthDay == null ? List.of() : byMonthDay);
    byMonth = List.copyOf(byMonth == null ? List.of() : byMonth);
    bySetPos = List.copyOf(bySetPos == null ? List.of() : bySetPos);
    weekStart = weekStart == null ? DayOfWeek.MONDAY : weekStart;
    for (int d : byMonthDay) {
      InvalidValueException.check(d != 0 && d >= -31 && d <= 31, "BYMONTHDAY", d,
          "must be 1..31 or -31..-1");
    }
    for (int m : byMonth) {
      InvalidValueException.check(m >= 1 && m <= 12, "BYMONTH", m, "must be 1..12");
    }
    for (int p : bySetPos) {
      InvalidValueException.check(p != 0 && p >= -366 && p <= 366, "BYSETPOS", p,
          "must be 1..366 or -366..-1");
    }
    InvalidValueException.check(byMonthDay.isEmpty() || frequency != Frequency.WEEKLY,
        "BYMONTHDAY", byMonthDay, "must not be used with FREQ=WEEKLY (RFC 5545); use BYDAY, or"
        + " FREQ=MONTHLY");
    InvalidValueException.check(bySetPos.isEmpty() || !byDay.isEmpty() || !byMonthDay.isEmpty()
        || !byMonth.isEmpty(), "BYSETPOS", bySetPos, "must be used with another BYxxx part"
        + " (RFC 5545), such as BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
    boolean inMonth = frequency == Frequency.MONTHLY || !byMonth.isEmpty();
    for (WeekdayNum w : byDay) {
      InvalidValueException.check(w.ordinal() == 0 || frequency == Frequency.MONTHLY
          || frequency == Frequency.YEARLY, "BYDAY", w,
          "ordinals (such as 2TU) only make sense with FREQ=MONTHLY or YEARLY");
      InvalidValueException.check(!inMonth || Math.abs(w.ordinal()) <= MAX_IN_MONTH, "BYDAY", w,
          "counts weekdays within a month here, which has at most five of each: ordinals are"
          + " 1..5 or -5..-1");
    }
  }

  /**
   * A rule with a UTC {@code UNTIL} or none, as before floating UNTIL existed.
   *
   * @param frequency the period the rule repeats in
   * @param interval every how many periods, {@code >= 1}
   * @param count how many occurrences, or null
   * @param until the last instant an occurrence may start (inclusive, UTC), or null
   * @param byDay weekdays
   * @param byMonthDay days of the month
   * @param byMonth months
   * @param bySetPos positions within each period's set of candidates
   * @param weekStart the first day of the week
   * @throws InvalidValueException as the canonical constructor
   */
  public RecurrenceRule(Frequency frequency, int interval, Integer count, Instant until,
      List<WeekdayNum> byDay, List<Integer> byMonthDay, List<Integer> byMonth,
      List<Integer> bySetPos, DayOfWeek weekStart) {
    this(frequency, interval, count, until, byDay, byMonthDay, byMonth, bySetPos, weekStart, null);
  }

  /**
   * Reads a rule such as {@code FREQ=MONTHLY;BYDAY=-1FR;COUNT=12} (with or without a leading
   * {@code RRULE:}).
   *
   * @param text the rule
   * @return the rule
   * @throws InvalidValueException naming the part at fault and what is allowed
   */
  public static RecurrenceRule parse(String text) {
    InvalidValueException.requirePresent(text, "rrule");
    String body = text.strip();
    if (body.regionMatches(true, 0, "RRULE:", 0, 6)) {
      body = body.substring(6);
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : body.split(";")) {
      int eq = part.indexOf('=');
      InvalidValueException.check(eq > 0, "rrule", part, "parts look like NAME=VALUE, such as"
          + " FREQ=WEEKLY");
      String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
      InvalidValueException.check(parts.put(name, part.substring(eq + 1)) == null, name, part,
          "must appear once");
    }
    for (String name : parts.keySet()) {
      InvalidValueException.check(List.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY",
          "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST").contains(name), name, parts.get(name),
          "is not supported; supported are FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY,"
          + " BYMONTH, BYSETPOS, WKST");
    }
    String freq = parts.get("FREQ");
    InvalidValueException.check(freq != null, "FREQ", null, "is required");
    Frequency frequency;
    try {
      frequency = Frequency.valueOf(freq.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("FREQ", freq, "must be DAILY, WEEKLY, MONTHLY or YEARLY");
    }
    List<WeekdayNum> byDay = new ArrayList<>();
    if (parts.containsKey("BYDAY")) {
      for (String d : parts.get("BYDAY").split(",")) {
        String t = d.strip().toUpperCase(Locale.ROOT);
        InvalidValueException.check(t.length() >= 2, "BYDAY", d, "must be like MO, 2TU or -1FR");
        int ordinal = t.length() == 2 ? 0 : integer("BYDAY", t.substring(0, t.length() - 2));
        byDay.add(new WeekdayNum(ordinal, day(t.substring(t.length() - 2))));
      }
    }
    Instant until = null;
    LocalDateTime localUntil = null;
    if (parts.containsKey("UNTIL")) {
      String u = parts.get("UNTIL").strip().toUpperCase(Locale.ROOT);
      try {
        if (u.endsWith("Z")) {
          until = Instant.from(UTC.parse(u));
        } else if (u.length() == 8) {
          // A date: the whole of that day, in the recurrence's zone.
          localUntil = java.time.LocalDate.parse(u, DateTimeFormatter.BASIC_ISO_DATE)
              .atTime(23, 59, 59);
        } else {
          // Floating (no Z), as phone front ends send it: read in the recurrence's zone, as
          // python-dateutil does.
          localUntil = LocalDateTime.parse(u, FLOATING);
        }
      } catch (DateTimeParseException e) {
        throw new InvalidValueException("UNTIL", parts.get("UNTIL"), "must be a UTC date-time"
            + " such as 20261231T155959Z, a local one such as 20261231T235959 or a date such as"
            + " 20261231");
      }
    }
    return new RecurrenceRule(frequency, parts.containsKey("INTERVAL")
        ? integer("INTERVAL", parts.get("INTERVAL")) : 1,
        parts.containsKey("COUNT") ? integer("COUNT", parts.get("COUNT")) : null, until, byDay,
        integers("BYMONTHDAY", parts.get("BYMONTHDAY")), integers("BYMONTH", parts.get("BYMONTH")),
        integers("BYSETPOS", parts.get("BYSETPOS")),
        parts.containsKey("WKST") ? day(parts.get("WKST").toUpperCase(Locale.ROOT)) : null,
        localUntil);
  }

  private static int integer(String name, String text) {
    try {
      return Integer.parseInt(text.strip().replace("+", ""));
    } catch (NumberFormatException e) {
      throw new InvalidValueException(name, text, "must be a whole number");
    }
  }

  private static List<Integer> integers(String name, String list) {
    List<Integer> out = new ArrayList<>();
    if (list != null) {
      for (String s : list.split(",")) {
        out.add(integer(name, s));
      }
    }
    return out;
  }

  private static DayOfWeek day(String code) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (code(d).equals(code)) {
        return d;
      }
    }
    throw new InvalidValueException("BYDAY", code, "weekdays are MO, TU, WE, TH, FR, SA, SU");
  }

  static String code(DayOfWeek d) {
    return d.name().substring(0, 2);
  }

  /**
   * Returns this rule with another UNTIL (and no COUNT), as when a series is split.
   *
   * @param last the last instant an occurrence may start
   * @return the rule
   */
  public RecurrenceRule withUntil(Instant last) {
    return new RecurrenceRule(frequency, interval, null, last, byDay, byMonthDay, byMonth,
        bySetPos, weekStart, null);
  }

  /**
   * Returns this rule with another COUNT (and no UNTIL).
   *
   * @param n how many occurrences
   * @return the rule
   */
  public RecurrenceRule withCount(int n) {
    return new RecurrenceRule(frequency, interval, n, null, byDay, byMonthDay, byMonth, bySetPos,
        weekStart, null);
  }

  /**
   * Returns this rule with neither COUNT nor UNTIL.
   *
   * @return the rule, never ending by itself
   */
  public RecurrenceRule unbounded() {
    return new RecurrenceRule(frequency, interval, null, null, byDay, byMonthDay, byMonth,
        bySetPos, weekStart, null);
  }

  /**
   * Returns whether the rule has neither COUNT nor UNTIL.
   *
   * @return true if it never ends by itself
   */
  public boolean infinite() {
    return count == null && until == null && localUntil == null;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("FREQ=").append(frequency);
    if (interval != 1) {
      s.append(";INTERVAL=").append(interval);
    }
    if (count != null) {
      s.append(";COUNT=").append(count);
    }
    if (until != null) {
      s.append(";UNTIL=").append(UTC.format(until));
    }
    if (localUntil != null) {
      s.append(";UNTIL=").append(FLOATING.format(localUntil));
    }
    if (!byDay.isEmpty()) {
      s.append(";BYDAY=").append(String.join(",", byDay.stream().map(WeekdayNum::toString)
          .toList()));
    }
    append(s, "BYMONTHDAY", byMonthDay);
    append(s, "BYMONTH", byMonth);
    append(s, "BYSETPOS", bySetPos);
    if (weekStart != DayOfWeek.MONDAY) {
      s.append(";WKST=").append(code(weekStart));
    }
    return s.toString();
  }

  private static void append(StringBuilder s, String name, List<Integer> values) {
    if (!values.isEmpty()) {
      s.append(';').append(name).append('=').append(String.join(",", values.stream()
          .map(String::valueOf).toList()));
    }
  }
}
