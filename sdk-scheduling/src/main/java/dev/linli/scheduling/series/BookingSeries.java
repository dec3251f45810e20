package dev.linli.scheduling.series;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.series.SeriesDecision.Occurrence;
import dev.linli.scheduling.series.SeriesDecision.Outcome;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Books recurring series on a {@link BookingEngine}: every occurrence is checked against every rule
 * of the resource (not just the first few), in one atomic step per series, so a series never
 * double-books and ALL_OR_NOTHING never leaves part of a series behind. Public holidays can be
 * skipped and make-up workdays added; one occurrence is cancelled by adding an EXDATE; "this and
 * following" is changed by splitting the series. Thread-safe as far as the engine is.
 *
 * @since 0.1.0
 */
public final class BookingSeries {
  private final BookingEngine engine;
  private final HolidayCalendar calendar;

  private BookingSeries(BookingEngine engine, HolidayCalendar calendar) {
    this.engine = engine;
    this.calendar = calendar;
  }

  /**
   * Returns series booking on {@code engine}, with {@code calendar} for holidays.
   *
   * @param engine the booking engine
   * @param calendar China's holidays and make-up workdays
   * @return the series booker
   */
  public static BookingSeries on(BookingEngine engine, HolidayCalendar calendar) {
    return new BookingSeries(Objects.requireNonNull(engine, "engine"),
        Objects.requireNonNull(calendar, "calendar"));
  }

  /**
   * Books a series by its policy.
   *
   * @param series the series
   * @return every occurrence with its outcome
   * @throws InvalidValueException if the resource is unknown
   */
  public SeriesDecision book(SeriesRequest series) {
    ZoneId zone = zoneOf(series.resourceId());
    Recurrence recurrence = series.recurrence();
    InvalidValueException.check(recurrence.zone().equals(zone), "recurrence.zone",
        recurrence.zone(), "must be the resource's zone " + zone);
    TreeMap<ZonedDateTime, Outcome> planned = new TreeMap<>();
    for (ZonedDateTime z : recurrence.until(series.horizon())) {
      planned.put(z, series.skipHolidays() && calendar.isPublicHoliday(z.toLocalDate())
          ? Outcome.SKIPPED_HOLIDAY : Outcome.BOOKED);
    }
    if (series.followMakeUpWorkdays() && weekdaySeries(recurrence.rule()) && !planned.isEmpty()) {
      for (LocalDate d = planned.firstKey().toLocalDate(); !d.isAfter(planned.lastKey()
          .toLocalDate()); d = d.plusDays(1)) {
        if (calendar.isMakeUpWorkday(d)) {
          ZonedDateTime z = d.atTime(recurrence.start().toLocalTime()).atZone(zone);
          if (z.toInstant().isBefore(series.horizon())
              && !recurrence.exdates().contains(z.toLocalDateTime())) {
            planned.put(z, Outcome.BOOKED);
          }
        }
      }
    }
    List<ZonedDateTime> wanted = new ArrayList<>();
    planned.forEach((z, o) -> {
      if (o == Outcome.BOOKED) {
        wanted.add(z);
      }
    });
    List<Decision> decisions = engine.decideAll(requests(series, wanted),
        series.policy() == SeriesRequest.Policy.ALL_OR_NOTHING);
    boolean allAccepted = decisions.stream().allMatch(d -> d instanceof Decision.Accepted);
    List<Occurrence> out = new ArrayList<>();
    int i = 0;
    for (var e : planned.entrySet()) {
      if (e.getValue() == Outcome.SKIPPED_HOLIDAY) {
        out.add(new Occurrence(e.getKey(), Outcome.SKIPPED_HOLIDAY, null));
        continue;
      }
      Decision d = decisions.get(i++);
      Outcome o = d instanceof Decision.Rejected ? Outcome.REJECTED
          : (!allAccepted && series.policy() == SeriesRequest.Policy.ALL_OR_NOTHING)
              ? Outcome.NOT_BOOKED : Outcome.BOOKED;
      out.add(new Occurrence(e.getKey(), o, d));
    }
    if (series.policy() == SeriesRequest.Policy.KEEP_COUNT) {
      long missing = out.stream().filter(o -> o.outcome() == Outcome.REJECTED).count();
      int tries = 0;
      for (ZonedDateTime z : recurrence.beyondEnd((int) missing * 4 + 8, series.horizon())) {
        if (missing == 0 || tries++ > missing * 4 + 8) {
          break;
        }
        if (series.skipHolidays() && calendar.isPublicHoliday(z.toLocalDate())) {
          continue;
        }
        Decision d = engine.decide(request(series, z));
        if (d instanceof Decision.Accepted) {
          out.add(new Occurrence(z, Outcome.REPLACEMENT, d));
          missing--;
        }
      }
    }
    return new SeriesDecision(series.id(), series.policy() != SeriesRequest.Policy.ALL_OR_NOTHING
        || allAccepted, out);
  }

  /**
   * Cancels one occurrence: the booking is cancelled and the date becomes an EXDATE of the series.
   *
   * @param series the series
   * @param occurrence the occurrence's local start
   * @return the series with the EXDATE added
   */
  public SeriesRequest cancelOccurrence(SeriesRequest series, LocalDateTime occurrence) {
    engine.cancel(series.occurrenceId(occurrence));
    return series.with(series.recurrence().withExdate(occurrence));
  }

  /**
   * Changes "this and following": the occurrences from {@code from} on are cancelled, the series
   * ends before {@code from}, and {@code following} is booked in their place.
   *
   * @param series the series as booked
   * @param from the first occurrence to change (local)
   * @param following the new series for {@code from} on (its own id)
   * @return the old series, now ending before {@code from}, and the new series' decision
   */
  public Split splitAndBook(SeriesRequest series, LocalDateTime from, SeriesRequest following) {
    ZoneId zone = series.recurrence().zone();
    List<ZonedDateTime> all = series.recurrence().until(series.horizon());
    for (ZonedDateTime z : all) {
      if (!z.toLocalDateTime().isBefore(from)) {
        engine.cancel(series.occurrenceId(z.toLocalDateTime()));
      }
    }
    Recurrence r = series.recurrence();
    Recurrence head = new Recurrence(r.rule().withUntil(from.atZone(zone).toInstant()
        .minusSeconds(1)), r.start(), zone, r.rdates(), r.exdates());
    return new Split(series.with(head), book(following));
  }

  /**
   * The two halves of a split series.
   *
   * @param before the original series, ending before the split
   * @param after the decision on the new series from the split on
   */
  public record Split(SeriesRequest before, SeriesDecision after) {}

  private List<BookingRequest> requests(SeriesRequest s, List<ZonedDateTime> starts) {
    List<BookingRequest> out = new ArrayList<>(starts.size());
    for (ZonedDateTime z : starts) {
      out.add(request(s, z));
    }
    return out;
  }

  private static BookingRequest request(SeriesRequest s, ZonedDateTime z) {
    return new BookingRequest(s.occurrenceId(z.toLocalDateTime()), s.resourceId(), s.residentId(),
        s.householdId(), z.toInstant(), z.toInstant().plus(s.length()), s.seats(), s.groupId());
  }

  private ZoneId zoneOf(String resourceId) {
    return engine.resources().stream().filter(r -> r.id().equals(resourceId)).findFirst()
        .orElseThrow(() -> new InvalidValueException("resourceId", resourceId,
            "must be a resource of the engine")).zone();
  }

  /** A weekly or daily rule on working weekdays only: make-up workdays join it. */
  private static boolean weekdaySeries(RecurrenceRule rule) {
    return !rule.byDay().isEmpty() && rule.byDay().stream()
        .allMatch(w -> w.day().getValue() <= DayOfWeek.FRIDAY.getValue());
  }
}
