package dev.linli.scheduling.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.facility.OpeningHours;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.DayKind;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The offset arithmetic of {@link LocalDates} and of {@link OpeningHoursRule}'s verdict agrees with
 * java.time's zoned date-times (for the rule: its judgement written with them, as it was before), in zones with daylight saving (gaps and overlaps at 01:00, 02:00
 * and midnight), half-hour offsets and none, around their changes and far from them.
 */
class LocalDatesProperties {
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"),
      ZoneId.of("Europe/London"), ZoneId.of("America/New_York"), ZoneId.of("America/Santiago"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"),
      ZoneId.of("America/Havana"));
  /** Starts whose day has an offset change near it: the zoned path, counted. */
  private static final AtomicInteger NEAR_CHANGE = new AtomicInteger();
  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final AtomicInteger CLOSED = new AtomicInteger();
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** An instant and a zone to read it in. */
  record Moment(Instant t, ZoneId zone) {}

  /** Instants from 2018 to 2028 in each zone, a third of them within a day of its offset change. */
  @Provide
  Arbitrary<Moment> moments() {
    Arbitrary<Instant> any = Arbitraries.longs().between(1_514_764_800L, 1_830_297_600L)
        .map(Instant::ofEpochSecond);
    Arbitrary<Instant> minutes = any.map(t -> Instant.ofEpochSecond(t.getEpochSecond() / 900
        * 900));
    return Arbitraries.of(ZONES).flatMap(z -> {
      Arbitrary<Instant> nearChange = any.map(t -> {
        var next = z.getRules().nextTransition(t);
        return next == null ? t : next.getInstant();
      }).flatMap(t -> Arbitraries.integers().between(-36, 36).map(q -> t.plusSeconds(q * 900L)));
      return Arbitraries.oneOf(any, minutes, nearChange).map(t -> new Moment(t, z));
    });
  }

  @Property(tries = 3000)
  void datesAndDayStartsAreJavaTimes(@ForAll("moments") Moment m) {
    Instant t = m.t();
    ZoneId zone = m.zone();
    ZonedDateTime z = t.atZone(zone);
    assertEquals(z.toLocalDate(), LocalDates.dateOf(t, zone));
    assertEquals(z.getDayOfWeek().getValue(), LocalDates.dayOfWeek(t, zone));
    assertEquals(z.getHour() * 60 + z.getMinute(), LocalDates.minuteOfDay(t, zone));
    LocalDate day = z.toLocalDate();
    for (LocalDate d : List.of(day, day.plusDays(1), day.minusDays(1),
        day.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))) {
      assertEquals(d.atStartOfDay(zone).toInstant(), LocalDates.startOf(d, zone), d + " " + zone);
    }
  }

  @Property(tries = 3000)
  void openingHoursVerdictIsTheCheck(@ForAll("moments") Moment m) {
    Instant start = m.t();
    ZoneId zone = m.zone();
    Resource r = Resource.exclusive("hall", Name.of("礼堂", "Hall"));
    r = new Resource(r.id(), r.name(), r.capacity(), zone, r.slot(), r.bufferBefore(),
        r.bufferAfter(), r.parts());
    RuleContext context = context(r);
    LocalDate day = start.atZone(zone).toLocalDate();
    List<OpeningHoursRule> rules = List.of(
        // Edges every half hour around the small hours, where offsets change.
        new OpeningHoursRule("Mo-Fr 00:00-00:30,01:00-01:30,02:00-03:00,03:30-21:00; "
            + "Sa,Su 00:30-02:30,03:00-24:00", "Mo-Su 09:00-17:00", DayOfWeek.MONDAY, false),
        new OpeningHoursRule("Mo-Su 00:00-24:00", null, null, true,
            Map.of(day, "01:00-03:00", day.plusDays(1), "closed")));
    for (Duration length : List.of(Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofMinutes(90), Duration.ofHours(2), Duration.ofHours(23))) {
      BookingRequest request = new BookingRequest("p", r.id(), "r", "h", start,
          start.plus(length), 1);
      for (OpeningHoursRule rule : rules) {
        boolean allows = rule.allows(request, context);
        assertEquals(zoned(rule, request, context), allows, request + " in " + zone);
        assertEquals(rule.check(request, context).isEmpty(), allows, request + " in " + zone);
        (allows ? OPEN : CLOSED).incrementAndGet();
      }
    }
    var next = zone.getRules().nextTransition(start.minus(Duration.ofDays(1)));
    if (next != null && next.getInstant().isBefore(start.plus(Duration.ofDays(2)))) {
      NEAR_CHANGE.incrementAndGet();
    }
    RUNS.incrementAndGet();
  }

  @AfterContainer
  static void bothPathsAndVerdictsWereReached() {
    if (RUNS.get() < 3000) {
      return;
    }
    assertTrue(NEAR_CHANGE.get() > 300, "starts near an offset change: " + NEAR_CHANGE);
    assertTrue(OPEN.get() > 1000 && CLOSED.get() > 1000, "open " + OPEN + ", closed " + CLOSED);
  }

  /** The verdict as zoned date-times give it: the rule's judgement before its offset arithmetic. */
  private static boolean zoned(OpeningHoursRule rule, BookingRequest request, RuleContext context) {
    ZoneId zone = context.resource().zone();
    ZonedDateTime start = request.start().atZone(zone);
    ZonedDateTime end = request.end().atZone(zone);
    LocalDate day = start.toLocalDate();
    long from = ChronoUnit.MINUTES.between(day.atStartOfDay(zone).toLocalDateTime(),
        start.toLocalDateTime());
    HolidayCalendar calendar = context.calendar();
    String override = rule.overrides().get(day);
    if (calendar.kind(day) == DayKind.UNKNOWN && rule.closedWhenUnknown() && override == null
        || "closed".equals(override)) {
      return false;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    String text = rule.weekly();
    if (override != null) {
      text = "Mo-Su " + override;
    } else if (calendar.isPublicHoliday(day) && rule.holidays() != null) {
      text = rule.holidays();
    } else if (calendar.isMakeUpWorkday(day) && rule.makeUpWorkdayFollows() != null) {
      weekday = rule.makeUpWorkdayFollows();
    }
    long to = from + ChronoUnit.MINUTES.between(start.toLocalDateTime(), end.toLocalDateTime());
    boolean sameDay = end.toLocalDate().equals(day) || (end.toLocalDate().equals(day.plusDays(1))
        && end.toLocalTime().equals(LocalTime.MIDNIGHT));
    return sameDay && to <= 24 * 60 && OpeningHours.parse(text).covers(weekday, (int) from,
        (int) to);
  }

  private static RuleContext context(Resource r) {
    return new RuleContext() {
      @Override
      public Operation operation() {
        return Operation.CREATE;
      }

      @Override
      public Optional<Booking> original() {
        return Optional.empty();
      }

      @Override
      public Resource resource() {
        return r;
      }

      @Override
      public Instant now() {
        return Instant.EPOCH;
      }

      @Override
      public HolidayCalendar calendar() {
        return HolidayCalendar.bundled();
      }

      @Override
      public List<Booking> bookingsStarting(Instant from, Instant to) {
        return List.of();
      }

      @Override
      public List<Booking> bookingsStarting(Instant from, Instant to, Quota.Scope scope,
          String holderId) {
        return List.of();
      }

      @Override
      public Optional<ResidentProfile> resident(String residentId) {
        return Optional.empty();
      }

      @Override
      public List<Booking> activeBookingsOf(String residentId) {
        return List.of();
      }

      @Override
      public List<Instant> noShowsOf(String residentId) {
        return List.of();
      }

      @Override
      public OpeningHours openingHours(String text) {
        return OpeningHours.parse(text);
      }
    };
  }
}
