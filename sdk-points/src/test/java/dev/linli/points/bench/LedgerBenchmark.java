package dev.linli.points.bench;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transfers per call on the ledger (checks, idempotency index, history, linearizable lock), side by
 * side with the naive alternative: a synchronized map of balances with an overdraft check and an
 * append-only list, no idempotency and no per-account history.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LedgerBenchmark {
  Ledger ledger;
  long next;
  final Map<String, Long> naiveBalances = new HashMap<>();
  final List<Object[]> naiveLog = new ArrayList<>();
  String[] members;

  @Setup(Level.Iteration)
  public void setUp() {
    ledger = Ledger.create(Clock.systemUTC());
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    members = new String[1000];
    naiveBalances.clear();
    naiveLog.clear();
    naiveBalances.put("pool", 0L);
    for (int i = 0; i < members.length; i++) {
      members[i] = "m" + i;
      ledger.createAccount(Account.member(members[i], "points"));
      naiveBalances.put(members[i], 0L);
    }
  }

  @Benchmark
  public TransferResult ledgerTransfer() {
    long n = next++;
    return ledger.submit(TransferRequest.of("t" + n, "pool", members[(int) (n % 1000)], 10, "gift"));
  }

  @Benchmark
  public List<TransferResult> ledgerLinkedBatchOf100() {
    List<TransferRequest> batch = new ArrayList<>(100);
    for (int i = 0; i < 100; i++) {
      long n = next++;
      batch.add(TransferRequest.of("b" + n, "pool", members[(int) (n % 1000)], 10, "gift"));
    }
    return ledger.submitLinked(batch);
  }

  @Benchmark
  public boolean naiveSynchronizedMap() {
    long n = next++;
    String to = members[(int) (n % 1000)];
    synchronized (naiveBalances) {
      long from = naiveBalances.get("pool");
      naiveBalances.put("pool", from - 10);
      naiveBalances.put(to, naiveBalances.get(to) + 10);
      naiveLog.add(new Object[] {"t" + n, "pool", to, 10L});
      return true;
    }
  }
}
