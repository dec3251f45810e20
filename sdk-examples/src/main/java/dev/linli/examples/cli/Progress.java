package dev.linli.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on standard error for long runs: silent for the first few seconds (a quick run
 * prints nothing), then the current step and the time so far every few seconds, from a daemon
 * thread that {@link #close()} stops. Thread-safe.
 */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer;
  private volatile String step = "starting";
  /** Where each step's start goes with the time since the JVM started, or null: -Dlinli.trace. */
  private final PrintWriter trace;
  private final long jvmStartMillis;

  /**
   * Starts the timer.
   *
   * @param err where lines go
   * @param after quiet time before the first line
   * @param every time between lines
   */
  Progress(PrintWriter err, Duration after, Duration every) {
    this(err, after, every, System.getProperty("linli.trace") != null ? err : null);
  }

  /**
   * Starts the timer, tracing every step to {@code trace} if it is not null: one line per step,
   * {@code linli: trace <ms since the JVM started> <step>}, to see where a whole run's time goes.
   */
  Progress(PrintWriter err, Duration after, Duration every, PrintWriter trace) {
    this.err = err;
    this.trace = trace;
    this.jvmStartMillis = trace == null ? 0 : launched(System.getProperty("linli.trace", ""));
    step("options parsed");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "linli-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::print, after.toMillis(), every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * The launch time for the trace: {@code -Dlinli.trace=MILLIS} (the epoch milliseconds a script
   * took just before starting Java, e.g. {@code $(date +%s%3N)}), else the process start time,
   * which Linux gives only to about a second.
   */
  private static long launched(String property) {
    try {
      return Long.parseLong(property);
    } catch (NumberFormatException e) {
      return ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
          .orElse(System.currentTimeMillis());
    }
  }

  /** Starts with the defaults: first line after 3 s, then every 5 s. */
  static Progress start(PrintWriter err) {
    return new Progress(err, Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  /** Names the step now running, such as {@code reading facilities.csv}. */
  void step(String name) {
    this.step = name;
    mark(name);
  }

  /** Traces an event within the current step, such as one output file written. */
  void mark(String name) {
    if (trace != null) {
      synchronized (trace) {
        trace.printf(Locale.ROOT, "linli: trace %6d ms %s%n",
            System.currentTimeMillis() - jvmStartMillis, name);
        trace.flush();
      }
    }
  }

  private void print() {
    double seconds = (System.nanoTime() - start) / 1e9;
    Runtime rt = Runtime.getRuntime();
    long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    synchronized (err) {
      err.printf(Locale.ROOT, "linli: %s … %.0f s, %d MB of %d MB heap in use%n", step, seconds,
          usedMb, rt.maxMemory() >> 20);
      err.flush();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
