package dev.linli.points.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel that writes through to a real one until a shared byte budget runs out, then
 * writes the part that fits and throws (a crash or a full disk at that byte); optionally its
 * {@code force} fails.
 */
final class FaultyChannel extends DelegatingChannel {
  /** A budget shared by every channel one opener hands out. */
  static final class Budget {
    final AtomicLong bytesLeft;
    volatile boolean failForce;
    /** How long each force takes, to stand for a slow disk; 0 for the real time only. */
    volatile long forceMillis;
    final AtomicLong written = new AtomicLong();
    final AtomicLong forces = new AtomicLong();
    /** Every thread that forced, so a test can tell the caller's forces from the flusher's. */
    final java.util.Set<Thread> forcedBy = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Budget(long bytes) {
      bytesLeft = new AtomicLong(bytes);
    }

    JournalOptions.ChannelOpener opener() {
      return file -> new FaultyChannel(JournalWriter.defaultOpen(file), this);
    }
  }

  private final Budget budget;

  FaultyChannel(FileChannel delegate, Budget budget) {
    super(delegate);
    this.budget = budget;
  }

  static JournalOptions.ChannelOpener healthy() {
    return (Path file) -> JournalWriter.defaultOpen(file);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    long left = budget.bytesLeft.get();
    if (left <= 0) {
      throw new IOException("No space left on device (injected)");
    }
    if (src.remaining() > left) {
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) left);
      int n = delegate.write(part);
      src.position(src.position() + n);
      budget.bytesLeft.addAndGet(-n);
      budget.written.addAndGet(n);
      throw new IOException("No space left on device (injected after " + n + " bytes)");
    }
    int n = delegate.write(src);
    budget.bytesLeft.addAndGet(-n);
    budget.written.addAndGet(n);
    return n;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (budget.failForce) {
      throw new IOException("Input/output error (injected fsync failure)");
    }
    budget.forces.incrementAndGet();
    budget.forcedBy.add(Thread.currentThread());
    if (budget.forceMillis > 0) {
      try {
        Thread.sleep(budget.forceMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted during an injected slow fsync");
      }
    }
    delegate.force(metaData);
  }
}
