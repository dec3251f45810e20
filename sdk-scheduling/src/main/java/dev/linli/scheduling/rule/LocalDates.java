package dev.linli.scheduling.rule;

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
