package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The seat count of a conflict check counted at each booking's start (what a decision does when a
 * few bookings overlap the request) equals the sweep over every start and end in time order, for
 * bookings with buffers, of many lengths and seats, starting and ending on, inside and around the
 * request, as {@link OccupancyIndex#overlapping} returns them.
 */
class PeakSeatsProperties {
  private static final Instant BASE = Instant.parse("2026-03-02T01:00:00Z");
  private static final AtomicInteger FEW = new AtomicInteger();
  private static final AtomicInteger NOT_ALL_AT_ONCE = new AtomicInteger();
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Property(tries = 1500)
  void countedAtStarts_isTheSweep(@ForAll @IntRange(min = 0, max = 40) int count,
      @ForAll @IntRange(min = 0, max = 3) int before, @ForAll @IntRange(min = 0, max = 3) int after,
      @ForAll @IntRange(min = 0, max = 20) int requestStart,
      @ForAll @IntRange(min = 1, max = 8) int requestLength, @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    Duration quarter = Duration.ofMinutes(15);
    Resource r = new Resource("hall", Name.of("礼堂", "Hall"), 200, ZoneId.of("Asia/Shanghai"),
        quarter, quarter.multipliedBy(before), quarter.multipliedBy(after), List.of());
    Instant from = BASE.plus(quarter.multipliedBy(requestStart)).minus(r.bufferBefore());
    Instant to = BASE.plus(quarter.multipliedBy(requestStart + requestLength))
        .plus(r.bufferAfter());
    List<Booking> overlapping = new ArrayList<>();
    int total = 0;
    for (int i = 0; overlapping.size() < count && i < 10 * count + 10; i++) {
      Instant start = BASE.plus(quarter.multipliedBy(random.nextInt(30)));
      Instant end = start.plus(quarter.multipliedBy(1 + random.nextInt(8)));
      int seats = 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
      Booking b = new Booking(new BookingRequest("b" + i, r.id(), "r" + i, "h" + i, start, end,
          seats), BASE, BookingStatus.CONFIRMED);
      // Only what the overlap read returns: blocked intervals overlapping [from, to).
      if (start.minus(r.bufferBefore()).isBefore(to) && from.isBefore(end.plus(r.bufferAfter()))) {
        overlapping.add(b);
        total += seats;
      }
    }
    overlapping.sort(java.util.Comparator.comparing((Booking b) -> b.request().start())
        .thenComparing(Booking::id));
    int swept = Admission.peakSeatsBySweep(r, overlapping, from, to);
    assertEquals(swept, Admission.peakSeatsAtStarts(r, overlapping, from, to), overlapping
        + " in [" + from + ", " + to + ")");
    assertEquals(swept, Admission.peakSeats(r, overlapping, from, to));
    if (overlapping.size() <= Admission.FEW_OVERLAPPING) {
      FEW.incrementAndGet();
    }
    if (swept < total) {
      NOT_ALL_AT_ONCE.incrementAndGet();
    }
    RUNS.incrementAndGet();
  }

  @AfterContainer
  static void fewAndManyWereCounted_andPeaksBelowTheSum() {
    if (RUNS.get() < 1500) {
      return;
    }
    assertTrue(FEW.get() > 300 && FEW.get() < RUNS.get() - 300, "few: " + FEW + " of " + RUNS);
    assertTrue(NOT_ALL_AT_ONCE.get() > 300, "peaks below the sum: " + NOT_ALL_AT_ONCE);
  }
}
