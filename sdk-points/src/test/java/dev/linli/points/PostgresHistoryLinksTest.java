package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.MutableClock;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.internal.TransferChain;
import dev.linli.points.journal.LedgerTableVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Per-account history on PostgreSQL walks each account's transfers back through the links of
 * schema V4 from a milestone (every {@link TransferChain#MILESTONE}th transfer of the account) or
 * from the account's last transfer. Histories, statements and as-of balances must be the
 * in-memory ledger's for periods ending before, on and after milestones.
 */
class PostgresHistoryLinksTest {
  private static final int MEMBERS = 3;
  private static HikariDataSource pool;
  private static MutableClock clock;
  private static Ledger sql;
  private static Ledger memory;
  private static final List<Instant> times = new ArrayList<>();
  private static int fromMilestone;
  private static int fromLast;

  @BeforeContainer
  static void open() {
    pool = TestPools.pool(TestPostgres.newDatabase(), 2);
    PostgresLedger.installSchema(pool);
    clock = MutableClock.at("2026-02-28T15:00:00Z");
    sql = PostgresLedger.open(pool, Ledger.builder().clock(clock)).ledger();
    memory = Ledger.builder().clock(clock).build();
    fill(new Random(7), sql, memory, clock, 700);
    for (Transfer t : memory.transfers()) {
      times.add(t.timestamp());
    }
  }

  @AfterContainer
  static void close() {
    try {
      // Periods ending where the walk starts from a milestone, and from the last transfer.
      assertTrue(fromMilestone >= 20, "from a milestone: " + fromMilestone);
      assertTrue(fromLast >= 5, "from the last transfer: " + fromLast);
    } finally {
      pool.close();
    }
  }

  /**
   * Feeds both ledgers the same {@code n} operations: earnings, spending between members,
   * linked batches and partial reversals, the clock moving 0 to 90 minutes between them.
   */
  static void fill(Random r, Ledger a, Ledger b, MutableClock clock, int n) {
    List<Ledger> both = List.of(a, b);
    both.forEach(l -> l.createAccount(Account.unlimited("pool", "points",
        AccountKind.COMMUNITY_POOL)));
    for (int i = 0; i < MEMBERS; i++) {
      String id = "m" + i;
      both.forEach(l -> l.createAccount(Account.member(id, "points")));
    }
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofMinutes(r.nextInt(4) == 0 ? 0 : r.nextInt(90)));
      String id = "t" + i;
      String member = "m" + r.nextInt(MEMBERS);
      int kind = r.nextInt(10);
      List<Function<Ledger, Object>> call = new ArrayList<>();
      if (kind < 6) {
        long amount = 1 + r.nextInt(50);
        call.add(l -> l.submit(TransferRequest.of(id, "pool", member, amount, "earn")));
      } else if (kind < 8) {
        String to = "m" + r.nextInt(MEMBERS);
        long amount = 1 + r.nextInt(30);
        call.add(l -> l.submit(TransferRequest.of(id, member, to, amount, "spend")));
      } else if (kind < 9) {
        List<TransferRequest> batch = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(70); k++) {
          batch.add(TransferRequest.of(id + "-" + k, "pool", "m" + r.nextInt(MEMBERS), 3, "earn"));
        }
        call.add(l -> l.submitLinked(batch));
      } else {
        List<Transfer> made = b.transfers();
        Transfer original = made.isEmpty() ? null : made.get(r.nextInt(made.size()));
        if (original != null) {
          call.add(l -> l.submit(TransferRequest.reversal(id, original, 1)));
        }
      }
      for (Function<Ledger, Object> f : call) {
        assertEquals(f.apply(b), f.apply(a), id);
      }
    }
  }

  @Property(tries = 80)
  void history_statement_balance_equalMemory(@ForAll long seed) {
    Random r = new Random(seed);
    String account = r.nextInt(4) == 0 ? "pool" : "m" + r.nextInt(MEMBERS);
    Instant to = pick(r);
    Instant from = r.nextInt(5) == 0 ? Instant.MIN : pick(r);
    if (from.isAfter(to)) {
      Instant swap = from;
      from = to;
      to = swap;
    }
    Instant end = to;
    long later = memory.history(account, end, Instant.MAX).size();
    if (later >= TransferChain.MILESTONE) {
      fromMilestone++;
    } else {
      fromLast++;
    }
    assertEquals(memory.history(account, from, to), sql.history(account, from, to));
    assertEquals(memory.statement(account, from, to), sql.statement(account, from, to));
    assertEquals(memory.balanceAsOf(account, to), sql.balanceAsOf(account, to));
  }

  /** A transfer's time, a nanosecond either side of one, or a time outside them all. */
  private static Instant pick(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> times.get(0).minusSeconds(60);
      case 1 -> times.get(times.size() - 1).plusSeconds(60);
      default -> times.get(r.nextInt(times.size())).plusNanos(r.nextInt(3) - 1);
    };
  }
}
