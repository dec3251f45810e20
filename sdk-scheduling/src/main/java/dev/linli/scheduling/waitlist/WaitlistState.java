package dev.linli.scheduling.waitlist;

import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.internal.EngineAccess;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Where a {@link Waitlist} keeps its queue and offers: in this JVM's memory
 * ({@link MemoryWaitlistState}, the default for an engine in memory) or in the engine's PostgreSQL
 * database ({@link JdbcWaitlistState}). The waitlist's logic is the same over both; every step runs
 * inside one transaction of the engine, so the waitlist's rows and the engine's decision commit
 * together.
 */
interface WaitlistState {
  /** How an offer ended. */
  enum Ending {
    /** The resident said yes (the booking was then decided in the same transaction). */
    ACCEPTED,
    /** The resident said no. */
    DECLINED,
    /** The deadline passed without an answer. */
    EXPIRED
  }

  /**
   * Runs one step that changes the waitlist, excluding every other such step on the same waitlist
   * (in memory with a lock; in PostgreSQL with the waitlist's advisory lock, across instances).
   * The work may be run again from the start after a serialization failure.
   *
   * @param work the step
   * @param <T> its result
   * @return what it returned, once committed
   */
  <T> T step(Function<EngineAccess.Tx, T> work);

  /**
   * Runs reads in one transaction of the engine.
   *
   * @param work the reads
   * @param <T> the result
   * @return what they returned
   */
  <T> T read(Function<EngineAccess.Tx, T> work);

  /**
   * Returns the instant the waitlist's clock reads, at the precision this state keeps.
   *
   * @param at the clock's reading
   * @return it, or cut to what the database keeps (microseconds)
   */
  Instant precise(Instant at);

  /**
   * Returns who waits, by priority (higher first) then sequence.
   *
   * @param tx the transaction
   * @return a fresh list
   */
  List<Waitlist.Waiting> waiting(EngineAccess.Tx tx);

  /**
   * Returns the open offers (lapsed ones included until they are ended), oldest first.
   *
   * @param tx the transaction
   * @return a fresh list
   */
  List<Waitlist.Offer> offers(EngineAccess.Tx tx);

  /**
   * Adds someone who does not wait yet, with the next sequence number.
   *
   * @param tx the transaction
   * @param residentId who
   * @param householdId their household
   * @param priority higher first
   * @param at when they joined
   */
  void join(EngineAccess.Tx tx, String residentId, String householdId, int priority, Instant at);

  /**
   * Moves someone from the queue to an open offer.
   *
   * @param tx the transaction
   * @param offer the offer, to a resident who waits
   * @param at when it is made
   */
  void offer(EngineAccess.Tx tx, Waitlist.Offer offer, Instant at);

  /**
   * Ends an open offer.
   *
   * @param tx the transaction
   * @param offer the open offer
   * @param how how it ended
   * @param at when
   */
  void end(EngineAccess.Tx tx, Waitlist.Offer offer, Ending how, Instant at);

  /**
   * Records a notice for residents with the change it reports: a row of the booking outbox in the
   * same transaction in PostgreSQL; nothing in memory, where the engine's listener hears it.
   *
   * @param tx the transaction
   * @param notice the notice
   */
  void publish(EngineAccess.Tx tx, BookingNotice notice);
}
