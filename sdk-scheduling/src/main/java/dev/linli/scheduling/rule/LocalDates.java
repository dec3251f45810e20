package dev.linli.scheduling.rule;

import dev.linli.scheduling.internal.ZoneSpans;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local date of an instant and the first instant of a local date in a zone, as
 * {@code atZone(zone).toLocalDate()} and {@code atStartOfDay(zone).toInstant()} give them, without
 * zoned date-times: rules ask these for every start of a time picker's day. Where an offset change
 * is near (two days either side), the zoned date-times answer, so gaps and overlaps resolve as
 * java.time resolves them. Stateless and thread-safe.
 */
final class LocalDates {
  private static final long DAY = 86_400L;

  private LocalDates() {}

  /**
   * The seconds of {@code t}'s local date-time in {@code zone} since 1970-01-01T00:00 local:
   * exact, from the offset in force at {@code t}, as {@code atZone} reads it.
   */
  static long localSeconds(Instant t, ZoneId zone) {
    return t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds();
  }

  /** The local date of {@code t} in {@code zone}. */
  static LocalDate dateOf(Instant t, ZoneId zone) {
    return LocalDate.ofEpochDay(Math.floorDiv(localSeconds(t, zone), DAY));
  }

  /** The ISO day of the week of {@code t} in {@code zone}: 1 for Monday to 7 for Sunday. */
  static int dayOfWeek(Instant t, ZoneId zone) {
    // 1970-01-01 was a Thursday.
    return Math.floorMod(Math.floorDiv(localSeconds(t, zone), DAY) + 3, 7) + 1;
  }

  /** The minute of {@code t}'s local day in {@code zone}, 0 to 1439. */
  static int minuteOfDay(Instant t, ZoneId zone) {
    return (int) (Math.floorMod(localSeconds(t, zone), DAY) / 60);
  }

  /**
   * The engine's remembered offsets, when {@code context} is the engine's (rules judged by other
   * contexts read the zone's rules each time).
   */
  static ZoneSpans spans(RuleContext context) {
    return context instanceof ZoneSpans.Source s ? s.zoneSpans() : null;
  }

  /** As {@link #localSeconds(Instant, ZoneId)}, through {@code spans} if not null. */
  static long localSeconds(Instant t, ZoneId zone, ZoneSpans spans) {
    return spans == null ? localSeconds(t, zone) : spans.localSeconds(t, zone);
  }

  /** As {@link #dateOf(Instant, ZoneId)}, through {@code spans} if not null. */
  static LocalDate dateOf(Instant t, ZoneId zone, ZoneSpans spans) {
    return LocalDate.ofEpochDay(Math.floorDiv(localSeconds(t, zone, spans), DAY));
  }

  /** As {@link #dayOfWeek(Instant, ZoneId)}, through {@code spans} if not null. */
  static int dayOfWeek(Instant t, ZoneId zone, ZoneSpans spans) {
    return Math.floorMod(Math.floorDiv(localSeconds(t, zone, spans), DAY) + 3, 7) + 1;
  }

  /** As {@link #minuteOfDay(Instant, ZoneId)}, through {@code spans} if not null. */
  static int minuteOfDay(Instant t, ZoneId zone, ZoneSpans spans) {
    return (int) (Math.floorMod(localSeconds(t, zone, spans), DAY) / 60);
  }

  /**
   * As {@link #startOf(LocalDate, ZoneId)} of the date {@code epochDay}, through {@code spans} if
   * not null.
   */
  static Instant startOf(long epochDay, ZoneId zone, ZoneSpans spans) {
    return spans == null ? startOf(LocalDate.ofEpochDay(epochDay), zone)
        : spans.startOf(epochDay, zone);
  }

  /** The first instant of {@code day} in {@code zone}, as {@code day.atStartOfDay(zone)}. */
  static Instant startOf(LocalDate day, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long midnight = day.toEpochDay() * DAY;
    // Offsets lie within 18 hours of UTC, so the instant sought is inside this window; with no
    // change in it, the offset at any of its instants is the one.
    Instant near = Instant.ofEpochSecond(midnight - 2 * DAY);
    ZoneOffsetTransition next = rules.isFixedOffset() ? null : rules.nextTransition(near);
    if (next == null || next.getInstant().getEpochSecond() > midnight + 2 * DAY) {
      return Instant.ofEpochSecond(midnight - rules.getOffset(near).getTotalSeconds());
    }
    return day.atStartOfDay(zone).toInstant();
  }
}
