package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Linked batches whose ids the {@link IdIndexer}'s thread looks up and adds give the same results,
 * position by position, and the same state as the same batches indexed by the checks alone:
 * random batches of up to 1,500 requests with retries of earlier batches (the same or another
 * content), ids twice in one batch, overdrafts anywhere, frozen, closed and missing accounts, the
 * wrong asset, the same account on both sides, and reversals (at which the checks take the index
 * back). After every batch the index holds exactly the stored transfers: each is found by id, and
 * no id of a failed batch is.
 */
class IdIndexerTest {
  private static final int MEMBERS = 40;

  /** A ledger on a compact store, and that store. */
  private record Opened(Ledger ledger, CompactLedgerStore store) {}

  private static Opened open(boolean indexer, boolean checkerNeverClaims) {
    CompactLedgerStore store = new CompactLedgerStore();
    store.indexer.enabled = indexer;
    store.indexer.checkerNeverClaims = checkerNeverClaims;
    store.indexer.minBatch = 2;
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
    return new Opened(l, store);
  }

  /** Every run indexed on the thread: the checks wait for it. */
  @Property(tries = 25)
  void batchesIndexedOnTheThread_matchBatchesWithout(@ForAll long seed) {
    Opened with = compare(seed, true);
    assertEquals(0, with.store().indexer.runsByChecker);
    assertTrue(with.store().indexer.runsByThread > 0);
  }

  /**
   * As in production: a run the thread has not claimed when the checks need it is indexed by the
   * checks, so runs go to either, in order.
   */
  @Property(tries = 15)
  void batchesIndexedRacing_matchBatchesWithout(@ForAll long seed) {
    Opened with = compare(seed, false);
    Statistics.label("runs indexed by the thread").collect(with.store().indexer.runsByThread > 0);
  }

  /**
   * Applies the same random batches to a ledger with the indexer and to one without, checking
   * every result and the state after each batch.
   */
  private static Opened compare(long seed, boolean checkerNeverClaims) {
    Random random = new Random(seed);
    Opened withIt = open(true, checkerNeverClaims);
    Opened withoutIt = open(false, false);
    Ledger with = withIt.ledger();
    Ledger without = withoutIt.ledger();
    List<TransferRequest> earlier = new ArrayList<>();
    Set<String> stored = new HashSet<>();
    int next = 0;
    for (int b = 0; b < 8; b++) {
      int size = 2 + random.nextInt(random.nextBoolean() ? 1_500 : 300);
      // Clean batches grow the state; the others put one fault anywhere, or draw every kind.
      int flavour = random.nextInt(3);
      int faultAt = flavour == 1 ? random.nextInt(size) : -1;
      List<TransferRequest> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int kind = flavour == 2 ? random.nextInt(14) : i == faultAt ? random.nextInt(8) : 99;
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
        } else if (kind == 6 && !earlier.isEmpty()) {
          // A reversal of a stored earning (or of one not stored: a retry's id, a failed one).
          TransferRequest e = earlier.get(random.nextInt(earlier.size()));
          Transfer original = without.find(e.id()).orElse(null);
          if (original != null && original.reverses() == null) {
            batch.add(TransferRequest.reversal(id, original, 1));
            Statistics.label("kind").collect("reversal");
            continue;
          }
        }
        Statistics.label("kind").collect(kind == 99 ? "earning" : "kind " + kind);
        batch.add(TransferRequest.of(id, debit, credit, amount, code));
      }
      List<TransferResult> expected = without.submitLinked(batch);
      assertEquals(expected, with.submitLinked(batch), "batch " + b + " of " + size);
      LedgerContract.assertSameState(without, with);
      boolean applied = expected.stream()
          .allMatch(r -> r == TransferResult.OK || r == TransferResult.EXISTS);
      if (applied) {
        earlier.addAll(batch);
        for (TransferRequest r : batch) {
          stored.add(r.id());
        }
      }
      // The index holds exactly the stored transfers.
      assertEquals(withIt.store().transferCount(), stored.size());
      for (TransferRequest r : batch) {
        assertEquals(stored.contains(r.id()), with.find(r.id()).isPresent(), r.id());
      }
      Statistics.label("outcome").collect(applied ? "applied"
          : expected.stream().filter(r -> r != TransferResult.LINKED_EVENT_FAILED).findFirst()
              .orElseThrow().name());
    }
    assertEquals(0, withoutIt.store().indexer.runsByThread + withoutIt.store().indexer.runsByChecker);
    Statistics.label("outcome").coverage(c -> {
      c.check("applied").percentage(p -> p >= 20);
      c.check("EXCEEDS_BALANCE").count(n -> n >= 1);
      c.check("DUPLICATE_ID_IN_BATCH").count(n -> n >= 1);
      c.check("EXISTS_WITH_DIFFERENT_AMOUNT").count(n -> n >= 1);
    });
    Statistics.label("kind").coverage(c -> c.check("reversal").count(n -> n >= 1));
    return withIt;
  }

  @Example
  void aFailureOnTheThread_isThrownByTheBatch_andNothingOfItStays() {
    Opened opened = open(true, true);
    Ledger ledger = opened.ledger();
    ledger.submitLinked(List.of(TransferRequest.of("before", "pool", "m0", 5, "earn"),
        TransferRequest.of("before-2", "pool", "m1", 5, "earn")));
    opened.store().indexer.faultAtRun = 2;
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 0; i < 4 * IdIndexer.RUN; i++) {
      batch.add(TransferRequest.of("a" + i, "pool", "m" + i % MEMBERS, 1, "earn"));
    }
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> ledger.submitLinked(batch));
    assertEquals("fault injected at run 2", thrown.getMessage());
    assertEquals(2, ledger.transferCount());
    assertEquals(10, ledger.balance("pool").debits());
    assertTrue(ledger.find("a0").isEmpty() && ledger.find("a" + (3 * IdIndexer.RUN - 1)).isEmpty());
    // The index is whole again: the same batch goes through.
    opened.store().indexer.faultAtRun = -1;
    assertEquals(List.of(TransferResult.OK), List.copyOf(new HashSet<>(ledger.submitLinked(batch))));
    assertEquals(2 + batch.size(), ledger.transferCount());
    assertNotNull(ledger.find("a" + (batch.size() - 1)).orElse(null));
  }

  @Example
  void theBuildersSwitch_keepsLargeBatchesOnTheCallingThread() {
    for (boolean allowed : new boolean[] {false, true}) {
      Ledger ledger = Ledger.builder().batchIndexThread(allowed).build();
      ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      ledger.createAccount(Account.member("m0", "points"));
      List<TransferRequest> batch = new ArrayList<>();
      for (int i = 0; i < 2 * IdIndexer.MIN_BATCH; i++) {
        batch.add(TransferRequest.of("a" + i, "pool", "m0", 1, "earn"));
      }
      assertEquals(List.of(TransferResult.OK), List.copyOf(new HashSet<>(ledger.submitLinked(batch))));
      IdIndexer indexer = ((CompactLedgerStore) ledger.store()).indexer;
      long runs = indexer.runsByThread + indexer.runsByChecker;
      boolean used = allowed && Runtime.getRuntime().availableProcessors() > 1;
      assertEquals(used ? 2 * IdIndexer.MIN_BATCH / IdIndexer.RUN : 0, runs, "allowed " + allowed);
    }
  }

  @Example
  void theThread_isANamedDaemon_endsWhenIdle_andStartsAgain() throws InterruptedException {
    Opened opened = open(true, true);
    Ledger ledger = opened.ledger();
    IdIndexer indexer = opened.store().indexer;
    // Long enough that a loaded machine does not end the thread before it is looked at.
    indexer.idleNanos = 300_000_000;
    assertNull(indexer.thread());
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      batch.add(TransferRequest.of("a" + i, "pool", "m" + i % MEMBERS, 1, "earn"));
    }
    ledger.submitLinked(batch);
    Thread first = indexer.thread();
    assertNotNull(first);
    assertTrue(first.isDaemon());
    assertTrue(first.getName().startsWith("linli-ledger-ids-"), first.getName());
    first.join(5_000);
    assertTrue(!first.isAlive() && indexer.thread() == null, "still running after idling");
    ledger.submitLinked(List.of(TransferRequest.of("b0", "pool", "m0", 1, "earn"),
        TransferRequest.of("b1", "pool", "m1", 1, "earn")));
    Thread second = indexer.thread();
    assertNotNull(second);
    assertTrue(second != first);
    assertEquals(4, indexer.runsByThread);
    assertEquals(602, ledger.transferCount());
    assertSame(TransferResult.EXISTS, ledger.submitLinked(batch).get(599));
  }
}
