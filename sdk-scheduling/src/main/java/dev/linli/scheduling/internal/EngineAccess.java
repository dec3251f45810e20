package dev.linli.scheduling.internal;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.engine.BookingEngine;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The way features built on a {@link BookingEngine} (waitlists) run their own steps inside the
 * engine's transactions, so that their rows and the engine's decisions commit together or not at
 * all. {@link BookingEngine} installs the only instance when it is initialised (the JDK's "shared
 * secrets" pattern), so none of this is public API. Not exported.
 */
public abstract class EngineAccess {
  private static volatile EngineAccess instance;

  /** For {@link BookingEngine} only. */
  protected EngineAccess() {}

  /**
   * Installs the instance; called once by {@link BookingEngine}'s static initialiser.
   *
   * @param access the instance
   */
  public static void install(EngineAccess access) {
    instance = access;
  }

  /**
   * Returns the instance, initialising {@link BookingEngine} if needed.
   *
   * @return the instance
   */
  public static EngineAccess get() {
    if (instance == null) {
      try {
        Class.forName(BookingEngine.class.getName(), true, BookingEngine.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("BookingEngine is in this module", e);
      }
    }
    return instance;
  }

  /**
   * Tells whether {@code engine} keeps its state in a database (then {@link Tx#connection()} is
   * present inside its transactions).
   *
   * @param engine an engine
   * @return true for an engine built over a {@code PostgresBookingStore}
   */
  public abstract boolean onDatabase(BookingEngine engine);

  /**
   * Runs {@code work} as one transaction of {@code engine}'s store: in memory under the engine's
   * lock; in PostgreSQL on one connection, committed when the work returns and rolled back if it
   * throws. The work may be run again from the start after a serialization failure or deadlock, so
   * it must keep no effects outside the transaction between attempts. The engine's listener hears
   * the notices of the work's decisions after the commit.
   *
   * @param engine the engine
   * @param work the work
   * @param <T> its result
   * @return what the work returned
   */
  public abstract <T> T inTransaction(BookingEngine engine, Function<Tx, T> work);

  /** What work inside an engine's transaction may do. Confined to the transaction's thread. */
  public interface Tx {
    /**
     * Returns the transaction's connection, with every lock the engine asked for taken.
     *
     * @return the connection (auto-commit off), or empty for an engine in memory
     */
    Optional<Connection> connection();

    /**
     * Decides a request inside this transaction, as {@link BookingEngine#explain} would.
     *
     * @param request the request
     * @return the decision; nothing is stored
     */
    Decision explain(BookingRequest request);

    /**
     * Decides a request inside this transaction, as {@link BookingEngine#decide} would: an
     * acceptance is stored with this transaction.
     *
     * @param request the request
     * @return the decision
     */
    Decision decide(BookingRequest request);

    /**
     * Returns the version of a resource's rules that this transaction's decisions use.
     *
     * @param resourceId the resource
     * @return the version; 0 if it has no rules
     */
    int ruleVersion(String resourceId);

    /**
     * Decides several requests in order inside this transaction, as
     * {@link BookingEngine#decideAll} would.
     *
     * @param requests the requests
     * @param allOrNothing true to keep nothing unless every request is accepted
     * @return one decision per request
     */
    List<Decision> decideAll(List<BookingRequest> requests, boolean allOrNothing);

    /**
     * Decides a request as {@link #decide} does, but keeps an acceptance in {@code status} with the
     * history action {@code action}, and lets the checks whose codes are in {@code waived} pass
     * (a ballot is how its slot is released, so release and notice windows do not apply to it).
     *
     * @param request the request
     * @param status the status an accepted booking starts in
     * @param actorId who acts, for the history
     * @param action the history action, such as {@code ballot-won}
     * @param waived refusal codes that do not refuse this request
     * @return the decision
     */
    Decision place(BookingRequest request, BookingStatus status, String actorId, String action,
        Set<RejectionCode> waived);

    /**
     * Moves a booking from {@code from} to {@code to}, recording {@code action} in its history.
     *
     * @param bookingId the booking
     * @param from the status it must be in
     * @param to the new status
     * @param actorId who acts
     * @param action the history action
     * @return the booking after the move, or empty if it was not in {@code from}
     */
    Optional<Booking> move(String bookingId, BookingStatus from, BookingStatus to, String actorId,
        String action);

    /**
     * Returns a booking in its latest status.
     *
     * @param bookingId the booking
     * @return it, or empty if the engine never accepted it
     */
    Optional<Booking> booking(String bookingId);

    /**
     * Locks a resource for writing (with the wholes and parts of its space) and returns its
     * bookings holding time that overlap {@code [from, to)}, so that a count made from them stays
     * true until the transaction ends.
     *
     * @param resourceId the resource
     * @param from first instant
     * @param to first instant after
     * @return the bookings, by blocked start then id
     */
    List<Booking> holding(String resourceId, Instant from, Instant to);
  }
}
