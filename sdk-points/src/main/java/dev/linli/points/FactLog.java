package dev.linli.points;

import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.MemoryFacts;
import java.util.Objects;

/**
 * Where the points services ({@code Volunteering}, {@code WishBoard}, and the time bank's own
 * state) keep the facts their state is folded from, so that it survives a restart as the ledger
 * does: {@link #inMemory()} (the default: nothing survives, nothing is slower), the journal of a
 * {@link dev.linli.points.journal.DurableLedger#facts() DurableLedger} (a service step and its
 * ledger changes are one journal record: a crash keeps both or neither), or a database through
 * {@link PostgresLedger#facts()} (a step and its ledger changes are one transaction, serialised
 * per service across every application instance sharing the database).
 *
 * <pre>{@code
 * PostgresLedger books = PostgresLedger.open(dataSource);
 * TimeBank bank = TimeBank.open(books.ledger(), rules, "pool", "minutes-issuer");
 * Volunteering desk = Volunteering.on(bank, books.facts());  // replays what the database holds
 * }</pre>
 *
 * <p>Give each service the log that belongs to the ledger its time bank uses; a service refuses a
 * log of another ledger. Each service opens its own stream of facts in the log, once per log.
 * Thread-safe.
 *
 * @since 0.3.0
 */
public final class FactLog {
  static {
    FactBackend.install(log -> log.backend, FactLog::new);
  }

  private final FactBackend backend;

  private FactLog(FactBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * Returns a new log that keeps facts on the heap only: services using it lose their state when
   * the process ends, exactly as before logs existed, and pay nothing for durability.
   *
   * @return a new, empty log
   */
  public static FactLog inMemory() {
    return new FactLog(new MemoryFacts());
  }

  @Override
  public String toString() {
    return "FactLog[" + backend.describe() + "]";
  }
}
