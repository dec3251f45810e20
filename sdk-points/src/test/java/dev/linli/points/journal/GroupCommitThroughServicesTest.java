package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.timebank.AwardRequest;
import dev.linli.points.timebank.RedemptionRequest;
import dev.linli.core.Name;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time bank and the catalogue keep a lock of their own around several ledger calls; on a
 * durable ledger they must not hold it while the disk is forced, or every award would wait for its
 * own fsync. With a slow disk (5 ms per force) and 16 threads, awards and redemptions share forces.
 */
class GroupCommitThroughServicesTest {
  private static final int THREADS = 16;
  private static final int EACH = 10;

  @TempDir Path dir;

  @Test
  void awardsAndRedemptionsFromManyThreads_shareForces_andAllSurvive() throws Exception {
    FaultyChannel.Budget disk = new FaultyChannel.Budget(Long.MAX_VALUE);
    JournalOptions options = JournalOptions.builder().durability(Durability.FSYNC_EVERY_BATCH)
        .opener(disk.opener()).build();
    EarningRules rules = new EarningRules(100, "1.0", Map.of(), Duration.ofHours(2),
        RoundingMode.HALF_UP);
    try (DurableLedger durable = DurableLedger.open(dir, options)) {
      Ledger ledger = durable.ledger();
      TimeBank bank = TimeBank.builder(ledger, rules).pool("pool").build();
      ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
      Catalogue shop = Catalogue.of(bank, List.of(new Catalogue.Item("tea",
          Name.of("茶", "Tea"), "canteen", 10, 1_000_000, null)));
      for (int t = 0; t < THREADS; t++) {
        bank.enrol("v" + t);
      }
      disk.forceMillis = 5;
      long before = disk.forces.get();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String member = "v" + t;
        done.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < EACH; i++) {
            ok += bank.award(new AwardRequest("a-" + member + "-" + i, member, "errands",
                Duration.ofMinutes(30), "act")).accepted() ? 1 : 0;
            ok += shop.redeem(RedemptionRequest.of("r-" + member + "-" + i, member, "tea"))
                .accepted() ? 1 : 0;
          }
          return ok;
        }));
      }
      int ok = 0;
      for (Future<Integer> f : done) {
        ok += f.get();
      }
      pool.shutdown();
      long forces = disk.forces.get() - before;
      assertEquals(2 * THREADS * EACH, ok);
      assertTrue(forces < THREADS * EACH, forces + " forces for " + (2 * THREADS * EACH)
          + " durable calls: the services' locks must not serialise the disk waits");
    }
    Ledger recovered = DurableLedger.readOnly(dir);
    assertEquals(THREADS * EACH * 10, recovered.balance("canteen").balance());
    for (int t = 0; t < THREADS; t++) {
      // Each member earned EACH awards of 50 and spent EACH teas of 10: every one survived.
      String member = "v" + t;
      assertEquals(EACH * 40, recovered.balance(member + ".points").balance(), member);
    }
  }

  @Test
  void durably_defersTheDiskWaitToTheEndOfTheOutermostScope_evenWhenWorkThrows() {
    FaultyChannel.Budget disk = new FaultyChannel.Budget(Long.MAX_VALUE);
    try (DurableLedger durable = DurableLedger.open(dir, JournalOptions.builder()
        .durability(Durability.FSYNC_EVERY_BATCH).opener(disk.opener()).build())) {
      Ledger ledger = durable.ledger();
      ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      ledger.createAccount(Account.member("m", "points"));
      long start = disk.forces.get();
      long[] insideScope = new long[1];
      int n = ledger.durably(() -> ledger.durably(() -> {
        for (int i = 0; i < 5; i++) {
          ledger.submit(dev.linli.points.TransferRequest.of("t" + i, "pool", "m", 1, "gift"));
        }
        insideScope[0] = disk.forces.get() - start;
        return 5;
      }));
      assertEquals(5, n);
      assertEquals(0, insideScope[0], "no call inside the scopes waited for the disk");
      assertEquals(start + 1, disk.forces.get(), "one force when the outer scope ended");

      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class, () -> ledger.durably(() -> {
            ledger.submit(dev.linli.points.TransferRequest.of("t9", "pool", "m", 1, "gift"));
            throw new IllegalStateException("the service's own check failed");
          }));
      assertEquals("the service's own check failed", e.getMessage());
      assertEquals(start + 2, disk.forces.get(), "its change was made durable before it threw");
    }
    assertEquals(6, DurableLedger.readOnly(dir).balance("m").balance());
    Ledger plain = Ledger.create(java.time.Clock.systemUTC());
    assertEquals("ran", plain.durably(() -> "ran"), "a ledger without a journal just runs it");
  }
}
