package dev.linli.points.bench;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.journal.Durability;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable transfers per second: a {@link DurableLedger} in {@link Durability#FSYNC_EVERY_BATCH}
 * mode (a call returns only after its transfers are forced to the device, concurrent callers share
 * one force) at 1, 4 and 16 writer threads, for single transfers and linked batches of 100, and at
 * one writer for linked batches of 8,190 (TigerBeetle's batch size), side by side with the obvious
 * alternative in the same run: every call appends its record to a file and forces it itself under
 * a lock (no group commit). For batches of 8,190 the alternative writes each transfer's fields in
 * the journal's own layout (length-prefixed strings, big-endian amount), so it writes the same
 * bytes per transfer as the journal's record body, without the ledger work, the hash chain or
 * the frame.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class DurableLedgerBenchmark {
  static final int MEMBERS = 10_000;
  static final int BATCH = 100;
  static final int BIG_BATCH = 8_190;

  /** The journaled ledger and the naive journal file, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Journal {
    Path dir;
    DurableLedger durable;
    Ledger ledger;
    FileChannel naive;
    final AtomicInteger threads = new AtomicInteger();

    /**
     * A fresh journal and ledger per iteration: the ledger keeps every transfer in memory, and
     * millions per second would otherwise make later iterations measure the garbage collector.
     */
    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = Files.createTempDirectory("linli-bench-journal");
      durable = DurableLedger.open(dir.resolve("journal"),
          Ledger.builder().clock(Clock.systemUTC()),
          JournalOptions.builder().durability(Durability.FSYNC_EVERY_BATCH).build());
      ledger = durable.ledger();
      // One force for all 10,001 accounts, not one each (which took tens of seconds a setup).
      ledger.durably(() -> {
        ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
        for (int i = 0; i < MEMBERS; i++) {
          ledger.createAccount(Account.member("m" + i, "points"));
        }
        return null;
      });
      naive = FileChannel.open(dir.resolve("naive.log"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      durable.close();
      naive.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }

    /** What the naive alternative does per call: write the record, force, under one lock. */
    synchronized void appendAndForce(List<TransferRequest> batch) throws IOException {
      StringBuilder line = new StringBuilder(64 * batch.size());
      for (TransferRequest r : batch) {
        line.append(r.id()).append(',').append(r.debitAccountId()).append(',')
            .append(r.creditAccountId()).append(',').append(r.amount()).append('\n');
      }
      ByteBuffer buf = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        naive.write(buf);
      }
      naive.force(false);
    }

    /**
     * The naive alternative for big batches: each transfer's fields as the journal lays them out
     * (id, debit, credit, amount, asset, code, user data, reverses, operator), written and forced.
     */
    synchronized void appendAndForceBinary(List<TransferRequest> batch, ByteBuffer buf)
        throws IOException {
      buf.clear();
      for (TransferRequest r : batch) {
        putString(buf, r.id());
        putString(buf, r.debitAccountId());
        putString(buf, r.creditAccountId());
        buf.putLong(r.amount());
        putString(buf, "points");
        putString(buf, r.code());
        putString(buf, r.userData());
        putString(buf, r.reverses());
        putString(buf, r.operator());
      }
      buf.flip();
      while (buf.hasRemaining()) {
        naive.write(buf);
      }
      naive.force(false);
    }

    private static void putString(ByteBuffer buf, String s) {
      if (s == null) {
        buf.putShort((short) 0xFFFF);
        return;
      }
      buf.putShort((short) s.length());
      for (int i = 0; i < s.length(); i++) {
        buf.put((byte) s.charAt(i));
      }
    }
  }

  /** One writer thread's requests, with ids unique across threads, built outside measurement. */
  @State(Scope.Thread)
  public static class Writer {
    String prefix;
    long next;
    TransferRequest single;
    List<TransferRequest> batch;
    List<TransferRequest> one;

    @Setup(Level.Trial)
    public void name(Journal journal) {
      prefix = "w" + journal.threads.getAndIncrement() + "-";
    }

    @Setup(Level.Invocation)
    public void nextRequests() {
      batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(request());
      }
      single = request();
      one = List.of(single);
    }

    private TransferRequest request() {
      long n = next++;
      return TransferRequest.of(prefix + n, "pool", "m" + (n % MEMBERS), 10, "earn");
    }
  }

  /** One writer's linked batches of {@value #BIG_BATCH}, built outside measurement. */
  @State(Scope.Thread)
  public static class BigWriter {
    String prefix;
    long next;
    List<TransferRequest> batch;
    final ByteBuffer buf = ByteBuffer.allocate(BIG_BATCH * 256);

    @Setup(Level.Trial)
    public void name(Journal journal) {
      prefix = "b" + journal.threads.getAndIncrement() + "-";
    }

    @Setup(Level.Invocation)
    public void nextRequests() {
      batch = new ArrayList<>(BIG_BATCH);
      for (int i = 0; i < BIG_BATCH; i++) {
        long n = next++;
        batch.add(TransferRequest.of(prefix + n, "pool", "m" + (n % MEMBERS), 10, "earn"));
      }
    }
  }

  private static TransferResult single(Journal j, Writer w) {
    return j.ledger.submit(w.single);
  }

  private static List<TransferResult> batch(Journal j, Writer w) {
    return j.ledger.submitLinked(w.batch);
  }

  @Benchmark
  @Threads(1)
  public TransferResult durableSingle01(Journal j, Writer w) {
    return single(j, w);
  }

  @Benchmark
  @Threads(4)
  public TransferResult durableSingle04(Journal j, Writer w) {
    return single(j, w);
  }

  @Benchmark
  @Threads(16)
  public TransferResult durableSingle16(Journal j, Writer w) {
    return single(j, w);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> durableBatch100x01(Journal j, Writer w) {
    return batch(j, w);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> durableBatch100x04(Journal j, Writer w) {
    return batch(j, w);
  }

  @Benchmark
  @Threads(16)
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> durableBatch100x16(Journal j, Writer w) {
    return batch(j, w);
  }

  @Benchmark
  @Threads(1)
  public List<TransferRequest> naiveForceEachCall01(Journal j, Writer w) throws IOException {
    j.appendAndForce(w.one);
    return w.one;
  }

  @Benchmark
  @Threads(16)
  public List<TransferRequest> naiveForceEachCall16(Journal j, Writer w) throws IOException {
    j.appendAndForce(w.one);
    return w.one;
  }

  @Benchmark
  @Threads(16)
  @OperationsPerInvocation(BATCH)
  public List<TransferRequest> naiveForceEachBatch100x16(Journal j, Writer w)
      throws IOException {
    j.appendAndForce(w.batch);
    return w.batch;
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BIG_BATCH)
  public List<TransferResult> durableBatch8190x01(Journal j, BigWriter w) {
    return j.ledger.submitLinked(w.batch);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BIG_BATCH)
  public List<TransferRequest> naiveForceEachBatch8190x01(Journal j, BigWriter w)
      throws IOException {
    j.appendAndForceBinary(w.batch, w.buf);
    return w.batch;
  }
}
