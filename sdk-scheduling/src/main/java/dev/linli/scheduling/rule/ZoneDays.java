package dev.linli.scheduling.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local dates and the instants local days start at, as {@link java.time.ZonedDateTime} gives them,
 * from the zone's offset alone wherever no offset change lies within a day of the answer (every
 * day of a zone without daylight saving, most days of one with it); otherwise through java.time.
 * A quota asks this for each request and the bounds of its period, so the zoned date-times it
 * skips were most of a quota's cost. Stateless and thread-safe.
 */
final class ZoneDays {
  private static final long DAY = 86_400L;
  /** The widest offset java.time allows, either side of UTC. */
  private static final long MAX_OFFSET = 18L * 3600;

  private ZoneDays() {}

  /** The local date of {@code t} in {@code zone}: {@code t.atZone(zone).toLocalDate()}. */
  static long epochDay(Instant t, ZoneId zone) {
    return Math.floorDiv(localSecond(t, zone), DAY);
  }

  /** Seconds since the epoch on the local clock face of {@code zone} at {@code t}. */
  static long localSecond(Instant t, ZoneId zone) {
    // The offset at an instant is unambiguous: no gap or overlap to resolve.
    return t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds();
  }

  /** The first instant of {@code day} in {@code zone}: {@code day.atStartOfDay(zone).toInstant()}. */
  static Instant startOfDay(LocalDate day, ZoneId zone) {
    return startOfDay(day.toEpochDay(), zone);
  }

  /** The first instant of the local day {@code epochDay} (days since 1970-01-01) in {@code zone}. */
  static Instant startOfDay(long epochDay, ZoneId zone) {
    long midnight = epochDay * DAY;
    ZoneRules rules = zone.getRules();
    // Local midnight lies within 18 hours of the same clock reading in UTC. If the offset holds
    // from a day before that to well after it, midnight is one instant with that offset: no gap
    // moves it, no overlap doubles it.
    Instant before = Instant.ofEpochSecond(midnight - DAY - MAX_OFFSET);
    ZoneOffsetTransition next = rules.nextTransition(before);
    if (next == null || next.toEpochSecond() > midnight + DAY + MAX_OFFSET) {
      return Instant.ofEpochSecond(midnight - rules.getOffset(before).getTotalSeconds());
    }
    return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant();
  }
}
