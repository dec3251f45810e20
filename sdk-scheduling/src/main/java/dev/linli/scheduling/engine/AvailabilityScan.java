package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.RuleContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers an {@link AvailabilityQuery} by judging every grid start of the period with the
 * decision's own checks ({@link Admission#admitsBesideSeats}: the same rule objects, in the same
 * order, stopping at the first that refuses, without writing its reason; the seats from one step
 * function), all at one instant and inside one store transaction, reading
 * through a {@link ScanReads} that fetches each resource's bookings, blackouts and each holder's
 * quota windows once for the whole period instead of once per start. Reads only.
 */
final class AvailabilityScan {
  /**
   * The id of the request judged at each start. Only an existing booking with this very id could
   * be told apart from a new one (the consecutive-slots cap skips the request's own id), so it is
   * one no caller would choose.
   */
  static final String PROBE_ID = "linli.availability-probe";

  private final AvailabilityQuery query;
  private final List<Resource> resources;

  /** Each resource's grid starts, in the resources' order. */
  private final java.util.Map<Resource, List<Instant>> starts = new java.util.LinkedHashMap<>();
  /** The reads of the last {@link #admission}, and the span they cover (or null: no starts). */
  private BookingStore reads;
  private Instant[] span;

  AvailabilityScan(AvailabilityQuery query, List<Resource> resources) {
    this.query = query;
    this.resources = resources;
    resources.forEach(r -> starts.put(r, starts(r)));
  }

  /**
   * Checks that read through a {@link ScanReads} spanning every start's blocked interval: the
   * period's reads made once.
   */
  private Admission admission(Setup setup, BookingStore store) {
    Instant lo = null;
    Instant hi = null;
    for (java.util.Map.Entry<Resource, List<Instant>> e : starts.entrySet()) {
      List<Instant> list = e.getValue();
      if (list.isEmpty()) {
        continue;
      }
      Resource r = e.getKey();
      Instant a = list.get(0).minus(r.bufferBefore());
      Instant b = list.get(list.size() - 1).plus(query.duration()).plus(r.bufferAfter());
      lo = lo == null || a.isBefore(lo) ? a : lo;
      hi = hi == null || b.isAfter(hi) ? b : hi;
    }
    span = lo == null ? null : new Instant[] {lo, hi};
    reads = lo == null ? store : new ScanReads(store, lo, hi);
    return new Admission(setup, reads);
  }

  /**
   * Seats used over time on one resource, from the bookings overlapping the span: a step
   * function, {@code used[i]} seats in {@code [times[i], times[i + 1])}, zero before the first.
   */
  private record Occupancy(Instant[] times, int[] used) {
    static Occupancy of(Resource r, List<dev.linli.scheduling.booking.Booking> bookings) {
      java.util.TreeMap<Instant, Integer> delta = new java.util.TreeMap<>();
      for (dev.linli.scheduling.booking.Booking b : bookings) {
        delta.merge(b.request().start().minus(r.bufferBefore()), b.request().seats(),
            Integer::sum);
        delta.merge(b.request().end().plus(r.bufferAfter()), -b.request().seats(), Integer::sum);
      }
      Instant[] times = delta.keySet().toArray(Instant[]::new);
      int[] used = new int[times.length];
      int current = 0;
      int i = 0;
      for (int d : delta.values()) {
        current += d;
        used[i++] = current;
      }
      return new Occupancy(times, used);
    }

    /** Most seats used at one instant of {@code [from, to)}, as the seat check counts them. */
    int peak(Instant from, Instant to) {
      int i = java.util.Arrays.binarySearch(times, from);
      // The step in force at from: the last change at or before it.
      i = i >= 0 ? i : -i - 2;
      int peak = i >= 0 ? used[i] : 0;
      for (int k = i + 1; k < times.length && times[k].isBefore(to); k++) {
        peak = Math.max(peak, used[k]);
      }
      return peak;
    }
  }

  /** The period's grid starts on {@code r}, as instants, ascending. */
  private List<Instant> starts(Resource r) {
    ZoneId zone = r.zone();
    // A bound inside a daylight-saving gap moves forward, as atZone does: it only bounds the period.
    Instant from = query.from().atZone(zone).toInstant();
    Instant lastStart = query.to().atZone(zone).toInstant().minus(query.duration());
    List<Instant> out = new ArrayList<>();
    if (lastStart.isBefore(from)) {
      return out;
    }
    ZoneRules rules = zone.getRules();
    ZoneOffsetTransition next = rules.nextTransition(from.minus(Duration.ofDays(1)));
    if (next == null || next.getInstant().isAfter(lastStart.plus(Duration.ofDays(1)))) {
      // One offset over the whole period: the grid is every slot step from the first start.
      Instant s = firstOnGrid(r, from, rules.getOffset(from));
      for (; !s.isAfter(lastStart); s = s.plus(r.slot())) {
        out.add(s);
      }
      return out;
    }
    // Offsets change inside the period: walk the wall clock, keeping each instant a local grid
    // time names (none inside a gap, two inside an overlap).
    TreeSet<Instant> set = new TreeSet<>();
    long step = r.slot().toMinutes();
    for (LocalDate d = query.from().toLocalDate().minusDays(1);
        !d.isAfter(query.to().toLocalDate().plusDays(1)); d = d.plusDays(1)) {
      for (long m = 0; m < 24 * 60; m += step) {
        LocalDateTime local = d.atStartOfDay().plusMinutes(m);
        for (ZoneOffset offset : rules.getValidOffsets(local)) {
          Instant s = local.toInstant(offset);
          if (!s.isBefore(from) && !s.isAfter(lastStart)) {
            set.add(s);
          }
        }
      }
    }
    out.addAll(set);
    return out;
  }

  /** The first instant at or after {@code t} on {@code r}'s grid, for a zone at {@code offset}. */
  private static Instant firstOnGrid(Resource r, Instant t, ZoneOffset offset) {
    long slotSeconds = r.slot().getSeconds();
    long local = t.getEpochSecond() + offset.getTotalSeconds();
    long floor = Math.floorDiv(local, slotSeconds) * slotSeconds;
    Instant s = Instant.ofEpochSecond(floor - offset.getTotalSeconds());
    return s.isBefore(t) ? s.plusSeconds(slotSeconds) : s;
  }

  /**
   * Makes the reads a scan will make, for {@link BookingStore#foresee}: first a check of one
   * request spanning every start of a resource (its overlap, blackout and consecutive-slot windows
   * hold each start's, so a store notes none of those again), then every start's own check, which
   * adds only what the span does not hold: each day, week, month and year a quota counts (only
   * for the starts it caps, such as peak hours). On answers that are all empty: no I/O.
   */
  void foresee(Setup setup, BookingStore store) {
    Admission admission = admission(setup, store);
    for (Resource r : resources) {
      List<Instant> starts = this.starts.get(r);
      if (starts.isEmpty()) {
        continue;
      }
      BookingRequest first = query.request(PROBE_ID, r.id(), starts.get(0));
      admission.check(r, first.at(first.start(), starts.get(starts.size() - 1)
          .plus(query.duration())), RuleContext.Operation.CREATE, null, Set.of());
      for (Instant s : starts) {
        admission.check(r, query.request(PROBE_ID, r.id(), s), RuleContext.Operation.CREATE,
            null, Set.of());
      }
    }
  }

  /**
   * Judges every start, reading through {@code store} in the caller's transaction. A refused
   * start's reason is written only when asked, from the reads its verdict made (kept by the
   * sealed {@link ScanReads}), by {@link Admission#firstReason}: the verdict
   * ({@link Admission#admits}) runs the same checks in the same order, so the reason is the one
   * the decision would give at {@code now}.
   *
   * @param setup the engine's set-up
   * @param store the engine's store
   * @param now the instant every start is judged at
   */
  Availability run(Setup setup, BookingStore store, Instant now) {
    // The directory is asked once per resident, so that a reason written later sees what the
    // verdict saw.
    java.util.Map<String, Optional<dev.linli.scheduling.booking.ResidentProfile>> seen =
        new java.util.HashMap<>();
    Setup memo = setup.withResidents(id -> seen.computeIfAbsent(id, setup.residents()));
    Admission admission = admission(memo, store);
    List<Availability.Slot> slots = new ArrayList<>();
    List<Availability.Refusal> refused = new ArrayList<>();
    BookingStore lock = reads;
    for (Resource r : resources) {
      ZoneId zone = r.zone();
      Occupancy seats = span == null ? null
          : Occupancy.of(r, reads.overlapping(r, span[0], span[1]));
      for (Instant s : starts.get(r)) {
        BookingRequest request = query.request(PROBE_ID, r.id(), s);
        // The seat check from the step function: the peak a decision's sweep finds over the
        // same bookings, and the seats left of a listed slot.
        int peak;
        if (admission.admitsBesideSeats(r, request, now)
            && (peak = seats.peak(s.minus(r.bufferBefore()), request.end().plus(r.bufferAfter())))
                + request.seats() <= r.capacity()) {
          slots.add(new Availability.Slot(r.id(), s.atZone(zone), request.end().atZone(zone),
              r.capacity() - peak));
        } else {
          refused.add(Availability.Refusal.deferred(r.id(), s, request.end(), zone, () -> {
            synchronized (lock) {
              return admission.firstReason(r, request, now).orElseThrow(
                  () -> new IllegalStateException("availability refused " + request
                      + " but finds no reason"));
            }
          }));
        }
      }
    }
    if (reads instanceof ScanReads scan) {
      scan.seal();
    }
    if (resources.size() > 1) {
      // Stable: starts in time order, a group's resources in the group's order at each start.
      slots.sort(Comparator.comparing(x -> x.start().toInstant()));
      refused.sort(Comparator.comparing(x -> x.start().toInstant()));
    }
    return new Availability(query, slots, refused);
  }
}
