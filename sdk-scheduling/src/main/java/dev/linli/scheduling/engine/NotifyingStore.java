package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link BookingStore} that turns the history events written through it into
 * {@link BookingNotice}s and hands them to the listener once the transaction has returned, outside
 * its lock: a notice is never sent for a change that was rolled back (an all-or-nothing batch that
 * failed deletes its bookings, and their notices with them; an attempt that threw sends nothing).
 * Each thread collects its own notices, so concurrent transactions of a shared store do not mix.
 */
final class NotifyingStore implements BookingStore {
  private final BookingStore inner;
  private final BookingNotice.Listener listener;
  private final ThreadLocal<List<BookingNotice>> pending = ThreadLocal.withInitial(ArrayList::new);

  NotifyingStore(BookingStore inner, BookingNotice.Listener listener) {
    this.inner = inner;
    this.listener = listener;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    List<BookingNotice> mine = pending.get();
    T result;
    try {
      result = inner.inTransaction(() -> {
        mine.clear();
        return work.get();
      });
    } catch (RuntimeException e) {
      mine.clear();
      throw e;
    }
    if (mine.isEmpty()) {
      return result;
    }
    List<BookingNotice> out = List.copyOf(mine);
    mine.clear();
    deliver(listener, out);
    return result;
  }

  @Override
  public <T> T readOnly(Supplier<T> work) {
    // Nothing is written, so there is nothing to announce.
    return inner.readOnly(work);
  }

  /** Delivers every notice, then throws the first listener failure (with the others suppressed). */
  static void deliver(BookingNotice.Listener listener, List<BookingNotice> notices) {
    RuntimeException failure = null;
    for (BookingNotice n : notices) {
      try {
        listener.on(n);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The notice a history event makes, or null if residents need not hear of it. */
  static BookingNotice.Kind kindOf(BookingEvent event) {
    Booking after = event.after();
    return switch (event.action()) {
      case "created", "approved", "claimed" -> after.status() == BookingStatus.CONFIRMED
          ? BookingNotice.Kind.CONFIRMED : null;
      case "ballot-won", "reserve-offered" -> BookingNotice.Kind.PLACE_WON;
      case "claim-lapsed" -> BookingNotice.Kind.CLAIM_LAPSED;
      case "dropped-out" -> BookingNotice.Kind.CANCELLED;
      case "changed" -> BookingNotice.Kind.CHANGED;
      case "cancelled", "declined", "blackout" -> BookingNotice.Kind.CANCELLED;
      case "bumped" -> BookingNotice.Kind.BUMPED;
      case "no-show" -> BookingNotice.Kind.NO_SHOW_RELEASED;
      default -> null;
    };
  }

  private void note(BookingEvent event) {
    BookingNotice.Kind kind = kindOf(event);
    if (kind != null) {
      pending.get().add(BookingNotice.of(kind, event.at(), event.after()));
    }
  }

  @Override
  public boolean remind(Booking booking, java.time.Duration leadTime, Instant due) {
    boolean sent = inner.remind(booking, leadTime, due);
    if (sent) {
      pending.get().add(BookingNotice.of(BookingNotice.Kind.UPCOMING, due, booking));
    }
    return sent;
  }

  @Override
  public void insert(Booking booking, BookingEvent created) {
    inner.insert(booking, created);
    note(created);
  }

  @Override
  public void update(Booking before, Booking after, BookingEvent event) {
    inner.update(before, after, event);
    note(event);
  }

  @Override
  public void delete(Booking booking) {
    inner.delete(booking);
    pending.get().removeIf(n -> n.request().id().equals(booking.id()));
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    inner.lockResources(resourceIds);
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    inner.lockHolders(holderKeys);
  }

  @Override
  public void foresee(Runnable reads) {
    inner.foresee(reads);
  }

  @Override
  public Optional<Booking> booking(String bookingId) {
    return inner.booking(bookingId);
  }

  @Override
  public List<Booking> overlapping(Resource r, Instant from, Instant to) {
    return inner.overlapping(r, from, to);
  }

  @Override
  public List<Booking> starting(Resource r, Instant from, Instant to) {
    return inner.starting(r, from, to);
  }

  @Override
  public List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to) {
    return inner.startingBy(r, scope, holderId, from, to);
  }

  @Override
  public List<Booking> activeOf(String residentId) {
    return inner.activeOf(residentId);
  }

  @Override
  public List<Booking> active(Resource r) {
    return inner.active(r);
  }

  @Override
  public List<Booking> confirmedStartingBefore(Instant instant) {
    return inner.confirmedStartingBefore(instant);
  }

  @Override
  public List<BookingEvent> history(String bookingId) {
    return inner.history(bookingId);
  }

  @Override
  public void addNoShow(String residentId, Instant start) {
    inner.addNoShow(residentId, start);
  }

  @Override
  public List<Instant> noShowsOf(String residentId) {
    return inner.noShowsOf(residentId);
  }

  @Override
  public void addBlackout(BookingEngine.Blackout blackout) {
    inner.addBlackout(blackout);
  }

  @Override
  public List<BookingEngine.Blackout> blackouts(String resourceId, Instant from, Instant to) {
    return inner.blackouts(resourceId, from, to);
  }

  @Override
  public VersionedRules rules(String resourceId) {
    return inner.rules(resourceId);
  }

  @Override
  public Optional<java.sql.Connection> transactionConnection() {
    return inner.transactionConnection();
  }

  @Override
  public int saveRules(String resourceId, RuleSet rules, Instant at) {
    return inner.saveRules(resourceId, rules, at);
  }
}
