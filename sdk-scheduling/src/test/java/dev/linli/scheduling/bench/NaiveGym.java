package dev.linli.scheduling.bench;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fair naive alternative to the engine for the {@link BookingBenchmark} gym: every check the
 * engine makes for a new booking there, written out plainly over one scan of all the bookings (no
 * index, no cache). The request is converted to local time once; each booking costs a few instant
 * comparisons, and only the requester's own and household's bookings are looked at more closely.
 * Accepts or refuses only; no reasons.
 *
 * <p>The checks, with the gym's numbers ({@link BookingBenchmark#gymRules()}): seats within the
 * capacity, start and end on the 30-minute grid, not in the past, notice 0 to 400 days,
 * 30 minutes to 2 hours, at most 3 bookings a household a week and 2 a resident a week on weekday
 * evenings 18:00–21:00, inside 06:00–22:00 (09:00–17:00 on public holidays), at most 5 upcoming
 * bookings a resident, at most 4 consecutive slots, residents of jingfang only, no booking for 30
 * days after 2 no-shows within 30 days, and never more seats in use at one instant than the gym
 * has. The gym has no blackouts and no buffers. {@code NaiveGymTest} holds it to the engine's
 * verdicts on random requests.
 */
final class NaiveGym {
  private final int capacity;
  private final ZoneId zone;
  private final HolidayCalendar calendar;
  private final Function<String, Optional<ResidentProfile>> residents;

  NaiveGym(int capacity, ZoneId zone, HolidayCalendar calendar,
      Function<String, Optional<ResidentProfile>> residents) {
    this.capacity = capacity;
    this.zone = zone;
    this.calendar = calendar;
    this.residents = residents;
  }

  /**
   * Would the engine accept {@code p} now, with {@code bookings} holding their time?
   *
   * @param noShows each resident's no-show starts, oldest first
   */
  boolean accepts(BookingRequest p, List<Booking> bookings, Map<String, List<Instant>> noShows,
      Instant now) {
    if (p.seats() > capacity) {
      return false;
    }
    ZonedDateTime start = p.start().atZone(zone);
    ZonedDateTime end = p.end().atZone(zone);
    if (!onGrid(p.start(), start) || !onGrid(p.end(), end)) {
      return false;
    }
    if (p.start().isBefore(now)) {
      return false;
    }
    Duration notice = Duration.between(now, p.start());
    if (notice.isNegative() || notice.compareTo(Duration.ofDays(400)) > 0) {
      return false;
    }
    Duration length = p.duration();
    if (length.compareTo(Duration.ofMinutes(30)) < 0 || length.compareTo(Duration.ofHours(2)) > 0) {
      return false;
    }
    if (!open(start, end)) {
      return false;
    }
    ResidentProfile who = residents.apply(p.residentId()).orElse(null);
    if (who == null || !who.communityId().equals("jingfang")) {
      return false;
    }
    if (banned(noShows.getOrDefault(p.residentId(), List.of()), now)) {
      return false;
    }
    LocalDate monday = start.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant weekStart = monday.atStartOfDay(zone).toInstant();
    Instant weekEnd = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    Tally t = scan(p, bookings, weekStart, weekEnd, peak(start), now);
    return t.household <= 3 && t.evenings <= 2 && t.upcoming <= 5
        && consecutive(p, t.mine) <= 4 && peakSeats(p, t.overlapping) + p.seats() <= capacity;
  }

  /** What one pass over every booking finds for the request (each count includes it). */
  private static final class Tally {
    int household = 1;
    int evenings = 1;
    int upcoming = 1;
    final List<BookingRequest> overlapping = new ArrayList<>();
    final List<BookingRequest> mine = new ArrayList<>();
  }

  private Tally scan(BookingRequest p, List<Booking> bookings, Instant weekStart, Instant weekEnd,
      boolean peak, Instant now) {
    Tally t = new Tally();
    for (Booking b : bookings) {
      BookingRequest r = b.request();
      if (r.start().isBefore(p.end()) && p.start().isBefore(r.end())) {
        t.overlapping.add(r);
      }
      // The ids first: they rule out almost every booking.
      if (r.householdId().equals(p.householdId()) && !r.start().isBefore(weekStart)
          && r.start().isBefore(weekEnd)) {
        t.household++;
      }
      if (r.residentId().equals(p.residentId())) {
        if (r.start().isAfter(now)) {
          t.upcoming++;
        }
        if (peak && !r.start().isBefore(weekStart) && r.start().isBefore(weekEnd)
            && peak(r.start().atZone(zone))) {
          t.evenings++;
        }
        t.mine.add(r);
      }
    }
    return t;
  }

  private static boolean onGrid(Instant t, ZonedDateTime local) {
    return t.getNano() == 0 && local.getSecond() == 0 && local.getMinute() % 30 == 0;
  }

  /** Inside the day's opening hours: 06:00–22:00, or 09:00–17:00 on a public holiday. */
  private boolean open(ZonedDateTime start, ZonedDateTime end) {
    LocalDate day = start.toLocalDate();
    boolean holiday = calendar.isPublicHoliday(day);
    int opens = holiday ? 9 * 60 : 6 * 60;
    int closes = holiday ? 17 * 60 : 22 * 60;
    LocalDateTime midnight = day.atStartOfDay();
    long from = Duration.between(midnight, start.toLocalDateTime()).toMinutes();
    long to = Duration.between(midnight, end.toLocalDateTime()).toMinutes();
    return from >= opens && to <= closes;
  }

  /** A weekday evening, 18:00 to 21:00: what the resident's weekly quota counts. */
  private static boolean peak(ZonedDateTime t) {
    int minute = t.getHour() * 60 + t.getMinute();
    return t.getDayOfWeek().getValue() <= 5 && minute >= 18 * 60 && minute < 21 * 60;
  }

  /** Banned for 30 days after the later of the last two no-shows within 30 days of each other. */
  private static boolean banned(List<Instant> starts, Instant now) {
    for (int i = starts.size() - 1; i >= 1; i--) {
      if (Duration.between(starts.get(i - 1), starts.get(i)).compareTo(Duration.ofDays(30)) <= 0) {
        return starts.get(i).plus(Duration.ofDays(30)).isAfter(now);
      }
    }
    return false;
  }

  /** Slots in the run of the resident's back-to-back bookings that {@code p} would join. */
  private static long consecutive(BookingRequest p, List<BookingRequest> mine) {
    Instant from = p.start();
    Instant to = p.end();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (BookingRequest r : mine) {
        if (r.end().equals(from)) {
          from = r.start();
          grew = true;
        } else if (r.start().equals(to)) {
          to = r.end();
          grew = true;
        }
      }
    }
    return Duration.between(from, to).toMinutes() / 30;
  }

  /** Most seats the overlapping bookings use at one instant of {@code p}. */
  private static int peakSeats(BookingRequest p, List<BookingRequest> overlapping) {
    int peak = 0;
    // The busiest instant is the request's start or a booking's start inside it.
    for (BookingRequest at : overlapping) {
      Instant t = at.start().isAfter(p.start()) ? at.start() : p.start();
      int used = 0;
      for (BookingRequest r : overlapping) {
        if (!r.start().isAfter(t) && r.end().isAfter(t)) {
          used += r.seats();
        }
      }
      peak = Math.max(peak, used);
    }
    return peak;
  }
}
