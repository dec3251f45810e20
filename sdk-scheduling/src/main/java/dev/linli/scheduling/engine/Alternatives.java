package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.RuleContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds requests that would be accepted instead of a rejected one, by dry-running every check
 * ({@link Admission}) on them: the same time on the other resources of the request's groups, when
 * every reason could be cured by another place, then the nearest later times on the grid of the same
 * resource, when every reason could be cured by another time ({@link
 * dev.linli.scheduling.booking.RejectionCode#curedByTime()}). Reads only.
 */
final class Alternatives {
  /** How far ahead alternatives are searched. */
  static final Duration HORIZON = Duration.ofDays(7);
  /** How many alternatives a rejection offers. */
  static final int MAX = 3;

  private final Setup setup;
  private final Admission admission;

  Alternatives(Setup setup, Admission admission) {
    this.setup = setup;
    this.admission = admission;
  }

  /**
   * Up to {@link #MAX} requests like {@code request} that would be accepted now.
   *
   * @param original the booking being changed (hidden from the checks), or null
   */
  List<BookingRequest> find(Resource r, BookingRequest request, List<Reason> reasons,
      Booking original) {
    boolean byPlace = true;
    boolean byTime = true;
    for (Reason x : reasons) {
      byPlace &= x.code().curedByPlace();
      byTime &= x.code().curedByTime();
    }
    if (!byPlace && !byTime) {
      // Neither another place nor another time would do (a cap, a ban): nothing to search.
      return List.of();
    }
    foresee(r, request, original, byPlace, byTime);
    List<BookingRequest> out = new ArrayList<>();
    if (byPlace) {
      for (String sibling : setup.siblings().getOrDefault(r.id(), List.of())) {
        if (out.size() >= MAX) {
          return out;
        }
        BookingRequest candidate = request.on(sibling);
        if (fits(setup.resources().get(sibling), candidate, original)) {
          out.add(candidate);
        }
      }
    }
    if (!byTime) {
      return out;
    }
    Duration length = request.duration();
    Instant limit = request.start().plus(HORIZON);
    for (Instant s = nextOnGrid(r, request.start()); s.isBefore(limit) && out.size() < MAX;
        s = s.plus(r.slot())) {
      BookingRequest candidate = request.at(s, s.plus(length));
      if (fits(r, candidate, original)) {
        out.add(candidate);
      }
    }
    return out;
  }

  /**
   * Names the search's reads to the store up front, so that a store with a server fetches them in
   * one round trip instead of a few per candidate: a check of one request spanning every candidate
   * time (its overlap, blackout and consecutive-slot windows contain each candidate's), one
   * candidate on each day of the horizon (the day, week and month a quota counts), and each
   * sibling at the same time.
   */
  private void foresee(Resource r, BookingRequest request, Booking original, boolean byPlace,
      boolean byTime) {
    admission.foresee(() -> {
      if (byPlace) {
        for (String sibling : setup.siblings().getOrDefault(r.id(), List.of())) {
          fits(setup.resources().get(sibling), request.on(sibling), original);
        }
      }
      if (byTime) {
        Instant first = nextOnGrid(r, request.start());
        Instant limit = request.start().plus(HORIZON);
        if (first.isBefore(limit)) {
          fits(r, request.at(first, limit.plus(request.duration())), original);
          for (Instant day = first; day.isBefore(limit); day = day.plus(Duration.ofDays(1))) {
            fits(r, request.at(day, day.plus(request.duration())), original);
          }
        }
      }
    });
  }

  private boolean fits(Resource r, BookingRequest candidate, Booking original) {
    RuleContext.Operation op = original == null ? RuleContext.Operation.CREATE
        : RuleContext.Operation.CHANGE;
    return admission.check(r, candidate, op, original, Set.of()).isEmpty();
  }

  /** The first start on {@code r}'s grid after {@code t} (whole slots from midnight, local). */
  private static Instant nextOnGrid(Resource r, Instant t) {
    if (Admission.onGrid(r, t)) {
      return t.plus(r.slot());
    }
    java.time.ZonedDateTime z = t.atZone(r.zone());
    long slotMinutes = r.slot().toMinutes();
    long minute = z.getHour() * 60L + z.getMinute();
    long next = (minute / slotMinutes + 1) * slotMinutes;
    return z.toLocalDate().atStartOfDay(r.zone()).plusMinutes(next).toInstant();
  }
}
