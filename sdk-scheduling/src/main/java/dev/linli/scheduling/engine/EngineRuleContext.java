package dev.linli.scheduling.engine;

import dev.linli.core.facility.OpeningHours;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.internal.ZoneSpans;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.Optional;

/**
 * The engine's {@link RuleContext} for one decision: reads go to the store; a booking being changed
 * is hidden, since the change replaces it.
 */
final class EngineRuleContext implements RuleContext, ZoneSpans.Source {
  private final Setup setup;
  private final BookingStore store;
  private final Resource resource;
  private final Instant now;
  private final Operation operation;
  private final Booking original;
  /** Hidden from every query: the booking being changed, or null. */
  private final String hidden;

  EngineRuleContext(Setup setup, BookingStore store, Resource resource, Instant now,
      Operation operation, Booking original, String hidden) {
    this.setup = setup;
    this.store = store;
    this.resource = resource;
    this.now = now;
    this.operation = operation;
    this.original = original;
    this.hidden = hidden;
  }

  private List<Booking> visible(List<Booking> bookings) {
    // Stores answer an empty read with an immutable empty list.
    if (hidden != null && !bookings.isEmpty()) {
      bookings.removeIf(b -> b.id().equals(hidden));
    }
    return bookings;
  }

  @Override
  public Operation operation() {
    return operation;
  }

  @Override
  public Optional<Booking> original() {
    return Optional.ofNullable(original);
  }

  @Override
  public Resource resource() {
    return resource;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public HolidayCalendar calendar() {
    return setup.calendar();
  }

  @Override
  public List<Booking> bookingsStarting(Instant from, Instant to) {
    return visible(store.starting(resource, from, to));
  }

  @Override
  public List<Booking> bookingsStarting(Instant from, Instant to, Quota.Scope scope,
      String holderId) {
    return visible(store.startingBy(resource, scope, holderId, from, to));
  }

  @Override
  public List<Booking> bookingsStartingAcross(Collection<String> resourceIds, Instant from,
      Instant to, Quota.Scope scope, String holderId) {
    List<Booking> out = new ArrayList<>();
    // One indexed read per resource (a store with a server sends them in one round trip, under
    // the holder's lock that every decision for this holder takes, whatever the resource).
    for (String id : new TreeSet<>(resourceIds)) {
      Resource r = setup.resources().get(id);
      if (r != null) {
        out.addAll(store.startingBy(r, scope, holderId, from, to));
      }
    }
    out.sort(BY_START);
    return visible(out);
  }

  private static final Comparator<Booking> BY_START =
      Comparator.comparing((Booking b) -> b.request().start()).thenComparing(Booking::id);

  @Override
  public Optional<ResidentProfile> resident(String residentId) {
    return setup.residents().apply(residentId);
  }

  @Override
  public List<Booking> activeBookingsOf(String residentId) {
    return visible(store.activeOf(residentId));
  }

  @Override
  public List<Instant> noShowsOf(String residentId) {
    return store.noShowsOf(residentId);
  }

  @Override
  public ZoneSpans zoneSpans() {
    return setup.zones();
  }

  @Override
  public OpeningHours openingHours(String text) {
    return setup.parsedHours(text);
  }
}
