package dev.linli.points;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The id index's half of a large linked batch on a {@link CompactLedgerStore}, done on a second
 * thread while the thread that holds the store's lock checks and appends the batch: for each
 * request in order, the look-up of its id and, for a new id, its insertion as the next slot
 * ({@link IdTable#findOrAdd}). A new id's look-up is a cache miss in a table of millions and about
 * half of a batched transfer's work; the checks and appends touch the accounts, histories and
 * columns, and never the index, so the two halves share no memory that either writes but the
 * results array.
 *
 * <p><b>Why it cannot change a decision.</b> The index is changed by one thread at a time, in the
 * batch's order: the batch is cut into runs of {@link #RUN} requests, claimed in order from one
 * counter ({@link Job#claimed}); whoever claims run {@code k} (this thread, or the checking
 * thread when this one has not got there: it never waits for a run nobody works on) waits until
 * run {@code k - 1} is {@link Job#done} before touching the index, and publishes its results by the
 * volatile write of {@code done}. The slots it hands out are those the appends take: a new id
 * becomes slot {@link IdTable#size()}, and the checking thread appends in the same order, failing
 * the whole batch (and truncating the index back) at the first request it rejects. A request
 * whose id an earlier request of the batch added finds a slot at or after the batch's mark. Ids
 * are hashed here without {@link String#hashCode()}, which would write the caller's strings from
 * this thread (and take their cache lines from the checking thread's core). A reversal looks its
 * original up in the index during the checks, so at a reversal the checks take the index back: they
 * end the job (the ids added ahead of that request are removed) and go on alone.
 *
 * <p><b>Life.</b> One thread per store at most, a daemon named {@code linli-ledger-ids-…}, started
 * by the first large batch; it ends by itself after {@link #IDLE_NANOS} without a batch, or soon
 * after its ledger is no longer reachable (between batches it holds the indexer only weakly), and
 * the next large batch starts it again. A machine with one processor never starts it.
 *
 * <p>Thread-safety: {@link #start}, {@link #slot} and {@link #finish} are called by the thread
 * holding the store's lock, one batch at a time.
 */
final class IdIndexer {
  /** Batches smaller than this are indexed by the checking thread itself, by default. */
  static final int MIN_BATCH = 1_024;
  /** Requests per run: the unit claimed and published. */
  static final int RUN = 256;
  /** How long the thread spins for the next batch before it parks. */
  private static final long SPIN_NANOS = 50_000;
  /** How long the thread waits for a batch before it ends, by default. */
  static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** One batch's shared state. */
  static final class Job {
    final TransferRequest[] requests;
    /** Per request: its id's slot if it was stored already, else {@code -1 - } the slot it took. */
    final int[] slots;
    final int size;
    final int runs;
    /** Runs {@code 0 .. claimed - 1} are taken by one thread or the other. */
    final AtomicInteger claimed = new AtomicInteger();
    /** Runs {@code 0 .. done - 1} are finished and their slots published. */
    volatile int done;
    /** What went wrong in the index (an out-of-memory growing it, say), thrown by the checks. */
    volatile Throwable failure;

    Job(TransferRequest[] requests, int[] slots, int size) {
      this.requests = requests;
      this.slots = slots;
      this.size = size;
      this.runs = (size + RUN - 1) / RUN;
    }
  }

  private final IdTable ids;
  private final AtomicReference<Job> pending = new AtomicReference<>();
  /** The running thread, or null; changed under {@code this}. */
  private Thread thread;
  /** The batch under way, between {@link #start} and {@link #finish}, or null. */
  private Job active;
  private TransferRequest[] requests = new TransferRequest[0];
  private int[] slots = new int[0];
  /** Per thread that may index: the hashes and home entries of a run (one set each). */
  private final int[] workerHashes = new int[RUN];
  private final int[] checkerHashes = new int[RUN];
  /**
   * Runs indexed by this class's thread and by the checking thread, over every batch (for tests;
   * each written before the run's publication, so read them after {@link #finish}).
   */
  long runsByThread;
  long runsByChecker;
  /** For tests: the checking thread never claims a run (it waits for this thread). */
  boolean checkerNeverClaims;
  /** For tests: the run whose indexing fails after its first request (-1: none). */
  int faultAtRun = -1;
  /** Whether large batches use the thread: on a machine with more than one processor. */
  boolean enabled = Runtime.getRuntime().availableProcessors() > 1;
  /** Batches smaller than this are indexed without the thread. */
  int minBatch = MIN_BATCH;
  /** How long the thread waits for a batch before it ends. */
  long idleNanos = IDLE_NANOS;
  /** The sum of the values read ahead, kept only so that the reads stay. */
  @SuppressWarnings("unused")
  private volatile long seen;

  IdIndexer(IdTable ids) {
    this.ids = ids;
  }

  /** Returns the running thread, or null (for tests). */
  synchronized Thread thread() {
    return thread;
  }

  /** Whether a batch is under way (its index must not be read). */
  boolean active() {
    return active != null;
  }

  /**
   * Hands {@code batch} to the thread, starting it if needed, or returns null if the batch is
   * indexed by the checks as before (too small, one processor, the thread switched off, or a
   * batch already under way).
   */
  Job start(List<TransferRequest> batch) {
    int n = batch.size();
    if (n < minBatch || !enabled || active != null) {
      return null;
    }
    if (requests.length < n) {
      requests = new TransferRequest[n];
      slots = new int[n];
    }
    // A copy, so that no caller code (the list's) runs on the thread; without reading the
    // requests, which the checks read next.
    TransferRequest[] copied = batch.toArray(requests);
    if (copied != requests) {
      // The list grew meanwhile: a caller's bug, which the checks then meet as before.
      return null;
    }
    Job job = new Job(requests, slots, n);
    active = job;
    pending.set(job);
    Thread t;
    synchronized (this) {
      t = thread;
      if (t == null) {
        t = new Thread(new Worker(this), "linli-ledger-ids-"
            + Integer.toHexString(System.identityHashCode(this)));
        t.setDaemon(true);
        try {
          t.start();
        } catch (OutOfMemoryError noThread) {
          // No thread to be had ("unable to create native thread"): the checks index the batch
          // themselves, run by run, as they do whenever the thread is late.
          return job;
        }
        thread = t;
      }
    }
    LockSupport.unpark(t);
    return job;
  }

  /**
   * Returns request {@code i}'s slot as {@link Job#slots} holds it, once its run is indexed: by
   * the thread, or here if the thread has not claimed it yet.
   */
  int slot(Job job, int i) {
    int run = i / RUN;
    if (job.done <= run) {
      awaitRun(job, run);
    }
    return job.slots[i];
  }

  private void awaitRun(Job job, int run) {
    for (int spins = 0; job.done <= run; spins++) {
      rethrowFailure(job);
      int next = job.claimed.get();
      if (!checkerNeverClaims && next <= run && job.claimed.compareAndSet(next, next + 1)) {
        // Nobody has started run `next` (at most `run`): index it here, after the one before it.
        index(job, next, checkerHashes, false);
        spins = 0;
        continue;
      }
      pause(spins);
    }
  }

  private static void rethrowFailure(Job job) {
    Throwable failed = job.failure;
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
  }

  /**
   * Ends {@code job}: no run is claimed after this, and it returns once the index is no longer
   * being changed, so the caller may read it or truncate it. Clears the references the job held.
   */
  void finish(Job job) {
    int closedAt;
    do {
      closedAt = job.claimed.get();
    } while (!job.claimed.compareAndSet(closedAt, Integer.MAX_VALUE / 2));
    pending.compareAndSet(job, null);
    for (int spins = 0; job.done < closedAt && job.failure == null; spins++) {
      pause(spins);
    }
    Arrays.fill(job.requests, 0, job.size, null);
    active = null;
  }

  private static void pause(int spins) {
    if (spins < 1_000) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }

  /**
   * Waits for run {@code run - 1}, then indexes run {@code run} and publishes it; on a failure
   * publishes that instead (and no later run is indexed).
   */
  private void index(Job job, int run, int[] hashes, boolean byThread) {
    for (int spins = 0; job.done < run; spins++) {
      if (job.failure != null) {
        return;
      }
      pause(spins);
    }
    try {
      int from = run * RUN;
      int to = Math.min(job.size, from + RUN);
      TransferRequest[] rs = job.requests;
      for (int i = from; i < to; i++) {
        hashes[i - from] = IdTable.hashOf(rs[i].id());
      }
      seen = ids.prefetch(hashes, to - from);
      int[] out = job.slots;
      for (int i = from; i < to; i++) {
        if (run == faultAtRun) {
          throw new IllegalStateException("fault injected at run " + run);
        }
        out[i] = ids.findOrAdd(rs[i].id(), hashes[i - from]);
      }
    } catch (RuntimeException | Error e) {
      // Published instead of the run: the checks throw it, and the store removes the ids added.
      job.failure = e;
      return;
    }
    if (byThread) {
      runsByThread++;
    } else {
      runsByChecker++;
    }
    job.done = run + 1;
  }

  /**
   * The thread's loop. It holds the indexer only weakly between batches, so that a ledger that
   * is dropped is not kept alive by its idle thread; the thread then ends at its next wake-up.
   */
  private static final class Worker implements Runnable {
    private final WeakReference<IdIndexer> owner;

    Worker(IdIndexer owner) {
      this.owner = new WeakReference<>(owner);
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        int step = step(System.nanoTime() - idleSince);
        if (step < 0) {
          return;
        }
        if (step > 0) {
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          // No blocker object: the parked thread holds nothing of the ledger strongly.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
      }
    }

    /** {@link IdIndexer#step} of the owner, or -1 if it is gone; keeps no reference to it. */
    private int step(long idle) {
      IdIndexer indexer = owner.get();
      return indexer == null ? -1 : indexer.step(idle);
    }
  }

  /**
   * Works through a pending batch, if any (1); or, if the thread has been idle for
   * {@link #idleNanos} and nothing is pending, ends it (-1); else 0.
   */
  private int step(long idle) {
    Job job = pending.getAndSet(null);
    if (job != null) {
      while (true) {
        int next = job.claimed.get();
        if (next >= job.runs) {
          break;
        }
        if (job.claimed.compareAndSet(next, next + 1)) {
          index(job, next, workerHashes, true);
        }
      }
      return 1;
    }
    if (idle < idleNanos) {
      return 0;
    }
    synchronized (this) {
      if (pending.get() == null) {
        thread = null;
        return -1;
      }
    }
    return 0;
  }
}
