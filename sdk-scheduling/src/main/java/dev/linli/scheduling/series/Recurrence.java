package dev.linli.scheduling.series;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.series.RecurrenceRule.WeekdayNum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recurrence set as RFC 5545 defines it: the occurrences of an {@link RecurrenceRule} from a
 * local {@code DTSTART} in a zone, plus {@code RDATE}s, minus {@code EXDATE}s.
 *
 * <p>Following the RFC, candidates with an invalid date (February 30) or a local time that does not
 * exist in the zone (inside a daylight-saving gap) are ignored and not counted towards
 * {@code COUNT}; an ambiguous local time (the repeated hour) takes the earlier offset. {@code COUNT}
 * counts the rule's occurrences before {@code EXDATE}s are removed; {@code UNTIL} is inclusive, and
 * a floating (local) {@code UNTIL} is read in {@code zone} (the later offset if it is ambiguous).
 * An infinite rule stops at the horizon, and every expansion stops there. {@code DTSTART} is an
 * occurrence only when the rule produces it (a rule should be synchronised with its start, as the
 * RFC asks). Immutable and thread-safe.
 *
 * @param rule the rule
 * @param start the first local date-time (DTSTART); its time of day is every occurrence's
 * @param zone the zone the local times are in
 * @param rdates extra local date-times
 * @param exdates local date-times removed from the set
 * @since 0.1.0
 */
public record Recurrence(RecurrenceRule rule, LocalDateTime start, ZoneId zone,
    Set<LocalDateTime> rdates, Set<LocalDateTime> exdates) {
  /** Days in the Gregorian calendar's 400-year cycle, after which dates and weekdays repeat. */
  private static final long CYCLE_DAYS = 146_097;

  /**
   * Copies the sets and checks that the rule can start.
   *
   * @throws InvalidValueException if the rule's UNTIL is before DTSTART (it would have no
   *     occurrence)
   */
  public Recurrence {
    Objects.requireNonNull(rule, "rule");
    InvalidValueException.requirePresent(start, "start");
    InvalidValueException.requirePresent(zone, "zone");
    rdates = Set.copyOf(rdates == null ? Set.of() : rdates);
    exdates = Set.copyOf(exdates == null ? Set.of() : exdates);
    Instant last = untilInstant(rule, zone);
    InvalidValueException.check(last == null || !last.isBefore(start.atZone(zone).toInstant()),
        "UNTIL", rule.until() != null ? rule.until() : rule.localUntil(), "must not be before"
        + " DTSTART " + start + " (" + zone.getId() + "), or the rule has no occurrence");
  }

  /**
   * Returns the rule's UNTIL as an instant: the UTC one, or the floating one read in the zone.
   *
   * @return the last instant an occurrence may start, or null if the rule has no UNTIL
   */
  public Instant untilInstant() {
    return untilInstant(rule, zone);
  }

  private static Instant untilInstant(RecurrenceRule rule, ZoneId zone) {
    if (rule.until() != null) {
      return rule.until();
    }
    if (rule.localUntil() == null) {
      return null;
    }
    // Inclusive: of the two instants of an ambiguous local time, the later one.
    return ZonedDateTime.ofLocal(rule.localUntil(), zone, null).withLaterOffsetAtOverlap()
        .toInstant();
  }

  /**
   * Returns the recurrence of {@code rule} from {@code start} with no RDATE or EXDATE.
   *
   * @param rule the rule
   * @param start DTSTART
   * @param zone the zone
   * @return the recurrence
   */
  public static Recurrence of(RecurrenceRule rule, LocalDateTime start, ZoneId zone) {
    return new Recurrence(rule, start, zone, Set.of(), Set.of());
  }

  /**
   * Returns this recurrence with one more EXDATE.
   *
   * @param occurrence the local date-time to remove
   * @return the recurrence
   */
  public Recurrence withExdate(LocalDateTime occurrence) {
    Set<LocalDateTime> ex = new TreeSet<>(exdates);
    ex.add(occurrence);
    return new Recurrence(rule, start, zone, rdates, ex);
  }

  /**
   * Returns the occurrences that start before {@code horizon}, in order.
   *
   * @param horizon the first instant not expanded
   * @return the occurrences in the zone
   */
  public List<ZonedDateTime> until(Instant horizon) {
    Objects.requireNonNull(horizon, "horizon");
    TreeSet<ZonedDateTime> out = new TreeSet<>();
    for (ZonedDateTime z : ruleOccurrences(horizon, Integer.MAX_VALUE)) {
      if (!exdates.contains(z.toLocalDateTime())) {
        out.add(z);
      }
    }
    for (LocalDateTime r : rdates) {
      ZonedDateTime z = valid(r);
      if (z != null && z.toInstant().isBefore(horizon) && !exdates.contains(r)) {
        out.add(z);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the occurrences the rule would produce after its COUNT or UNTIL, up to {@code extra} of
   * them before {@code horizon}: the candidates for replacing skipped occurrences while keeping a
   * series' length.
   *
   * @param extra how many at most
   * @param horizon the first instant not expanded
   * @return the further occurrences, in order, EXDATEs excluded
   */
  public List<ZonedDateTime> beyondEnd(int extra, Instant horizon) {
    RecurrenceRule open = rule.unbounded();
    List<ZonedDateTime> bounded = ruleOccurrences(horizon, Integer.MAX_VALUE);
    ZonedDateTime last = bounded.isEmpty() ? null : bounded.get(bounded.size() - 1);
    List<ZonedDateTime> out = new ArrayList<>();
    for (ZonedDateTime z : new Recurrence(open, start, zone, Set.of(), exdates)
        .ruleOccurrences(horizon, Integer.MAX_VALUE)) {
      if ((last == null || z.isAfter(last)) && !exdates.contains(z.toLocalDateTime())) {
        out.add(z);
        if (out.size() == extra) {
          break;
        }
      }
    }
    return out;
  }

  /** The rule's own occurrences (no RDATE/EXDATE), honouring COUNT and UNTIL. */
  private List<ZonedDateTime> ruleOccurrences(Instant horizon, int cap) {
    List<ZonedDateTime> out = new ArrayList<>();
    LocalTime time = start.toLocalTime();
    Instant until = untilInstant();
    long barrenLimit = barrenLimit();
    int counted = 0;
    long barren = 0;
    for (long k = 0; ; k++) {
      LocalDate periodStart;
      try {
        periodStart = periodStart(k);
      } catch (java.time.DateTimeException pastTheLastYear) {
        return out;
      }
      if (!periodStart.atStartOfDay(zone).toInstant().isBefore(horizon)) {
        return out;
      }
      List<LocalDate> candidates = setPos(candidates(periodStart));
      barren = candidates.isEmpty() ? barren + 1 : 0;
      if (barren > barrenLimit) {
        return out; // a whole 400-year cycle without a candidate: there will never be one
      }
      for (LocalDate d : candidates) {
        LocalDateTime ldt = d.atTime(time);
        if (ldt.isBefore(start)) {
          continue;
        }
        ZonedDateTime z = valid(ldt);
        if (z == null) {
          continue; // RFC 5545: a non-existent local time is ignored and not counted
        }
        if (until != null && z.toInstant().isAfter(until)) {
          return out;
        }
        if (!z.toInstant().isBefore(horizon)) {
          return out;
        }
        out.add(z);
        counted++;
        if ((rule.count() != null && counted >= rule.count()) || out.size() >= cap) {
          return out;
        }
      }
    }
  }

  /**
   * How many periods in a row may have no candidate before the rule is known to be exhausted: the
   * periods in INTERVAL × 400 years, after which the grid of periods and the calendar repeat.
   */
  private long barrenLimit() {
    return switch (rule.frequency()) {
      case DAILY -> CYCLE_DAYS;
      case WEEKLY -> CYCLE_DAYS / 7;
      case MONTHLY -> 400 * 12;
      case YEARLY -> 400;
    };
  }

  /** The zoned date-time of a local one, or null if the zone skips that local time. */
  private ZonedDateTime valid(LocalDateTime ldt) {
    if (zone.getRules().getValidOffsets(ldt).isEmpty()) {
      return null;
    }
    return ZonedDateTime.ofLocal(ldt, zone, null);
  }

  private LocalDate periodStart(long k) {
    LocalDate d = start.toLocalDate();
    long step = k * rule.interval();
    return switch (rule.frequency()) {
      case DAILY -> d.plusDays(step);
      case WEEKLY -> d.with(TemporalAdjusters.previousOrSame(rule.weekStart())).plusWeeks(step);
      case MONTHLY -> d.withDayOfMonth(1).plusMonths(step);
      case YEARLY -> d.withDayOfYear(1).plusYears(step);
    };
  }

  private List<LocalDate> candidates(LocalDate p) {
    TreeSet<LocalDate> out = new TreeSet<>();
    switch (rule.frequency()) {
      case DAILY -> {
        if (matchesFilters(p, true)) {
          out.add(p);
        }
      }
      case WEEKLY -> {
        for (int i = 0; i < 7; i++) {
          LocalDate d = p.plusDays(i);
          boolean day = rule.byDay().isEmpty() ? d.getDayOfWeek() == start.getDayOfWeek()
              : rule.byDay().stream().anyMatch(w -> w.day() == d.getDayOfWeek());
          if (day && (rule.byMonth().isEmpty() || rule.byMonth().contains(d.getMonthValue()))) {
            out.add(d);
          }
        }
      }
      case MONTHLY -> {
        if (rule.byMonth().isEmpty() || rule.byMonth().contains(p.getMonthValue())) {
          out.addAll(inMonth(YearMonth.from(p)));
        }
      }
      case YEARLY -> out.addAll(inYear(p.getYear()));
    }
    return new ArrayList<>(out);
  }

  /** DAILY filters: BYMONTH, BYMONTHDAY, BYDAY (weekday only). */
  private boolean matchesFilters(LocalDate d, boolean weekday) {
    return (rule.byMonth().isEmpty() || rule.byMonth().contains(d.getMonthValue()))
        && (rule.byMonthDay().isEmpty() || rule.byMonthDay().stream()
            .anyMatch(md -> resolve(YearMonth.from(d), md) == d.getDayOfMonth()))
        && (!weekday || rule.byDay().isEmpty() || rule.byDay().stream()
            .anyMatch(w -> w.day() == d.getDayOfWeek()));
  }

  /** Candidates in one month: BYMONTHDAY and/or BYDAY (with ordinals in the month). */
  private List<LocalDate> inMonth(YearMonth m) {
    List<LocalDate> byMonthDay = new ArrayList<>();
    for (int md : rule.byMonthDay()) {
      int day = resolve(m, md);
      if (day > 0) {
        byMonthDay.add(m.atDay(day));
      }
    }
    List<LocalDate> byDay = new ArrayList<>();
    for (WeekdayNum w : rule.byDay()) {
      byDay.addAll(weekdays(m.atDay(1), m.atEndOfMonth(), w));
    }
    if (!rule.byMonthDay().isEmpty() && !rule.byDay().isEmpty()) {
      byMonthDay.retainAll(byDay);
      return byMonthDay;
    }
    if (!rule.byMonthDay().isEmpty()) {
      return byMonthDay;
    }
    if (!rule.byDay().isEmpty()) {
      return byDay;
    }
    int day = start.getDayOfMonth();
    return day <= m.lengthOfMonth() ? List.of(m.atDay(day)) : List.of(); // Feb 30 is skipped
  }

  private List<LocalDate> inYear(int year) {
    List<LocalDate> out = new ArrayList<>();
    if (!rule.byMonth().isEmpty()) {
      for (int month : rule.byMonth()) {
        out.addAll(inMonth(YearMonth.of(year, month)));
      }
      return out;
    }
    if (!rule.byDay().isEmpty()) {
      for (WeekdayNum w : rule.byDay()) {
        out.addAll(weekdays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), w));
      }
      if (!rule.byMonthDay().isEmpty()) {
        out.removeIf(d -> rule.byMonthDay().stream()
            .noneMatch(md -> resolve(YearMonth.from(d), md) == d.getDayOfMonth()));
      }
      return out;
    }
    if (!rule.byMonthDay().isEmpty()) {
      // BYMONTHDAY alone expands over every month of the year (RFC 5545's table; dateutil agrees).
      for (int month = 1; month <= 12; month++) {
        out.addAll(inMonth(YearMonth.of(year, month)));
      }
      return out;
    }
    YearMonth m = YearMonth.of(year, start.getMonthValue());
    int day = start.getDayOfMonth();
    return day <= m.lengthOfMonth() ? List.of(m.atDay(day)) : List.of(); // Feb 29 in leap years
  }

  /** The day of month {@code md} means in {@code m} (negative from the end), or 0 if none. */
  private static int resolve(YearMonth m, int md) {
    int day = md > 0 ? md : m.lengthOfMonth() + md + 1;
    return day >= 1 && day <= m.lengthOfMonth() ? day : 0;
  }

  /** The dates of weekday {@code w} in {@code [from, to]}: all, or the n-th / n-th from the end. */
  private static List<LocalDate> weekdays(LocalDate from, LocalDate to, WeekdayNum w) {
    List<LocalDate> all = new ArrayList<>();
    for (LocalDate d = from.with(TemporalAdjusters.nextOrSame(w.day())); !d.isAfter(to);
        d = d.plusWeeks(1)) {
      all.add(d);
    }
    if (w.ordinal() == 0) {
      return all;
    }
    int i = w.ordinal() > 0 ? w.ordinal() - 1 : all.size() + w.ordinal();
    return i >= 0 && i < all.size() ? List.of(all.get(i)) : List.of();
  }

  private List<LocalDate> setPos(List<LocalDate> sorted) {
    if (rule.bySetPos().isEmpty()) {
      return sorted;
    }
    TreeSet<LocalDate> out = new TreeSet<>();
    for (int p : rule.bySetPos()) {
      int i = p > 0 ? p - 1 : sorted.size() + p;
      if (i >= 0 && i < sorted.size()) {
        out.add(sorted.get(i));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Returns the local date-times of {@code occurrences}, for printing or EXDATEs.
   *
   * @param occurrences zoned occurrences
   * @return their local date-times
   */
  public static List<LocalDateTime> local(Collection<ZonedDateTime> occurrences) {
    return occurrences.stream().map(ZonedDateTime::toLocalDateTime).toList();
  }
}
