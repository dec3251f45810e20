package dev.linli.scheduling.course;

import dev.linli.scheduling.internal.EngineAccess;
import java.time.Instant;
import java.util.List;

/**
 * Where a class keeps its waitlist: in this JVM's memory for an engine in memory, or in the table
 * {@code linli_class_waitlist} of the engine's PostgreSQL database. Every call runs inside a
 * {@link Course} step, which has locked the class's resource first, so steps on one class are
 * serial (across instances too, on PostgreSQL).
 */
interface ClassQueue {
  /** How someone left the queue. */
  enum Ending {
    /** Enrolled when a place freed. */
    ENROLLED,
    /** Enrolled directly, or gave up. */
    LEFT
  }

  /**
   * Returns who waits, in join order.
   *
   * @param tx the step's transaction
   * @return a fresh list
   */
  List<Course.Waiting> waiting(EngineAccess.Tx tx);

  /**
   * Adds someone who does not wait yet.
   *
   * @param tx the step's transaction
   * @param residentId who
   * @param householdId their household
   * @param at when
   */
  void join(EngineAccess.Tx tx, String residentId, String householdId, Instant at);

  /**
   * Takes someone off the queue.
   *
   * @param tx the step's transaction
   * @param residentId who
   * @param how why
   * @param at when
   */
  void end(EngineAccess.Tx tx, String residentId, Ending how, Instant at);

  /**
   * Returns the instant as this queue keeps it.
   *
   * @param at a clock reading
   * @return it, cut to microseconds in PostgreSQL
   */
  Instant precise(Instant at);
}
