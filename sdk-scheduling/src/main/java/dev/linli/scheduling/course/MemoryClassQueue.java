package dev.linli.scheduling.course;

import dev.linli.scheduling.internal.EngineAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's waitlist in this JVM's memory. Only touched inside a {@link Course} step, which runs
 * under the in-memory engine's lock, so it needs no lock of its own.
 */
final class MemoryClassQueue implements ClassQueue {
  private final List<Course.Waiting> waiting = new ArrayList<>();
  private long sequence;

  @Override
  public List<Course.Waiting> waiting(EngineAccess.Tx tx) {
    return new ArrayList<>(waiting);
  }

  @Override
  public void join(EngineAccess.Tx tx, String residentId, String householdId, Instant at) {
    waiting.add(new Course.Waiting(residentId, householdId, at, sequence++));
  }

  @Override
  public void end(EngineAccess.Tx tx, String residentId, Ending how, Instant at) {
    waiting.removeIf(w -> w.residentId().equals(residentId));
  }

  @Override
  public Instant precise(Instant at) {
    return at;
  }
}
