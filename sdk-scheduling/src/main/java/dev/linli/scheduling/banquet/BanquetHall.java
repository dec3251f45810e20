package dev.linli.scheduling.banquet;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A banquet hall (家宴馆, 盈丰's family-feast canteen) booked through a {@link BookingEngine}: the
 * guest count must lie within the terms, each booking is quoted its fee, points and deposit, and a
 * cancellation is refunded by the notice it gives. The rest is the engine's: the hall's rules
 * (an {@code approval} rule makes every booking wait for the centre, {@code PENDING_APPROVAL}),
 * its {@code bufferAfter} (the cleaning time kept free after each feast), conflicts and quotas.
 * Amounts are computed, not collected: the app takes the money and points. Money is {@code long}
 * fen, refunds rounded down to a whole fen. Thread-safe as far as the engine is; instants UTC.
 *
 * @since 0.2.0
 */
public final class BanquetHall {
  private final BookingEngine engine;
  private final Clock clock;
  private final BanquetTerms terms;
  private final Resource hall;

  /**
   * What a booking costs.
   *
   * @param guests the guests
   * @param feeFen the fee in fen
   * @param feePoints the fee in points
   * @param depositFen the deposit in fen, returned after the feast or on cancellation
   */
  public record Quote(int guests, long feeFen, long feePoints, long depositFen) {}

  /**
   * The decision on a banquet booking with its quote.
   *
   * @param decision the engine's decision, with the headcount reason added when the guest count
   *     is outside the terms (then nothing was booked)
   * @param quote what the booking costs
   */
  public record Booked(Decision decision, Quote quote) {}

  /**
   * What a cancellation gives back.
   *
   * @param notice time from the cancellation to the start (negative after it)
   * @param percent the share of the fee refunded
   * @param feeFen the fee refunded, in fen
   * @param feePoints the points refunded
   * @param depositFen the deposit returned, in fen
   */
  public record Refund(Duration notice, int percent, long feeFen, long feePoints,
      long depositFen) {}

  /**
   * The decision on a cancellation with its refund.
   *
   * @param decision the engine's decision (the resource's cancel window applies)
   * @param refund the refund; all zero when the cancellation was refused
   */
  public record Cancellation(Decision decision, Refund refund) {}

  private BanquetHall(BookingEngine engine, Clock clock, BanquetTerms terms, Resource hall) {
    this.engine = engine;
    this.clock = clock;
    this.terms = terms;
    this.hall = hall;
  }

  /**
   * Returns the hall named by {@code terms} on {@code engine}.
   *
   * @param engine the booking engine
   * @param clock the clock notice is measured with (the engine's)
   * @param terms the hall's terms
   * @return the hall
   * @throws InvalidValueException if the terms name no resource of the engine
   */
  public static BanquetHall of(BookingEngine engine, Clock clock, BanquetTerms terms) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(terms, "terms");
    Resource hall = engine.resources().stream()
        .filter(r -> r.id().equals(terms.resourceId())).findFirst()
        .orElseThrow(() -> new InvalidValueException("resourceId", terms.resourceId(),
            "must be a resource of the engine"));
    return new BanquetHall(engine, clock, terms, hall);
  }

  /**
   * Returns what a feast for {@code guests} costs.
   *
   * @param guests the guests
   * @return the quote (for any count; {@link #book} refuses counts outside the terms)
   */
  public Quote quote(int guests) {
    return new Quote(guests, terms.feeFen(), terms.feePoints(), terms.depositFen());
  }

  /**
   * Books the hall for a feast: the guest count is checked against the terms, then the engine
   * decides the request. A refusal lists every reason, the headcount's and the engine's.
   *
   * @param request the booking (the hall, the feast's time, normally 1 seat)
   * @param guests how many guests
   * @return the decision and the quote
   * @throws InvalidValueException if the request is for another resource
   */
  public Booked book(BookingRequest request, int guests) {
    Objects.requireNonNull(request, "request");
    InvalidValueException.check(request.resourceId().equals(hall.id()), "resourceId",
        request.resourceId(), "must be the banquet hall " + hall.id());
    Optional<Reason> headcount = headcount(guests);
    if (headcount.isEmpty()) {
      return new Booked(engine.decide(request), quote(guests));
    }
    List<Reason> reasons = new ArrayList<>();
    reasons.add(headcount.get());
    if (engine.explain(request) instanceof Decision.Rejected r) {
      reasons.addAll(r.reasons());
    }
    return new Booked(new Decision.Rejected(reasons, List.of()), quote(guests));
  }

  private Optional<Reason> headcount(int guests) {
    if (guests >= terms.minGuests() && guests <= terms.maxGuests()) {
      return Optional.empty();
    }
    return Optional.of(Reason.of(RejectionCode.HEADCOUNT, "banquet", hall.name().en() + " ("
        + hall.id() + ") seats " + terms.minGuests() + " to " + terms.maxGuests()
        + " guests; asked for " + guests, hall.name().zh() + "可容纳" + terms.minGuests() + "至"
        + terms.maxGuests() + "位宾客，申请了" + guests + "位", "min", terms.minGuests(), "max",
        terms.maxGuests(), "asked", guests));
  }

  /**
   * Returns the refund for a cancellation with {@code notice} to the start.
   *
   * @param notice time from cancelling to the start
   * @return the refund
   */
  public Refund refundFor(Duration notice) {
    Objects.requireNonNull(notice, "notice");
    int percent = terms.refundPercent(notice);
    return new Refund(notice, percent, Math.multiplyExact(terms.feeFen(), percent) / 100,
        Math.multiplyExact(terms.feePoints(), percent) / 100, terms.depositFen());
  }

  /**
   * Cancels a feast and computes its refund from the notice given now.
   *
   * @param bookingId the booking
   * @param actorId who cancels
   * @return the engine's decision and the refund (zero if refused)
   */
  public Cancellation cancel(String bookingId, String actorId) {
    Id.require(bookingId, "bookingId");
    Id.require(actorId, "actorId");
    Optional<Booking> b = engine.booking(bookingId);
    Instant now = clock.instant();
    Decision d = engine.cancel(bookingId, actorId);
    if (d instanceof Decision.Accepted a && b.isPresent() && b.get().status().holdsTime()
        && a.booking().request().resourceId().equals(hall.id())) {
      return new Cancellation(d, refundFor(Duration.between(now, a.booking().request().start())));
    }
    return new Cancellation(d, new Refund(Duration.ZERO, 0, 0, 0, 0));
  }

  /**
   * Returns the hall's terms.
   *
   * @return the terms
   */
  public BanquetTerms terms() {
    return terms;
  }
}
