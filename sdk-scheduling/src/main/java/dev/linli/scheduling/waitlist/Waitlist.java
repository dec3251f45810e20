package dev.linli.scheduling.waitlist;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A waitlist (候补) for one full slot of a resource: people join; when a seat frees, the next person
 * the rules would accept gets an offer with an acceptance deadline; on decline or timeout the offer
 * moves on; on acceptance the booking is decided again (quotas are rechecked then). Order is by
 * priority (higher first) then join time, or join time alone when all priorities are equal. There are
 * never more outstanding offers than free seats, so a seat is never offered to two people at once.
 * Thread-safe: every step runs under the waitlist's lock.
 *
 * @since 0.1.0
 */
public final class Waitlist {
  private final BookingEngine engine;
  private final Clock clock;
  private final BookingRequest slot;
  private final Duration offerFor;
  private final List<Waiting> waiting = new ArrayList<>();
  private final List<Offer> offers = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private long sequence;

  /**
   * Someone waiting.
   *
   * @param residentId who
   * @param householdId their household
   * @param priority higher is served first
   * @param joinedAt when they joined
   * @param sequence tie-breaker: join order
   */
  public record Waiting(String residentId, String householdId, int priority, Instant joinedAt,
      long sequence) {}

  /**
   * An outstanding offer of a seat.
   *
   * @param residentId to whom
   * @param householdId their household
   * @param expiresAt when it lapses
   */
  public record Offer(String residentId, String householdId, Instant expiresAt) {}

  private Waitlist(BookingEngine engine, Clock clock, BookingRequest slot, Duration offerFor) {
    this.engine = engine;
    this.clock = clock;
    this.slot = slot;
    this.offerFor = offerFor;
  }

  /**
   * Returns a waitlist for the slot of {@code template} (its resource, start, end and seats; its
   * id and booker are replaced for each person).
   *
   * @param engine the booking engine
   * @param clock the clock offers are timed with
   * @param template the slot
   * @param offerFor how long an offer stays open, positive (such as 2 h)
   * @return the waitlist
   */
  public static Waitlist of(BookingEngine engine, Clock clock, BookingRequest template,
      Duration offerFor) {
    InvalidValueException.check(offerFor != null && !offerFor.isNegative() && !offerFor.isZero(),
        "offerFor", offerFor, "must be a positive duration, such as PT2H");
    return new Waitlist(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(clock,
        "clock"), Objects.requireNonNull(template, "template"), offerFor);
  }

  private <T> T locked(java.util.function.Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Joins the waitlist (joining twice keeps the first place).
   *
   * @param residentId who
   * @param householdId their household
   * @param priority higher first; 0 for first come first served
   * @return the position, 1 for next; 0 if they already hold an offer
   */
  public int join(String residentId, String householdId, int priority) {
    Id.require(residentId, "residentId");
    Id.require(householdId, "householdId");
    return locked(() -> {
      if (offers.stream().anyMatch(o -> o.residentId().equals(residentId))) {
        return 0;
      }
      if (waiting.stream().noneMatch(w -> w.residentId().equals(residentId))) {
        waiting.add(new Waiting(residentId, householdId, priority, clock.instant(), sequence++));
        waiting.sort(Comparator.comparingInt(Waiting::priority).reversed()
            .thenComparingLong(Waiting::sequence));
      }
      for (int i = 0; i < waiting.size(); i++) {
        if (waiting.get(i).residentId().equals(residentId)) {
          return i + 1;
        }
      }
      throw new IllegalStateException("just added");
    });
  }

  private BookingRequest requestFor(String residentId, String householdId) {
    return new BookingRequest(Id.require(slot.id() + "." + residentId, "residentId"),
        slot.resourceId(), residentId, householdId, slot.start(), slot.end(), slot.seats(),
        slot.groupId());
  }

  /**
   * Expires lapsed offers and makes new ones while seats are free: each goes to the first person
   * whose booking the rules would accept now (others stay waiting). Each offer made or expired is
   * announced to the engine's listener ({@link BookingEngine#announce}) after the waitlist's lock
   * is released.
   *
   * @return the offers made by this call
   */
  public List<Offer> offerFreedSeats() {
    List<BookingNotice> notices = new ArrayList<>();
    List<Offer> made = locked(() -> {
      Instant now = clock.instant();
      List<Offer> lapsed = offers.stream().filter(o -> !o.expiresAt().isAfter(now)).toList();
      offers.removeAll(lapsed);
      for (Offer o : lapsed) {
        notices.add(BookingNotice.offer(BookingNotice.Kind.WAITLIST_OFFER_EXPIRED, now,
            requestFor(o.residentId(), o.householdId()), o.expiresAt()));
      }
      List<Offer> out = new ArrayList<>();
      while (freeSeats() > offers.size()) {
        Optional<Waiting> next = waiting.stream().filter(w -> engine.explain(
            requestFor(w.residentId(), w.householdId())) instanceof Decision.Accepted)
            .findFirst();
        if (next.isEmpty()) {
          break;
        }
        waiting.remove(next.get());
        Offer o = new Offer(next.get().residentId(), next.get().householdId(),
            now.plus(offerFor));
        offers.add(o);
        out.add(o);
        notices.add(BookingNotice.offer(BookingNotice.Kind.WAITLIST_OFFER_MADE, now,
            requestFor(o.residentId(), o.householdId()), o.expiresAt()));
      }
      return out;
    });
    // Outside the lock, as the engine does: a slow or failing listener holds up no one else.
    engine.announce(notices);
    return made;
  }

  /** Seats the slot could still take: the engine's view, by asking for one seat per offer. */
  private int freeSeats() {
    int free = 0;
    // Probe with a resident no one is, and count only capacity: other rules are the person's.
    for (int k = 1; k <= 64; k++) {
      BookingRequest probe = new BookingRequest(slot.id() + ".probe", slot.resourceId(),
          "waitlist-probe", "waitlist-probe", slot.start(), slot.end(), k * slot.seats(),
          slot.groupId());
      Decision d = engine.explain(probe);
      if (d instanceof Decision.Rejected r && r.reasons().stream().anyMatch(x ->
          x.code() == RejectionCode.CONFLICT || x.code() == RejectionCode.TOO_MANY_SEATS)) {
        break;
      }
      free = k;
    }
    return free;
  }

  /**
   * Accepts an offer: the booking is decided now (quotas rechecked); the offer ends either way.
   *
   * @param residentId who accepts
   * @return the decision, or empty if they hold no live offer
   */
  public Optional<Decision> accept(String residentId) {
    return locked(() -> {
      Instant now = clock.instant();
      Optional<Offer> o = offers.stream().filter(x -> x.residentId().equals(residentId)
          && x.expiresAt().isAfter(now)).findFirst();
      if (o.isEmpty()) {
        return Optional.empty();
      }
      offers.remove(o.get());
      return Optional.of(engine.decide(requestFor(residentId, o.get().householdId())));
    });
  }

  /**
   * Declines an offer; the seat moves on at the next {@link #offerFreedSeats()}.
   *
   * @param residentId who declines
   * @return true if they held an offer
   */
  public boolean decline(String residentId) {
    return locked(() -> offers.removeIf(o -> o.residentId().equals(residentId)));
  }

  /**
   * Returns the outstanding offers.
   *
   * @return a snapshot
   */
  public List<Offer> offers() {
    return locked(() -> List.copyOf(offers));
  }

  /**
   * Returns who is waiting, in order.
   *
   * @return a snapshot
   */
  public List<Waiting> waiting() {
    return locked(() -> List.copyOf(waiting));
  }
}
