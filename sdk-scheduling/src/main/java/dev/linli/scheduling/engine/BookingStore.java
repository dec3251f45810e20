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
 * Where a {@link BookingEngine} keeps all its state: bookings in their latest status (the booking id
 * is the request id, so this is also the idempotency record), their history, no-shows and blackouts.
 * The engine reads and writes only through this seam, so a store backed by a database can replace
 * the in-memory default.
 *
 * <p><b>Transactions.</b> Every engine operation runs inside {@link #inTransaction}; its reads see
 * the current state and its writes become visible together when the work returns (a store backed by
 * a database commits then, and rolls back if the work throws). Before a decision that writes, the
 * engine calls {@link #lockResources} and then {@link #lockHolders} with what the decision reads, so a
 * store shared by several engines serialises competing decisions (for example with
 * {@code pg_advisory_xact_lock} or {@code SELECT … FOR UPDATE}); ids come sorted, resources before
 * holders, so two transactions never wait for each other in a cycle. The in-memory store runs the
 * work under one lock and its lock hooks do nothing.
 *
 * <p><b>Queries.</b> Each answers one question a decision asks and maps onto an indexed query:
 * bookings holding time on a resource overlapping an interval (an index or exclusion constraint on
 * {@code (resource, blocked period)}), starting in an interval (on {@code (resource, start)}), made by
 * one resident, household or group (on {@code (resource, holder, start)}), a booking by id (the
 * primary key). "Holding time" is {@link dev.linli.scheduling.booking.BookingStatus#holdsTime()}.
 * Lists are fresh and may be modified by the caller.
 */
interface BookingStore {
  /**
   * Runs {@code work} as one transaction. A store may run it again after a serialization failure
   * or deadlock (PostgreSQL asks clients to retry); the engine's work has no effect outside the
   * store, so a retry is safe. The engine never starts a transaction inside another.
   *
   * @param work reads and writes through this store
   * @param <T> the result
   * @return what the work returned
   */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs {@code work} as one transaction that only reads (an availability query): as
   * {@link #inTransaction}, and a store backed by a database may tell the server so. The work
   * takes no locks and writes nothing.
   *
   * @param work reads through this store
   * @param <T> the result
   * @return what the work returned
   */
  default <T> T readOnly(Supplier<T> work) {
    return inTransaction(work);
  }

  /**
   * Locks resources for the rest of the current transaction: their bookings, blackouts and seats.
   *
   * @param resourceIds resource ids, sorted
   */
  void lockResources(List<String> resourceIds);

  /**
   * Locks what quotas and caps count for the rest of the current transaction: a resident's, a
   * household's and a group's bookings across resources, and the resident's no-shows.
   *
   * @param holderKeys {@code resident:<id>}, {@code household:<id>}, {@code group:<id>}, sorted
   */
  void lockHolders(List<String> holderKeys);

  /**
   * Tells the store which reads the current transaction is about to make, so that a store with
   * round trips to a server can make them all at once: {@code reads} makes those calls on this
   * store. A store may run it with every read answering "nothing" (no bookings, no rules beyond
   * the last it saw) just to note which reads it asks, then fetch them together, after the locks
   * asked for so far, when the transaction next needs the server. Only a hint: the answers the
   * engine acts on are always read in the current transaction after its locks, and a read not
   * foreseen is made when asked. The in-memory store ignores it.
   *
   * @param reads calls of this store's read methods, writing nothing
   */
  default void foresee(Runnable reads) {}

  /**
   * Returns a booking in its latest status, whatever it is.
   *
   * @param bookingId the booking (and request) id
   * @return it, or empty if the engine never accepted it (or rolled it back)
   */
  Optional<Booking> booking(String bookingId);

  /**
   * Returns the bookings of {@code r} holding time whose blocked interval (with {@code r}'s
   * buffers) overlaps {@code [from, to)}.
   *
   * @param r the resource
   * @param from first instant
   * @param to first instant after
   * @return the bookings, by blocked start then id
   */
  List<Booking> overlapping(Resource r, Instant from, Instant to);

  /**
   * Returns the bookings of {@code r} holding time that start in {@code [from, to)}.
   *
   * @param r the resource
   * @param from first start included
   * @param to first start excluded
   * @return the bookings, by start then id
   */
  List<Booking> starting(Resource r, Instant from, Instant to);

  /**
   * Returns the bookings of {@code r} holding time, made by one resident, household or group, that
   * start in {@code [from, to)}.
   *
   * @param r the resource
   * @param scope resident, household or group
   * @param holderId its id
   * @param from first start included
   * @param to first start excluded
   * @return the bookings, by start
   */
  List<Booking> startingBy(Resource r, Quota.Scope scope, String holderId, Instant from,
      Instant to);

  /**
   * Returns a resident's bookings holding time, on every resource.
   *
   * @param residentId the resident
   * @return the bookings, in the order they were stored
   */
  List<Booking> activeOf(String residentId);

  /**
   * Returns every booking of {@code r} holding time.
   *
   * @param r the resource
   * @return the bookings, by blocked start then id
   */
  List<Booking> active(Resource r);

  /**
   * Returns the confirmed bookings (on every resource) that start before {@code instant}: the
   * candidates for a no-show release.
   *
   * @param instant the bound, exclusive
   * @return the bookings, in no particular order
   */
  List<Booking> confirmedStartingBefore(Instant instant);

  /**
   * Records that a booking at its current start was reminded at a lead time, unless it already
   * was: with the outbox row of the {@code UPCOMING} notice in the same transaction, on a store
   * with one. Across engines sharing the store, one call per booking, start and lead time returns
   * true, ever.
   *
   * @param booking the booking, holding its time
   * @param leadTime the lead time
   * @param due when the reminder fell due: the booking's start minus {@code leadTime}
   * @return true if this call recorded it (the notice should go out); false if it was already
   */
  boolean remind(Booking booking, java.time.Duration leadTime, Instant due);

  /**
   * Stores a new booking that holds time, with the first event of its history.
   *
   * @param booking the booking; its id is not yet stored
   * @param created its first history event
   */
  void insert(Booking booking, BookingEvent created);

  /**
   * Replaces a stored booking by its next version (same id; another status, time or resource) and
   * appends the event to its history. A version that no longer holds time leaves the indexes. A
   * store shared by several engines checks that {@code before} is still what it holds (status and
   * request) and fails the transaction if not, since the engine read it before locking.
   *
   * @param before the version stored now
   * @param after the new version
   * @param event what happened, who and when
   */
  void update(Booking before, Booking after, BookingEvent event);

  /**
   * Forgets a booking and its history as if it was never accepted (an all-or-nothing batch that
   * failed part-way, in a store without rollback).
   *
   * @param booking the booking as stored
   */
  void delete(Booking booking);

  /**
   * Returns a booking's history.
   *
   * @param bookingId the booking
   * @return its events, oldest first; empty if unknown
   */
  List<BookingEvent> history(String bookingId);

  /**
   * Records a no-show of a resident.
   *
   * @param residentId the resident
   * @param start the start of the booking they missed
   */
  void addNoShow(String residentId, Instant start);

  /**
   * Returns when a resident's no-shows happened.
   *
   * @param residentId the resident
   * @return the starts of the missed bookings, oldest first
   */
  List<Instant> noShowsOf(String residentId);

  /**
   * Stores a blackout.
   *
   * @param blackout the closure
   */
  void addBlackout(BookingEngine.Blackout blackout);

  /**
   * Returns the blackouts of one resource that overlap {@code [from, to)}.
   *
   * @param resourceId the resource
   * @param from first instant
   * @param to first instant after
   * @return the blackouts, in the order they were stored
   */
  List<BookingEngine.Blackout> blackouts(String resourceId, Instant from, Instant to);

  /**
   * Returns the rule set in force for a resource, with its version.
   *
   * @param resourceId the resource
   * @return the latest version, or {@link VersionedRules#NONE} if the resource never had rules
   */
  VersionedRules rules(String resourceId);

  /**
   * Stores a new version of a resource's rules, which decisions use from then on. The caller holds
   * the resource's lock.
   *
   * @param resourceId the resource
   * @param rules the rules
   * @param at when (the engine's clock)
   * @return the new version: one more than the latest
   */
  int saveRules(String resourceId, RuleSet rules, Instant at);

  /**
   * Returns the current transaction's database connection, with every lock asked for so far
   * taken, for features built on the engine that keep rows of their own in the same transaction
   * (waitlists).
   *
   * @return the connection, or empty for a store that is not a database
   */
  default Optional<java.sql.Connection> transactionConnection() {
    return Optional.empty();
  }
}
