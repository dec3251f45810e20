package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TestPools;
import dev.linli.points.Transfer;
import dev.linli.points.journal.DurableLedger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue on durable ledgers: its stock and per-member counts (read from the ledger's
 * redemption transfers) are the same after a restart on a journal and on PostgreSQL, and with
 * PostgreSQL's log several application instances never sell the last item twice, where
 * catalogues serialised only in their own process do.
 */
class CatalogueDurableTest {
  private static final EarningRules RULES = new EarningRules(100, "1.0",
      Map.of("elderly-care", "1.5"), Duration.ofHours(2), RoundingMode.HALF_UP);
  private static final List<Catalogue.Item> ITEMS = List.of(
      new Catalogue.Item("canteen-lunch", Name.of("长者食堂午餐", "Canteen lunch"), "canteen", 100,
          2, null),
      new Catalogue.Item("haircut", Name.of("理发", "Haircut"), "barber", 150,
          Catalogue.Item.UNLIMITED, new PointsLimit(CalendarPeriod.QUARTER, 1)));

  private final MutableClock clock = MutableClock.at("2026-03-10T02:00:00Z");

  private static TimeBank bank(Ledger ledger) {
    TimeBank bank = TimeBank.open(ledger, RULES, "pool", "minutes-issuer");
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    ledger.createAccount(new Account("barber", "points", AccountKind.MERCHANT, 0, false, ""));
    return bank;
  }

  /** Stock runs out, a refund gives it back, the quarter's haircut is used. */
  private static void script(TimeBank bank, Catalogue shop) {
    for (String m : List.of("wang", "zhou")) {
      bank.enrol(m);
      bank.award(new AwardRequest("a-" + m, m, "elderly-care", Duration.ofHours(2), "meal-run"));
    }
    assertTrue(shop.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch")).accepted());
    assertTrue(shop.redeem(RedemptionRequest.of("r2", "zhou", "canteen-lunch")).accepted());
    assertEquals(ServiceCode.OUT_OF_STOCK, assertInstanceOf(
        ServiceResult.Rejected.class, shop.redeem(RedemptionRequest.of("r3", "wang", "canteen-lunch"))).code());
    assertTrue(shop.refund("r2-refund", "r2").accepted());
    assertTrue(shop.redeem(RedemptionRequest.of("r4", "wang", "haircut")).accepted());
    assertEquals(1, shop.stockLeft("canteen-lunch"));
  }

  /** What the restarted catalogue must still know. */
  private static void afterRestart(Ledger ledger, Catalogue shop) {
    assertEquals(1, shop.stockLeft("canteen-lunch"), "the refund's stock came back, once");
    assertEquals(ServiceCode.FREQUENCY_LIMIT, assertInstanceOf(
        ServiceResult.Rejected.class, shop.redeem(RedemptionRequest.of("r5", "wang", "haircut"))).code(),
        "wang's haircut this quarter is remembered");
    ServiceResult<?> retry = shop.redeem(RedemptionRequest.of("r1", "wang", "canteen-lunch"));
    assertEquals("r1", ((ServiceResult.Accepted<?>) retry).transfers().get(0).id(),
        "a retry after the restart answers with the original transfer");
    assertEquals(1, shop.stockLeft("canteen-lunch"), "the retry sold nothing");
    assertTrue(shop.redeem(RedemptionRequest.of("r6", "zhou", "canteen-lunch")).accepted());
    assertEquals(0, shop.stockLeft("canteen-lunch"));
    assertEquals(300 - 100 - 150, ledger.balance(TimeBank.pointsAccount("wang")).balance());
  }

  @Test
  void journal_restart_keepsStockAndLimits(@TempDir Path dir) {
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      TimeBank bank = bank(books.ledger());
      script(bank, Catalogue.of(bank, ITEMS, books.facts()));
    }
    try (DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      TimeBank bank = bank(books.ledger());
      Catalogue shop = Catalogue.of(bank, ITEMS, books.facts());
      afterRestart(books.ledger(), shop);
      assertThrows(IllegalStateException.class, () -> Catalogue.of(bank, ITEMS, books.facts()),
          "one catalogue per log");
    }
    try (DurableLedger other = DurableLedger.open(dir.resolve("other"),
        Ledger.builder().clock(clock));
        DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock))) {
      TimeBank bank = bank(books.ledger());
      assertThrows(IllegalArgumentException.class,
          () -> Catalogue.of(bank, ITEMS, other.facts()), "a log of another ledger");
    }
  }

  @Test
  void postgres_restart_keepsStockAndLimits() {
    TestPostgres db = TestPostgres.newDatabase();
    try (HikariDataSource pool = TestPools.pool(db, 4)) {
      PostgresLedger.installSchema(pool);
      PostgresLedger first = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      TimeBank bank = bank(first.ledger());
      script(bank, Catalogue.of(bank, ITEMS, first.facts()));
      PostgresLedger again = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      afterRestart(again.ledger(), Catalogue.of(bank(again.ledger()), ITEMS, again.facts()));
    }
  }

  @Test
  void postgres_instancesSharingTheDatabase_neverSellTheLastItemTwice() throws Exception {
    Race race = race(true);
    assertEquals(race.items, race.soldOnce.get(), "every last item sold exactly once: " + race);
    assertEquals(0, race.oversold.get(), race.toString());
  }

  @Test
  void inProcessLocksOnly_oversellTheLastItem_soTheRaceIsReached() throws Exception {
    Race race = race(false);
    // measured: 10 of 12 items sold more than once (and 12 of 12 with the shared log's step removed)
    assertTrue(race.oversold.get() >= ROUNDS / 4,
        "catalogues serialised only in their own process sell a last item twice: " + race);
  }

  /** The outcome of a race for items of stock 1. */
  private record Race(int items, AtomicInteger soldOnce, AtomicInteger oversold) {}

  private static final int INSTANCES = 4;
  private static final int THREADS_PER_INSTANCE = 4;
  private static final int ROUNDS = 12;

  /**
   * Four application instances (own pools, own {@code PostgresLedger}, time bank and catalogue)
   * with four threads each race, round after round, to redeem one item of stock 1.
   */
  private Race race(boolean sharedLog) throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    List<Catalogue.Item> items = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      items.add(new Catalogue.Item("last-" + i, Name.of("最后一份", "The last one"), "canteen", 10,
          1, null));
    }
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService exec = Executors.newFixedThreadPool(INSTANCES * THREADS_PER_INSTANCE);
    try {
      List<Catalogue> shops = new ArrayList<>();
      List<Ledger> ledgers = new ArrayList<>();
      for (int n = 0; n < INSTANCES; n++) {
        HikariDataSource pool = TestPools.pool(db, THREADS_PER_INSTANCE + 2);
        pools.add(pool);
        if (n == 0) {
          PostgresLedger.installSchema(pool);
        }
        PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
        TimeBank bank = bank(books.ledger());
        if (n == 0) {
          for (int m = 0; m < INSTANCES * THREADS_PER_INSTANCE; m++) {
            bank.enrol("m" + m);
            bank.award(new AwardRequest("a-m" + m, "m" + m, "elderly-care", Duration.ofHours(2), "meal-run"));
          }
        }
        ledgers.add(books.ledger());
        shops.add(sharedLog ? Catalogue.of(bank, items, books.facts()) : Catalogue.of(bank, items));
      }
      CyclicBarrier start = new CyclicBarrier(INSTANCES * THREADS_PER_INSTANCE);
      Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < INSTANCES * THREADS_PER_INSTANCE; t++) {
        Catalogue shop = shops.get(t / THREADS_PER_INSTANCE);
        String member = "m" + t;
        work.add(exec.submit(() -> {
          for (Catalogue.Item item : items) {
            start.await(30, TimeUnit.SECONDS);
            if (shop.redeem(RedemptionRequest.of(item.id() + "-" + member, member, item.id())).accepted()) {
              accepted.computeIfAbsent(item.id(), k -> new AtomicInteger()).incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(120, TimeUnit.SECONDS);
      }
      AtomicInteger once = new AtomicInteger();
      AtomicInteger over = new AtomicInteger();
      for (Catalogue.Item item : items) {
        int answered = accepted.getOrDefault(item.id(), new AtomicInteger()).get();
        long sold = ledgers.get(0).history("canteen", HistoryQuery.all()
            .withCode(Catalogue.CODE)).stream()
            .filter(tr -> tr.userData().equals("item:" + item.id()))
            .map(Transfer::id).count();
        assertEquals(sold, answered, "each acceptance is one transfer in the books");
        if (sold == 1) {
          once.incrementAndGet();
        } else if (sold > 1) {
          over.incrementAndGet();
        }
      }
      return new Race(items.size(), once, over);
    } finally {
      exec.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }
}
