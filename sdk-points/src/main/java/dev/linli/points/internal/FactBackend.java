package dev.linli.points.internal;

import dev.linli.points.FactLog;
import dev.linli.points.Ledger;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link FactLog} is inside: a backend that opens the fact streams of the points services
 * (in memory, in a ledger's journal, in PostgreSQL). A service opens its stream once, with its
 * fact kinds, a factory of its empty state and the fold that applies one fact to it; the backend
 * replays the stored facts into a fresh state and then runs every step of the service (see
 * {@link FactStream}). Not exported; {@link FactLog} installs the bridge when initialised (the
 * "shared secrets" pattern {@link LedgerAccess} uses). Thread-safe.
 */
public abstract class FactBackend {
  private static volatile Function<FactLog, FactBackend> unwrap;
  private static volatile Function<FactBackend, FactLog> wrap;

  private final Set<String> opened = new HashSet<>();

  /** For subclasses. */
  protected FactBackend() {}

  /**
   * Installs the bridge; called once by {@link FactLog}'s static initialiser.
   *
   * @param unwrapper returns a log's backend
   * @param wrapper makes a log of a backend
   */
  public static void install(Function<FactLog, FactBackend> unwrapper,
      Function<FactBackend, FactLog> wrapper) {
    unwrap = unwrapper;
    wrap = wrapper;
  }

  private static void initialise() {
    if (unwrap == null) {
      try {
        Class.forName(FactLog.class.getName(), true, FactLog.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("FactLog is in this module", e);
      }
    }
  }

  /**
   * Returns the backend of {@code log}.
   *
   * @param log a log, not null
   * @return its backend
   */
  public static FactBackend of(FactLog log) {
    Objects.requireNonNull(log, "log");
    initialise();
    return unwrap.apply(log);
  }

  /**
   * Returns a public log whose backend is this.
   *
   * @return the log
   */
  public final FactLog asLog() {
    initialise();
    return wrap.apply(this);
  }

  /**
   * Opens a service's stream: replays every stored fact of {@code stream} into {@code empty.get()}
   * with {@code apply}, then returns the stream through which the service runs its steps.
   *
   * @param stream the stream's name, e.g. {@code volunteering}; one open per backend
   * @param codec the stream's fact kinds and their JSON form
   * @param empty makes the service's empty state
   * @param apply folds one fact into the state; deterministic, no ledger calls, no clock
   * @param <S> the state's type
   * @param <F> the facts' common type
   * @return the open stream
   * @throws IllegalStateException if {@code stream} is already open on this backend
   * @throws dev.linli.points.FactFormatException if a stored fact cannot be read
   */
  public final <S, F> FactStream<S, F> open(String stream, FactCodec<F> codec, Supplier<S> empty,
      BiConsumer<S, F> apply) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(empty, "empty");
    Objects.requireNonNull(apply, "apply");
    synchronized (opened) {
      if (!opened.add(stream)) {
        throw new IllegalStateException("the fact stream " + stream + " is already open on "
            + describe() + "; open one service per stream and log (share that service instead)");
      }
    }
    try {
      return openStream(new StreamCore<>(stream, codec, empty, apply));
    } catch (RuntimeException | Error e) {
      synchronized (opened) {
        opened.remove(stream);
      }
      throw e;
    }
  }

  /**
   * Opens the stream whose in-memory side is {@code core}: loads the stored facts into it.
   *
   * @param core the stream's state, lock and fold
   * @param <S> the state's type
   * @param <F> the facts' common type
   * @return the open stream
   */
  protected abstract <S, F> FactStream<S, F> openStream(StreamCore<S, F> core);

  /**
   * Checks that a service built on {@code ledger} may keep its facts here: a journal or database
   * log belongs to one ledger, whose changes it records with the facts.
   *
   * @param ledger the ledger the service's time bank uses
   * @throws IllegalArgumentException if this log belongs to another ledger
   */
  public void checkLedger(Ledger ledger) {
    Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Describes the backend for messages, e.g. {@code "journal /var/linli"}.
   *
   * @return the description
   */
  public abstract String describe();
}
