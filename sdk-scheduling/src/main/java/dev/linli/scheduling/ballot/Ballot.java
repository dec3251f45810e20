package dev.linli.scheduling.ballot;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.internal.EngineAccess;
import dev.linli.scheduling.lottery.Lottery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A ballot (摇号) for a popular slot, run through a {@link BookingEngine}: after the entry window
 * closes, the seeded {@link Lottery} ranks the entries; the winners' places are booked at once as
 * {@link BookingStatus#AWAITING_CLAIM} (history action {@code ballot-won}, notice
 * {@code PLACE_WON}); a winner claims (or pays) by the deadline, which confirms the booking
 * ({@code claimed}); a place not claimed in time is released ({@code claim-lapsed}, status
 * {@code CANCELLED}) and offered to the next entrant on the reserve list ({@code reserve-offered},
 * with a deadline of its own); once the reserve list is used up, free places are simply free, so
 * whoever books first gets them.
 *
 * <p><b>Guarantees.</b> The ballot never holds more than {@code places} places, and the engine
 * never lets bookings exceed the resource's capacity; one household never holds two places of one
 * ballot; every place a winner does not claim ends with a reserve entrant or open to first-come.
 * Each entrant is given at most one booking (id {@code <ballot id>.<resident id>}), so a lapsed
 * entrant is never offered twice; an entrant the rules refused is tried again at the next release
 * (a quota may have freed meanwhile). Every booking the ballot makes passes the resource's rules
 * (quotas, eligibility, bans, conflicts) except notice and release windows: the ballot is how its
 * slot is released. An entrant the rules refuse is passed over and the place goes on down the list.
 *
 * <p><b>Audit.</b> The {@link Lottery.Draw} (seed, every entry, the ranking and its numbers) is the
 * ballot's record: {@link #of} reopens a ballot from it on any engine holding its bookings (in memory
 * or PostgreSQL), and {@link #rerun()} draws again from the record's entries and seed and tells
 * whether the same winners come out. A ballot keeps no state of its own: where it stands is read
 * from the engine's bookings, so it works the same over both stores, across instances and restarts.
 *
 * <p>Thread-safe as far as the engine is: each step is one engine transaction. Instants are UTC
 * from the ballot's clock, which should be the engine's.
 *
 * @since 0.2.0
 */
public final class Ballot {
  /** The checks a ballot's bookings do not need: the draw is the slot's release. */
  private static final Set<RejectionCode> WAIVED =
      Set.of(RejectionCode.NOT_RELEASED, RejectionCode.TOO_EARLY);

  private final BookingEngine engine;
  private final Clock clock;
  private final Terms terms;
  private final Lottery.Draw draw;

  /**
   * What a ballot gives out and how long winners have to claim.
   *
   * @param slot the slot (its id names the ballot; resource, start, end and seats per place; its
   *     booker is replaced by each entrant)
   * @param places how many places, {@code >= 1}
   * @param entriesCloseAt when the entry window closes; the draw may not run before
   * @param claimFor how long a winner has to claim, positive; a deadline never falls after the
   *     slot's start
   */
  public record Terms(BookingRequest slot, int places, Instant entriesCloseAt, Duration claimFor) {
    /**
     * Validates the terms.
     *
     * @throws InvalidValueException if a field is missing or out of range
     */
    public Terms {
      InvalidValueException.requirePresent(slot, "slot");
      InvalidValueException.check(places >= 1, "places", places, "must be >= 1");
      InvalidValueException.requirePresent(entriesCloseAt, "entriesCloseAt");
      InvalidValueException.check(!entriesCloseAt.isAfter(slot.start()), "entriesCloseAt",
          entriesCloseAt, "must be at or before the slot's start " + slot.start());
      InvalidValueException.check(claimFor != null && claimFor.compareTo(Duration.ZERO) > 0,
          "claimFor", claimFor, "must be a positive duration, such as PT24H");
    }
  }

  /**
   * One entrant's place and where it stands.
   *
   * @param residentId the entrant
   * @param booking their booking as it is now
   * @param claimBy when an unclaimed place lapses
   */
  public record Place(String residentId, Booking booking, Instant claimBy) {}

  /**
   * What one {@link #release()} did.
   *
   * @param lapsed places not claimed in time, now cancelled
   * @param offered new places given to reserve entrants, awaiting their claim
   * @param passedOver entrants the rules refused a place, with the reasons
   * @param openToFirstCome places the ballot holds no one for: the reserve list is used up
   */
  public record Release(List<Booking> lapsed, List<Booking> offered,
      Map<String, List<Reason>> passedOver, int openToFirstCome) {
    /** Copies the collections. */
    public Release {
      lapsed = List.copyOf(lapsed);
      offered = List.copyOf(offered);
      passedOver = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passedOver));
    }
  }

  private Ballot(BookingEngine engine, Clock clock, Terms terms, Lottery.Draw draw) {
    this.engine = engine;
    this.clock = clock;
    this.terms = terms;
    this.draw = draw;
  }

  /**
   * Draws the ballot and books the winners' places, all in one transaction of the engine: winners
   * the rules refuse are passed over and their places go down the reserve list at once.
   *
   * @param engine the booking engine (in memory or over a {@link PostgresBookingStore})
   * @param clock the clock deadlines are timed with (the engine's)
   * @param terms what the ballot gives out
   * @param entries the entries, one per resident
   * @param seed the seed to publish
   * @return the ballot, with its draw record
   * @throws InvalidValueException if the entry window is still open, or a resident entered twice
   */
  public static Ballot draw(BookingEngine engine, Clock clock, Terms terms,
      List<Lottery.Entry> entries, long seed) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(terms, "terms");
    Instant now = clock.instant();
    InvalidValueException.check(!now.isBefore(terms.entriesCloseAt()), "entriesCloseAt",
        terms.entriesCloseAt(), "the entry window is still open (now " + now
        + "); draw at or after it closes");
    Ballot ballot = new Ballot(engine, clock, terms,
        Lottery.draw(terms.slot().id(), terms.places(), entries, seed));
    ballot.release();
    return ballot;
  }

  /**
   * Reopens a ballot from its draw record, on an engine that holds its bookings.
   *
   * @param engine the booking engine
   * @param clock the clock (the engine's)
   * @param terms the ballot's terms
   * @param draw the record {@link #record()} returned
   * @return the ballot
   * @throws InvalidValueException if the record is for another ballot or another number of places
   */
  public static Ballot of(BookingEngine engine, Clock clock, Terms terms, Lottery.Draw draw) {
    Objects.requireNonNull(draw, "draw");
    InvalidValueException.check(draw.ballotId().equals(terms.slot().id()), "draw.ballotId",
        draw.ballotId(), "must be the slot's id " + terms.slot().id());
    InvalidValueException.check(draw.places() == terms.places(), "draw.places", draw.places(),
        "must be the terms' places " + terms.places());
    return new Ballot(Objects.requireNonNull(engine, "engine"),
        Objects.requireNonNull(clock, "clock"), terms, draw);
  }

  /**
   * Returns the draw record: seed, algorithm, every entry ranked with its numbers.
   *
   * @return the record
   */
  public Lottery.Draw record() {
    return draw;
  }

  /**
   * Draws again from the record's entries and seed.
   *
   * @return true if the same entrants win in the same order
   */
  public boolean rerun() {
    List<Lottery.Entry> entries = draw.ranking().stream().map(Lottery.Ranked::entry).toList();
    return Lottery.draw(draw.ballotId(), draw.places(), entries, draw.seed()).ranking()
        .equals(draw.ranking());
  }

  /**
   * Returns the booking id the ballot uses for an entrant.
   *
   * @param residentId the entrant
   * @return {@code <ballot id>.<resident id>}
   * @throws InvalidValueException if the id would be too long
   */
  public String bookingId(String residentId) {
    return Id.require(terms.slot().id() + "." + residentId, "residentId");
  }

  private BookingRequest requestFor(Lottery.Entry e) {
    BookingRequest s = terms.slot();
    return new BookingRequest(bookingId(e.residentId()), s.resourceId(), e.residentId(),
        e.householdId(), s.start(), s.end(), s.seats(), s.groupId());
  }

  private Instant deadline(Booking b) {
    Instant by = b.acceptedAt().plus(terms.claimFor());
    return by.isAfter(terms.slot().start()) ? terms.slot().start() : by;
  }

  /**
   * Claims a place: an entrant holding one before its deadline has it confirmed.
   *
   * @param residentId the entrant
   * @return accepted with the confirmed booking (or the booking already claimed); rejected with
   *     {@code claim-expired} after the deadline, or {@code unknown-booking} if they hold no place
   */
  public Decision claim(String residentId) {
    Id.require(residentId, "residentId");
    String id = bookingId(residentId);
    return EngineAccess.get().inTransaction(engine, tx -> {
      Optional<Booking> held = tx.booking(id);
      if (held.isEmpty() || !held.get().status().holdsTime()) {
        return new Decision.Rejected(List.of(Reason.of(RejectionCode.UNKNOWN_BOOKING, "ballot",
            residentId + " holds no place in ballot " + terms.slot().id(), residentId + "在摇号"
            + terms.slot().id() + "中没有待确认的名额", "ballot", terms.slot().id(), "residentId",
            residentId)), List.of());
      }
      Booking b = held.get();
      if (b.status() != BookingStatus.AWAITING_CLAIM) {
        return new Decision.Accepted(b);
      }
      Instant by = deadline(b);
      Instant now = clock.instant();
      if (!now.isBefore(by)) {
        return new Decision.Rejected(List.of(Reason.of(RejectionCode.CLAIM_EXPIRED, "ballot",
            "the place in ballot " + terms.slot().id() + " had to be claimed before " + by
            + " (now " + now + "); it goes to the reserve list", "摇号" + terms.slot().id()
            + "的名额须在" + by + "前确认（现在" + now + "），已转给候补", "claimBy", by, "now", now)),
            List.of());
      }
      return new Decision.Accepted(tx.move(id, BookingStatus.AWAITING_CLAIM,
          BookingStatus.CONFIRMED, residentId, "claimed").orElseThrow());
    });
  }

  /**
   * Releases lapsed places and gives free places to the next entrants: winners first (at the
   * draw), then the reserve list in rank order. Call it after the draw (done by {@link #draw}) and
   * whenever a deadline may have passed (a timer, or before showing the slot).
   *
   * @return what it did
   */
  public Release release() {
    return EngineAccess.get().inTransaction(engine, tx -> {
      BookingRequest s = terms.slot();
      // Locks the slot's resource first: the count below stays true until the commit.
      tx.holding(s.resourceId(), s.start(), s.end());
      Instant now = clock.instant();
      List<Booking> lapsed = new ArrayList<>();
      List<Booking> offered = new ArrayList<>();
      Map<String, List<Reason>> passed = new LinkedHashMap<>();
      Set<String> households = new HashSet<>();
      Set<String> tried = new HashSet<>();
      int held = 0;
      for (Lottery.Ranked r : draw.ranking()) {
        Optional<Booking> b = tx.booking(bookingId(r.entry().residentId()));
        if (b.isEmpty()) {
          continue;
        }
        tried.add(r.entry().residentId());
        Booking booking = b.get();
        if (booking.status() == BookingStatus.AWAITING_CLAIM && !now.isBefore(deadline(booking))) {
          lapsed.add(tx.move(booking.id(), BookingStatus.AWAITING_CLAIM, BookingStatus.CANCELLED,
              "system", "claim-lapsed").orElseThrow());
        } else if (booking.status().holdsTime()) {
          held++;
          households.add(r.entry().householdId());
        }
      }
      Set<String> winners = new HashSet<>(draw.winners());
      List<Lottery.Entry> order = new ArrayList<>();
      for (Lottery.Ranked r : draw.ranking()) {
        if (r.won()) {
          order.add(r.entry());
        }
      }
      Set<String> reserve = new HashSet<>(draw.reserve());
      for (Lottery.Ranked r : draw.ranking()) {
        if (reserve.contains(r.entry().residentId())) {
          order.add(r.entry());
        }
      }
      for (Lottery.Entry e : order) {
        if (held >= terms.places()) {
          break;
        }
        if (tried.contains(e.residentId()) || households.contains(e.householdId())
            || passed.containsKey(e.residentId())) {
          continue;
        }
        Decision d = tx.place(requestFor(e), BookingStatus.AWAITING_CLAIM, "system",
            winners.contains(e.residentId()) ? "ballot-won" : "reserve-offered", WAIVED);
        if (d instanceof Decision.Accepted a) {
          offered.add(a.booking());
          households.add(e.householdId());
          held++;
        } else {
          passed.put(e.residentId(), ((Decision.Rejected) d).reasons());
        }
      }
      return new Release(lapsed, offered, passed, terms.places() - held);
    });
  }

  /**
   * Returns every entrant who was given a place, in rank order, with where the place stands.
   *
   * @return the places, held or not
   */
  public List<Place> places() {
    return EngineAccess.get().inTransaction(engine, tx -> {
      List<Place> out = new ArrayList<>();
      for (Lottery.Ranked r : draw.ranking()) {
        tx.booking(bookingId(r.entry().residentId())).ifPresent(b ->
            out.add(new Place(r.entry().residentId(), b, deadline(b))));
      }
      return out;
    });
  }

  /**
   * Returns the ballot's terms.
   *
   * @return the terms
   */
  public Terms terms() {
    return terms;
  }
}
