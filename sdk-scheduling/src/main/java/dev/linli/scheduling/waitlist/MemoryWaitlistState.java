package dev.linli.scheduling.waitlist;

import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.internal.EngineAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A waitlist's queue and offers in this JVM's memory, lost when it stops and unseen by other
 * instances. Every step holds the waitlist's lock, then runs in one transaction of the engine (for
 * an engine in memory, under the engine's lock too), so a step never interleaves with another.
 */
final class MemoryWaitlistState implements WaitlistState {
  private static final Comparator<Waitlist.Waiting> ORDER =
      Comparator.comparingInt(Waitlist.Waiting::priority).reversed()
          .thenComparingLong(Waitlist.Waiting::sequence);

  private final EngineAccess access;
  private final BookingEngine engine;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Waitlist.Waiting> waiting = new ArrayList<>();
  private final List<Waitlist.Offer> offers = new ArrayList<>();
  private long sequence;

  MemoryWaitlistState(EngineAccess access, BookingEngine engine) {
    this.access = access;
    this.engine = engine;
  }

  @Override
  public <T> T step(Function<EngineAccess.Tx, T> work) {
    lock.lock();
    try {
      return access.inTransaction(engine, work);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T read(Function<EngineAccess.Tx, T> work) {
    return step(work);
  }

  @Override
  public Instant precise(Instant at) {
    return at;
  }

  @Override
  public List<Waitlist.Waiting> waiting(EngineAccess.Tx tx) {
    return new ArrayList<>(waiting);
  }

  @Override
  public List<Waitlist.Offer> offers(EngineAccess.Tx tx) {
    return new ArrayList<>(offers);
  }

  @Override
  public void join(EngineAccess.Tx tx, String residentId, String householdId, int priority,
      Instant at) {
    waiting.add(new Waitlist.Waiting(residentId, householdId, priority, at, sequence++));
    waiting.sort(ORDER);
  }

  @Override
  public void offer(EngineAccess.Tx tx, Waitlist.Offer offer, Instant at) {
    waiting.removeIf(w -> w.residentId().equals(offer.residentId()));
    offers.add(offer);
  }

  @Override
  public void end(EngineAccess.Tx tx, Waitlist.Offer offer, Ending how, Instant at) {
    offers.remove(offer);
  }

  @Override
  public void publish(EngineAccess.Tx tx, BookingNotice notice) {
    // In memory the engine's listener is the only way out; the waitlist announces after the step.
  }
}
