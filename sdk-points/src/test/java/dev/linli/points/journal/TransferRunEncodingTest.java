package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.RecordingSink;
import dev.linli.points.internal.TransferRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A linked batch's transfers reach the journal as a {@link TransferRun} read from the store's
 * columns, and its record must be byte for byte the record the journal wrote before, when it
 * encoded {@link Transfer} records: old journals stay readable and the hash chain is unchanged.
 */
class TransferRunEncodingTest {

  private static byte[] encode(LedgerEvent e) {
    RecordCodec.Encoder out = new RecordCodec.Encoder(16);
    assertEquals(RecordCodec.TRANSFERS_APPLIED, RecordCodec.encode(e, out));
    return Arrays.copyOf(out.buf, out.size);
  }

  /** Counts of what the batches exercised, so the property is known to reach each field. */
  private static int runs;
  private static int withExtras;
  private static int bigAmounts;
  private static int nonAscii;

  @Property(tries = 60)
  void linkedBatches_encodeAsTheirRecords(@ForAll long seed) {
    Random random = new Random(seed);
    RecordingSink recorder = new RecordingSink();
    Ledger ledger = Ledger.builder().clock(MutableClock.at("2026-12-05T04:00:00Z")).build();
    LedgerAccess.get().attach(ledger, recorder);
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    int members = 1 + random.nextInt(6);
    for (int i = 0; i < members; i++) {
      ledger.createAccount(Account.member("m" + i, "points"));
    }
    List<String> ids = new ArrayList<>();
    int next = 0;
    for (int b = 0, batches = 1 + random.nextInt(8); b < batches; b++) {
      List<TransferRequest> batch = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(40); i < n; i++) {
        String id = "t-" + seed % 1000 + "-" + next++;
        String member = "m" + random.nextInt(members);
        long amount = random.nextInt(10) == 0 ? Integer.MAX_VALUE + 1L + random.nextInt(5)
            : 1 + random.nextInt(100);
        TransferRequest r = TransferRequest.of(id, "pool", member, amount,
            random.nextBoolean() ? "earn" : "gift-" + random.nextInt(3));
        switch (random.nextInt(6)) {
          case 0 -> r = r.withUserData(random.nextBoolean() ? "note " + i : "志愿服务 " + i);
          case 1 -> r = r.withOperator("op" + random.nextInt(3));
          case 2 -> {
            if (!ids.isEmpty()) {
              // A refund of an earlier earning: member back to pool, at most what was earned.
              Transfer original = ledger.find(ids.get(random.nextInt(ids.size()))).orElseThrow();
              r = TransferRequest.reversal(id, original, 1);
            }
          }
          default -> { }
        }
        batch.add(r);
      }
      if (random.nextInt(5) == 0) {
        // A failing request rolls the batch back: runs of earlier batches must not change.
        batch.add(TransferRequest.of("x-" + next++, "m0", "pool", Long.MAX_VALUE / 2, "spend"));
      }
      List<TransferResult> results = ledger.submitLinked(batch);
      if (results.get(0) == TransferResult.OK || results.get(0) == TransferResult.EXISTS) {
        for (TransferRequest r : batch) {
          ids.add(r.id());
        }
      }
    }
    for (LedgerEvent e : recorder.events) {
      if (!(e instanceof LedgerEvent.TransfersApplied t)) {
        continue;
      }
      TransferRun run = assertInstanceOf(TransferRun.class, t.transfers());
      runs++;
      List<Transfer> records = List.copyOf(run);
      assertArrayEquals(encode(new LedgerEvent.TransfersApplied(t.stamp(), new ArrayList<>(
          records))), encode(e));
      for (int i = 0; i < run.size(); i++) {
        Transfer x = records.get(i);
        assertEquals(ledger.find(x.id()).orElseThrow(), x, "run row " + i);
        assertEquals(x.id().length(), run.idLength(i));
        withExtras += x.userData().isEmpty() && x.reverses() == null && x.operator() == null
            ? 0 : 1;
        bigAmounts += x.amount() > Integer.MAX_VALUE ? 1 : 0;
        nonAscii += x.userData().chars().anyMatch(c -> c >= 0x80) ? 1 : 0;
      }
    }
  }

  @Test
  void property_reachesEveryKindOfRow() {
    runs = 0;
    withExtras = 0;
    bigAmounts = 0;
    nonAscii = 0;
    for (long seed = 0; seed < 40; seed++) {
      linkedBatches_encodeAsTheirRecords(seed);
    }
    assertTrue(runs >= 40, "runs " + runs);
    assertTrue(withExtras >= 100, "rows with user data, reversal or operator " + withExtras);
    assertTrue(bigAmounts >= 40, "amounts above Integer.MAX_VALUE " + bigAmounts);
    assertTrue(nonAscii >= 20, "non-ASCII user data " + nonAscii);
  }

  @Test
  void run_isTheBatchesNewTransfersOnly() {
    RecordingSink recorder = new RecordingSink();
    Ledger ledger = Ledger.builder().clock(MutableClock.at("2026-12-05T04:00:00Z")).build();
    LedgerAccess.get().attach(ledger, recorder);
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("m1", "points"));
    ledger.submitLinked(List.of(TransferRequest.of("a", "pool", "m1", 5, "earn")));
    // A retried "a" reports EXISTS and is not in the record; "b" is.
    ledger.submitLinked(List.of(TransferRequest.of("a", "pool", "m1", 5, "earn"),
        TransferRequest.of("b", "pool", "m1", 7, "earn")));
    LedgerEvent.TransfersApplied last =
        (LedgerEvent.TransfersApplied) recorder.events.get(recorder.events.size() - 1);
    assertEquals(List.of("b"), last.transfers().stream().map(Transfer::id).toList());
    assertEquals(7, ((TransferRun) last.transfers()).amount(0));
  }
}
