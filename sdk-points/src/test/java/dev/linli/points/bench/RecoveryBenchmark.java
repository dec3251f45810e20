package dev.linli.points.bench;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.journal.Durability;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long opening a {@link DurableLedger} takes when its journal holds {@code transfers} transfers
 * (10,000 members) written as {@code batch}-transfer calls (1: one record per transfer, as a
 * centre's day of single requests writes it; 8,190: bulk imports), replaying the whole journal,
 * against restoring a
 * snapshot taken at its end (which is then checked against the journal position it names). The
 * journals are written once per trial, outside the measurement; each measured open is followed by
 * a close.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx16g", "-XX:+UseParallelGC"})
public class RecoveryBenchmark {
  static final int MEMBERS = 10_000;

  @Param("10000000")
  public int transfers;

  @Param({"1", "8190"})
  public int batch;

  Path root;
  Path plain;
  Path snapshotted;

  @Setup(Level.Trial)
  public void writeJournals() throws IOException {
    root = Files.createTempDirectory("linli-bench-recovery");
    plain = root.resolve("plain");
    snapshotted = root.resolve("snapshotted");
    JournalOptions options = JournalOptions.builder().durability(Durability.NONE).build();
    try (DurableLedger durable = DurableLedger.open(plain, Ledger.builder().clock(Clock.systemUTC()),
        options)) {
      Ledger ledger = durable.ledger();
      ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      for (int i = 0; i < MEMBERS; i++) {
        ledger.createAccount(Account.member("m" + i, "points"));
      }
      for (int done = 0; done < transfers; ) {
        int n = Math.min(batch, transfers - done);
        if (n == 1) {
          ledger.submit(TransferRequest.of("t" + done, "pool", "m" + (done % MEMBERS), 10, "earn"));
        } else {
          List<TransferRequest> requests = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            long k = done + i;
            requests.add(TransferRequest.of("t" + k, "pool", "m" + (k % MEMBERS), 10, "earn"));
          }
          ledger.submitLinked(requests);
        }
        done += n;
      }
    }
    Files.createDirectories(snapshotted);
    try (Stream<Path> files = Files.list(plain)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, snapshotted.resolve(f.getFileName()));
      }
    }
    try (DurableLedger durable = DurableLedger.open(snapshotted, options)) {
      durable.snapshot();
    }
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static int open(Path dir) {
    try (DurableLedger durable = DurableLedger.open(dir, Ledger.builder().clock(Clock.systemUTC()),
        JournalOptions.builder().durability(Durability.NONE).build())) {
      return durable.ledger().transferCount();
    }
  }

  @Benchmark
  public int openReplayingTheJournal() {
    return open(plain);
  }

  @Benchmark
  public int openFromSnapshot() {
    return open(snapshotted);
  }
}
