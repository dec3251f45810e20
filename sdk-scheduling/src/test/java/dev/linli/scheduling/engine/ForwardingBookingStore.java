package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link BookingStore} that passes every call to another; a test subclass changes what it
 * must (the naive store drops the locks).
 */
abstract class ForwardingBookingStore implements BookingStore {
  final BookingStore delegate;

  ForwardingBookingStore(BookingStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return delegate.inTransaction(work);
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    delegate.lockResources(resourceIds);
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    delegate.lockHolders(holderKeys);
  }

  @Override
  public void foresee(Runnable reads) {
    delegate.foresee(reads);
  }

  @Override
  public Optional<Booking> booking(String bookingId) {
    return delegate.booking(bookingId);
  }

  @Override
  public List<Booking> overlapping(Resource r, Instant from, Instant to) {
    return delegate.overlapping(r, from, to);
  }

  @Override
  public List<Booking> starting(Resource r, Instant from, Instant to) {
    return delegate.starting(r, from, to);
  }

  @Override
  public List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    return delegate.startingBy(r, scope, holderId, from, to);
  }

  @Override
  public List<Booking> activeOf(String residentId) {
    return delegate.activeOf(residentId);
  }

  @Override
  public List<Booking> active(Resource r) {
    return delegate.active(r);
  }

  @Override
  public List<Booking> confirmedStartingBefore(Instant instant) {
    return delegate.confirmedStartingBefore(instant);
  }

  @Override
  public boolean remind(Booking booking, java.time.Duration leadTime, Instant due) {
    return delegate.remind(booking, leadTime, due);
  }

  @Override
  public void insert(Booking booking, BookingEvent created) {
    delegate.insert(booking, created);
  }

  @Override
  public void update(Booking before, Booking after, BookingEvent event) {
    delegate.update(before, after, event);
  }

  @Override
  public void delete(Booking booking) {
    delegate.delete(booking);
  }

  @Override
  public List<BookingEvent> history(String bookingId) {
    return delegate.history(bookingId);
  }

  @Override
  public void addNoShow(String residentId, Instant start) {
    delegate.addNoShow(residentId, start);
  }

  @Override
  public List<Instant> noShowsOf(String residentId) {
    return delegate.noShowsOf(residentId);
  }

  @Override
  public void addBlackout(BookingEngine.Blackout blackout) {
    delegate.addBlackout(blackout);
  }

  @Override
  public List<BookingEngine.Blackout> blackouts(String resourceId, Instant from, Instant to) {
    return delegate.blackouts(resourceId, from, to);
  }

  @Override
  public VersionedRules rules(String resourceId) {
    return delegate.rules(resourceId);
  }

  @Override
  public int saveRules(String resourceId, RuleSet rules, Instant at) {
    return delegate.saveRules(resourceId, rules, at);
  }
}
