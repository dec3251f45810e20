package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the compact store does differently from the map store, checked against it: stamps that do
 * not fit epoch nanoseconds, amounts that do not fit an int, transfers with user data, operators
 * and reversals (kept beside the columns), a failed batch taking those back, and the heap it keeps
 * per transfer.
 */
class CompactLedgerStoreTest {
  /** The same calls on a compact and a reference ledger, each with its own clock. */
  private static final class Pair {
    final MutableClock compactClock = MutableClock.at("1500-01-01T00:00:00Z");
    final MutableClock referenceClock = MutableClock.at("1500-01-01T00:00:00Z");
    final Ledger compact = Ledger.create(compactClock);
    final Ledger reference = LedgerContract.reference(Ledger.builder().clock(referenceClock));

    void set(String instant) {
      compactClock.set(Instant.parse(instant));
      referenceClock.set(Instant.parse(instant));
    }

    <T> void both(java.util.function.Function<Ledger, T> call) {
      assertEquals(call.apply(reference), call.apply(compact));
    }

    void each(Consumer<Ledger> call) {
      call.accept(reference);
      call.accept(compact);
    }

    /** Both ledgers at 2026-12-05T01:00Z with a pool and members m1 and m2. */
    static Pair withPoolAndTwoMembers() {
      Pair p = new Pair();
      p.set("2026-12-05T01:00:00Z");
      p.each(l -> {
        l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
        l.createAccount(Account.member("m1", "points"));
        l.createAccount(Account.member("m2", "points"));
      });
      return p;
    }
  }

  @Test
  void stampsBeyondEpochNanos_keepTheirValueAndOrder_inEveryQuery() {
    Pair p = new Pair();
    p.each(l -> {
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      l.createAccount(Account.member("m1", "points"));
    });
    String[] stamps = {"1500-01-01T00:00:00Z", "1677-09-21T00:12:43.145224191Z",
        "1677-09-21T00:12:43.145224193Z", "2026-12-05T01:00:00Z", "2262-04-11T23:47:16.854775806Z",
        "2262-04-11T23:47:16.854775808Z", "3000-01-01T00:00:00Z"};
    int n = 0;
    for (String at : stamps) {
      p.set(at);
      int k = n++;
      p.both(l -> l.submit(TransferRequest.of("t" + k, "pool", "m1", 10, "gift")));
      p.both(l -> l.submitLinked(List.of(TransferRequest.of("b" + k + "a", "pool", "m1", 1, "gift"),
          TransferRequest.of("b" + k + "b", "m1", "pool", 1, "spend"))));
    }
    p.set("3000-01-01T00:00:00Z");
    p.both(l -> l.submit(TransferRequest.of("late", "pool", "m1", 5, "gift")));
    LedgerContract.assertSameState(p.reference, p.compact);
    for (String from : stamps) {
      for (String to : stamps) {
        if (from.compareTo(to) <= 0) {
          p.both(l -> l.history("m1", Instant.parse(from), Instant.parse(to)));
          p.both(l -> l.statement("pool", Instant.parse(from), Instant.parse(to)));
        }
      }
      p.both(l -> l.balanceAsOf("m1", Instant.parse(from)));
      p.both(l -> l.balanceAsOf("m1", Instant.parse(from).minusNanos(1)));
    }
    p.both(l -> l.history("m1", Instant.MIN, Instant.MAX).size());
    assertEquals(Instant.parse("1500-01-01T00:00:00Z"), p.compact.find("t0").orElseThrow().timestamp());
    assertEquals(Instant.parse("3000-01-01T00:00:00.000000002Z"),
        p.compact.find("late").orElseThrow().timestamp());
  }

  @Test
  void userDataOperatorsReversalsAndBigAmounts_roundTrip_andAFailedBatchTakesThemBack() {
    Pair p = Pair.withPoolAndTwoMembers();
    p.both(l -> l.submit(new TransferRequest("e1", "pool", "m1", 100, "elderly-care",
        "act-1205", null, "guardian-7")));
    p.both(l -> l.submit(TransferRequest.of("e2", "pool", "m2", 50, "gift")));
    p.compactClock.advance(Duration.ofSeconds(1));
    p.referenceClock.advance(Duration.ofSeconds(1));
    Transfer e1 = p.compact.find("e1").orElseThrow();
    p.both(l -> l.submit(TransferRequest.reversal("r1", e1, 30)));
    // A batch that reverses more of e1 and gives, then fails on its last request.
    p.both(l -> l.submitLinked(List.of(TransferRequest.reversal("r2", e1, 20),
        new TransferRequest("g1", "m2", "m1", 10, "gift", "for tea", null, "guardian-7"),
        TransferRequest.of("big0", "pool", "m1", 3_000_000_000L, "gift"),
        TransferRequest.of("bad", "m2", "m1", 1_000, "gift"))));
    p.both(l -> l.reversedAmount("e1"));
    assertEquals(30, p.compact.reversedAmount("e1"));
    assertTrue(p.compact.find("r2").isEmpty() && p.compact.find("g1").isEmpty());
    // The same batch without its failing request applies, and its extras read back.
    p.both(l -> l.submitLinked(List.of(TransferRequest.reversal("r2", e1, 20),
        new TransferRequest("g1", "m2", "m1", 10, "gift", "for tea", null, "guardian-7"))));
    p.both(l -> l.reversedAmount("e1"));
    p.both(l -> l.submit(TransferRequest.reversal("r3", e1, 51)));
    p.both(l -> l.find("g1"));
    p.both(l -> l.submit(TransferRequest.of("big1", "pool", "m2", Long.MAX_VALUE / 2, "gift")));
    p.both(l -> l.submit(TransferRequest.of("big2", "m2", "m1", 3_000_000_000L, "gift")));
    assertEquals(Long.MAX_VALUE / 2, p.compact.find("big1").orElseThrow().amount());
    assertTrue(p.compact.find("big0").isEmpty());
    LedgerContract.assertSameState(p.reference, p.compact);
    assertEquals(new Transfer("g1", "m2", "m1", 10, "points", "gift", "for tea", null,
        "guardian-7", p.compact.find("r2").orElseThrow().timestamp()),
        p.compact.find("g1").orElseThrow());
  }

  @Test
  void historiesPastOneChunk_matchTheReference_andFailedBatchesAcrossChunkEdgesTakeTheirEntriesBack() {
    Pair p = Pair.withPoolAndTwoMembers();
    // The pool's history crosses chunk edges (every 1,024 entries) by single submits, by linked
    // batches that apply, and by linked batches that fail past an edge, or right at one, and are
    // taken back.
    int[] pool = {0};
    int[] next = {0};
    for (int start : new int[] {1024 - 75, 2048, 3072 - 75, 4096}) {
      while (pool[0] < start) {
        int k = next[0]++;
        p.both(l -> l.submit(TransferRequest.of("s" + k, "pool", k % 3 == 0 ? "m2" : "m1", 2,
            "gift")));
        pool[0]++;
      }
      for (boolean fails : new boolean[] {true, false}) {
        List<TransferRequest> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
          int k = next[0]++;
          batch.add(TransferRequest.of("b" + k, "pool", i % 2 == 0 ? "m1" : "m2", 1, "gift"));
        }
        if (fails) {
          batch.add(TransferRequest.of("over" + next[0]++, "m2", "m1", 1_000_000, "gift"));
        } else {
          pool[0] += 150;
        }
        p.both(l -> l.submitLinked(batch));
        if (fails) {
          // Not the pool's: the pool's next entries then hold other slots than the ones taken back.
          int k = next[0]++;
          p.both(l -> l.submit(TransferRequest.of("x" + k, "m1", "m2", 1, "gift")));
        }
      }
      p.compactClock.advance(Duration.ofMinutes(1));
      p.referenceClock.advance(Duration.ofMinutes(1));
    }
    LedgerContract.assertSameState(p.reference, p.compact);
    assertEquals(4096 + 150, p.compact.history("pool", Instant.MIN, Instant.MAX).size());
    for (int from = 0; from <= 4; from++) {
      for (int to = from; to <= 4; to++) {
        Instant a = Instant.parse("2026-12-05T01:00:00Z").plus(Duration.ofMinutes(from));
        Instant b = Instant.parse("2026-12-05T01:00:00Z").plus(Duration.ofMinutes(to));
        p.both(l -> l.history("pool", a, b));
        p.both(l -> l.history("m1", a, b));
        p.both(l -> l.statement("pool", a, b));
      }
      Instant at = Instant.parse("2026-12-05T01:00:00Z").plus(Duration.ofMinutes(from));
      p.both(l -> l.balanceAsOf("pool", at));
      p.both(l -> l.balanceAsOf("m2", at.minusNanos(1)));
    }
  }

  @Test
  void heapKeptPerTransfer_isAtMost64Bytes_andAFractionOfTheMapStores() {
    int n = 1_000_000;
    double compact = LedgerFootprint.bytesPerTransfer(LedgerFootprint::compact, n);
    double map = LedgerFootprint.bytesPerTransfer(LedgerFootprint::map, n / 4);
    assertTrue(compact <= 64, "compact store keeps " + compact + " bytes per transfer");
    assertTrue(compact * 3 < map, "compact " + compact + " vs map " + map + " bytes per transfer");
  }
}
