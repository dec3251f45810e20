package dev.linli.core.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes a CSV file's rows on a second thread while the reading thread goes on parsing the text
 * (in a large file the two halves cost about the same: Jackson's tokens and strings on one side,
 * numbers, validation and records on the other). Rows are handed over in batches and decoded one
 * at a time in file order by a single thread, so whatever the decoder collects (records, problems,
 * ids seen) is exactly what decoding them in a loop would collect. A file of fewer than one batch
 * starts no thread. Used by one reading thread; not thread-safe otherwise.
 */
final class RowDecoding {
  /** Decodes one row: its cells and its line in the file. */
  interface Decoder {
    void decode(String[] cells, long line);
  }

  /** Rows per hand-over: a thread per small file would cost more than it saves. */
  static final int BATCH = 512;

  private static final Batch END = new Batch();

  private final Decoder decoder;
  private Batch batch = new Batch();
  private BlockingQueue<Batch> queue;
  private Thread thread;
  /** What the decoding thread threw, thrown again by {@link #finish()}; written before END. */
  private volatile Throwable failure;

  RowDecoding(Decoder decoder) {
    this.decoder = decoder;
  }

  /** A batch of rows in file order. */
  private static final class Batch {
    final String[][] cells = new String[BATCH][];
    final long[] lines = new long[BATCH];
    int size;
  }

  /**
   * Hands over one row.
   *
   * @param cells the row's cells
   * @param line its line in the file
   */
  void add(String[] cells, long line) {
    batch.cells[batch.size] = cells;
    batch.lines[batch.size] = line;
    if (++batch.size == BATCH) {
      if (thread == null) {
        start();
      }
      put(batch);
      batch = new Batch();
    }
  }

  /**
   * Decodes the rows not yet decoded and returns when every row handed over is decoded.
   *
   * @throws RuntimeException or Error what decoding a row threw, as itself
   */
  void finish() {
    if (thread == null) {
      decode(batch);
      return;
    }
    put(batch);
    put(END);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the rows must all be decoded before the reading can end
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable thrown = failure;
    if (thrown instanceof RuntimeException r) {
      throw r;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
  }

  private void start() {
    queue = new ArrayBlockingQueue<>(8);
    thread = new Thread(this::run, "linli-csv-rows");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (true) {
      Batch next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        continue; // only the reading thread ends this one, with END
      }
      if (next == END) {
        return;
      }
      if (failure == null) {
        try {
          decode(next);
        } catch (RuntimeException | Error e) {
          failure = e; // kept taking, so that the reading thread never blocks on a full queue
        }
      }
    }
  }

  private void decode(Batch b) {
    for (int i = 0; i < b.size; i++) {
      decoder.decode(b.cells[i], b.lines[i]);
    }
  }

  private void put(Batch b) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(b);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
