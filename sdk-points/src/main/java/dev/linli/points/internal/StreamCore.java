package dev.linli.points.internal;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The in-memory side of one open fact stream, shared by every backend: the service's state, the
 * lock its steps run under, how many facts it has applied, and the fold. Backends hold the lock
 * while they catch up, decide and apply. Not exported.
 *
 * @param <S> the service's state
 * @param <F> the facts' common type
 */
public final class StreamCore<S, F> {
  private final String name;
  private final FactCodec<F> codec;
  private final Supplier<S> empty;
  private final BiConsumer<S, F> apply;
  private final ReentrantLock lock = new ReentrantLock();
  private S state;
  private long applied;

  StreamCore(String name, FactCodec<F> codec, Supplier<S> empty, BiConsumer<S, F> apply) {
    this.name = name;
    this.codec = codec;
    this.empty = empty;
    this.apply = apply;
    this.state = Objects.requireNonNull(empty.get(), "empty state");
  }

  /**
   * Returns the stream's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the stream's codec.
   *
   * @return the codec
   */
  public FactCodec<F> codec() {
    return codec;
  }

  /**
   * Returns the lock every step and read holds.
   *
   * @return the lock
   */
  public ReentrantLock lock() {
    return lock;
  }

  /**
   * Returns the state; only under the lock.
   *
   * @return the state
   */
  public S state() {
    return state;
  }

  /**
   * Returns how many facts the state has applied (the last applied sequence number).
   *
   * @return the count
   */
  public long applied() {
    return applied;
  }

  /**
   * Applies the next fact; under the lock.
   *
   * @param fact the fact numbered {@code applied() + 1}
   */
  public void apply(F fact) {
    apply.accept(state, fact);
    applied++;
  }

  /**
   * Reads a stored fact, which must be the next one, and applies it; under the lock.
   *
   * @param seq its sequence number
   * @param kind its kind
   * @param json its text
   * @throws IllegalStateException if {@code seq} is not {@code applied() + 1}
   * @throws dev.linli.points.FactFormatException if it cannot be read
   */
  public void applyStored(long seq, String kind, String json) {
    if (seq != applied + 1) {
      throw new IllegalStateException("fact " + seq + " of stream " + name + " follows fact "
          + applied + "; the stored stream has a gap or a repeat");
    }
    apply(codec.read(name, seq, kind, json));
  }

  /** Forgets the state, to rebuild it from the stored facts; under the lock. */
  public void reset() {
    state = Objects.requireNonNull(empty.get(), "empty state");
    applied = 0;
  }
}
