package dev.linli.scheduling.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.series.BookingSeries;
import dev.linli.scheduling.series.Recurrence;
import dev.linli.scheduling.series.RecurrenceRule;
import dev.linli.scheduling.series.SeriesDecision;
import dev.linli.scheduling.series.SeriesDecision.Outcome;
import dev.linli.scheduling.series.SeriesRequest;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The exported calendar, read back by an independent parser (ical4j) and expanded, holds exactly
 * the booked time: every single booking and series occurrence that holds time, and nothing else
 * (no skipped holiday, refused conflict or cancelled occurrence; every make-up day and replacement;
 * no open-ended repetition past what was booked; a separate booking whose id starts with the
 * series id kept as an event of its own). Random series over random blocking bookings, in a zone without daylight saving
 * and one with it.
 */
class ICalendarRoundTripProperties {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern(
      "uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern(
      "uuuuMMdd'T'HHmmss", Locale.ROOT);
  private static final int TRIES = 250;
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger HOLIDAY = new AtomicInteger();
  private static final AtomicInteger CONFLICT = new AtomicInteger();
  private static final AtomicInteger CANCELLED = new AtomicInteger();
  private static final AtomicInteger ADDED = new AtomicInteger();
  private static final AtomicInteger OPEN_ENDED = new AtomicInteger();
  private static final AtomicInteger LOOK_ALIKE = new AtomicInteger();
  private static final AtomicInteger BERLIN = new AtomicInteger();

  static {
    // Never reach out for time zone updates while testing.
    System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @net.jqwik.api.Property(tries = TRIES)
  void theExport_expandsBackToExactlyTheBookedTime(@ForAll("seeds") long seed) throws Exception {
    Random r = new Random(seed);
    MutableClock clock = MutableClock.at("2025-12-01T00:00:00Z");
    Resource stage = Resource.exclusive("stage", Name.of("舞台", "Stage"));
    Resource hall = new Resource("hall", Name.of("柏林厅", "Berlin hall"), 1,
        ZoneId.of("Europe/Berlin"), Duration.ofMinutes(30), Duration.ZERO, Duration.ZERO,
        List.of());
    Resource room = r.nextBoolean() ? stage : hall;
    ZoneId zone = room.zone();
    BookingEngine engine = BookingEngine.builder(clock).resources(List.of(stage, hall)).build();
    BookingSeries booker = BookingSeries.on(engine, HolidayCalendar.bundled());

    LocalDateTime start = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(330))
        .atTime(r.nextBoolean() ? 19 : 9, r.nextBoolean() ? 0 : 30);
    String rrule = rule(r, start, zone);
    RecurrenceRule rule = RecurrenceRule.parse(rrule);
    SeriesRequest.Policy policy = rule.count() != null && r.nextInt(3) == 0
        ? SeriesRequest.Policy.KEEP_COUNT
        : r.nextInt(4) == 0 ? SeriesRequest.Policy.ALL_OR_NOTHING
        : SeriesRequest.Policy.SKIP_CONFLICTS;
    Instant horizon = start.atZone(zone).toInstant().plus(Duration.ofDays(20 + r.nextInt(400)));
    SeriesRequest series = new SeriesRequest("dance", room.id(), "r-wang", "h-118", "dance-team",
        1, Recurrence.of(rule, start, zone), Duration.ofHours(2), policy, r.nextBoolean(),
        r.nextBoolean(), horizon);

    // Blocking bookings on some of the series' dates, and look-alikes of its occurrence ids.
    List<ZonedDateTime> planned = series.recurrence().until(horizon);
    for (int i = 0; i < r.nextInt(4) && !planned.isEmpty(); i++) {
      ZonedDateTime at = planned.get(r.nextInt(planned.size()));
      engine.decide(new BookingRequest("blk-" + i, room.id(), "r-li", "h-302",
          at.toInstant().plus(Duration.ofMinutes(30)), at.toInstant().plus(Duration.ofHours(1)),
          1));
    }
    if (r.nextBoolean()) {
      Instant at = start.atZone(zone).toInstant().minus(Duration.ofDays(1 + r.nextInt(5)));
      String lookAlike = r.nextBoolean() ? "dance-practice"
          : series.occurrenceId(start.plusDays(400)); // a date the series never has
      engine.decide(new BookingRequest(lookAlike, room.id(), "r-li", "h-302", at,
          at.plus(series.length()), 1)); // as long as an occurrence, so only its id tells
      LOOK_ALIKE.incrementAndGet();
    }

    SeriesDecision decision = booker.book(series);
    List<SeriesDecision.Occurrence> booked = decision.occurrences().stream()
        .filter(o -> o.outcome() == Outcome.BOOKED || o.outcome() == Outcome.REPLACEMENT)
        .toList();
    for (SeriesDecision.Occurrence o : booked) {
      if (r.nextInt(6) == 0) {
        if (r.nextBoolean()) {
          series = booker.cancelOccurrence(series, o.start().toLocalDateTime());
        } else {
          engine.cancel(series.occurrenceId(o.start().toLocalDateTime())); // series not told
        }
        CANCELLED.incrementAndGet();
      }
    }

    List<Booking> all = new ArrayList<>(engine.bookings("stage"));
    all.addAll(engine.bookings("hall"));
    Map<String, Resource> resources = new LinkedHashMap<>();
    resources.put("stage", stage);
    resources.put("hall", hall);
    String ics = ICalendar.write(all, List.of(series), resources, clock.instant());

    java.util.Set<String> ofTheSeries = new java.util.HashSet<>();
    for (SeriesDecision.Occurrence o : booked) {
      ofTheSeries.add(series.occurrenceId(o.start().toLocalDateTime()));
    }
    TreeSet<String> expected = new TreeSet<>();
    for (Booking b : all) {
      if (b.status().holdsTime()) {
        expected.add((ofTheSeries.contains(b.id()) ? "dance" : b.id()) + "@linli.dev "
            + b.request().resourceId() + " " + b.request().start() + " " + b.request().end());
      }
    }
    TreeSet<String> actual = expand(ics);
    assertEquals(expected, actual, () -> rrule + " from " + start + " in " + zone + "\n" + ics);

    CASES.incrementAndGet();
    count(decision, rule, horizon, series);
    if (zone.equals(hall.zone())) {
      BERLIN.incrementAndGet();
    }
  }

  private static void count(SeriesDecision d, RecurrenceRule rule, Instant horizon,
      SeriesRequest s) {
    if (d.occurrences().stream().anyMatch(o -> o.outcome() == Outcome.SKIPPED_HOLIDAY)) {
      HOLIDAY.incrementAndGet();
    }
    if (d.occurrences().stream().anyMatch(o -> o.outcome() == Outcome.REJECTED)
        && d.booked() > 0) {
      CONFLICT.incrementAndGet();
    }
    List<LocalDateTime> ruleDates = Recurrence.local(Recurrence.of(rule, s.recurrence().start(),
        s.recurrence().zone()).until(horizon));
    if (d.occurrences().stream().anyMatch(o -> (o.outcome() == Outcome.BOOKED
        || o.outcome() == Outcome.REPLACEMENT) && !ruleDates.contains(o.start()
        .toLocalDateTime()))) {
      ADDED.incrementAndGet();
    }
    if (rule.infinite() && d.booked() > 0) {
      OPEN_ENDED.incrementAndGet();
    }
  }

  private static String rule(Random r, LocalDateTime start, ZoneId zone) {
    String[] shapes = {"FREQ=WEEKLY;BYDAY=" + weekdays(r, start), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=DAILY", "FREQ=DAILY;INTERVAL=" + (2 + r.nextInt(3)), "FREQ=MONTHLY;BYMONTHDAY="
        + start.getDayOfMonth(), "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=WEEKLY;INTERVAL=2"};
    String shape = shapes[r.nextInt(shapes.length)];
    return switch (r.nextInt(4)) {
      case 0 -> shape.replaceFirst("^(FREQ=\\w+(;INTERVAL=\\d+)?)", "$1;COUNT="
          + (1 + r.nextInt(40)));
      case 1 -> shape.replaceFirst("^(FREQ=\\w+(;INTERVAL=\\d+)?)", "$1;UNTIL=" + UTC.format(
          start.atZone(zone).toInstant().plus(Duration.ofDays(r.nextInt(300)))));
      case 2 -> shape.replaceFirst("^(FREQ=\\w+(;INTERVAL=\\d+)?)", "$1;UNTIL=" + FLOATING.format(
          start.plusDays(r.nextInt(300)).plusHours(r.nextInt(24))));
      default -> shape;
    };
  }

  private static String weekdays(Random r, LocalDateTime start) {
    TreeSet<DayOfWeek> days = new TreeSet<>();
    days.add(start.getDayOfWeek());
    while (r.nextBoolean()) {
      days.add(DayOfWeek.of(1 + r.nextInt(7)));
    }
    return String.join(",", days.stream().map(d -> d.name().substring(0, 2)).toList());
  }

  /** Every occurrence of every VEVENT that is not cancelled, as "uid resource start end" (UTC). */
  private static TreeSet<String> expand(String ics) throws Exception {
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    TreeSet<String> out = new TreeSet<>();
    Period<ZonedDateTime> all = new Period<>(ZonedDateTime.parse("2020-01-01T00:00Z"),
        ZonedDateTime.parse("2040-01-01T00:00Z"));
    for (Component c : calendar.getComponents(Component.VEVENT)) {
      VEvent event = (VEvent) c;
      if (event.getProperty(Property.STATUS).map(p -> p.getValue().equals("CANCELLED"))
          .orElse(false)) {
        continue;
      }
      String location = event.getProperty(Property.LOCATION).orElseThrow().getValue();
      String uid = event.getProperty(Property.UID).orElseThrow().getValue();
      for (Period<Temporal> p : event.<Temporal>calculateRecurrenceSet(all)) {
        String item = uid + " " + location + " " + Instant.from(p.getStart()) + " "
            + Instant.from(p.getEnd());
        assertTrue(out.add(item), "an occurrence appears twice: " + item);
      }
    }
    return out;
  }

  /** The property must reach what it names: a floor for each kind of difference. */
  @AfterContainer
  static void everyKindOfDifferenceWasReached() {
    int n = CASES.get();
    if (n < TRIES) {
      return;
    }
    assertTrue(HOLIDAY.get() > n / 20, "holiday skipped: " + HOLIDAY);
    assertTrue(CONFLICT.get() > n / 20, "conflict skipped: " + CONFLICT);
    assertTrue(CANCELLED.get() > n / 5, "occurrences cancelled: " + CANCELLED);
    assertTrue(ADDED.get() > n / 40, "make-up days or replacements: " + ADDED);
    assertTrue(OPEN_ENDED.get() > n / 10, "open-ended rules: " + OPEN_ENDED);
    assertTrue(LOOK_ALIKE.get() > n / 5, "look-alike ids: " + LOOK_ALIKE);
    assertTrue(BERLIN.get() > n / 5, "a zone with daylight saving: " + BERLIN);
  }
}
