package dev.linli.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent steps of a command (reading two files, writing several outputs) on as many
 * threads as there are cores, so that a whole-process run is not the sum of them; the first failure
 * in list order is rethrown as itself.
 */
final class SideBySide {
  private SideBySide() {}

  /** One step; may throw what a file read or write throws. */
  interface Step<T> {
    T run() throws IOException;
  }

  /**
   * Runs the steps and returns their results in list order.
   *
   * @param steps the steps
   * @return their results
   * @throws IOException the first step's in list order that failed with one
   */
  static <T> List<T> all(List<Step<? extends T>> steps) throws IOException {
    int threads = Math.min(steps.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      List<T> out = new ArrayList<>();
      for (Step<? extends T> s : steps) {
        out.add(s.run());
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "linli-io");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<? extends T>> futures = new ArrayList<>();
      for (Step<? extends T> s : steps) {
        Callable<? extends T> c = s::run;
        futures.add(pool.submit(c));
      }
      List<T> out = new ArrayList<>();
      for (Future<? extends T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new UncheckedIOException(new IOException(cause));
    } finally {
      pool.shutdownNow();
    }
  }
}
