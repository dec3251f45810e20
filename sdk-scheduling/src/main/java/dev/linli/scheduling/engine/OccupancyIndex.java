package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
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
  private final Map<String, Resource> resources;
  private final Map<String, NavigableMap<Instant, List<Booking>>> byStart = new HashMap<>();
  private final Map<String, Duration> longestBlock = new HashMap<>();
  /** Per resource, per {@code resident:}, {@code household:} or {@code group:} key, by start. */
  private final Map<String, Map<String, NavigableMap<Instant, List<Booking>>>> byHolder =
      new HashMap<>();

  OccupancyIndex(Map<String, Resource> resources) {
    this.resources = resources;
    for (String id : resources.keySet()) {
      byStart.put(id, new TreeMap<>());
      longestBlock.put(id, Duration.ZERO);
      byHolder.put(id, new HashMap<>());
    }
  }

  static String holderKey(Quota.Scope scope, String id) {
    return switch (scope) {
      case RESIDENT -> "resident:" + id;
      case HOUSEHOLD -> "household:" + id;
      case GROUP -> "group:" + id;
    };
  }

  private static List<String> holderKeys(BookingRequest r) {
    return r.groupId() == null
        ? List.of(holderKey(Quota.Scope.RESIDENT, r.residentId()),
            holderKey(Quota.Scope.HOUSEHOLD, r.householdId()))
        : List.of(holderKey(Quota.Scope.RESIDENT, r.residentId()),
            holderKey(Quota.Scope.HOUSEHOLD, r.householdId()),
            holderKey(Quota.Scope.GROUP, r.groupId()));
  }

  void add(Booking b) {
    Resource r = resources.get(b.request().resourceId());
    Instant from = b.request().start().minus(r.bufferBefore());
    Instant to = b.request().end().plus(r.bufferAfter());
    List<Booking> same = byStart.get(r.id()).computeIfAbsent(from, k -> new ArrayList<>(1));
    // Ordered by id, so a booking taken out and put back lands where it was.
    int at = 0;
    while (at < same.size() && same.get(at).id().compareTo(b.id()) < 0) {
      at++;
    }
    same.add(at, b);
    Duration length = Duration.between(from, to);
    if (length.compareTo(longestBlock.get(r.id())) > 0) {
      longestBlock.put(r.id(), length);
    }
    Map<String, NavigableMap<Instant, List<Booking>>> holders = byHolder.get(r.id());
    for (String key : holderKeys(b.request())) {
      holders.computeIfAbsent(key, k -> new TreeMap<>())
          .computeIfAbsent(b.request().start(), k -> new ArrayList<>(1)).add(b);
    }
  }

  void remove(Booking b) {
    Resource r = resources.get(b.request().resourceId());
    Instant key = b.request().start().minus(r.bufferBefore());
    List<Booking> list = byStart.get(r.id()).get(key);
    list.removeIf(x -> x.id().equals(b.id()));
    if (list.isEmpty()) {
      byStart.get(r.id()).remove(key);
    }
    Map<String, NavigableMap<Instant, List<Booking>>> holders = byHolder.get(r.id());
    for (String k : holderKeys(b.request())) {
      NavigableMap<Instant, List<Booking>> index = holders.get(k);
      List<Booking> at = index.get(b.request().start());
      at.removeIf(x -> x.id().equals(b.id()));
      if (at.isEmpty()) {
        index.remove(b.request().start());
      }
      if (index.isEmpty()) {
        holders.remove(k);
      }
    }
  }

  /** Bookings of {@code r} whose blocked interval overlaps {@code [from, to)}, by blocked start. */
  List<Booking> overlapping(Resource r, Instant from, Instant to) {
    List<Booking> out = new ArrayList<>();
    Instant lowest = from.minus(longestBlock.get(r.id()));
    for (List<Booking> list : byStart.get(r.id()).subMap(lowest, true, to, false).values()) {
      for (Booking b : list) {
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
    byStart.get(r.id()).subMap(from.minus(r.bufferBefore()), true, to.minus(r.bufferBefore()),
        false).values().forEach(out::addAll);
    return out;
  }

  List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    NavigableMap<Instant, List<Booking>> index = byHolder.get(r.id())
        .get(holderKey(scope, holderId));
    if (index == null) {
      return new ArrayList<>();
    }
    List<Booking> out = new ArrayList<>();
    index.subMap(from, true, to, false).values().forEach(out::addAll);
    return out;
  }

  /** Every booking of {@code r}, by blocked start, then id. */
  List<Booking> all(Resource r) {
    List<Booking> out = new ArrayList<>();
    byStart.get(r.id()).values().forEach(out::addAll);
    return out;
  }
}
