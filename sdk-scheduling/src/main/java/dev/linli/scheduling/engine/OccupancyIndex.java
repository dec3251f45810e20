package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The in-memory store's index of bookings that hold their time: per resource, sorted by blocked
 * start (start minus the buffer before), with the longest blocked interval as the bound that lets an
 * overlap query touch only the bookings near it; and per resource and resident, household or group,
 * sorted by start, for quotas. Not thread-safe: the store's lock guards it.
 */
final class OccupancyIndex {
  private static final Quota.Scope[] SCOPES = Quota.Scope.values();

  /** One resource's bookings, found with one look-up per read. */
  private static final class Space {
    final Resource resource;
    final NavigableMap<Instant, List<Booking>> byStart = new TreeMap<>();
    /** The longest blocked interval ever added: the reach of an overlap query to the left. */
    Duration longestBlock = Duration.ZERO;
    /**
     * Per scope (by ordinal), per resident, household or group id, by start: looked up by the id
     * itself, so that a quota's read builds no key.
     */
    final List<Map<String, NavigableMap<Instant, List<Booking>>>> byHolder = new ArrayList<>();

    Space(Resource resource) {
      this.resource = resource;
      for (int i = 0; i < SCOPES.length; i++) {
        byHolder.add(new HashMap<>());
      }
    }
  }

  private final Map<String, Space> spaces = new HashMap<>();
  /** The space last asked for: most decisions ask about one resource several times in a row. */
  private Space last;

  private Space space(String resourceId) {
    Space s = last;
    if (s != null && s.resource.id().equals(resourceId)) {
      return s;
    }
    s = spaces.get(resourceId);
    last = s;
    return s;
  }

  OccupancyIndex(Map<String, Resource> resources) {
    resources.forEach((id, r) -> spaces.put(id, new Space(r)));
  }

  static String holderKey(Quota.Scope scope, String id) {
    return switch (scope) {
      case RESIDENT -> "resident:" + id;
      case HOUSEHOLD -> "household:" + id;
      case GROUP -> "group:" + id;
    };
  }

  void add(Booking b) {
    Space space = space(b.request().resourceId());
    Resource r = space.resource;
    Instant from = b.request().start().minus(r.bufferBefore());
    Instant to = b.request().end().plus(r.bufferAfter());
    List<Booking> same = space.byStart.computeIfAbsent(from, k -> new ArrayList<>(1));
    // Ordered by id, so a booking taken out and put back lands where it was.
    int at = 0;
    while (at < same.size() && same.get(at).id().compareTo(b.id()) < 0) {
      at++;
    }
    same.add(at, b);
    Duration length = Duration.between(from, to);
    if (length.compareTo(space.longestBlock) > 0) {
      space.longestBlock = length;
    }
    for (Quota.Scope scope : SCOPES) {
      String holder = scope.holderOf(b.request());
      if (holder != null) {
        space.byHolder.get(scope.ordinal()).computeIfAbsent(holder, k -> new TreeMap<>())
            .computeIfAbsent(b.request().start(), k -> new ArrayList<>(1)).add(b);
      }
    }
  }

  void remove(Booking b) {
    Space space = space(b.request().resourceId());
    Instant key = b.request().start().minus(space.resource.bufferBefore());
    List<Booking> list = space.byStart.get(key);
    list.removeIf(x -> x.id().equals(b.id()));
    if (list.isEmpty()) {
      space.byStart.remove(key);
    }
    for (Quota.Scope scope : SCOPES) {
      String holder = scope.holderOf(b.request());
      if (holder == null) {
        continue;
      }
      Map<String, NavigableMap<Instant, List<Booking>>> holders =
          space.byHolder.get(scope.ordinal());
      NavigableMap<Instant, List<Booking>> index = holders.get(holder);
      List<Booking> at = index.get(b.request().start());
      at.removeIf(x -> x.id().equals(b.id()));
      if (at.isEmpty()) {
        index.remove(b.request().start());
      }
      if (index.isEmpty()) {
        holders.remove(holder);
      }
    }
  }

  /** Bookings of {@code r} whose blocked interval overlaps {@code [from, to)}, by blocked start. */
  List<Booking> overlapping(Resource r, Instant from, Instant to) {
    Space space = space(r.id());
    List<Booking> out = new ArrayList<>();
    Instant lowest = from.minus(space.longestBlock);
    // A tail view walked until its keys reach the end: one descent of the tree, where a bounded
    // sub-map makes two (the tree is deep and each level a likely cache miss).
    for (Map.Entry<Instant, List<Booking>> e : space.byStart.tailMap(lowest, true).entrySet()) {
      if (!e.getKey().isBefore(to)) {
        break;
      }
      for (Booking b : e.getValue()) {
        Instant bFrom = b.request().start().minus(r.bufferBefore());
        Instant bTo = b.request().end().plus(r.bufferAfter());
        if (bFrom.isBefore(to) && from.isBefore(bTo)) {
          out.add(b);
        }
      }
    }
    return out;
  }

  /** Bookings of {@code r} starting in {@code [from, to)}, by start. */
  List<Booking> starting(Resource r, Instant from, Instant to) {
    List<Booking> out = new ArrayList<>();
    // Index keys are blocked starts (start minus the buffer); shift the window to match.
    Instant end = to.minus(r.bufferBefore());
    for (Map.Entry<Instant, List<Booking>> e : space(r.id()).byStart
        .tailMap(from.minus(r.bufferBefore()), true).entrySet()) {
      if (!e.getKey().isBefore(end)) {
        break;
      }
      addEach(e.getValue(), out);
    }
    return out;
  }

  List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    NavigableMap<Instant, List<Booking>> index = space(r.id()).byHolder
        .get(scope.ordinal()).get(holderId);
    List<Booking> out = new ArrayList<>();
    if (index == null) {
      return out;
    }
    for (Map.Entry<Instant, List<Booking>> e : index.tailMap(from, true).entrySet()) {
      if (!e.getKey().isBefore(to)) {
        break;
      }
      addEach(e.getValue(), out);
    }
    return out;
  }

  /** Adds {@code from} to {@code to} one by one: most lists hold one booking (no array copy). */
  private static void addEach(List<Booking> from, List<Booking> to) {
    for (int i = 0; i < from.size(); i++) {
      to.add(from.get(i));
    }
  }

  /** Every booking of {@code r}, by blocked start, then id. */
  List<Booking> all(Resource r) {
    List<Booking> out = new ArrayList<>();
    space(r.id()).byStart.values().forEach(out::addAll);
    return out;
  }
}
