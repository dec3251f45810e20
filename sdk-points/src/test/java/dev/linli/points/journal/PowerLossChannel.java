package dev.linli.points.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A file channel with a page cache that a power cut empties: written bytes stay in a volatile
 * buffer until {@code force}, which writes them to the real file. At the crash point (the n-th
 * write of the whole disk) every channel's unforced bytes are torn (a random prefix reaches the
 * file, the rest is lost, as pages written back in order would leave it) and every later call
 * fails. Append-only, as the journal writes. Not thread-safe beyond the journal's own use (one
 * leader writes at a time); the disk's state is guarded by its monitor.
 */
final class PowerLossChannel extends DelegatingChannel {
  /** The disk: its channels, the write count and the crash point. */
  static final class Disk {
    private final long crashAtWrite;
    private final SplittableRandom random;
    private final List<PowerLossChannel> channels = new ArrayList<>();
    private long writes;
    private boolean crashed;
    long forces;
    /**
     * How many workload steps had returned, as the test last said; read at each force, so that
     * {@link #forcedSteps} says which steps a completed force made durable.
     */
    volatile int stepsFinished;
    /** {@link #stepsFinished} when the last force that completed began (its bytes are on disk). */
    int forcedSteps;
    /** Forces made by the journal's interval flusher thread (FSYNC_EVERY_N_MS). */
    long flusherForces;

    /** A disk that loses power at its {@code crashAtWrite}-th write (never if Long.MAX_VALUE). */
    Disk(long crashAtWrite, long seed) {
      this.crashAtWrite = crashAtWrite;
      this.random = new SplittableRandom(seed);
    }

    JournalOptions.ChannelOpener opener() {
      return file -> {
        PowerLossChannel c = new PowerLossChannel(JournalWriter.defaultOpen(file), this);
        synchronized (this) {
          channels.add(c);
        }
        return c;
      };
    }

    synchronized long writes() {
      return writes;
    }

    synchronized int forcedSteps() {
      return forcedSteps;
    }

    synchronized long flusherForces() {
      return flusherForces;
    }

    synchronized boolean crashed() {
      return crashed;
    }

    private synchronized void check() throws IOException {
      if (crashed) {
        throw new IOException("Input/output error (power lost)");
      }
    }

    /** Tears every channel's unforced bytes: a random prefix reaches the file. */
    private synchronized void crash() throws IOException {
      crashed = true;
      for (PowerLossChannel c : channels) {
        if (c.pendingLength > 0) {
          int keep = random.nextInt(c.pendingLength + 1);
          c.delegate.write(ByteBuffer.wrap(c.pending, 0, keep), c.delegate.size());
          c.pendingLength = 0;
        }
        c.delegate.close();
      }
    }

    /** Loses power now, between writes: every channel's unforced bytes are torn. */
    synchronized void powerCut() throws IOException {
      crash();
    }

    /** Writes everything back (the OS did, eventually) and closes the files; for a clean end. */
    synchronized void settle() throws IOException {
      for (PowerLossChannel c : channels) {
        if (!crashed && c.pendingLength > 0) {
          c.delegate.write(ByteBuffer.wrap(c.pending, 0, c.pendingLength), c.delegate.size());
          c.pendingLength = 0;
        }
        c.delegate.close();
      }
    }
  }

  private final Disk disk;
  private byte[] pending = new byte[1 << 12];
  private int pendingLength;

  private PowerLossChannel(FileChannel delegate, Disk disk) {
    super(delegate);
    this.disk = disk;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    synchronized (disk) {
      disk.check();
      int n = src.remaining();
      if (pendingLength + n > pending.length) {
        pending = Arrays.copyOf(pending, Math.max(pendingLength + n, pending.length * 2));
      }
      src.get(pending, pendingLength, n);
      pendingLength += n;
      if (++disk.writes >= disk.crashAtWrite) {
        disk.crash();
        throw new IOException("Input/output error (power lost during this write)");
      }
      return n;
    }
  }

  @Override
  public void force(boolean metaData) throws IOException {
    synchronized (disk) {
      disk.check();
      delegate.write(ByteBuffer.wrap(pending, 0, pendingLength), delegate.size());
      pendingLength = 0;
      // No real fsync: in this simulation, bytes handed to the file are the ones that survive.
      disk.forces++;
      // Every step that had returned had its bytes written (to this channel, or to a segment
      // forced when it rolled), so they are all durable now.
      disk.forcedSteps = disk.stepsFinished;
      if (Thread.currentThread().getName().startsWith("linli-journal-force")) {
        disk.flusherForces++;
      }
    }
  }

  @Override
  public long position() throws IOException {
    synchronized (disk) {
      disk.check();
      return delegate.size() + pendingLength;
    }
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    if (newPosition != position()) {
      throw new IOException("append-only test channel: position " + newPosition);
    }
    return this;
  }

  @Override
  public long size() throws IOException {
    return position();
  }

  // The file lacks the pending bytes: reading, cutting or copying it would see the wrong file.
  @Override
  public int read(ByteBuffer dst) throws IOException {
    throw notUsed();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    throw notUsed();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    throw notUsed();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    throw notUsed();
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    throw notUsed();
  }

  @Override
  protected void implCloseChannel() {
    // The page cache outlives the process's handle: the bytes stay pending until the disk
    // settles or loses power.
  }
}
