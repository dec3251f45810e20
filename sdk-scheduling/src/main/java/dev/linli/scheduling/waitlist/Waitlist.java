package dev.linli.scheduling.waitlist;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.internal.EngineAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A waitlist (候补) for one full slot of a resource: people join; when a seat frees, the next person
 * the rules would accept gets an offer with an acceptance deadline; on decline or timeout the offer
 * moves on; on acceptance the booking is decided again (quotas are rechecked then). Order is by
 * priority (higher first) then join order, or join order alone when all priorities are equal. There
 * are never more outstanding offers than free seats, so a seat is never offered to two people at once.
 *
 * <p><b>Where it is kept.</b> On an engine in memory the queue and offers are in memory too. On an
 * engine built over a {@link PostgresBookingStore} they are in the same database (tables
 * {@code linli_waitlist}, {@code linli_waitlist_entry} and {@code linli_waitlist_offer}, installed
 * by {@code BookingSchema.install}), named by the template request's id: a {@code Waitlist} made
 * with the same id on any instance, or after a restart, is the same waitlist. Each step (join,
 * offer, accept, decline) is one transaction of the engine that first takes the waitlist's advisory
 * lock, so instances take turns, and an acceptance's booking commits together with the offer's end
 * (or neither does). Offers made and expired are written to {@code linli_booking_outbox} in the
 * transaction that makes or expires them.
 *
 * <p>Offers made and expired are also announced to the engine's listener
 * ({@link BookingEngine#announce(List)}) after the step is kept. Thread-safe. Instants are UTC, from
 * the waitlist's clock (cut to microseconds in PostgreSQL).
 *
 * @since 0.1.0
 */
public final class Waitlist {
  private final BookingEngine engine;
  private final Clock clock;
  private final BookingRequest slot;
  private final Duration offerFor;
  private final WaitlistState state;

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

  private Waitlist(BookingEngine engine, Clock clock, BookingRequest slot, Duration offerFor,
      WaitlistState state) {
    this.engine = engine;
    this.clock = clock;
    this.slot = slot;
    this.offerFor = offerFor;
    this.state = state;
  }

  /**
   * Returns the waitlist for the slot of {@code template} (its resource, start, end and seats; its
   * id and booker are replaced for each person). On an engine over a {@link PostgresBookingStore}
   * the template's id names the waitlist in the database: the first call creates it, later calls
   * (on any instance, after restarts) open it with its queue and offers.
   *
   * @param engine the booking engine
   * @param clock the clock offers are timed with
   * @param template the slot
   * @param offerFor how long an offer stays open, positive (such as 2 h)
   * @return the waitlist
   * @throws InvalidValueException if {@code offerFor} is not positive, or the template's id already
   *     names a waitlist for another slot in the engine's database
   * @throws dev.linli.core.StorageException if the engine's database fails
   */
  public static Waitlist of(BookingEngine engine, Clock clock, BookingRequest template,
      Duration offerFor) {
    InvalidValueException.check(offerFor != null && !offerFor.isNegative() && !offerFor.isZero(),
        "offerFor", offerFor, "must be a positive duration, such as PT2H");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(template, "template");
    EngineAccess access = EngineAccess.get();
    WaitlistState state = access.onDatabase(engine)
        ? JdbcWaitlistState.open(access, engine, template, clock.instant())
        : new MemoryWaitlistState(access, engine);
    return new Waitlist(engine, clock, template, offerFor, state);
  }

  /**
   * A waitlist whose queue and offers stay in this JVM's memory whatever the engine's store: on a
   * shared database, each instance with its own queue. Tests use it to show what the shared
   * waitlist prevents.
   */
  static Waitlist inMemory(BookingEngine engine, Clock clock, BookingRequest template,
      Duration offerFor) {
    return new Waitlist(engine, clock, template, offerFor,
        new MemoryWaitlistState(EngineAccess.get(), engine));
  }

  private Instant now() {
    return state.precise(clock.instant());
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
    return state.step(tx -> {
      if (state.offers(tx).stream().anyMatch(o -> o.residentId().equals(residentId))) {
        return 0;
      }
      List<Waiting> waiting = state.waiting(tx);
      if (waiting.stream().noneMatch(w -> w.residentId().equals(residentId))) {
        state.join(tx, residentId, householdId, priority, now());
        waiting = state.waiting(tx);
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
   * announced to the engine's listener ({@link BookingEngine#announce}) once the step is kept, and
   * in PostgreSQL also written to the booking outbox with it.
   *
   * @return the offers made by this call
   */
  public List<Offer> offerFreedSeats() {
    List<BookingNotice> notices = new ArrayList<>();
    List<Offer> made = state.step(tx -> {
      // A step may be run again after a serialization failure: start from nothing each time.
      notices.clear();
      Instant now = now();
      List<Offer> open = new ArrayList<>();
      for (Offer o : state.offers(tx)) {
        if (o.expiresAt().isAfter(now)) {
          open.add(o);
          continue;
        }
        state.end(tx, o, WaitlistState.Ending.EXPIRED, now);
        notices.add(notice(tx, BookingNotice.Kind.WAITLIST_OFFER_EXPIRED, now, o));
      }
      List<Offer> out = new ArrayList<>();
      int free = freeSeats(tx);
      // Offers make no bookings, so each person's answer from the rules holds for the whole pass.
      for (Waiting w : state.waiting(tx)) {
        if (free <= open.size() + out.size()) {
          break;
        }
        if (!(tx.explain(requestFor(w.residentId(), w.householdId()))
            instanceof Decision.Accepted)) {
          continue;
        }
        Offer o = new Offer(w.residentId(), w.householdId(), now.plus(offerFor));
        state.offer(tx, o, now);
        out.add(o);
        notices.add(notice(tx, BookingNotice.Kind.WAITLIST_OFFER_MADE, now, o));
      }
      return out;
    });
    // After the step, as the engine does: a slow or failing listener holds up no one else.
    engine.announce(notices);
    return made;
  }

  private BookingNotice notice(EngineAccess.Tx tx, BookingNotice.Kind kind, Instant now,
      Offer o) {
    BookingNotice n = BookingNotice.offer(kind, now, requestFor(o.residentId(), o.householdId()),
        o.expiresAt());
    state.publish(tx, n);
    return n;
  }

  /** Seats the slot could still take: the engine's view, by asking for one seat per offer. */
  private int freeSeats(EngineAccess.Tx tx) {
    int free = 0;
    // Probe with a resident no one is, and count only capacity: other rules are the person's.
    for (int k = 1; k <= 64; k++) {
      BookingRequest probe = new BookingRequest(slot.id() + ".probe", slot.resourceId(),
          "waitlist-probe", "waitlist-probe", slot.start(), slot.end(), k * slot.seats(),
          slot.groupId());
      Decision d = tx.explain(probe);
      if (d instanceof Decision.Rejected r && r.reasons().stream().anyMatch(x ->
          x.code() == RejectionCode.CONFLICT || x.code() == RejectionCode.TOO_MANY_SEATS)) {
        break;
      }
      free = k;
    }
    return free;
  }

  /**
   * Accepts an offer: the booking is decided now (quotas rechecked); the offer ends either way. In
   * PostgreSQL the offer's end and the booking are one transaction.
   *
   * @param residentId who accepts
   * @return the decision, or empty if they hold no live offer
   */
  public Optional<Decision> accept(String residentId) {
    return state.step(tx -> {
      Instant now = now();
      Optional<Offer> o = state.offers(tx).stream().filter(x -> x.residentId().equals(residentId)
          && x.expiresAt().isAfter(now)).findFirst();
      if (o.isEmpty()) {
        return Optional.empty();
      }
      state.end(tx, o.get(), WaitlistState.Ending.ACCEPTED, now);
      return Optional.of(tx.decide(requestFor(residentId, o.get().householdId())));
    });
  }

  /**
   * Declines an offer; the seat moves on at the next {@link #offerFreedSeats()}.
   *
   * @param residentId who declines
   * @return true if they held an offer
   */
  public boolean decline(String residentId) {
    return state.step(tx -> {
      Optional<Offer> o = state.offers(tx).stream().filter(x -> x.residentId().equals(residentId))
          .findFirst();
      o.ifPresent(x -> state.end(tx, x, WaitlistState.Ending.DECLINED, now()));
      return o.isPresent();
    });
  }

  /**
   * Returns the outstanding offers.
   *
   * @return a snapshot, oldest first
   */
  public List<Offer> offers() {
    return state.read(tx -> List.copyOf(state.offers(tx)));
  }

  /**
   * Returns who is waiting, in order.
   *
   * @return a snapshot
   */
  public List<Waiting> waiting() {
    return state.read(tx -> List.copyOf(state.waiting(tx)));
  }
}
