package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reads of one availability query, made once for its whole period: each resource's bookings
 * and blackouts over the span every start's blocked interval lies in, each holder's bookings over
 * the quota periods the span can reach (a year and a day either side), and each resident's active
 * bookings, no-shows and each resource's rules; every start's reads are then answered from these
 * by filtering, in the order the store gives. A read outside what was made goes to the store and
 * is kept too. Lives for one query inside the store's transaction; writes nothing. Once
 * {@link #seal sealed} (the transaction over), it answers only from what it kept, so that a
 * refused start's reason can be written later from the very reads its verdict made. Not
 * thread-safe.
 */
final class ScanReads implements BookingStore {
  /** How far either side of the span a holder's bookings are read: the longest quota period. */
  private static final Duration QUOTA_REACH = Duration.ofDays(367);

  private final BookingStore base;
  private final Instant lo;
  private final Instant hi;
  private final Map<String, Sorted> overlaps = new HashMap<>();
  private final Map<String, List<BookingEngine.Blackout>> closures = new HashMap<>();
  private final Map<Family, Window> starting = new HashMap<>();
  private final Map<String, List<Booking>> active = new HashMap<>();
  private final Map<String, List<Instant>> noShows = new HashMap<>();
  private final Map<String, VersionedRules> rules = new HashMap<>();
  /** Reads outside the span, kept by what they asked. */
  private final Map<List<Object>, List<Booking>> overlapsOutside = new HashMap<>();
  private final Map<List<Object>, List<BookingEngine.Blackout>> closuresOutside = new HashMap<>();
  private String lastRulesId;
  private VersionedRules lastRules;
  private boolean sealed;

  /**
   * Reads for starts whose blocked intervals lie in {@code [lo, hi)}.
   *
   * @param base the engine's store, in the caller's transaction
   */
  ScanReads(BookingStore base, Instant lo, Instant hi) {
    this.base = base;
    this.lo = lo;
    this.hi = hi;
  }

  /**
   * Ends the reads from the store: from now on a read this object did not make before fails with
   * an {@link IllegalStateException}, since the store's transaction is over.
   */
  void seal() {
    sealed = true;
  }

  /** The store, while the transaction lasts. */
  private BookingStore base() {
    if (sealed) {
      throw new IllegalStateException("an availability query's reads are over: a read it did not"
          + " make while judging its starts was asked later");
    }
    return base;
  }

  /** A resource's bookings overlapping the span, by blocked start, with the longest block. */
  private record Sorted(List<Booking> bookings, Instant[] blockedStarts, Duration longest) {}

  /** Bookings starting in {@code [from, to)}, by start, with their starts. */
  private record Window(Instant from, Instant to, List<Booking> bookings, Instant[] starts) {
    static Window of(Instant from, Instant to, List<Booking> bookings) {
      Instant[] starts = new Instant[bookings.size()];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = bookings.get(i).request().start();
      }
      return new Window(from, to, List.copyOf(bookings), starts);
    }

    boolean holds(Instant a, Instant b) {
      return !a.isBefore(from) && !b.isAfter(to);
    }

    List<Booking> within(Instant a, Instant b) {
      List<Booking> out = new ArrayList<>();
      for (int i = firstAtOrAfter(starts, a); i < starts.length && starts[i].isBefore(b); i++) {
        out.add(bookings.get(i));
      }
      return out;
    }
  }

  /** The first index whose instant is not before {@code t}, in an ascending array. */
  private static int firstAtOrAfter(Instant[] sorted, Instant t) {
    int a = 0;
    int b = sorted.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (sorted[m].isBefore(t)) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  @Override
  public List<Booking> overlapping(Resource r, Instant from, Instant to) {
    if (from.isBefore(lo) || to.isAfter(hi)) {
      return new ArrayList<>(overlapsOutside.computeIfAbsent(List.of(r.id(), from, to),
          k -> List.copyOf(base().overlapping(r, from, to))));
    }
    Sorted s = overlaps.computeIfAbsent(r.id(), k -> {
      List<Booking> list = base().overlapping(r, lo, hi);
      Instant[] starts = new Instant[list.size()];
      Duration longest = Duration.ZERO;
      for (int i = 0; i < starts.length; i++) {
        Booking b = list.get(i);
        starts[i] = b.request().start().minus(r.bufferBefore());
        Duration block = Duration.between(starts[i], b.request().end().plus(r.bufferAfter()));
        longest = block.compareTo(longest) > 0 ? block : longest;
      }
      return new Sorted(List.copyOf(list), starts, longest);
    });
    List<Booking> out = new ArrayList<>();
    Instant[] starts = s.blockedStarts();
    for (int i = firstAtOrAfter(starts, from.minus(s.longest()));
        i < starts.length && starts[i].isBefore(to); i++) {
      Booking b = s.bookings().get(i);
      if (b.request().end().plus(r.bufferAfter()).isAfter(from)) {
        out.add(b);
      }
    }
    return out;
  }

  /** Which bookings a windowed read asks for: a resource's, or a holder's on it (scope not null). */
  private record Family(String resourceId, Quota.Scope scope, String holderId) {}

  @Override
  public List<Booking> starting(Resource r, Instant from, Instant to) {
    Family f = new Family(r.id(), null, null);
    Window w = starting.get(f);
    if (w != null && w.holds(from, to)) {
      return w.within(from, to);
    }
    return windowed(f, w, from, to, from, to, (a, b) -> base().starting(r, a, b));
  }

  @Override
  public List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    Family f = new Family(r.id(), scope, holderId);
    Window w = starting.get(f);
    if (w != null && w.holds(from, to)) {
      return w.within(from, to);
    }
    return windowed(f, w, from, to, lo.minus(QUOTA_REACH), hi.plus(QUOTA_REACH),
        (a, b) -> base().startingBy(r, scope, holderId, a, b));
  }

  /**
   * Reads a window holding {@code [from, to)}, the hint and the family's last window {@code w}
   * (or null), keeps it for the family, and answers from it.
   */
  private List<Booking> windowed(Family family, Window w, Instant from, Instant to,
      Instant hintFrom, Instant hintTo,
      java.util.function.BiFunction<Instant, Instant, List<Booking>> read) {
    Instant a = min(from, hintFrom);
    Instant b = max(to, hintTo);
    if (w != null) {
      a = min(a, w.from());
      b = max(b, w.to());
    }
    Window wider = Window.of(a, b, read.apply(a, b));
    starting.put(family, wider);
    return wider.within(from, to);
  }

  @Override
  public List<Booking> activeOf(String residentId) {
    return new ArrayList<>(active.computeIfAbsent(residentId,
        k -> List.copyOf(base().activeOf(k))));
  }

  @Override
  public List<Instant> noShowsOf(String residentId) {
    return new ArrayList<>(noShows.computeIfAbsent(residentId,
        k -> List.copyOf(base().noShowsOf(k))));
  }

  @Override
  public List<BookingEngine.Blackout> blackouts(String resourceId, Instant from, Instant to) {
    if (from.isBefore(lo) || to.isAfter(hi)) {
      return new ArrayList<>(closuresOutside.computeIfAbsent(List.of(resourceId, from, to),
          k -> List.copyOf(base().blackouts(resourceId, from, to))));
    }
    List<BookingEngine.Blackout> all = closures.get(resourceId);
    if (all == null) {
      all = List.copyOf(base().blackouts(resourceId, lo, hi));
      closures.put(resourceId, all);
    }
    List<BookingEngine.Blackout> out = new ArrayList<>(all.size());
    for (BookingEngine.Blackout b : all) {
      if (b.from().isBefore(to) && from.isBefore(b.to())) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public VersionedRules rules(String resourceId) {
    // Every start of a resource asks again: the last answer first, without hashing.
    if (resourceId.equals(lastRulesId)) {
      return lastRules;
    }
    VersionedRules v = rules.get(resourceId);
    if (v == null) {
      v = base().rules(resourceId);
      rules.put(resourceId, v);
    }
    lastRulesId = resourceId;
    lastRules = v;
    return v;
  }

  // The rest is what a query never asks or must not do: passed through, or refused.

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    base().lockResources(resourceIds);
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    base().lockHolders(holderKeys);
  }

  @Override
  public void foresee(Runnable reads) {
    base().foresee(reads);
  }

  @Override
  public Optional<Booking> booking(String bookingId) {
    return base().booking(bookingId);
  }

  @Override
  public List<Booking> active(Resource r) {
    return base().active(r);
  }

  @Override
  public List<Booking> confirmedStartingBefore(Instant instant) {
    return base().confirmedStartingBefore(instant);
  }

  @Override
  public List<BookingEvent> history(String bookingId) {
    return base().history(bookingId);
  }

  private static IllegalStateException writes() {
    return new IllegalStateException("an availability query writes nothing");
  }

  @Override
  public void insert(Booking booking, BookingEvent created) {
    throw writes();
  }

  @Override
  public void update(Booking before, Booking after, BookingEvent event) {
    throw writes();
  }

  @Override
  public void delete(Booking booking) {
    throw writes();
  }

  @Override
  public void addNoShow(String residentId, Instant start) {
    throw writes();
  }

  @Override
  public void addBlackout(BookingEngine.Blackout blackout) {
    throw writes();
  }

  @Override
  public int saveRules(String resourceId, RuleSet ruleSet, Instant at) {
    throw writes();
  }

  @Override
  public boolean remind(Booking booking, java.time.Duration leadTime, Instant due) {
    throw writes();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
