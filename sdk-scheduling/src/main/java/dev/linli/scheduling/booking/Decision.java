package dev.linli.scheduling.booking;

import java.util.List;

/**
 * The engine's answer to a {@link BookingRequest}: accepted with the booking, or rejected with every
 * reason and, when there are any, free alternatives. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Decision {
  /**
   * The request was accepted (or had been, for a retry with the same id and content).
   *
   * @param booking the booking
   * @param actor who acted, for a change or cancellation asked for with an {@link Actor}; null
   *     otherwise
   */
  record Accepted(Booking booking, Actor actor) implements Decision {
    /**
     * Returns an acceptance that names no actor.
     *
     * @param booking the booking
     */
    public Accepted(Booking booking) {
      this(booking, null);
    }
  }

  /**
   * The request was rejected; nothing changed.
   *
   * @param reasons every reason, at least one
   * @param alternatives nearby free intervals on the same resource, nearest first (may be empty)
   */
  record Rejected(List<Reason> reasons, List<BookingRequest> alternatives) implements Decision {
    /** Copies the lists. */
    public Rejected {
      reasons = List.copyOf(reasons);
      alternatives = List.copyOf(alternatives);
    }
  }
}
