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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Group commit of one {@link PostgresLedger}: 16 threads submit at once, their submits are decided
 * in groups of one transaction each, and every caller still gets exactly the result a serial run
 * gives for its request (the in-memory ledger fed the groups' order); a backend terminated while
 * groups run loses and doubles nothing.
 */
class PostgresLedgerGroupCommitTest {
  private static final int THREADS = 16;
  private static final int MEMBERS = 8;
  private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");

  private static void accounts(Ledger ledger) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    ledger.createAccount(new Account("frozen", "points", AccountKind.MEMBER, 0, true, ""));
    for (int i = 0; i < MEMBERS; i++) {
      ledger.createAccount(Account.member("m" + i, "points"));
    }
  }

  /** Installs the schema and opens a ledger on {@code pool} with {@link #accounts}. */
  private PostgresLedger openWithAccounts(HikariDataSource pool) {
    PostgresLedger.installSchema(pool);
    PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
    accounts(books.ledger());
    return books;
  }

  /**
   * Thread {@code t}'s {@code k}-th request, a new object on every call: earnings (accepted),
   * spends that the member's balance at that moment accepts or refuses, an id that every thread
   * sends with the same content (one OK, then EXISTS) or with its own amount
   * (EXISTS_WITH_DIFFERENT_AMOUNT), and requests naming a missing or a frozen account.
   */
  private static TransferRequest request(SplittableRandom random, int t, int k) {
    String member = "m" + random.nextInt(MEMBERS);
    int kind = random.nextInt(20);
    if (kind < 7) {
      return TransferRequest.of("earn-" + t + "-" + k, "pool", member, 1 + random.nextInt(40),
          "elderly-care");
    }
    if (kind < 13) {
      return TransferRequest.of("spend-" + t + "-" + k, member, "canteen",
          1 + random.nextInt(60), "meal");
    }
    if (kind < 15) {
      return TransferRequest.of("same-" + k, "pool", "m" + (k % MEMBERS), 5, "gift");
    }
    if (kind < 17) {
      return TransferRequest.of("differs-" + k, "pool", "m" + (k % MEMBERS), 1 + t, "gift");
    }
    if (kind < 19) {
      return TransferRequest.of("ghost-" + t + "-" + k, "pool", "nobody", 3, "gift");
    }
    return TransferRequest.of("frozen-" + t + "-" + k, "pool", "frozen", 3, "gift");
  }

  /** One thread's work, given the thread's number. */
  @FunctionalInterface
  private interface ThreadWork {
    void run(int thread) throws Exception;
  }

  /** Runs {@code work} on {@link #THREADS} threads released at once, and waits for all of them. */
  private static void together(ThreadWork work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        all.add(threads.submit(() -> {
          start.await();
          work.run(thread);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Sixteen closed-loop clients (each submits again as soon as it is answered): the committer
   * waits for the callers the last group answered, so nearly every group holds all sixteen instead
   * of alternating halves. The waits are lengthened here so that a slow thread wake-up on a busy
   * machine cannot make the test pass or fail by timing.
   */
  @Test
  void closedLoopClients_areGatheredIntoFullGroups() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    try (HikariDataSource pool = TestPools.pool(db, 20)) {
      PostgresLedger books = openWithAccounts(pool);
      Ledger ledger = books.ledger();
      books.store().gatherQuietNanos = TimeUnit.MILLISECONDS.toNanos(200);
      books.store().gatherLimitNanos = TimeUnit.MILLISECONDS.toNanos(400);
      List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
      books.store().groupCommitted = g -> sizes.add(g.size());
      together(thread -> {
        for (int k = 0; k < 30; k++) {
          assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of(
              "loop-" + thread + "-" + k, "pool", "m" + (thread % MEMBERS), 1, "gift")));
        }
      });
      assertEquals(THREADS * 30, sizes.stream().mapToInt(Integer::intValue).sum());
      // 480 submits: in groups of 16 that is 30 groups; alternating halves would be about 60.
      assertTrue(sizes.size() <= 40, "groups: " + sizes.size() + " " + sizes);
    }
  }

  @Test
  void sixteenThreads_mixedRequestsInOneGroup_eachGetsTheSerialResult() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    try (HikariDataSource pool = TestPools.pool(db, 20)) {
      PostgresLedger books = openWithAccounts(pool);
      Ledger ledger = books.ledger();
      List<List<TransferRequest>> groups = Collections.synchronizedList(new ArrayList<>());
      books.store().groupCommitted = groups::add;
      Map<TransferRequest, TransferResult> answered =
          Collections.synchronizedMap(new IdentityHashMap<>());
      together(thread -> {
        SplittableRandom random = new SplittableRandom(31L * thread + 7);
        for (int k = 0; k < 60; k++) {
          TransferRequest r = request(random, thread, k);
          answered.put(r, ledger.submit(r));
        }
      });

      // The serial run: the in-memory ledger fed every group's requests in the order decided.
      Ledger serial = Ledger.builder().clock(clock).build();
      accounts(serial);
      int fed = 0;
      int multi = 0;
      int mixed = 0;
      Map<TransferResult, Integer> codes = new EnumMap<>(TransferResult.class);
      for (List<TransferRequest> group : groups) {
        boolean ok = false;
        boolean refused = false;
        for (TransferRequest r : group) {
          TransferResult expected = serial.submit(r);
          assertEquals(expected, answered.get(r), "the result of " + r + " in its group");
          codes.merge(expected, 1, Integer::sum);
          ok |= expected == TransferResult.OK;
          refused |= expected != TransferResult.OK;
          fed++;
        }
        multi += group.size() > 1 ? 1 : 0;
        mixed += ok && refused ? 1 : 0;
      }
      assertEquals(THREADS * 60, answered.size());
      assertEquals(answered.size(), fed, "every submit was decided in a committed group");
      assertTrue(multi >= 20, "groups of more than one submit: " + multi + " of " + groups.size());
      assertTrue(mixed >= 10, "groups with accepted and refused submits: " + mixed);
      for (TransferResult code : List.of(TransferResult.OK, TransferResult.EXISTS,
          TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, TransferResult.EXCEEDS_BALANCE,
          TransferResult.CREDIT_ACCOUNT_NOT_FOUND, TransferResult.ACCOUNT_FROZEN)) {
        assertTrue(codes.getOrDefault(code, 0) >= 5, code + " seen " + codes.get(code) + " times");
      }
      assertEquals(ids(serial.transfers()), ids(ledger.transfers()), "the same transfers, in order");
      for (Account a : serial.accounts()) {
        assertEquals(serial.balance(a.id()), ledger.balance(a.id()), a.id());
      }
      Verification v = LedgerTableVerifier.verify(pool);
      assertTrue(v.intact(), v::toString);
    }
  }

  private static List<String> ids(List<Transfer> transfers) {
    List<String> out = new ArrayList<>();
    for (Transfer t : transfers) {
      out.add(t.id());
    }
    return out;
  }

  @Test
  void backendsTerminatedWhileGroupsRun_loseAndDoubleNothing() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    Map<String, TransferRequest> sent = new HashMap<>();
    Map<String, TransferResult> answers = Collections.synchronizedMap(new HashMap<>());
    try (HikariDataSource pool = TestPools.pool(db, 20)) {
      PostgresLedger books = openWithAccounts(pool);
      Ledger ledger = books.ledger();
      AtomicInteger thrown = new AtomicInteger();
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      int killed = 0;
      try {
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          List<TransferRequest> mine = new ArrayList<>();
          SplittableRandom random = new SplittableRandom(thread);
          for (int k = 0; k < 200; k++) {
            String member = "m" + random.nextInt(MEMBERS);
            mine.add(random.nextInt(3) == 0
                ? TransferRequest.of("s" + thread + "-" + k, member, "canteen",
                    1 + random.nextInt(30), "meal")
                : TransferRequest.of("e" + thread + "-" + k, "pool", member,
                    1 + random.nextInt(30), "elderly-care"));
          }
          mine.forEach(r -> sent.put(r.id(), r));
          all.add(threads.submit(() -> {
            for (TransferRequest r : mine) {
              // A caller that is told the store failed sends the same request again.
              while (true) {
                try {
                  answers.put(r.id(), ledger.submit(r));
                  break;
                } catch (StorageException e) {
                  thrown.incrementAndGet();
                }
              }
            }
            return null;
          }));
        }
        while (writing.get()) {
          // Often: with groups gathered, the 3,200 submits take well under a second here.
          Thread.sleep(20);
          killed += db.terminateOtherBackends() > 0 ? 1 : 0;
          writing.set(all.stream().anyMatch(f -> !f.isDone()));
        }
        for (Future<?> f : all) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        threads.shutdownNow();
      }
      assertTrue(killed >= 3, "rounds that terminated backends: " + killed);
      int failed = books.store().groupsFailed.get() + thrown.get();
      assertTrue(failed >= 2, "groups cut off by a terminated backend: "
          + books.store().groupsFailed.get() + ", callers told to retry: " + thrown.get());
    }
    try (HikariDataSource pool = TestPools.pool(db, 2)) {
      // A fresh pool: the one above may still hold connections whose backends were terminated.
      Ledger ledger = PostgresLedger.open(pool, Ledger.builder().clock(clock)).ledger();

      Map<String, Long> expected = new HashMap<>();
      int stored = 0;
      for (TransferRequest r : sent.values()) {
        TransferResult answer = answers.get(r.id());
        boolean applied = answer == TransferResult.OK || answer == TransferResult.EXISTS;
        assertTrue(applied || answer == TransferResult.EXCEEDS_BALANCE, r.id() + ": " + answer);
        assertEquals(applied, ledger.find(r.id()).isPresent(), r.id() + " answered " + answer);
        if (applied) {
          stored++;
          expected.merge(r.debitAccountId(), -r.amount(), Long::sum);
          expected.merge(r.creditAccountId(), r.amount(), Long::sum);
        }
      }
      assertEquals(stored, ledger.transfers().size(), "every applied request stored once");
      for (Account a : ledger.accounts()) {
        assertEquals(expected.getOrDefault(a.id(), 0L), ledger.balance(a.id()).balance(), a.id());
        assertFalse(!a.id().equals("pool") && ledger.balance(a.id()).balance() < 0, a.id());
      }
      Verification v = LedgerTableVerifier.verify(pool);
      assertTrue(v.intact(), v::toString);
    }
  }
}
