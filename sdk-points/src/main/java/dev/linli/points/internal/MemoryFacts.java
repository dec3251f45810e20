package dev.linli.points.internal;

import java.util.function.Function;

/**
 * The default backend: facts are applied and forgotten, so a step costs one lock and the fold,
 * as the services cost before they had logs. Not exported. Thread-safe.
 */
public final class MemoryFacts extends FactBackend {

  /** Creates an empty backend. */
  public MemoryFacts() {}

  @Override
  protected <S, F> FactStream<S, F> openStream(StreamCore<S, F> core) {
    return new FactStream<>() {
      @Override
      public <R> R step(Function<S, Decided<R, F>> decide) {
        core.lock().lock();
        try {
          Decided<R, F> d = decide.apply(core.state());
          for (F f : d.facts()) {
            core.apply(f);
          }
          return d.result();
        } finally {
          core.lock().unlock();
        }
      }

      @Override
      public <R> R read(Function<S, R> query) {
        core.lock().lock();
        try {
          return query.apply(core.state());
        } finally {
          core.lock().unlock();
        }
      }

      @Override
      public String name() {
        return core.name();
      }
    };
  }

  @Override
  public String describe() {
    return "in memory";
  }
}
