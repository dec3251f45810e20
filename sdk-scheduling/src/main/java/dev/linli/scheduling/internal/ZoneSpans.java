package dev.linli.scheduling.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A zone's UTC offset read without searching its transitions each time: the span of instants
 * around the last instant asked about in which the offset does not change, remembered, so that
 * the next question about a nearby instant is two comparisons. {@code ZoneRules.getOffset} binary
 * searches a zone's historic transitions on every call for zones with no rules after them (such
 * as Asia/Shanghai), and a decision asks for an offset about ten times. The answers are exactly
 * {@code zone.getRules().getOffset(t)} and {@code day.atStartOfDay(zone)}.
 *
 * <p>One instance belongs to one engine (never static); it remembers one span, the last one
 * computed, as an immutable object, so it is thread-safe: a thread that reads an older span still
 * reads a correct one, and threads asking about other zones only cost each other a recomputation.
 */
public final class ZoneSpans {
  private static final long DAY = 86_400L;

  /** Where a context keeps its engine's spans: rules ask it through their {@code RuleContext}. */
  public interface Source {
    /**
     * Returns the spans of the engine deciding.
     *
     * @return the spans
     */
    ZoneSpans zoneSpans();
  }

  /** The offset {@code offset} holds for every instant in {@code [from, to)} (epoch seconds). */
  private record Span(ZoneRules rules, long from, long to, int offset) {}

  private volatile Span last;
  /** Spans computed, for tests that the remembered one answers (racy: a count, not a guard). */
  private int computed;

  /**
   * Returns the offset in force at {@code t} in {@code zone}, in seconds, as
   * {@code zone.getRules().getOffset(t).getTotalSeconds()}.
   *
   * @param t the instant
   * @param zone the zone
   * @return the offset's total seconds
   */
  public int offsetSeconds(Instant t, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long s = t.getEpochSecond();
    Span span = last;
    if (span != null && span.rules == rules && s >= span.from && s < span.to) {
      return span.offset;
    }
    return spanOf(rules, t).offset;
  }

  /**
   * Returns the seconds of {@code t}'s local date-time in {@code zone} since 1970-01-01T00:00
   * local, from the offset in force at {@code t}, as {@code atZone} reads it.
   *
   * @param t the instant
   * @param zone the zone
   * @return the local seconds
   */
  public long localSeconds(Instant t, ZoneId zone) {
    return t.getEpochSecond() + offsetSeconds(t, zone);
  }

  /**
   * Returns the first instant of {@code day} in {@code zone}, as
   * {@code day.atStartOfDay(zone).toInstant()}: from the span when no offset change lies within
   * two days of the local midnight, from java.time otherwise (gaps and overlaps resolve as it
   * resolves them).
   *
   * @param day the local date
   * @param zone the zone
   * @return the first instant of the day
   */
  public Instant startOf(LocalDate day, ZoneId zone) {
    return startOf(day.toEpochDay(), zone);
  }

  /**
   * Returns the first instant of the date {@code epochDay} days after 1970-01-01 in {@code zone},
   * as {@link #startOf(LocalDate, ZoneId)} does.
   *
   * @param epochDay the local date, as days since 1970-01-01
   * @param zone the zone
   * @return the first instant of the day
   */
  public Instant startOf(long epochDay, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long midnight = epochDay * DAY;
    // Offsets lie within 18 hours of UTC: with one offset for two days either side of the local
    // midnight read as UTC, that offset places the midnight, and no other instant has its time.
    Span span = last;
    if (span == null || span.rules != rules || midnight - 2 * DAY < span.from
        || midnight + 2 * DAY >= span.to) {
      span = spanOf(rules, Instant.ofEpochSecond(midnight));
      if (midnight - 2 * DAY < span.from || midnight + 2 * DAY >= span.to) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant();
      }
    }
    return Instant.ofEpochSecond(midnight - span.offset);
  }

  /**
   * Says whether no offset change of {@code zone} lies in {@code (from, to]}, as
   * {@code nextTransition(from)} being null or after {@code to} says it.
   *
   * @param from the first instant, excluded
   * @param to the last instant, included; not before {@code from}
   * @param zone the zone
   * @return true if one offset holds from just after {@code from} to {@code to}
   */
  public boolean steady(Instant from, Instant to, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long s = from.getEpochSecond();
    Span span = last;
    if (span == null || span.rules != rules || s < span.from || s >= span.to) {
      span = spanOf(rules, from);
    }
    // Transitions fall on whole seconds: one at or before to's second is in (from, to].
    return to.getEpochSecond() < span.to;
  }

  /** The span of {@code t}, computed and remembered. */
  private Span spanOf(ZoneRules rules, Instant t) {
    ZoneOffset offset = rules.getOffset(t);
    long s = t.getEpochSecond();
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    if (!rules.isFixedOffset()) {
      ZoneOffsetTransition previous = rules.previousTransition(t);
      if (previous != null) {
        // A previous transition into another offset means t sits on a change itself: start at t.
        from = previous.getOffsetAfter().equals(offset) ? previous.getInstant().getEpochSecond()
            : s;
      }
      ZoneOffsetTransition next = rules.nextTransition(t);
      if (next != null) {
        to = next.getInstant().getEpochSecond();
      }
    }
    Span span = new Span(rules, from, to, offset.getTotalSeconds());
    last = span;
    computed++;
    return span;
  }

  /** How many spans this instance has computed. */
  int computed() {
    return computed;
  }
}
