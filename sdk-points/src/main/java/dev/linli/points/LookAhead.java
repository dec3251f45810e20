package dev.linli.points;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread that runs ahead of a large linked batch's checks on a {@link CompactLedgerStore}:
 * it resolves each request's two accounts (a hash-map look-up each) and reads the id index's
 * entries that the look-ups of the requests' ids will read, so that the thread that applies the
 * batch, which holds the store's lock, finds its accounts resolved and those entries in a cache
 * the cores share instead of in main memory. It does not read the accounts' states: the checks
 * write them (a pool's on every transfer), and each read from this core would take the line away
 * from the writer's; the applying thread prefetches them itself.
 *
 * <p><b>Why it cannot change a decision.</b> The applying thread decides everything; this thread
 * only reads, and hands over nothing but account references. (1) What it hands over is what the
 * applying thread would get: {@code store.account(id)} returns the same object all through a batch,
 * because accounts are only added by {@code createAccount}, under the store's lock, which the
 * applying thread holds from before {@link #start} until after {@link #finish}; the map is not
 * written while this thread reads it, and {@link #finish} returns only once this thread has
 * stopped reading it. The references are published by a volatile write of {@link Job#ready} after
 * they are written, and read only after a volatile read of it. (2) The id index's entries, which
 * the applying thread writes, are read only to bring memory into the caches: the values are
 * summed and dropped, so a stale or racing value changes nothing, and the index is taken within
 * the length of the same array read once. (3) It reads the requests from an array the
 * applying thread filled before {@link #start}, never the caller's list, so no caller code runs on
 * it. {@code LookAheadTest} compares batches applied with it and without it.
 *
 * <p><b>Life.</b> One thread per ledger at most, started by the first large batch, a daemon named
 * {@code linli-ledger-look-ahead-…}; it ends by itself after {@link #IDLE_NANOS} without a batch,
 * or soon after its ledger is no longer reachable (between batches it holds the ledger only
 * weakly), and is started again by the next large batch. Machines with one processor never start
 * it.
 *
 * <p>Thread-safety: {@link #start} and {@link #finish} are called by the thread holding the store's
 * lock, one batch at a time.
 */
final class LookAhead {
  /** Batches smaller than this are applied without a second thread, by default. */
  static final int MIN_BATCH = 1_024;
  /** Requests resolved per publication of progress. */
  private static final int STEP = 32;
  /** How far this thread may run ahead of the checks: what it read must still be in the caches. */
  private static final int WINDOW = 2_048;
  /** How long the thread spins for the next batch before it parks. */
  private static final long SPIN_NANOS = 50_000;
  /** How long the thread waits for a batch before it ends, by default. */
  static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** One batch's shared state. */
  static final class Job {
    final TransferRequest[] requests;
    final AccountState[] debits;
    final AccountState[] credits;
    final int size;
    /** Requests {@code 0 .. ready - 1} have their accounts in {@link #debits} and {@link #credits}. */
    volatile int ready;
    /** How far the checks have come (this thread stays within {@link #WINDOW} of it). */
    volatile int checked;
    volatile boolean stop;
    volatile boolean done;

    Job(TransferRequest[] requests, AccountState[] debits, AccountState[] credits, int size) {
      this.requests = requests;
      this.debits = debits;
      this.credits = credits;
      this.size = size;
    }
  }

  private final CompactLedgerStore store;
  private final AtomicReference<Job> pending = new AtomicReference<>();
  /** The running thread, or null; changed under {@code this}. */
  private Thread thread;

  /** Returns the running thread, or null (for tests). */
  synchronized Thread thread() {
    return thread;
  }
  /** The batch under way, between {@link #start} and {@link #finish}, or null. */
  private Job active;
  private TransferRequest[] requests = new TransferRequest[0];
  private AccountState[] debits = new AccountState[0];
  private AccountState[] credits = new AccountState[0];
  /** Runs of requests whose accounts the checks took from this thread (for tests). */
  long runsTaken;
  /** For tests: the checks wait for each run to be resolved here instead of resolving it. */
  boolean awaitEachRun;
  /** Whether large batches use the thread: on a machine with more than one processor. */
  boolean enabled = Runtime.getRuntime().availableProcessors() > 1;
  /** Batches smaller than this are applied without the thread. */
  int minBatch = MIN_BATCH;
  /** How long the thread waits for a batch before it ends. */
  long idleNanos = IDLE_NANOS;
  /** The sum of the values read ahead, kept only so that the reads stay. */
  @SuppressWarnings("unused")
  private volatile long seen;

  LookAhead(CompactLedgerStore store) {
    this.store = store;
  }

  /**
   * Hands {@code batch} to the thread, starting it if needed, or returns null if the batch is
   * applied without it (too small, or one processor).
   */
  Job start(List<TransferRequest> batch) {
    int n = batch.size();
    if (n < minBatch || !enabled || active != null) {
      // (A batch inside a batch, which no caller makes, would overwrite the arrays in use.)
      return null;
    }
    if (requests.length < n) {
      requests = new TransferRequest[n];
      debits = new AccountState[n];
      credits = new AccountState[n];
    }
    for (int i = 0; i < n; i++) {
      requests[i] = batch.get(i);
    }
    Job job = new Job(requests, debits, credits, n);
    active = job;
    pending.set(job);
    Thread t;
    synchronized (this) {
      t = thread;
      if (t == null) {
        t = new Thread(new Worker(this), "linli-ledger-look-ahead-"
            + Integer.toHexString(System.identityHashCode(store)));
        t.setDaemon(true);
        thread = t;
        t.start();
      }
    }
    LockSupport.unpark(t);
    return job;
  }

  /**
   * Stops the thread's work on {@code job} and returns once it no longer reads anything of it or
   * of the store; clears the references the job held.
   */
  void finish(Job job) {
    job.stop = true;
    if (!pending.compareAndSet(job, null)) {
      // Taken by the thread: it checks stop between steps of STEP requests.
      for (int spins = 0; !job.done; spins++) {
        if (spins < 1_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }
    Arrays.fill(job.requests, 0, job.size, null);
    Arrays.fill(job.debits, 0, job.size, null);
    Arrays.fill(job.credits, 0, job.size, null);
    active = null;
  }

  /**
   * Returns once requests {@code 0 .. to - 1} of {@code job} are resolved, if the thread has
   * resolved them or (with {@link #awaitEachRun}) after waiting for it; false if the checks
   * should resolve them themselves.
   */
  boolean ready(Job job, int to) {
    if (job.ready < to && awaitEachRun) {
      while (job.ready < to && !job.done) {
        Thread.onSpinWait();
      }
    }
    if (job.ready >= to) {
      runsTaken++;
      return true;
    }
    return false;
  }

  /**
   * The thread's loop. It holds its look-ahead only weakly between batches, so that a ledger that
   * is dropped is not kept alive by its idle thread; the thread then ends at its next wake-up.
   */
  private static final class Worker implements Runnable {
    private final WeakReference<LookAhead> owner;

    Worker(LookAhead owner) {
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

    /** {@link LookAhead#step} of the owner, or -1 if it is gone; keeps no reference to it. */
    private int step(long idle) {
      LookAhead lookAhead = owner.get();
      return lookAhead == null ? -1 : lookAhead.step(idle);
    }
  }

  /**
   * Works through a pending batch, if any (1); or, if the thread has been idle for
   * {@link #idleNanos} and nothing is pending, ends it (-1); else 0.
   */
  private int step(long idle) {
    Job job = pending.getAndSet(null);
    if (job != null) {
      try {
        work(job);
      } catch (RuntimeException e) {
        // Only reads, and all of them optional: the checks resolve what this did not.
      } finally {
        job.done = true;
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

  private void work(Job job) {
    long sum = 0;
    TransferRequest[] rs = job.requests;
    int n = job.size;
    for (int from = 0, waits = 0; from < n && !job.stop;) {
      if (from >= job.checked + WINDOW) {
        // Far enough ahead: wait for the checks, giving the processor away if they take long.
        if (++waits < 1_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
        continue;
      }
      waits = 0;
      int to = Math.min(n, from + STEP);
      for (int i = from; i < to; i++) {
        TransferRequest r = rs[i];
        AccountState d = store.account(r.debitAccountId());
        AccountState c = store.account(r.creditAccountId());
        job.debits[i] = d;
        job.credits[i] = c;
      }
      sum += store.touchIds(rs, from, to);
      job.ready = to;
      from = to;
    }
    seen = sum;
  }
}
