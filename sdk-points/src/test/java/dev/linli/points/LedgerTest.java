package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private MutableClock clock;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-12-05T02:30:00Z");
    ledger = newLedger(clock);
  }

  static Ledger newLedger(MutableClock clock) {
    Ledger l = Ledger.create(clock);
    l.createAccount(Account.unlimited("issuer", "points", AccountKind.ISSUER));
    l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    l.createAccount(Account.member("wang", "points"));
    l.createAccount(Account.member("zhou", "points"));
    l.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    l.createAccount(Account.member("wang-hours", "service-minutes"));
    return l;
  }

  @Test
  void earnAndRedeem_balancesFollow_andSumToZero() {
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("t1", "pool", "wang", 300,
        "elderly-care")));
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.of("t2", "wang", "canteen", 120,
        "canteen-redemption")));
    assertEquals(180, ledger.balance("wang").balance());
    assertEquals(120, ledger.balance("canteen").balance());
    assertEquals(-300, ledger.balance("pool").balance());
    assertEquals(Map.of("points", 0L, "service-minutes", 0L), ledger.sumOfBalances());
  }

  @Test
  void overspending_isRejected_withNothingChanged() {
    assertEquals(TransferResult.EXCEEDS_BALANCE,
        ledger.submit(TransferRequest.of("t1", "wang", "canteen", 1, "canteen-redemption")));
    assertEquals(0, ledger.transfers().size());
  }

  @Test
  void retry_returnsExists_orTheFieldThatDiffers_neverASecondTransfer() {
    TransferRequest r = TransferRequest.of("t1", "pool", "wang", 300, "elderly-care");
    assertEquals(TransferResult.OK, ledger.submit(r));
    assertEquals(TransferResult.EXISTS, ledger.submit(r));
    assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
        ledger.submit(TransferRequest.of("t1", "pool", "wang", 301, "elderly-care")));
    assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
        ledger.submit(TransferRequest.of("t1", "pool", "zhou", 300, "elderly-care")));
    assertEquals(TransferResult.EXISTS_WITH_DIFFERENT_CODE,
        ledger.submit(TransferRequest.of("t1", "pool", "wang", 300, "general")));
    assertEquals(1, ledger.transfers().size());
    assertEquals(300, ledger.balance("wang").balance());
  }

  @Test
  void linkedBatch_failsWhole_namingTheFirstFailure() {
    List<TransferResult> results = ledger.submitLinked(List.of(
        TransferRequest.of("a", "pool", "wang", 100, "elderly-care"),
        TransferRequest.of("b", "wang", "canteen", 150, "canteen-redemption"),
        TransferRequest.of("c", "pool", "zhou", 5, "general")));
    assertEquals(List.of(TransferResult.LINKED_EVENT_FAILED, TransferResult.EXCEEDS_BALANCE,
        TransferResult.LINKED_EVENT_FAILED), results);
    assertEquals(0, ledger.transfers().size());
    assertEquals(List.of(TransferResult.OK, TransferResult.OK), ledger.submitLinked(List.of(
        TransferRequest.of("a", "pool", "wang", 150, "elderly-care"),
        TransferRequest.of("b", "wang", "canteen", 150, "canteen-redemption"))),
        "later requests see earlier ones of the same batch");
    assertEquals(List.of(TransferResult.EXISTS, TransferResult.EXISTS), ledger.submitLinked(List.of(
        TransferRequest.of("a", "pool", "wang", 150, "elderly-care"),
        TransferRequest.of("b", "wang", "canteen", 150, "canteen-redemption"))),
        "a whole batch can be retried");
  }

  @Test
  void reversal_undoesAtMostTheOriginal_once() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 100, "elderly-care"));
    Transfer t1 = ledger.find("t1").orElseThrow();
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.reversal("r1", t1, 60)));
    assertEquals(TransferResult.REVERSAL_EXCEEDS_ORIGINAL,
        ledger.submit(TransferRequest.reversal("r2", t1, 41)));
    assertEquals(TransferResult.OK, ledger.submit(TransferRequest.reversal("r2", t1, 40)));
    assertEquals(0, ledger.balance("wang").balance());
    assertEquals(TransferResult.CANNOT_REVERSE_A_REVERSAL, ledger.submit(
        TransferRequest.reversal("r3", ledger.find("r1").orElseThrow(), 1)));
    assertEquals(TransferResult.REVERSAL_MUST_SWAP_ACCOUNTS, ledger.submit(new TransferRequest(
        "r4", "wang", "zhou", 1, "elderly-care", "", "t1")));
    assertEquals(TransferResult.REVERSED_TRANSFER_NOT_FOUND, ledger.submit(new TransferRequest(
        "r5", "wang", "pool", 1, "elderly-care", "", "nope")));
  }

  @Test
  void businessFailures_areCodes() {
    assertEquals(TransferResult.ACCOUNTS_MUST_BE_DIFFERENT,
        ledger.submit(TransferRequest.of("x", "wang", "wang", 1, "gift")));
    assertEquals(TransferResult.DEBIT_ACCOUNT_NOT_FOUND,
        ledger.submit(TransferRequest.of("x", "ghost", "wang", 1, "gift")));
    assertEquals(TransferResult.CREDIT_ACCOUNT_NOT_FOUND,
        ledger.submit(TransferRequest.of("x", "wang", "ghost", 1, "gift")));
    assertEquals(TransferResult.ASSETS_MUST_MATCH,
        ledger.submit(TransferRequest.of("x", "pool", "wang-hours", 1, "gift")));
    ledger.createAccount(new Account("frozen", "points", AccountKind.MEMBER, 0, true, ""));
    assertEquals(TransferResult.ACCOUNT_FROZEN,
        ledger.submit(TransferRequest.of("x", "pool", "frozen", 1, "gift")));
    assertEquals(TransferResult.DUPLICATE_ID_IN_BATCH, ledger.submitLinked(List.of(
        TransferRequest.of("y", "pool", "wang", 1, "gift"),
        TransferRequest.of("y", "pool", "zhou", 1, "gift"))).get(1));
    assertEquals(TransferResult.OVERFLOWS, ledger.submitLinked(List.of(
        TransferRequest.of("big1", "issuer", "pool", Long.MAX_VALUE, "issue"),
        TransferRequest.of("big2", "issuer", "pool", 1, "issue"))).get(1));
  }

  @Test
  void accounts_areIdempotentToo() {
    assertEquals(AccountResult.EXISTS, ledger.createAccount(Account.member("wang", "points")));
    assertEquals(AccountResult.EXISTS_WITH_DIFFERENT_ASSET,
        ledger.createAccount(Account.member("wang", "hours")));
    assertEquals(AccountResult.EXISTS_WITH_DIFFERENT_KIND,
        ledger.createAccount(Account.unlimited("wang", "points", AccountKind.ISSUER)));
    assertEquals(AccountResult.EXISTS_WITH_DIFFERENT_SETTINGS,
        ledger.createAccount(new Account("wang", "points", AccountKind.MEMBER, 5, false, "")));
  }

  @Test
  void badRequests_areExceptionsNamingTheField() {
    assertEquals("amount = 0: must be > 0", assertThrows(InvalidValueException.class,
        () -> TransferRequest.of("t", "a", "b", 0, "gift")).getMessage());
    assertEquals("code = Gift: must be 1-48 lower-case letters, digits or '-'", assertThrows(
        InvalidValueException.class, () -> TransferRequest.of("t", "a", "b", 1, "Gift"))
        .getMessage());
    assertEquals("accountId = ghost: must be an existing account", assertThrows(
        InvalidValueException.class, () -> ledger.balance("ghost")).getMessage());
  }

  @Test
  void timestamps_strictlyIncrease_evenIfTheClockStepsBack() {
    ledger.submit(TransferRequest.of("t1", "pool", "wang", 1, "gift"));
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    ledger.submit(TransferRequest.of("t2", "pool", "wang", 1, "gift"));
    List<Transfer> log = ledger.transfers();
    assertTrue(log.get(1).timestamp().isAfter(log.get(0).timestamp()));
  }

  /** Random operations, including failures, batches, reversals and retries. */
  @Property(tries = 300)
  void anyHistory_sumsToZero_membersNeverNegative_retriesNeverDouble(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int ops) {
    MutableClock c = MutableClock.at("2026-01-01T00:00:00Z");
    Ledger l = newLedger(c);
    SplittableRandom random = new SplittableRandom(seed);
    List<String> points = List.of("issuer", "pool", "wang", "zhou", "canteen");
    List<TransferRequest> sent = new ArrayList<>();
    int ok = 0;
    List<Instant> times = new ArrayList<>();
    List<Map<String, Long>> snapshots = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      c.advance(Duration.ofSeconds(random.nextInt(1, 3600)));
      int kind = random.nextInt(10);
      List<TransferRequest> batch = new ArrayList<>();
      int size = kind < 6 ? 1 : 1 + random.nextInt(4);
      for (int b = 0; b < size; b++) {
        if (!sent.isEmpty() && random.nextInt(6) == 0) {
          batch.add(sent.get(random.nextInt(sent.size())));
        } else if (!l.transfers().isEmpty() && random.nextInt(8) == 0) {
          Transfer t = l.transfers().get(random.nextInt(l.transfers().size()));
          batch.add(TransferRequest.reversal("r" + i + "-" + b, t, 1 + random.nextInt(100)));
        } else {
          String from = points.get(random.nextInt(points.size()));
          String to = points.get(random.nextInt(points.size()));
          batch.add(TransferRequest.of("t" + i + "-" + b, from, to, 1 + random.nextInt(500), "gift"));
        }
      }
      Map<String, Long> before = balances(l);
      List<TransferResult> results = l.submitLinked(batch);
      boolean failed = results.stream().anyMatch(
          r -> r != TransferResult.OK && r != TransferResult.EXISTS);
      if (failed) {
        assertEquals(before, balances(l), "a failed batch changes nothing");
      } else {
        ok += (int) results.stream().filter(r -> r == TransferResult.OK).count();
        sent.addAll(batch);
      }
      assertEquals(ok, l.transfers().size(), "one transfer per OK, none for retries");
      assertEquals(0L, l.sumOfBalances().get("points"));
      for (String member : List.of("wang", "zhou", "canteen")) {
        assertTrue(l.balance(member).balance() >= 0, member);
      }
      times.add(c.instant());
      snapshots.add(balances(l));
    }
    for (int i = 0; i < times.size(); i++) {
      for (String account : points) {
        assertEquals(snapshots.get(i).get(account),
            l.balanceAsOf(account, times.get(i)).balance(), "balance as of step " + i);
      }
    }
  }

  @Test
  void concurrentWriters_loseNothing_andKeepTheInvariants() throws Exception {
    int threads = 4;
    int perThread = 2000;
    ledger.submit(TransferRequest.of("seed", "issuer", "wang", 1_000_000, "issue"));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(pool.submit(() -> {
        start.await();
        SplittableRandom random = new SplittableRandom(id);
        int ok = 0;
        for (int i = 0; i < perThread; i++) {
          String[] accounts = {"wang", "zhou", "canteen"};
          String from = accounts[random.nextInt(3)];
          String to = accounts[(random.nextInt(2) + 1 + java.util.Arrays.asList(accounts)
              .indexOf(from)) % 3];
          if (ledger.submit(TransferRequest.of("c" + id + "-" + i, from, to,
              1 + random.nextInt(1000), "gift")) == TransferResult.OK) {
            ok++;
          }
        }
        return ok;
      }));
    }
    start.countDown();
    int ok = 0;
    for (Future<Integer> f : futures) {
      ok += f.get();
    }
    pool.shutdown();
    assertEquals(ok + 1, ledger.transfers().size());
    assertEquals(0L, ledger.sumOfBalances().get("points"));
    assertEquals(1_000_000, ledger.balance("wang").balance() + ledger.balance("zhou").balance()
        + ledger.balance("canteen").balance());
    for (String a : List.of("wang", "zhou", "canteen")) {
      assertTrue(ledger.balance(a).balance() >= 0, a + " went below zero: " + ledger.balance(a));
      assertTrue(ledger.balance(a).available() >= 0, a + " available below zero");
    }
    assertTrue(ok < threads * perThread, "some transfers were refused for lack of funds: " + ok);
  }

  private static Map<String, Long> balances(Ledger l) {
    Map<String, Long> out = new HashMap<>();
    for (String a : List.of("issuer", "pool", "wang", "zhou", "canteen")) {
      out.put(a, l.balance(a).balance());
    }
    return out;
  }
}
