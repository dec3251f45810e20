package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Linked batches applied with the {@link LookAhead} thread resolving every run's accounts give the
 * same results, position by position, and the same state as the same batches applied with the
 * thread off: random batches of up to 1,500 requests with retries of earlier batches (the same or
 * another content), ids twice in one batch, overdrafts anywhere, frozen, closed and missing
 * accounts, the wrong asset and the same account on both sides. The checks wait for the thread
 * on every run, so every run's accounts come from it (counted).
 */
class LookAheadTest {
  private static final int MEMBERS = 40;

  /** A ledger on a compact store, and that store's look-ahead. */
  private record Opened(Ledger ledger, LookAhead lookAhead) {}

  private static Opened open(boolean lookAhead) {
    return open(lookAhead, true);
  }

  private static Opened open(boolean lookAhead, boolean awaitEachRun) {
    CompactLedgerStore store = new CompactLedgerStore();
    store.lookAhead().enabled = lookAhead;
    store.lookAhead().awaitEachRun = awaitEachRun;
    store.lookAhead().minBatch = 2;
    Ledger l = Ledger.builder().clock(Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"),
        ZoneOffset.UTC)).build(expiries -> store);
    l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    l.createAccount(Account.unlimited("coins-pool", "coins", AccountKind.COMMUNITY_POOL));
    for (int i = 0; i < MEMBERS; i++) {
      l.createAccount(Account.member("m" + i, "points"));
    }
    l.createAccount(Account.member("frozen", "points"));
    l.createAccount(Account.member("closed", "points"));
    l.setFrozen("frozen", true);
    l.close("closed");
    return new Opened(l, store.lookAhead());
  }

  @Property(tries = 25)
  void batchesWithTheLookAhead_matchBatchesWithout(@ForAll long seed) {
    long[] runs = compare(seed, true);
    assertEquals(runs[0], runs[1]);
  }

  /**
   * As above, with the checks not waiting for the thread: each run takes its accounts from the
   * thread if it has finished them, else resolves them itself, as in production.
   */
  @Property(tries = 10)
  void batchesWithTheLookAheadRacing_matchBatchesWithout(@ForAll long seed) {
    long[] runs = compare(seed, false);
    assertTrue(runs[1] <= runs[0], runs[1] + " of " + runs[0]);
  }

  /**
   * Applies the same random batches to a ledger with the look-ahead and to one without, checking
   * every result and the state after each batch; returns how many runs the batches checked and
   * how many of them took their accounts from the thread.
   */
  private static long[] compare(long seed, boolean awaitEachRun) {
    Random random = new Random(seed);
    Opened withIt = open(true, awaitEachRun);
    Opened withoutIt = open(false);
    Ledger with = withIt.ledger();
    Ledger without = withoutIt.ledger();
    List<TransferRequest> earlier = new ArrayList<>();
    long runs = 0;
    int next = 0;
    for (int b = 0; b < 8; b++) {
      int size = 2 + random.nextInt(random.nextBoolean() ? 1_500 : 300);
      // Clean batches grow the state; the others put one fault anywhere, or draw every kind.
      int flavour = random.nextInt(3);
      int faultAt = flavour == 1 ? random.nextInt(size) : -1;
      List<TransferRequest> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int kind = flavour == 2 ? random.nextInt(12) : i == faultAt ? random.nextInt(7) : 99;
        String debit = "pool";
        String credit = "m" + random.nextInt(MEMBERS);
        long amount = 1 + random.nextInt(20);
        String id = "t" + next++;
        String code = "earn";
        if (kind == 0) {
          debit = "m" + random.nextInt(MEMBERS);
          amount = 1 + random.nextInt(80);
        } else if ((kind == 1 || kind == 2) && !earlier.isEmpty()) {
          TransferRequest e = earlier.get(random.nextInt(earlier.size()));
          id = e.id();
          debit = e.debitAccountId();
          credit = e.creditAccountId();
          amount = e.amount() + (kind == 2 ? 1 : 0);
          code = e.code();
        } else if (kind == 3 && !batch.isEmpty()) {
          TransferRequest e = batch.get(random.nextInt(batch.size()));
          id = e.id();
          debit = e.debitAccountId();
          credit = e.creditAccountId();
          amount = e.amount();
        } else if (kind == 4) {
          credit = new String[] {"frozen", "closed", "nobody", "coins-pool", "pool"}[
              random.nextInt(5)];
        } else if (kind == 5) {
          debit = new String[] {"frozen", "closed", "nobody"}[random.nextInt(3)];
        }
        batch.add(TransferRequest.of(id, debit, credit, amount, code));
      }
      List<TransferResult> expected = without.submitLinked(batch);
      assertEquals(expected, with.submitLinked(batch), "batch " + b + " of " + size);
      LedgerContract.assertSameState(without, with);
      if (expected.stream().allMatch(r -> r == TransferResult.OK || r == TransferResult.EXISTS)) {
        earlier.addAll(batch);
      }
      // Every run up to the one that failed (or all) took its accounts from the thread.
      int last = expected.contains(TransferResult.LINKED_EVENT_FAILED) ? firstFailure(expected)
          : size - 1;
      runs += last / Bookkeeper.PREFETCH_RUN + 1;
      Statistics.label("outcome").collect(expected.get(last).name());
    }
    assertEquals(0, withoutIt.lookAhead().runsTaken);
    if (awaitEachRun) {
      Statistics.label("outcome").coverage(c -> {
        c.check("OK").percentage(p -> p >= 20);
        c.check("EXCEEDS_BALANCE").count(n -> n >= 1);
        c.check("DUPLICATE_ID_IN_BATCH").count(n -> n >= 1);
      });
    }
    return new long[] {runs, withIt.lookAhead().runsTaken};
  }

  private static int firstFailure(List<TransferResult> results) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) != TransferResult.LINKED_EVENT_FAILED) {
        return i;
      }
    }
    throw new AssertionError("no failure in " + results.size() + " results");
  }

  @Example
  void theThread_isANamedDaemon_endsWhenIdle_andStartsAgain() throws InterruptedException {
    Opened opened = open(true);
    Ledger ledger = opened.ledger();
    LookAhead lookAhead = opened.lookAhead();
    // Long enough that a loaded machine does not end the thread before it is looked at.
    lookAhead.idleNanos = 300_000_000;
    assertNull(lookAhead.thread());
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      batch.add(TransferRequest.of("a" + i, "pool", "m" + i % MEMBERS, 1, "earn"));
    }
    ledger.submitLinked(batch);
    Thread first = lookAhead.thread();
    assertNotNull(first);
    assertTrue(first.isDaemon());
    assertTrue(first.getName().startsWith("linli-ledger-look-ahead-"), first.getName());
    first.join(5_000);
    assertTrue(!first.isAlive() && lookAhead.thread() == null, "still running after idling");
    ledger.submitLinked(List.of(TransferRequest.of("b0", "pool", "m0", 1, "earn"),
        TransferRequest.of("b1", "pool", "m1", 1, "earn")));
    Thread second = lookAhead.thread();
    assertNotNull(second);
    assertTrue(second != first);
    assertEquals(4, lookAhead.runsTaken);
    assertEquals(602, ledger.transferCount());
  }
}
