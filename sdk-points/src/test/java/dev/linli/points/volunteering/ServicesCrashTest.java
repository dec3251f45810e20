package dev.linli.points.volunteering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.StorageException;
import dev.linli.core.people.Wish;
import dev.linli.core.people.WishStatus;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.FactLog;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.TestPools;
import dev.linli.points.TransferRequest;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import dev.linli.points.volunteering.ServiceWorld.Seen;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of a step keeps the step whole or not at all, facts and ledger changes
 * alike: a PostgreSQL backend terminated while wishes are being paid out, and a journal cut at
 * every byte of the records written by a run of steps.
 */
class ServicesCrashTest {

  private static String paid(String wish) {
    return TransferRequest.derivedId(wish, "paid");
  }

  private static String escrowed(String wish) {
    return TransferRequest.derivedId(wish, "escrowed");
  }

  /** A wish is fulfilled on the board exactly when both of its payment transfers exist. */
  private static void assertWhole(Ledger ledger, List<Wish> wishes) {
    for (Wish w : wishes) {
      boolean fulfilled = w.status() == WishStatus.FULFILLED;
      assertEquals(fulfilled, ledger.find(escrowed(w.id())).isPresent(), w.id() + " escrow");
      assertEquals(fulfilled, ledger.find(paid(w.id())).isPresent(), w.id() + " payment");
      Hold.State hold = ledger.findHold(TransferRequest.derivedId(w.id(), "offer")).orElseThrow()
          .state();
      assertEquals(fulfilled ? Hold.State.POSTED : Hold.State.PENDING, hold, w.id() + " hold");
    }
  }

  @Test
  void postgres_backendsTerminatedWhileWishesArePaid_noStepIsHalfWritten() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    int wishes = 240;
    MutableClock clock = MutableClock.at(ServiceWorld.BEGIN);
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    List<Wish> before;
    try (HikariDataSource pool = TestPools.pool(db, 4)) {
      PostgresLedger.installSchema(pool);
      PostgresLedger books = PostgresLedger.open(pool, Ledger.builder().clock(clock));
      WorldOn w = new WorldOn(books.ledger(), books.facts());
      for (int i = 0; i < wishes; i++) {
        assertTrue(w.board.post(WishRequest.of("w-" + i, "jingfang", "r-li", "wish " + i,
            "repair").offering(5, "donor")).accepted());
        assertTrue(w.board.claim("w-" + i, "v" + (i % 7)).accepted());
      }
      Thread payer = new Thread(() -> {
        for (int i = 0; i < wishes; i++) {
          try {
            w.board.fulfil("w-" + i, "r-li");
          } catch (StorageException e) {
            failed.incrementAndGet();
          } catch (AssertionError e) {
            // pgjdbc 42.7's batch path (the ledger's statements) asserts, under -ea, when the
            // server ends the session mid-batch; the transaction is not committed either way.
            if (String.valueOf(e.getMessage()).contains("getAutoCommit() should not throw")) {
              failed.incrementAndGet();
            } else {
              unexpected.compareAndSet(null, e);
            }
          } catch (Throwable e) {
            unexpected.compareAndSet(null, e);
          }
        }
      });
      payer.start();
      for (int kill = 0; kill < 5 && payer.isAlive(); kill++) {
        Thread.sleep(120);
        db.terminateOtherBackends();
      }
      payer.join(TimeUnit.MINUTES.toMillis(3));
      assertFalse(payer.isAlive());
      assertEquals(null, unexpected.get());
      assertTrue(failed.get() >= 1, "at least one step was cut off by a terminated backend");
      before = w.board.wishes();
      assertWhole(books.ledger(), before);
    }
    try (HikariDataSource fresh = TestPools.pool(db, 2)) {
      PostgresLedger books = PostgresLedger.open(fresh, Ledger.builder().clock(clock));
      WorldOn w = new WorldOn(books.ledger(), books.facts());
      List<Wish> after = w.board.wishes();
      assertEquals(before, after, "the instance that saw the failures agrees with a new one");
      assertWhole(books.ledger(), after);
      long fulfilled = after.stream().filter(x -> x.status() == WishStatus.FULFILLED).count();
      assertTrue(fulfilled >= 1 && fulfilled < wishes, "some steps committed: " + fulfilled);
      books.ledger().sumOfBalances().forEach((asset, sum) ->
          assertEquals(0L, sum, asset + " sums to zero"));
    }
  }

  /** A time bank and wish board on a ledger and log. */
  private static final class WorldOn {
    final WishBoard board;

    WorldOn(Ledger ledger, FactLog log) {
      TimeBank bank = TimeBank.open(ledger, new EarningRules(100, "1.0", Map.of(),
          Duration.ofHours(2), RoundingMode.HALF_UP), "pool", "minutes-issuer");
      ledger.createAccount(dev.linli.points.Account.unlimited("donor", "points",
          dev.linli.points.AccountKind.COMMUNITY_POOL));
      for (int i = 0; i < 7; i++) {
        bank.enrol("v" + i);
      }
      board = WishBoard.on(bank, "wish-escrow", Duration.ofDays(30), Set.of("grid-07"), log);
    }
  }

  /** The journal's one segment file. */
  private static Path segment(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(".journal"))
          .toList();
      assertEquals(1, segments.size(), () -> "one segment expected in " + dir);
      return segments.get(0);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("LOCK")) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }

  @Test
  void journal_cutAtAnyByteOfTheSteps_recoversTheStateBeforeOrAfterTheCutStep(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("journal");
    MutableClock clock = MutableClock.at(ServiceWorld.BEGIN);
    List<Long> ends = new ArrayList<>();
    List<Seen> states = new ArrayList<>();
    try (ServiceWorld w = new ServiceWorld(journalAt(dir), clock)) {
      DurableServicesContract.setUp(w);
      w.desk.publish(ServiceWorld.plan("act-big", 20));
      ends.add(Files.size(segment(dir)));
      states.add(w.seen());
      List<Runnable> steps = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String wish = "w-" + i;
        String v = "v" + (i % 4);
        String volunteer = "s" + i;
        steps.add(() -> w.board.post(WishRequest.of(wish, "jingfang", "r-li", "wish", "repair")
            .offering(3, "donor")));
        steps.add(() -> w.board.claim(wish, v));
        steps.add(() -> w.desk.signUp("act-big", DurableServicesContract.adult(volunteer),
            "deliverer"));
        steps.add(i % 3 == 0 ? () -> w.board.cancel(wish, "r-li")
            : () -> w.board.fulfil(wish, "r-li"));
        if (i % 4 == 0) {
          steps.add(() -> w.desk.cancelSignUp(Participant.of("act-big", volunteer)));
        }
      }
      for (Runnable step : steps) {
        step.run();
        long end = Files.size(segment(dir));
        assertTrue(end > ends.get(ends.size() - 1), "every step writes one record");
        ends.add(end);
        states.add(w.seen());
      }
    }
    assertTrue(ends.size() > 60, "steps that wrote a record: " + (ends.size() - 1));
    int cuts = 0;
    for (int k = 1; k < ends.size(); k++) {
      long from = ends.get(k - 1);
      long to = ends.get(k);
      // the record's first byte, a byte inside it, its last byte, and its complete end
      for (long cut : new long[] {from + 1, (from + to) / 2, to - 1, to}) {
        Path copy = tmp.resolve("cut-" + k + "-" + cut);
        copy(dir, copy);
        try (FileChannel ch = FileChannel.open(segment(copy), StandardOpenOption.WRITE)) {
          ch.truncate(cut);
        }
        try (ServiceWorld w = new ServiceWorld(journalAt(copy), clock)) {
          assertEquals(states.get(cut == to ? k : k - 1), w.seen(), "cut at byte " + cut
              + " of the record ending at " + to);
        }
        cuts++;
      }
    }
    assertTrue(cuts >= 240, "cuts: " + cuts);
  }

  private static ServiceWorld.Storage journalAt(Path dir) {
    return new ServiceWorld.Storage() {
      @Override
      public ServiceWorld.Opened open(MutableClock clock) {
        DurableLedger books = DurableLedger.open(dir, Ledger.builder().clock(clock));
        return new ServiceWorld.Opened(books.ledger(), books.facts(), books::close);
      }

      @Override
      public boolean durable() {
        return true;
      }

      @Override
      public void close() {}
    };
  }
}
