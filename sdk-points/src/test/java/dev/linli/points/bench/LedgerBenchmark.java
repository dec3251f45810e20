package dev.linli.points.bench;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.LedgerFootprint;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transfers per second on the in-memory ledger (checks, idempotency index, per-account history,
 * linearizable lock), one at a time and in linked batches of 8,190 (TigerBeetle's batch size), on
 * its default compact store and, for batches, on the map-and-list store it replaced, side by side
 * with two baselines fed the same requests in the same run: a synchronized map of
 * balances with an overdraft check and an append-only list (no idempotency, no history, no
 * all-or-nothing), and an SQL table ledger in embedded H2 (a transfers table keyed by id for
 * idempotency, an accounts table updated with a guarded UPDATE, one transaction per batch).
 * Batch requests are built in per-invocation setup, outside the measurement, except in
 * {@link #ledgerLinkedBatchBuilt}, which measures building them too.
 *
 * <p>Every fork runs with its heap fixed at 8 GB and touched when the JVM starts
 * ({@code -Xms8g -XX:+AlwaysPreTouch}), as ledger servers are commonly run, the baselines as
 * the ledger: on the virtual machine of docs/benchmarks.md the kernel's zeroing of each page a
 * process touches for the first time runs at 0.3 to 1.7 GB/s, and a heap that grows during the
 * run (the JVM's default: it starts at a sixty-fourth of the machine's memory, and G1 gives
 * memory back after a marking cycle and takes new memory again) spends up to half the run's
 * samples there; {@link #ledgerLinkedBatchGrowingHeap} measures that configuration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms8g", "-XX:+AlwaysPreTouch"})
public class LedgerBenchmark {
  static final int BATCH = 8_190;
  static final int MEMBERS = 10_000;

  Ledger ledger;
  Ledger oneThreadLedger;
  Ledger mapLedger;
  long next;
  String[] members;
  List<TransferRequest> batch;
  final Map<String, Long> naiveBalances = new HashMap<>();
  final List<TransferRequest> naiveLog = new ArrayList<>();
  Connection h2;
  PreparedStatement insertTransfer;
  PreparedStatement debit;
  PreparedStatement credit;

  @Setup(Level.Iteration)
  public void setUp() throws SQLException {
    ledger = Ledger.create(Clock.systemUTC());
    mapLedger = LedgerFootprint.onMapStore(Clock.systemUTC());
    oneThreadLedger = LedgerFootprint.withoutIndexerThread(Clock.systemUTC());
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    oneThreadLedger.createAccount(
        Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    mapLedger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    members = new String[MEMBERS];
    naiveBalances.clear();
    naiveLog.clear();
    naiveBalances.put("pool", 0L);
    for (int i = 0; i < members.length; i++) {
      members[i] = "m" + i;
      ledger.createAccount(Account.member(members[i], "points"));
      oneThreadLedger.createAccount(Account.member(members[i], "points"));
      mapLedger.createAccount(Account.member(members[i], "points"));
      naiveBalances.put(members[i], 0L);
    }
    if (h2 != null) {
      h2.close();
    }
    h2 = DriverManager.getConnection("jdbc:h2:mem:ledger" + System.nanoTime());
    try (Statement s = h2.createStatement()) {
      s.execute("create table account(id varchar(64) primary key, balance bigint not null,"
          + " floor bigint not null)");
      s.execute("create table transfer(id varchar(64) primary key, debit varchar(64) not null,"
          + " credit varchar(64) not null, amount bigint not null, code varchar(48) not null,"
          + " ts timestamp not null)");
      s.execute("insert into account values ('pool', 0, -9223372036854775807)");
    }
    try (PreparedStatement p = h2.prepareStatement("insert into account values (?, 0, 0)")) {
      for (String m : members) {
        p.setString(1, m);
        p.addBatch();
      }
      p.executeBatch();
    }
    h2.setAutoCommit(false);
    insertTransfer = h2.prepareStatement("insert into transfer values (?, ?, ?, ?, ?, now())");
    debit = h2.prepareStatement(
        "update account set balance = balance - ? where id = ? and balance - ? >= floor");
    credit = h2.prepareStatement("update account set balance = balance + ? where id = ?");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    h2.close();
  }

  /** A fresh batch of earnings (pool to members), unique ids, outside the measurement. */
  @Setup(Level.Invocation)
  public void newBatch() {
    batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long n = next++;
      batch.add(TransferRequest.of("t" + n, "pool", members[(int) (n % MEMBERS)], 10, "gift"));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> ledgerLinkedBatch() {
    return ledger.submitLinked(batch);
  }

  /**
   * {@link #ledgerLinkedBatch} with the caller's part measured as well: the 8,190 requests are
   * built inside the measurement (an id string and the record's checks of three ids and a code
   * each), as an embedder that builds its batches pays. Ids continue {@link #newBatch}'s.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> ledgerLinkedBatchBuilt() {
    List<TransferRequest> built = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long n = next++;
      built.add(TransferRequest.of("t" + n, "pool", members[(int) (n % MEMBERS)], 10, "gift"));
    }
    return ledger.submitLinked(built);
  }

  /**
   * {@link #ledgerLinkedBatch} in a JVM whose heap is also backed by transparent huge pages (2
   * MB), a deployment option, not the default: a new id's look-up in an index of millions of
   * entries then no longer misses the address translation cache as well as the data cache.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms8g", "-XX:+AlwaysPreTouch",
      "-XX:+UseTransparentHugePages"})
  public List<TransferResult> ledgerLinkedBatchHugePages() {
    return ledger.submitLinked(batch);
  }

  /**
   * {@link #ledgerLinkedBatch} with the batch's ids indexed on the calling thread (the compact
   * store without its {@code IdIndexer} thread), as before that thread: the same work on one core.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> ledgerLinkedBatchOneThread() {
    return oneThreadLedger.submitLinked(batch);
  }

  /**
   * {@link #ledgerLinkedBatch} in a JVM with the default heap sizing under the same 8-GB limit:
   * the heap starts small and grows (and shrinks) during the run, and each page it uses for the
   * first time is zeroed by the kernel inside the measurement, which on the virtual machine of
   * docs/benchmarks.md took up to half of all samples ({@code perf}: {@code clear_page_erms}) in
   * the seconds when throughput fell to a quarter: those seconds measure the machine's memory.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(value = 1, jvmArgsAppend = "-Xmx8g")
  public List<TransferResult> ledgerLinkedBatchGrowingHeap() {
    return ledger.submitLinked(batch);
  }

  /** The same batches on the map-and-list store, the ledger's default before the compact store. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<TransferResult> mapStoreLinkedBatch() {
    return mapLedger.submitLinked(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int ledgerOneAtATime() {
    int ok = 0;
    for (TransferRequest r : batch) {
      if (ledger.submit(r) == TransferResult.OK) {
        ok++;
      }
    }
    return ok;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int naiveSynchronizedMap() {
    int ok = 0;
    for (TransferRequest r : batch) {
      synchronized (naiveBalances) {
        long from = naiveBalances.get(r.debitAccountId());
        if (!r.debitAccountId().equals("pool") && from < r.amount()) {
          continue;
        }
        naiveBalances.put(r.debitAccountId(), from - r.amount());
        naiveBalances.merge(r.creditAccountId(), r.amount(), Long::sum);
        naiveLog.add(r);
        ok++;
      }
    }
    return ok;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int h2TableLedgerBatch() throws SQLException {
    for (TransferRequest r : batch) {
      insertTransfer.setString(1, r.id());
      insertTransfer.setString(2, r.debitAccountId());
      insertTransfer.setString(3, r.creditAccountId());
      insertTransfer.setLong(4, r.amount());
      insertTransfer.setString(5, r.code());
      insertTransfer.executeUpdate();
      debit.setLong(1, r.amount());
      debit.setString(2, r.debitAccountId());
      debit.setLong(3, r.amount());
      if (debit.executeUpdate() != 1) {
        h2.rollback();
        return 0;
      }
      credit.setLong(1, r.amount());
      credit.setString(2, r.creditAccountId());
      credit.executeUpdate();
    }
    h2.commit();
    return BATCH;
  }
}
