package dev.linli.points.journal;

import dev.linli.core.internal.Sha256;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.LedgerEventSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends framed, hash-chained records to the journal with group commit. Records are encoded
 * under the ledger's lock into a pending buffer; the first caller that needs them on disk becomes
 * the leader, swaps the buffer out, writes and (by mode) forces it while more records accumulate
 * for the next leader. Any I/O error fails the writer for good.
 */
final class JournalWriter implements LedgerEventSink {
  private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
  private final Path dir;
  private final JournalOptions.ChannelOpener opener;
  private final Durability durability;
  private final long segmentBytes;

  // Encoding state: guarded by the ledger's lock (appends are serialised by it).
  private final RecordCodec.Encoder payload = new RecordCodec.Encoder(1 << 12);
  private final MessageDigest sha = Sha256.newDigest();
  private final CRC32C crc = new CRC32C();
  private byte[] chainHash;

  // Step state (see beginStep): the events are guarded by the ledger's lock, the facts by the
  // step lock; grouping is also read under monitor.
  /** Held by a service step from before it begins to after it ends; snapshots take it too. */
  final ReentrantLock stepLock = new ReentrantLock();
  private final RecordCodec.Encoder stepEvents = new RecordCodec.Encoder(1 << 10);
  private int stepEventCount;
  private final java.util.List<RecordCodec.StepFact> stepFacts = new java.util.ArrayList<>();
  private boolean grouping;

  // Commit state: guarded by monitor.
  private final ReentrantLock monitor = new ReentrantLock();
  private final Condition changed = monitor.newCondition();
  private RecordCodec.Encoder pending = new RecordCodec.Encoder(1 << 16);
  private RecordCodec.Encoder spare = new RecordCodec.Encoder(1 << 16);
  private byte[] pendingHash;
  /** Where the last pending record starts in {@link #pending}, or -1 if none is pending. */
  private int pendingLastStart = -1;
  /** Segment and byte offset of the last written record. */
  private Path lastRecordSegment;
  private long lastRecordOffset = -1;
  private long appended;
  private long written;
  private long durable;
  private byte[] writtenHash;
  private byte[] durableHash;
  private boolean flushing;
  private Throwable failure;
  private boolean closed;

  // Channel state: used only by the leader (flushing == true) or under monitor when not flushing.
  private FileChannel channel;
  private Path segment;
  private final Thread forcer;

  JournalWriter(Path dir, JournalOptions options, Path segment, FileChannel channel, long records,
      byte[] lastHash) {
    this.dir = dir;
    this.opener = options.opener();
    this.durability = options.durability();
    this.segmentBytes = options.segmentBytes();
    this.segment = segment;
    this.channel = channel;
    this.appended = records;
    this.written = records;
    this.durable = records;
    this.chainHash = lastHash.clone();
    this.writtenHash = lastHash.clone();
    this.durableHash = lastHash.clone();
    if (durability == Durability.FSYNC_EVERY_N_MS) {
      long nanos = options.flushInterval().toNanos();
      forcer = new Thread(() -> forceEvery(nanos), "linli-journal-force " + dir);
      forcer.setDaemon(true);
      forcer.start();
    } else {
      forcer = null;
    }
  }

  @Override
  public void checkUsable() {
    monitor.lock();
    try {
      if (failure != null) {
        throw failed();
      }
      if (closed) {
        throw new IllegalStateException("the durable ledger on " + dir + " is closed");
      }
    } finally {
      monitor.unlock();
    }
  }

  @Override
  public void append(LedgerEvent event) {
    payload.reset();
    byte type = RecordCodec.encode(event, payload);
    if (grouping) {
      RecordCodec.encodeStepEvent(type, payload, stepEvents);
      stepEventCount++;
      return;
    }
    appendRecord(type);
  }

  /**
   * Starts collecting a service step: until {@link #endStep}, every ledger change (the step's and
   * any other thread's, in the ledger's order) goes into the step's one record instead of a record
   * of its own, and callers that saw such a change wait for that record. Called holding the step
   * lock and the ledger's lock.
   */
  void beginStep() {
    if (grouping) {
      throw new IllegalStateException("a step is already being collected");
    }
    stepEvents.reset();
    stepEventCount = 0;
    stepFacts.clear();
    monitor.lock();
    try {
      grouping = true;
    } finally {
      monitor.unlock();
    }
  }

  /** Adds a fact to the step being collected; called holding the step lock. */
  void addStepFact(RecordCodec.StepFact fact) {
    if (!grouping) {
      throw new IllegalStateException("no step is being collected");
    }
    stepFacts.add(fact);
  }

  /**
   * Ends the step being collected: frames its events and facts as one {@code SERVICE_STEP} record
   * (none if it has neither) and returns the ticket to wait for. Called holding the step lock and
   * the ledger's lock.
   */
  long endStep() {
    boolean any = stepEventCount > 0 || !stepFacts.isEmpty();
    if (any) {
      payload.reset();
      RecordCodec.encodeStep(stepEventCount, stepEvents, stepFacts, payload);
    }
    stepEvents.reset();
    stepEventCount = 0;
    stepFacts.clear();
    monitor.lock();
    try {
      grouping = false;
      if (any) {
        appendRecord(RecordCodec.SERVICE_STEP);
      }
      changed.signalAll();
      return appended;
    } finally {
      monitor.unlock();
    }
  }

  /** Appends the record whose payload is in {@link #payload}; under the ledger's lock. */
  void appendRecord(byte type) {
    byte[] hash = new byte[Segments.HASH_BYTES];
    monitor.lock();
    try {
      pendingLastStart = pending.size;
      Segments.frame(type, payload.buf, payload.size, chainHash, sha, crc, pending, hash);
      pendingHash = hash;
      appended++;
    } finally {
      monitor.unlock();
    }
    chainHash = hash;
  }

  RecordCodec.Encoder payloadBuffer() {
    payload.reset();
    return payload;
  }

  /** How many records are written (to the OS at least); safe from any thread. */
  long writtenRecords() {
    monitor.lock();
    try {
      return written;
    } finally {
      monitor.unlock();
    }
  }

  @Override
  public long appended() {
    // While a step is collected, a change seen now is durable only with the step's record.
    return grouping ? appended + 1 : appended;
  }

  @Override
  public void awaitDurable(long ticket) {
    awaitDurable(ticket, durability == Durability.FSYNC_EVERY_BATCH);
  }

  /** Waits until the first {@code ticket} records are written, and forced if {@code force}. */
  void awaitDurable(long ticket, boolean force) {
    monitor.lock();
    try {
      while (true) {
        if (failure != null) {
          throw failed();
        }
        if (ticket > appended) {
          if (grouping) {
            // The change waited for is in the step being collected: wait until it is framed.
            changed.awaitUninterruptibly();
            continue;
          }
          // The step ended without a record (it changed nothing): nothing more to wait for.
          ticket = appended;
        }
        if ((force ? durable : written) >= ticket) {
          return;
        }
        if (flushing) {
          changed.awaitUninterruptibly();
        } else {
          lead(force);
        }
      }
    } finally {
      monitor.unlock();
    }
  }

  /** One group-commit round; called holding monitor, which it releases while doing I/O. */
  private void lead(boolean force) {
    flushing = true;
    RecordCodec.Encoder batch = pending;
    pending = spare;
    spare = null;
    long upTo = appended;
    byte[] hash = pendingHash == null ? writtenHash : pendingHash;
    int lastStart = pendingLastStart;
    pendingLastStart = -1;
    Throwable error = null;
    Path lastSegment = null;
    long lastOffset = -1;
    monitor.unlock();
    try {
      if (batch.size > 0) {
        lastSegment = segment;
        lastOffset = channel.position() + lastStart;
        Segments.writeFully(channel, ByteBuffer.wrap(batch.buf, 0, batch.size));
      }
      if (force) {
        channel.force(false);
      }
      if (channel.position() >= segmentBytes) {
        roll(upTo, hash);
      }
    } catch (IOException | RuntimeException e) {
      error = e;
    } finally {
      monitor.lock();
    }
    batch.reset();
    spare = batch;
    if (error != null) {
      failure = error;
      LOG.error("Journal in {} failed: writing or forcing records {} to {} ({} bytes) failed;"
          + " every later call throws JournalFailedException until the ledger is reopened, which"
          + " recovers what reached the disk", dir, written, upTo - 1, batch.size, error);
    } else {
      written = upTo;
      writtenHash = hash;
      if (lastSegment != null) {
        lastRecordSegment = lastSegment;
        lastRecordOffset = lastOffset;
      }
      if (force) {
        durable = upTo;
        durableHash = hash;
      }
    }
    flushing = false;
    changed.signalAll();
  }

  /** Closes the full segment (forced) and starts the next, header first, made visible by rename. */
  private void roll(long nextRecord, byte[] prevHash) throws IOException {
    channel.force(false);
    channel.close();
    Path next = dir.resolve(Segments.fileName(nextRecord));
    Path tmp = dir.resolve(Segments.fileName(nextRecord) + ".tmp");
    try (FileChannel t = opener.open(tmp)) {
      Segments.writeFully(t, Segments.header(nextRecord, prevHash));
      t.force(true);
    }
    Files.move(tmp, next, StandardCopyOption.ATOMIC_MOVE);
    DurableLedger.forceDirectory(dir);
    channel = opener.open(next);
    channel.position(channel.size());
    segment = next;
  }

  private void forceEvery(long nanos) {
    monitor.lock();
    try {
      while (!closed && failure == null) {
        changed.awaitNanos(nanos);
        if (closed || failure != null) {
          return;
        }
        if (durable < written && !flushing) {
          lead(true);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      monitor.unlock();
    }
  }

  /** Writes and forces everything appended; returns the durable record count and hash. */
  Checkpoint checkpoint(java.time.Instant time) {
    monitor.lock();
    try {
      long ticket = appended;
      monitor.unlock();
      try {
        awaitDurable(ticket, true);
      } finally {
        monitor.lock();
      }
      return new Checkpoint(durable, Segments.hex(durableHash), time, null);
    } finally {
      monitor.unlock();
    }
  }

  /** Forces everything appended and closes the channel; idempotent. */
  void close() {
    monitor.lock();
    try {
      if (closed) {
        return;
      }
      if (failure == null) {
        long ticket = appended;
        monitor.unlock();
        try {
          awaitDurable(ticket, true);
        } catch (JournalFailedException e) {
          // Recorded in failure; closing still releases the file.
        } finally {
          monitor.lock();
        }
      }
      while (flushing) {
        changed.awaitUninterruptibly();
      }
      closed = true;
      changed.signalAll();
      try {
        channel.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    } finally {
      monitor.unlock();
    }
    if (forcer != null) {
      try {
        forcer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Where the journal's last record is: call only when nothing can append (ledger locked). */
  record Position(long records, byte[] hash, Path segment, long offset) {}

  /**
   * Forces every record and returns where the last one is; the caller holds the ledger's lock, so
   * nothing is appended meanwhile.
   */
  Position forceAndLocate() {
    long ticket = appended;
    awaitDurable(ticket, true);
    monitor.lock();
    try {
      return new Position(durable, durableHash.clone(), lastRecordSegment, lastRecordOffset);
    } finally {
      monitor.unlock();
    }
  }

  /** Records where the last record of a journal just opened is. */
  void locateLast(Path lastSegment, long offset) {
    lastRecordSegment = lastSegment;
    lastRecordOffset = offset;
  }

  private JournalFailedException failed() {
    return new JournalFailedException("the journal in " + dir + " failed to write ("
        + failure + "); the ledger refuses further operations: reopen it to recover what reached"
        + " the disk", failure);
  }

  static FileChannel openForAppend(JournalOptions.ChannelOpener opener, Path file)
      throws IOException {
    FileChannel ch = opener.open(file);
    ch.position(ch.size());
    return ch;
  }

  static FileChannel defaultOpen(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
