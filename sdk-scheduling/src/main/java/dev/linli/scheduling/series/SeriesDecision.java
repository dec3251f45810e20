package dev.linli.scheduling.series;

import dev.linli.scheduling.booking.Decision;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The result of booking a series: every occurrence with what happened to it. Immutable and
 * thread-safe.
 *
 * @param seriesId the series
 * @param accepted false only when ALL_OR_NOTHING refused the whole series
 * @param occurrences every occurrence considered, in time order
 * @since 0.1.0
 */
public record SeriesDecision(String seriesId, boolean accepted, List<Occurrence> occurrences) {
  /** Copies the list. */
  public SeriesDecision {
    occurrences = List.copyOf(occurrences);
  }

  /** What happened to one occurrence. */
  public enum Outcome {
    /** Booked. */
    BOOKED,
    /** Booked as a replacement after the end, to keep COUNT. */
    REPLACEMENT,
    /** Refused; see the decision's reasons. */
    REJECTED,
    /** Would have been accepted, but the series was refused as a whole. */
    NOT_BOOKED,
    /** Left out: a public holiday. */
    SKIPPED_HOLIDAY
  }

  /**
   * One occurrence.
   *
   * @param start when it starts, in the resource's zone
   * @param outcome what happened
   * @param decision the engine's decision, or null for a skipped holiday
   */
  public record Occurrence(ZonedDateTime start, Outcome outcome, Decision decision) {}

  /**
   * Returns how many occurrences hold a booking.
   *
   * @return booked plus replacements
   */
  public long booked() {
    return occurrences.stream().filter(o -> o.outcome() == Outcome.BOOKED
        || o.outcome() == Outcome.REPLACEMENT).count();
  }
}
