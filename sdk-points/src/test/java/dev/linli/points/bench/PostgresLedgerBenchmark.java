package dev.linli.points.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.BareTransferInsert;
import dev.linli.points.Ledger;
import dev.linli.points.NaiveTableLedger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.journal.Durability;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalOptions;
import dev.linli.core.testing.BenchPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Durable transfers per second on PostgreSQL 14 (embedded, same machine, {@code fsync} and {@code
 * synchronous_commit} on: a call returns after its commit is flushed to the WAL on disk):
 * {@link PostgresLedger} with single transfers from 1 and 16 clients and linked batches of 100 and
 * 8,190, beside the local journal ({@link DurableLedger}, {@code FSYNC_EVERY_BATCH}) and the naive
 * table ledger (read, check, write at READ COMMITTED; incorrect under concurrency) on the same
 * server, in the same run; and the ceiling for batches, the same rows inserted and committed with
 * none of the ledger's work ({@link BareTransferInsert}). Each trial's server starts with its WAL
 * recycled ({@link BenchPostgres#recycleWal}), as a server's is once it has run for a while; {@code
 * -jvmArgsAppend -Dlinli.bench.freshWal=true} measures the fresh cluster instead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Three warm-up iterations: the JVM's own CPU per transfer of a batch of 8,190 falls 7.1, 2.6, 1.6,
// 1.5, 1.1 us over the first five rounds of 491,400 transfers (a probe's counts), so one 3-second
// iteration left most of its compilation inside the measurement.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class PostgresLedgerBenchmark {
  static final int MEMBERS = 1_000;
  static final int BIG = 8_190;

  /** One PostgreSQL server, ledger, naive table and journal, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Books {
    BenchPostgres server;
    HikariDataSource pool;
    Ledger postgres;
    NaiveTableLedger naive;
    Path dir;
    DurableLedger durable;
    Ledger journal;
    BareTransferInsert bare;
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
      server = BenchPostgres.start("256MB");
      // As on a server that has run for a while (see recycleWal): 64 segments, max_wal_size.
      server.recycleWal(64);
      server.newDatabase("bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.jdbcUrl("bench"));
      config.setMaximumPoolSize(20);
      pool = new HikariDataSource(config);
      PostgresLedger.installSchema(pool);
      postgres = PostgresLedger.open(pool, Ledger.builder().clock(Clock.systemUTC())).ledger();
      postgres.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      bare = new BareTransferInsert(server.newDatabase("bare"), "bare-" + System.nanoTime() + "-",
          MEMBERS);
      naive = new NaiveTableLedger(pool);
      naive.open("pool", true);
      for (int i = 0; i < MEMBERS; i++) {
        postgres.createAccount(Account.member("m" + i, "points"));
        naive.open("m" + i, false);
      }
      dir = Files.createTempDirectory("linli-bench-pg-journal");
      durable = DurableLedger.open(dir.resolve("journal"),
          Ledger.builder().clock(Clock.systemUTC()),
          JournalOptions.builder().durability(Durability.FSYNC_EVERY_BATCH).build());
      journal = durable.ledger();
      journal.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      for (int i = 0; i < MEMBERS; i++) {
        journal.createAccount(Account.member("m" + i, "points"));
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
      BenchPostgres.printTopStatements(pool);
      durable.close();
      bare.close();
      pool.close();
      server.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  /** One client thread's requests, with ids unique across threads and benchmarks. */
  @State(Scope.Thread)
  public static class Client {
    String prefix;
    long next;
    int member;

    @Setup(Level.Trial)
    public void name(Books books) {
      int n = books.threads.getAndIncrement();
      prefix = "c" + n + "-" + System.nanoTime() + "-";
      member = n * 61;
    }

    TransferRequest request() {
      long n = next++;
      return TransferRequest.of(prefix + n, "pool", "m" + ((member + n) % MEMBERS), 10, "earn");
    }

    List<TransferRequest> batch(int size) {
      List<TransferRequest> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(request());
      }
      return out;
    }
  }

  @Benchmark
  @Threads(1)
  public TransferResult postgresSingle01(Books b, Client c) {
    return b.postgres.submit(c.request());
  }

  @Benchmark
  @Threads(16)
  public TransferResult postgresSingle16(Books b, Client c) {
    return b.postgres.submit(c.request());
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(100)
  public List<TransferResult> postgresBatch100x01(Books b, Client c) {
    return b.postgres.submitLinked(c.batch(100));
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BIG)
  public List<TransferResult> postgresBatch8190x01(Books b, Client c) {
    return b.postgres.submitLinked(c.batch(BIG));
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BIG)
  public List<TransferResult> postgresBatch8190x04(Books b, Client c) {
    return b.postgres.submitLinked(c.batch(BIG));
  }

  /** The ceiling: the same rows inserted and committed with none of the ledger's work. */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BIG)
  public int bareInsert8190x01(Books b) throws SQLException {
    return b.bare.insert(BIG);
  }

  @Benchmark
  @Threads(1)
  public boolean naiveTableSingle01(Books b, Client c) throws SQLException {
    TransferRequest r = c.request();
    return b.naive.transfer(r.debitAccountId(), r.creditAccountId(), r.amount());
  }

  @Benchmark
  @Threads(16)
  public boolean naiveTableSingle16(Books b, Client c) throws SQLException {
    TransferRequest r = c.request();
    return b.naive.transfer(r.debitAccountId(), r.creditAccountId(), r.amount());
  }

  @Benchmark
  @Threads(16)
  public TransferResult journalSingle16(Books b, Client c) {
    return b.journal.submit(c.request());
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BIG)
  public List<TransferResult> journalBatch8190x01(Books b, Client c) {
    return b.journal.submitLinked(c.batch(BIG));
  }
}
