package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.internal.ZoneSpans;
import dev.linli.scheduling.rule.BookingRule;
import dev.linli.scheduling.rule.RuleContext;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Says whether a request fits now and, if not, every reason why: capacity and the slot grid, the
 * start not in the past, blackouts, the resource's rules, and overlaps with other bookings (seats,
 * and the wholes and parts of the same space). Reads only; never writes.
 */
final class Admission {
  private final Setup setup;
  private final BookingStore store;

  Admission(Setup setup, BookingStore store) {
    this.setup = setup;
    this.store = store;
  }

  /**
   * Every reason {@code request} cannot be booked now.
   *
   * @param original the booking being changed or cancelled, hidden from every check; or null
   * @param bumpable bookings the overlap check ignores (a bump may displace them); rules still
   *     see them
   */
  List<Reason> check(Resource resource, BookingRequest request, RuleContext.Operation operation,
      Booking original, Set<String> bumpable) {
    return check(resource, request, operation, original, bumpable, setup.clock().instant(), null,
        false);
  }

  /**
   * Every reason a new booking {@code request} of a {@link Batch} cannot be made, judged at the
   * batch's instant, with the rule answers the batch already knows.
   */
  List<Reason> check(Resource resource, BookingRequest request, Batch batch) {
    return check(resource, request, RuleContext.Operation.CREATE, null, Set.of(), batch.now(),
        batch, false);
  }

  /**
   * The first reason {@link #check} would list for a new booking at {@code now}, or empty: the
   * same checks in the same order, stopping at the first that fails (availability's per-slot
   * verdict, so that it cannot drift from the decision's).
   */
  Optional<Reason> firstReason(Resource resource, BookingRequest request, Instant now) {
    List<Reason> reasons = check(resource, request, RuleContext.Operation.CREATE, null, Set.of(),
        now, null, true);
    return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons.get(0));
  }

  /**
   * Whether {@link #firstReason} would be empty, but for its last check (whether the seats fit
   * beside the resource's own bookings): the same checks in the same order, stopping at the first
   * that fails and so making the same reads, but writing no refusal. A time picker's verdict for
   * each start, whose caller holds the resource's bookings as a step function and finishes it:
   * the seats fit when {@code peak + seats <= capacity}, for the most seats {@code peak} those
   * bookings use at one instant of the request's blocked interval (zero if none overlaps it). The
   * reason of a refused start is asked of {@link #firstReason} only if wanted.
   */
  boolean admitsBesideSeats(Resource resource, BookingRequest request, Instant now) {
    if (request.seats() > resource.capacity()
        || !onGrid(resource, request.start(), setup.zones())
        || !onGrid(resource, request.end(), setup.zones())) {
      return false;
    }
    if (!setup.allowPastStarts() && request.start().isBefore(now)) {
      return false;
    }
    Instant from = request.start().minus(resource.bufferBefore());
    Instant to = request.end().plus(resource.bufferAfter());
    if (!store.blackouts(resource.id(), from, to).isEmpty()) {
      return false;
    }
    Set<String> related = setup.related().get(resource.id());
    if (!related.isEmpty()) {
      for (String id : related) {
        if (!store.blackouts(id, from, to).isEmpty()) {
          return false;
        }
      }
    }
    RuleContext context = new EngineRuleContext(setup, store, resource, now,
        RuleContext.Operation.CREATE, null, null);
    if (!store.rules(resource.id()).rules().allows(request, context)) {
      return false;
    }
    if (!related.isEmpty()) {
      for (String otherId : related) {
        if (!store.overlapping(setup.resources().get(otherId), from, to).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  private List<Reason> check(Resource resource, BookingRequest request,
      RuleContext.Operation operation, Booking original, Set<String> bumpable, Instant now,
      Batch batch, boolean firstOnly) {
    List<Reason> reasons = new ArrayList<>();
    if (request.seats() > resource.capacity()) {
      reasons.add(Reason.of(RejectionCode.TOO_MANY_SEATS, "capacity", request.seats()
          + " seats asked, " + resource.id() + " has " + resource.capacity(), "申请"
          + request.seats() + "个座位，" + resource.id() + "只有" + resource.capacity() + "个",
          "asked", request.seats(), "capacity", resource.capacity()));
    }
    if (!onGrid(resource, request.start(), setup.zones())
        || !onGrid(resource, request.end(), setup.zones())) {
      String asked = Setup.local(resource, request.start()) + "-"
          + Setup.local(resource, request.end());
      reasons.add(Reason.of(RejectionCode.OFF_GRID, "slot", "start and end must fall on the "
          + resource.slot().toMinutes() + "-minute grid of " + resource.id() + " in "
          + resource.zone() + " (asked " + asked + ")", "开始和结束时间须对齐"
          + resource.slot().toMinutes() + "分钟时段（申请了" + asked + "）", "slotMinutes",
          resource.slot().toMinutes(), "asked", asked));
    }
    if (firstOnly && !reasons.isEmpty()) {
      return reasons;
    }
    if (!setup.allowPastStarts() && request.start().isBefore(now)
        && operation != RuleContext.Operation.CANCEL) {
      String asked = Setup.local(resource, request.start());
      String at = Setup.local(resource, now);
      reasons.add(Reason.of(RejectionCode.IN_THE_PAST, "past", "the booking would start at "
          + asked + ", before now (" + at + " in " + resource.zone() + "); only an engine built"
          + " with allowPastStarts may back-date", "开始时间" + asked + "早于当前时间" + at
          + "，不能预约过去的时间", "start", asked, "now", at));
    }
    if (firstOnly && !reasons.isEmpty()) {
      return reasons;
    }
    // The blocked time, buffers included, as a blackout's hits count it: set-up and clean-up
    // happen in the closed room too.
    blackout(resource, request.start().minus(resource.bufferBefore()),
        request.end().plus(resource.bufferAfter())).ifPresent(reasons::add);
    if (firstOnly && !reasons.isEmpty()) {
      return reasons;
    }
    String hidden = original == null ? null : original.id();
    RuleContext context = new EngineRuleContext(setup, store, resource, now, operation, original,
        hidden);
    RuleSet rules = store.rules(resource.id()).rules();
    if (firstOnly) {
      Optional<Reason> broken = rules.firstReason(request, context);
      if (broken.isPresent()) {
        reasons.add(broken.get());
        return reasons;
      }
    } else if (batch != null) {
      // RuleSet.check's loop, each rule asked through the batch.
      for (BookingRule rule : rules.rules()) {
        if (rule.appliesTo(operation)) {
          addAll(reasons, batch.check(rule, request, context));
        }
      }
    } else {
      addAll(reasons, rules.check(request, context));
    }
    conflict(resource, request.start(), request.end(), request.seats(), hidden, bumpable)
        .ifPresent(reasons::add);
    return reasons;
  }

  /** Adds {@code found} unless it is empty (an empty list would still be copied to an array). */
  private static void addAll(List<Reason> reasons, List<Reason> found) {
    if (!found.isEmpty()) {
      reasons.addAll(found);
    }
  }

  /** Lets the store fetch the reads {@code checks} will make at once (see {@link BookingStore#foresee}). */
  void foresee(Runnable checks) {
    store.foresee(checks);
  }

  private Optional<Reason> blackout(Resource r, Instant start, Instant end) {
    Optional<Reason> own = blackout(r, r.id(), start, end);
    if (own.isPresent()) {
      return own;
    }
    Set<String> related = setup.related().get(r.id());
    // Most resources have no parts or wholes: no iterator for an empty set.
    if (!related.isEmpty()) {
      for (String id : related) {
        Optional<Reason> shared = blackout(r, id, start, end);
        if (shared.isPresent()) {
          return shared;
        }
      }
    }
    return Optional.empty();
  }

  /** The first blackout of resource {@code id} over {@code [start, end)}, told in {@code r}'s zone. */
  private Optional<Reason> blackout(Resource r, String id, Instant start, Instant end) {
    List<BookingEngine.Blackout> hits = store.blackouts(id, start, end);
    if (!hits.isEmpty()) {
      BookingEngine.Blackout b = hits.get(0);
      String span = Setup.local(r, b.from()) + "-" + Setup.local(r, b.to());
      return Optional.of(Reason.of(RejectionCode.BLACKOUT, "blackout", id + " is closed " + span
          + (b.reason().isEmpty() ? "" : ": " + b.reason()), id + "在" + span + "暂停开放"
          + (b.reason().isEmpty() ? "" : "：" + b.reason()), "from", b.from(), "to", b.to()));
    }
    return Optional.empty();
  }

  /**
   * The first reason the blocked interval of a booking of {@code r} at {@code [start, end)} cannot
   * fit, ignoring the booking {@code hidden} (or null) and those in {@code ignoring}.
   */
  Optional<Reason> conflict(Resource r, Instant start, Instant end, int seats, String hidden,
      Set<String> ignoring) {
    Instant from = start.minus(r.bufferBefore());
    Instant to = end.plus(r.bufferAfter());
    Set<String> related = setup.related().get(r.id());
    if (!related.isEmpty()) {
      for (String otherId : related) {
        Resource other = setup.resources().get(otherId);
        for (Booking b : overlapping(other, from, to, hidden, ignoring)) {
          String mine = Setup.local(r, start) + "-" + Setup.local(r, end);
          String theirs = Setup.local(other, b.request().start()) + "-"
              + Setup.local(other, b.request().end());
          return Optional.of(Reason.of(RejectionCode.CONFLICT, "no-overlap", r.id() + " " + mine
              + " overlaps booking " + b.id() + " of " + other.id() + " (" + theirs
              + "), which shares the same space", r.id() + " " + mine + "与" + other.id() + "的预约"
              + b.id() + "（" + theirs + "）占用同一场地", "booking", b.id(), "resource", other.id()));
        }
      }
    }
    List<Booking> same = overlapping(r, from, to, hidden, ignoring);
    if (same.isEmpty()) {
      return Optional.empty();
    }
    int peak = peakSeats(r, same, from, to);
    if (peak + seats > r.capacity()) {
      Booking first = same.get(0);
      String span = Setup.local(r, start) + "-" + Setup.local(r, end);
      return Optional.of(Reason.of(RejectionCode.CONFLICT, "capacity", r.id() + " has "
          + r.capacity() + (r.capacity() == 1 ? " seat" : " seats") + "; " + peak
          + " already taken at the busiest moment of " + span + " (for example by booking "
          + first.id() + ")", r.id() + "共" + r.capacity() + "个座位，" + span + "最繁忙时已被占用"
          + peak + "个", "capacity", r.capacity(), "taken", peak, "asked", seats));
    }
    return Optional.empty();
  }

  private List<Booking> overlapping(Resource r, Instant from, Instant to, String hidden,
      Set<String> ignoring) {
    List<Booking> out = store.overlapping(r, from, to);
    if (hidden != null || !ignoring.isEmpty()) {
      out.removeIf(b -> b.id().equals(hidden) || ignoring.contains(b.id()));
    }
    return out;
  }

  /**
   * Most bookings whose peak is found by trying each booking's start ({@link #peakSeatsAtStarts});
   * more are swept in time order ({@link #peakSeatsBySweep}).
   */
  static final int FEW_OVERLAPPING = 16;

  /** Most seats used at one instant inside {@code [from, to)} by {@code bookings}. */
  static int peakSeats(Resource r, List<Booking> bookings, Instant from, Instant to) {
    return bookings.size() <= FEW_OVERLAPPING ? peakSeatsAtStarts(r, bookings, from, to)
        : peakSeatsBySweep(r, bookings, from, to);
  }

  /**
   * {@link #peakSeats} for a few bookings, building nothing: the busiest instant is one at which a
   * booking's blocked interval (cut to {@code [from, to)}) starts, so the seats in use are counted
   * at each such start. Quadratic, hence only for a few; every booking must overlap
   * {@code [from, to)}, as {@link BookingStore#overlapping} returns them.
   */
  static int peakSeatsAtStarts(Resource r, List<Booking> bookings, Instant from, Instant to) {
    int peak = 0;
    for (int i = 0; i < bookings.size(); i++) {
      Instant t = max(bookings.get(i).request().start().minus(r.bufferBefore()), from);
      int used = 0;
      for (int j = 0; j < bookings.size(); j++) {
        BookingRequest b = bookings.get(j).request();
        if (!max(b.start().minus(r.bufferBefore()), from).isAfter(t)
            && min(b.end().plus(r.bufferAfter()), to).isAfter(t)) {
          used += b.seats();
        }
      }
      peak = Math.max(peak, used);
    }
    return peak;
  }

  /** {@link #peakSeats} by a sweep over the starts and ends in time order. */
  static int peakSeatsBySweep(Resource r, List<Booking> bookings, Instant from, Instant to) {
    TreeMap<Instant, Integer> delta = new TreeMap<>();
    for (Booking b : bookings) {
      Instant s = max(b.request().start().minus(r.bufferBefore()), from);
      Instant e = min(b.request().end().plus(r.bufferAfter()), to);
      delta.merge(s, b.request().seats(), Integer::sum);
      delta.merge(e, -b.request().seats(), Integer::sum);
    }
    int current = 0;
    int peak = 0;
    for (int d : delta.values()) {
      current += d;
      peak = Math.max(peak, current);
    }
    return peak;
  }

  static boolean onGrid(Resource r, Instant t) {
    return onGrid(r, t, t.getEpochSecond() + r.zone().getRules().getOffset(t).getTotalSeconds());
  }

  /** As {@link #onGrid(Resource, Instant)}, with the offset read through the engine's spans. */
  static boolean onGrid(Resource r, Instant t, ZoneSpans spans) {
    return onGrid(r, t, spans.localSeconds(t, r.zone()));
  }

  private static boolean onGrid(Resource r, Instant t, long local) {
    // The local time of day from the offset alone (no calendar date): availability asks this for
    // every start of a period.
    return t.getNano() == 0 && Math.floorMod(local, 86_400L) % (r.slot().toMinutes() * 60) == 0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
