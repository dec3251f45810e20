package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.StorageException;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.journal.LedgerTableVerifier;
import dev.linli.points.journal.Verification;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two application instances (two {@link PostgresLedger}s on separate pools) and 16 threads on shared
 * accounts: random transfers, linked batches, holds posted or voided, reversals, retries sent to
 * the other instance, lot expiry sweeps and a moving clock. Afterwards every asset sums to zero, no
 * account is below its floor, every acknowledged transfer is stored once, nothing unacknowledged is
 * stored, and the tables verify intact. Then a backend is killed in the middle of large batches:
 * nothing partial remains.
 */
class PostgresLedgerConcurrencyTest {
  private static final int THREADS = 16;
  private static final int MEMBERS = 12;
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

  private Ledger.Builder settings() {
    return Ledger.builder().clock(clock).expireLots("points", Period.ofDays(2), "expired");
  }

  private static void accounts(Ledger ledger) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    for (int i = 0; i < MEMBERS; i++) {
      ledger.createAccount(new Account("m" + i, "points", AccountKind.MEMBER, i % 4 == 0 ? 30 : 0,
          false, ""));
    }
  }

  @Test
  void twoInstances_sixteenThreads_keepTheBooks() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    try (HikariDataSource poolA = TestPools.pool(db, 8);
        HikariDataSource poolB = TestPools.pool(db, 8)) {
      PostgresLedger.installSchema(poolA);
      Ledger a = PostgresLedger.open(poolA, settings()).ledger();
      Ledger b = PostgresLedger.open(poolB, settings()).ledger();
      accounts(a);
      accounts(b);
      Map<String, Long> acknowledged = new ConcurrentHashMap<>();
      AtomicInteger retriedExists = new AtomicInteger();
      AtomicInteger batchesOk = new AtomicInteger();
      AtomicInteger posts = new AtomicInteger();
      AtomicInteger expired = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          all.add(pool.submit(() -> {
            work(thread, thread % 2 == 0 ? a : b, thread % 2 == 0 ? b : a, acknowledged,
                retriedExists, batchesOk, posts, expired);
            return null;
          }));
        }
        for (Future<?> f : all) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(retriedExists.get() >= 50, "retries reached the other instance: " + retriedExists);
      assertTrue(batchesOk.get() >= 20, "batches applied: " + batchesOk);
      assertTrue(posts.get() >= 10, "holds posted: " + posts);
      assertTrue(expired.get() >= 1, "lots expired: " + expired);
      checkBooks(a, acknowledged);
      assertEquals(a.transfers(), b.transfers(), "both instances read the same books");
      Verification v = LedgerTableVerifier.verify(poolA);
      assertTrue(v.intact(), v::toString);
    }
  }

  private void work(int thread, Ledger here, Ledger there, Map<String, Long> acknowledged,
      AtomicInteger retriedExists, AtomicInteger batchesOk, AtomicInteger posts,
      AtomicInteger expired) {
    SplittableRandom random = new SplittableRandom(thread * 7919L);
    List<String> mine = new ArrayList<>();
    List<String> holds = new ArrayList<>();
    for (int k = 0; k < 45; k++) {
      String id = "c" + thread + "-" + k;
      int op = random.nextInt(100);
      if (op < 40) {
        TransferRequest r = request(random, id);
        TransferResult result = here.submit(r);
        if (result == TransferResult.OK) {
          acknowledged.put(r.id(), r.amount());
          mine.add(r.id());
          if (random.nextInt(3) == 0) {
            assertEquals(TransferResult.EXISTS, there.submit(r), "a retry on the other instance");
            retriedExists.incrementAndGet();
          }
        }
      } else if (op < 55) {
        List<TransferRequest> batch = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
          batch.add(request(random, id + "." + i));
        }
        List<TransferResult> results = here.submitLinked(batch);
        boolean ok = results.stream().allMatch(x -> x == TransferResult.OK);
        for (TransferRequest r : batch) {
          assertEquals(ok, there.find(r.id()).isPresent(), "a batch is all or nothing");
          if (ok) {
            acknowledged.put(r.id(), r.amount());
            mine.add(r.id());
          }
        }
        if (ok) {
          batchesOk.incrementAndGet();
          assertTrue(there.submitLinked(batch).stream().allMatch(x -> x == TransferResult.EXISTS));
        }
      } else if (op < 70) {
        TransferRequest r = request(random, "h" + id);
        // Half the holds outlive any time the clock can reach here (16 threads x 45 steps x 11 h
        // is under 400 days): whether a post finds its hold expired depends on how the threads
        // interleave with the others' clock moves, so the floor on posts must not rest on them.
        Duration timeout = random.nextBoolean() ? Duration.ofDays(400)
            : Duration.ofHours(1 + random.nextInt(30));
        if (here.hold(r, timeout) == TransferResult.OK) {
          holds.add(r.id());
        }
      } else if (op < 80 && !holds.isEmpty()) {
        String hold = holds.get(random.nextInt(holds.size()));
        Optional<Hold> h = here.findHold(hold);
        long amount = 1 + random.nextInt((int) h.orElseThrow().amount());
        String transferId = "p" + hold;
        TransferResult r = here.post(transferId, hold, amount);
        if (r == TransferResult.HOLD_EXPIRED) {
          assertFalse(here.findHold(hold).orElseThrow().expiresAt().isAfter(clock.instant()),
              "a post refused as expired came after the hold's expiry");
        }
        if (r == TransferResult.OK) {
          acknowledged.put(transferId, amount);
          posts.incrementAndGet();
          assertEquals(TransferResult.EXISTS, there.post(transferId, hold, amount));
          retriedExists.incrementAndGet();
        }
      } else if (op < 85 && !holds.isEmpty()) {
        there.voidHold(holds.get(random.nextInt(holds.size())));
      } else if (op < 92 && !mine.isEmpty()) {
        Transfer original = here.find(mine.get(random.nextInt(mine.size()))).orElseThrow();
        if (original.reverses() == null) {
          long left = original.amount() - here.reversedAmount(original.id());
          if (left > 0) {
            TransferRequest r = TransferRequest.reversal("r" + id, original,
                1 + random.nextInt((int) left));
            if (there.submit(r) == TransferResult.OK) {
              acknowledged.put(r.id(), r.amount());
            }
          }
        }
      } else if (op < 96) {
        clock.advance(Duration.ofHours(random.nextInt(12)));
      } else {
        expired.addAndGet(here.expireLots().size());
      }
    }
  }

  private static TransferRequest request(SplittableRandom random, String id) {
    String member = "m" + random.nextInt(MEMBERS);
    int kind = random.nextInt(10);
    if (kind < 5) {
      return TransferRequest.of(id, "pool", member, 1 + random.nextInt(100), "elderly-care");
    }
    String other = kind < 8 ? "canteen" : "m" + random.nextInt(MEMBERS);
    if (other.equals(member)) {
      other = "canteen";
    }
    return TransferRequest.of(id, member, other, 1 + random.nextInt(60), "redemption");
  }

  /** Zero-sum, floors, and every stored transfer acknowledged once (expiry transfers aside). */
  private static void checkBooks(Ledger ledger, Map<String, Long> acknowledged) {
    assertEquals(Map.of("points", 0L), ledger.sumOfBalances());
    for (Account acc : ledger.accounts()) {
      Balance bal = ledger.balance(acc.id());
      if (acc.overdraftLimit() != Account.UNLIMITED) {
        assertTrue(bal.available() >= -acc.overdraftLimit(), acc.id() + " below its floor: " + bal);
      }
    }
    int stored = 0;
    for (Transfer t : ledger.transfers()) {
      if (t.code().equals("expiry")) {
        continue;
      }
      Long amount = acknowledged.get(t.id());
      assertTrue(amount != null, "stored but never acknowledged: " + t);
      assertEquals(amount, t.amount(), t.id());
      stored++;
    }
    assertEquals(acknowledged.size(), stored, "every acknowledged transfer is stored once");
  }

  @Test
  void backendKilledMidBatch_leavesNothingPartial() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    List<List<TransferRequest>> sent = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger failed = new AtomicInteger();
    try (HikariDataSource poolA = TestPools.pool(db, 4)) {
      PostgresLedger.installSchema(poolA);
      Ledger a = PostgresLedger.open(poolA, settings()).ledger();
      accounts(a);
      Thread writer = new Thread(() -> {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 30 && !Thread.currentThread().isInterrupted(); round++) {
          List<TransferRequest> batch = new ArrayList<>();
          for (int i = 0; i < 400; i++) {
            batch.add(TransferRequest.of("k" + round + "-" + i, "pool", "m" + random.nextInt(MEMBERS),
                1 + random.nextInt(50), "elderly-care"));
          }
          synchronized (sent) {
            sent.add(batch);
          }
          try {
            a.submitLinked(batch);
          } catch (StorageException e) {
            failed.incrementAndGet();
          } catch (RuntimeException | Error e) {
            failure.set(e);
            return;
          }
        }
      });
      writer.start();
      for (int kill = 0; kill < 4; kill++) {
        Thread.sleep(250);
        db.terminateOtherBackends();
      }
      writer.join(TimeUnit.MINUTES.toMillis(3));
      assertFalse(writer.isAlive());
    }
    assertEquals(null, failure.get());
    assertTrue(failed.get() >= 1, "at least one batch was cut off by a killed backend");
    try (HikariDataSource fresh = TestPools.pool(db, 2)) {
      Ledger check = PostgresLedger.open(fresh, settings()).ledger();
      int whole = 0;
      for (List<TransferRequest> batch : sent) {
        long present = batch.stream().filter(r -> check.find(r.id()).isPresent()).count();
        assertTrue(present == 0 || present == batch.size(),
            "batch " + batch.get(0).id() + " is partial: " + present + " of " + batch.size());
        whole += present == 0 ? 0 : 1;
      }
      assertTrue(whole >= 1, "some batches committed");
      assertEquals(Map.of("points", 0L), check.sumOfBalances());
      Verification v = LedgerTableVerifier.verify(fresh);
      assertTrue(v.intact(), v::toString);
    }
  }
}
