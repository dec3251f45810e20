package dev.linli.scheduling.booking;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Instant;

/**
 * Something a resident should be told about (a WeChat message, an SMS): a booking confirmed,
 * changed, cancelled, bumped or released as a no-show, or a waitlist offer made or expired. Produced
 * by the engine after the change it reports is kept, never for a change rolled back. Immutable and
 * thread-safe.
 *
 * @param kind what happened
 * @param at when, by the engine's clock (UTC)
 * @param residentId whom to tell
 * @param request the booking's request, or for waitlist notices the seat offered as the request
 *     that accepting would make
 * @param booking the booking as it is now, or null for waitlist notices (nothing is booked yet)
 * @param deadline when a waitlist offer lapses, or null for other notices
 * @since 0.1.0
 */
public record BookingNotice(Kind kind, Instant at, String residentId, BookingRequest request,
    Booking booking, Instant deadline) {
  /** What a notice reports. */
  public enum Kind {
    /** A booking holds its time, confirmed (at once, or when staff approved it). */
    CONFIRMED,
    /** A booking moved to another time, length or resource. */
    CHANGED,
    /** A booking was cancelled: by the resident, by staff, declined, or by a blackout. */
    CANCELLED,
    /** A booking was cancelled to make room for a higher-priority one. */
    BUMPED,
    /** A booking nobody checked in for was released, and counts as a no-show. */
    NO_SHOW_RELEASED,
    /** A freed seat was offered from the waitlist, until a deadline. */
    WAITLIST_OFFER_MADE,
    /** A waitlist offer lapsed without an answer. */
    WAITLIST_OFFER_EXPIRED,
    /**
     * A ballot gave the resident a place (in the draw, or later from its reserve list), held as
     * {@link BookingStatus#AWAITING_CLAIM} until the ballot's claim deadline.
     *
     * @since 0.2.0
     */
    PLACE_WON,
    /**
     * A ballot place was not claimed by its deadline and was released.
     *
     * @since 0.2.0
     */
    CLAIM_LAPSED,
    /**
     * A confirmed booking starts soon: one per lead time of the resource's
     * {@link dev.linli.scheduling.rule.Reminders}; {@code at} is when the reminder fell due, the
     * start minus the lead time.
     *
     * @since 0.2.0
     */
    UPCOMING
  }

  /**
   * Validates the notice.
   *
   * @throws InvalidValueException if a field is missing
   */
  public BookingNotice {
    InvalidValueException.requirePresent(kind, "kind");
    InvalidValueException.requirePresent(at, "at");
    Id.require(residentId, "residentId");
    InvalidValueException.requirePresent(request, "request");
    boolean offer = kind == Kind.WAITLIST_OFFER_MADE || kind == Kind.WAITLIST_OFFER_EXPIRED;
    InvalidValueException.check(offer == (booking == null), "booking", booking,
        offer ? "must be null for a waitlist notice" : "is required for " + kind);
    InvalidValueException.check(offer == (deadline != null), "deadline", deadline,
        offer ? "is required for a waitlist notice" : "must be null for " + kind);
  }

  /**
   * Returns a notice about a booking.
   *
   * @param kind what happened to it
   * @param at when
   * @param booking the booking as it is now
   * @return the notice, addressed to the booking's resident
   */
  public static BookingNotice of(Kind kind, Instant at, Booking booking) {
    InvalidValueException.requirePresent(booking, "booking");
    return new BookingNotice(kind, at, booking.request().residentId(), booking.request(), booking,
        null);
  }

  /**
   * Returns how long before the booking's start an {@link Kind#UPCOMING} reminder fell due.
   *
   * @return the lead time, or empty for other kinds
   * @since 0.2.0
   */
  public java.util.Optional<java.time.Duration> leadTime() {
    return kind == Kind.UPCOMING
        ? java.util.Optional.of(java.time.Duration.between(at, request.start()))
        : java.util.Optional.empty();
  }

  /**
   * Returns a notice about a waitlist offer.
   *
   * @param kind {@link Kind#WAITLIST_OFFER_MADE} or {@link Kind#WAITLIST_OFFER_EXPIRED}
   * @param at when
   * @param seat the request accepting the offer would make
   * @param deadline when the offer lapses
   * @return the notice, addressed to the request's resident
   */
  public static BookingNotice offer(Kind kind, Instant at, BookingRequest seat, Instant deadline) {
    InvalidValueException.requirePresent(seat, "seat");
    return new BookingNotice(kind, at, seat.residentId(), seat, null, deadline);
  }

  /**
   * Receives notices. Called on the thread that made the change, after the change is kept and
   * outside the engine's lock, in the order the changes happened.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Listener {
    /** Ignores every notice. */
    Listener NONE = n -> { };

    /**
     * Handles one notice. Should return quickly (queue the message rather than send it here); an
     * exception reaches the caller of the engine operation after its change was kept, and the
     * call's remaining notices are still delivered first.
     *
     * @param notice the notice
     */
    void on(BookingNotice notice);
  }
}
