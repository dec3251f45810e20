package dev.linli.points.internal;

import java.util.function.Function;

/**
 * One service's open stream of facts: the only way its state changes. A step <em>decides</em>
 * (reads the state, may call the ledger, returns a result and the new facts) and the stream then
 * <em>applies</em> the facts to the state, after making them as durable as its backend promises
 * and atomic with the step's ledger changes. Replaying the stored facts in order on open gives the
 * same state, so a decision must not change the state itself.
 *
 * <p>Steps of one stream are serialised: in memory and in a journal by a lock; in PostgreSQL by a
 * transaction-scoped advisory lock on the stream, held across every application instance, after
 * the stream has caught up with the facts other instances stored. A step may run another
 * service's step inside its decision (the time bank's, say): the inner facts then join the same
 * record or transaction. Not exported. Thread-safe.
 *
 * @param <S> the service's state
 * @param <F> the facts' common type
 */
public interface FactStream<S, F> {

  /**
   * Runs one step. {@code decide} runs with the stream caught up and locked; it returns the
   * result and the facts to store (none for a refusal). The facts are stored (with the ledger
   * changes {@code decide} made) and applied, in order, before this returns the result.
   *
   * <p>If {@code decide} throws, nothing of it is applied: on PostgreSQL its transaction (ledger
   * changes included) rolls back; in memory and in a journal the ledger changes it made before
   * throwing stay (as any ledger call's do) and no fact is stored.
   *
   * @param decide reads the state and decides; must not change the state, may call the ledger
   * @param <R> the result's type
   * @return the result {@code decide} returned
   * @throws dev.linli.core.StorageException if the database fails (nothing was stored)
   */
  <R> R step(Function<S, Decided<R, F>> decide);

  /**
   * Reads the state, caught up with what other instances stored (PostgreSQL) and durable
   * (journal): {@code query} runs under the stream's lock and must copy what it returns.
   *
   * @param query what to read
   * @param <R> the result's type
   * @return what {@code query} returned
   * @throws dev.linli.core.StorageException if the database fails
   */
  <R> R read(Function<S, R> query);

  /**
   * Returns the stream's name.
   *
   * @return the name
   */
  String name();
}
