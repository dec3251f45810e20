package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.linli.core.testing.TestPostgres;
import dev.linli.points.journal.LedgerTableVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link TransferRows} sends a column once when every row of a batch has the same value in it and
 * as an array otherwise. Whatever mix a batch has, the rows the table holds must be the transfers
 * the in-memory ledger makes from the same requests (field by field, timestamps included, under
 * one fixed clock), and the chain must verify; every column is reached both ways.
 */
class PostgresTransferRowsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-08T02:00:00Z"),
      ZoneOffset.UTC);
  private static final String[] COLUMNS = {
    "debit", "credit", "amount", "asset", "code", "userData", "reverses", "operator"};
  private static HikariDataSource pool;
  private static Ledger sql;
  private static Ledger memory;
  private static final List<Transfer> made = new ArrayList<>();
  private static final Map<String, Integer> reached = new TreeMap<>();
  private static int batches;

  @BeforeContainer
  static void open() throws Exception {
    pool = TestPools.pool(TestPostgres.newDatabase(), 2);
    PostgresLedger.installSchema(pool);
    sql = PostgresLedger.open(pool, Ledger.builder().clock(CLOCK)).ledger();
    memory = Ledger.builder().clock(CLOCK).build();
    both(l -> l.createAccount(Account.unlimited("poolA", "points", AccountKind.COMMUNITY_POOL)));
    both(l -> l.createAccount(Account.unlimited("poolB", "points", AccountKind.COMMUNITY_POOL)));
    both(l -> l.createAccount(Account.unlimited("coins", "coins", AccountKind.COMMUNITY_POOL)));
    for (int i = 0; i < 6; i++) {
      String p = "p" + i;
      String c = "c" + i;
      both(l -> l.createAccount(Account.member(p, "points")));
      both(l -> l.createAccount(Account.member(c, "coins")));
    }
  }

  @AfterContainer
  static void close() {
    try {
      // Every column was sent once and as an array, several times each.
      for (String column : COLUMNS) {
        assertTrue(reached.getOrDefault(column + " once", 0) >= 3, column + " once: " + reached);
        assertTrue(reached.getOrDefault(column + " array", 0) >= 3, column + " array: " + reached);
      }
      assertTrue(batches >= 40, "batches: " + batches);
    } finally {
      pool.close();
    }
  }

  private static <T> T both(Function<Ledger, T> call) {
    T expected = call.apply(memory);
    T actual = call.apply(sql);
    assertEquals(expected, actual);
    return actual;
  }

  @Property(tries = 60)
  void storedRows_areTheTransfersMade_whateverColumnsAreSentOnce(@ForAll long seed) {
    Random r = new Random(seed);
    int size = 1 + r.nextInt(r.nextBoolean() ? 4 : SqlLedgerStore.PRESUME_FROM + 40);
    boolean coins = r.nextInt(3) == 0;
    boolean mixAssets = size > 1 && r.nextInt(4) == 0;
    boolean varyDebit = r.nextBoolean();
    boolean varyCredit = r.nextBoolean();
    boolean varyAmount = r.nextBoolean();
    boolean varyCode = r.nextBoolean();
    int userData = r.nextInt(3); // 0: all "", 1: all the same, 2: varied
    int operator = r.nextInt(3); // 0: all null, 1: all the same, 2: some null, some not
    int reversals = made.isEmpty() ? 0 : r.nextInt(4); // 0, 1: none; 2: of one transfer; 3: mixed
    Transfer original = made.isEmpty() ? null : made.get(r.nextInt(made.size()));
    String prefix = "s" + seed + "-";
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      boolean reversal = reversals == 2 || reversals == 3 && r.nextBoolean();
      TransferRequest q;
      if (reversal && original != null && original.amount() > 1) {
        Transfer o = reversals == 2 ? original : made.get(r.nextInt(made.size()));
        q = TransferRequest.reversal(prefix + i, o, 1);
      } else {
        boolean inCoins = mixAssets ? r.nextBoolean() : coins;
        String debit = inCoins ? "coins" : varyDebit && r.nextBoolean() ? "poolB" : "poolA";
        String credit = (inCoins ? "c" : "p") + (varyCredit ? r.nextInt(6) : 2);
        long amount = varyAmount ? 1 + r.nextInt(40) : 9;
        String code = varyCode ? "code" + r.nextInt(3) : "earn";
        q = TransferRequest.of(prefix + i, debit, credit, amount, code);
      }
      if (userData > 0) {
        q = q.withUserData(userData == 1 ? "活动-42" : "note " + r.nextInt(5));
      }
      if (operator == 1 || operator == 2 && r.nextBoolean()) {
        q = q.withOperator(operator == 1 ? "staff-1" : "staff-" + r.nextInt(3));
      }
      batch.add(q);
    }
    List<TransferResult> results = both(l -> l.submitLinked(batch));
    batches++;
    if (results.stream().allMatch(x -> x == TransferResult.OK)) {
      count(batch.stream().map(q -> memory.find(q.id()).orElseThrow()).toList());
    }
    for (TransferRequest q : batch) {
      assertEquals(memory.find(q.id()), sql.find(q.id()), q.id());
      memory.find(q.id()).filter(t -> t.amount() > 1).ifPresent(made::add);
    }
    assertTrue(LedgerTableVerifier.verify(pool).intact(), "the chain verifies after " + seed);
  }

  /** Counts, for each column, whether this stored batch had one value in it or several. */
  private static void count(List<Transfer> stored) {
    List<Function<Transfer, Object>> fields = List.of(Transfer::debitAccountId,
        Transfer::creditAccountId, Transfer::amount, Transfer::asset, Transfer::code,
        Transfer::userData, Transfer::reverses, Transfer::operator);
    for (int k = 0; k < COLUMNS.length; k++) {
      Function<Transfer, Object> f = fields.get(k);
      Object first = f.apply(stored.get(0));
      boolean once = stored.stream().allMatch(t -> Objects.equals(first, f.apply(t)));
      reached.merge(COLUMNS[k] + (once ? " once" : " array"), 1, Integer::sum);
    }
  }
}
