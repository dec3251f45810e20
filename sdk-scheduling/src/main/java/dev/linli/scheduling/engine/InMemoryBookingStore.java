package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The default {@link BookingStore}: maps and an {@link OccupancyIndex} in this JVM's memory, lost
 * when it stops. A transaction is a hold on one lock, so decisions never interleave; the lock hooks
 * do nothing. Writes apply at once (the engine writes only what it has decided to keep).
 */
final class InMemoryBookingStore implements BookingStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final OccupancyIndex index;
  /** Every booking ever accepted, in its latest status. */
  private final Map<String, Booking> all = new HashMap<>();
  /** Bookings that hold their time. */
  private final Map<String, Booking> active = new HashMap<>();
  /** Each resident's bookings that hold their time, in the order they came to hold it. */
  private final Map<String, Map<String, Booking>> activeByResident = new HashMap<>();
  private final Map<String, List<BookingEvent>> history = new HashMap<>();
  private final Map<String, List<Instant>> noShows = new HashMap<>();
  private final Map<String, List<BookingEngine.Blackout>> blackouts = new HashMap<>();
  private final Map<String, VersionedRules> rules = new HashMap<>();
  /** Reminders sent: booking id, start and lead time. */
  private final Set<List<Object>> reminded = new java.util.HashSet<>();

  InMemoryBookingStore(Map<String, Resource> resources) {
    this.index = new OccupancyIndex(resources);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    // One lock already covers every resource.
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    // One lock already covers every holder.
  }

  @Override
  public Optional<Booking> booking(String bookingId) {
    return Optional.ofNullable(all.get(bookingId));
  }

  @Override
  public List<Booking> overlapping(Resource r, Instant from, Instant to) {
    return index.overlapping(r, from, to);
  }

  @Override
  public List<Booking> starting(Resource r, Instant from, Instant to) {
    return index.starting(r, from, to);
  }

  @Override
  public List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    return index.startingBy(r, scope, holderId, from, to);
  }

  @Override
  public List<Booking> activeOf(String residentId) {
    Map<String, Booking> mine = activeByResident.get(residentId);
    return mine == null ? new ArrayList<>() : new ArrayList<>(mine.values());
  }

  @Override
  public List<Booking> active(Resource r) {
    return index.all(r);
  }

  @Override
  public List<Booking> confirmedStartingBefore(Instant instant) {
    List<Booking> out = new ArrayList<>();
    for (Booking b : active.values()) {
      if (b.status() == BookingStatus.CONFIRMED && b.request().start().isBefore(instant)) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public boolean remind(Booking booking, java.time.Duration leadTime, Instant due) {
    return reminded.add(List.of(booking.id(), booking.request().start(), leadTime));
  }

  @Override
  public void insert(Booking booking, BookingEvent created) {
    all.put(booking.id(), booking);
    activate(booking);
    history.computeIfAbsent(booking.id(), k -> new ArrayList<>()).add(created);
  }

  @Override
  public void update(Booking before, Booking after, BookingEvent event) {
    if (active.containsKey(before.id())) {
      deactivate(active.get(before.id()));
    }
    all.put(after.id(), after);
    if (after.status().holdsTime()) {
      activate(after);
    }
    history.computeIfAbsent(after.id(), k -> new ArrayList<>()).add(event);
  }

  @Override
  public void delete(Booking booking) {
    if (active.containsKey(booking.id())) {
      deactivate(active.get(booking.id()));
    }
    all.remove(booking.id());
    history.remove(booking.id());
  }

  private void activate(Booking b) {
    index.add(b);
    active.put(b.id(), b);
    activeByResident.computeIfAbsent(b.request().residentId(), k -> new LinkedHashMap<>())
        .put(b.id(), b);
  }

  private void deactivate(Booking b) {
    index.remove(b);
    active.remove(b.id());
    Map<String, Booking> mine = activeByResident.get(b.request().residentId());
    mine.remove(b.id());
    if (mine.isEmpty()) {
      activeByResident.remove(b.request().residentId());
    }
  }

  @Override
  public List<BookingEvent> history(String bookingId) {
    return new ArrayList<>(history.getOrDefault(bookingId, List.of()));
  }

  @Override
  public void addNoShow(String residentId, Instant start) {
    List<Instant> list = noShows.computeIfAbsent(residentId, k -> new ArrayList<>());
    list.add(start);
    Collections.sort(list);
  }

  @Override
  public List<Instant> noShowsOf(String residentId) {
    return noShows.getOrDefault(residentId, List.of());
  }

  @Override
  public void addBlackout(BookingEngine.Blackout blackout) {
    blackouts.computeIfAbsent(blackout.resourceId(), k -> new ArrayList<>()).add(blackout);
  }

  @Override
  public List<BookingEngine.Blackout> blackouts(String resourceId, Instant from, Instant to) {
    List<BookingEngine.Blackout> all = blackouts.get(resourceId);
    if (all == null) {
      // Asked on every decision; most resources never had a blackout.
      return List.of();
    }
    List<BookingEngine.Blackout> out = new ArrayList<>();
    for (BookingEngine.Blackout b : all) {
      if (b.from().isBefore(to) && from.isBefore(b.to())) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public VersionedRules rules(String resourceId) {
    return rules.getOrDefault(resourceId, VersionedRules.NONE);
  }

  @Override
  public int saveRules(String resourceId, RuleSet ruleSet, Instant at) {
    int version = rules(resourceId).version() + 1;
    rules.put(resourceId, new VersionedRules(ruleSet, version));
    return version;
  }
}
