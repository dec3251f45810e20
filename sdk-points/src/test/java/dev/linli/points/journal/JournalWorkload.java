package dev.linli.points.journal;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded random workload (accounts, earns, linked batches, holds with post/void/expiry,
 * reversals, lot expiry, freezing) driven through a ledger's public API, remembering which
 * transfers were acknowledged and which linked batches were attempted.
 */
final class JournalWorkload {
  static final Period LIFETIME = Period.ofDays(60);

  final MutableClock clock;
  final SplittableRandom random;
  final List<String> members = new ArrayList<>();
  /** Transfer ids whose creating call returned OK (or EXISTS) to the caller. */
  final Set<String> acknowledged = new LinkedHashSet<>();
  /** Every linked batch attempted, acknowledged or not, as its ids. */
  final List<List<String>> batches = new ArrayList<>();
  /** Every lot-expiry sweep that returned, as the ids of the transfers it made (at least one). */
  final List<List<String>> sweeps = new ArrayList<>();
  private final List<String> holds = new ArrayList<>();
  private long next;

  JournalWorkload(long seed, MutableClock clock) {
    this.random = new SplittableRandom(seed);
    this.clock = clock;
  }

  /** The workload's ledger settings: its clock and points that expire into "expired". */
  static Ledger.Builder ledger(MutableClock clock) {
    return Ledger.builder().clock(clock).expireLots("points", LIFETIME, "expired");
  }

  /** Journal options (no fsync) carrying {@link #ledger}'s settings. */
  static JournalOptions.Builder options(MutableClock clock) {
    return options(clock, LIFETIME);
  }

  /**
   * Journal options (no fsync) for a ledger whose clock stands at 2026-03-01T00:00Z, for tests
   * that write a journal only to read it back.
   */
  static JournalOptions.Builder fixedTime() {
    return JournalOptions.builder().ledger(Ledger.builder().clock(
        Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC)))
        .durability(Durability.NONE);
  }

  /** Opens a pool and members {@code m0 .. m(members - 1)} in {@code ledger}. */
  static void poolAndMembers(Ledger ledger, int members) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    for (int i = 0; i < members; i++) {
      ledger.createAccount(Account.member("m" + i, "points"));
    }
  }

  /** As {@link #options(MutableClock)}, with lots living {@code lifetime}. */
  static JournalOptions.Builder options(MutableClock clock, Period lifetime) {
    return JournalOptions.builder().ledger(Ledger.builder().clock(clock)
        .expireLots("points", lifetime, "expired")).durability(Durability.NONE);
  }

  /** Creates the fixed accounts and {@code n} members. */
  void setUp(Ledger ledger, int n) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    for (int i = 0; i < n; i++) {
      members.add("m" + i);
      ledger.createAccount(Account.member("m" + i, "points"));
    }
  }

  private String member() {
    return members.get(random.nextInt(members.size()));
  }

  private TransferRequest request() {
    String id = "t" + next++;
    if (random.nextInt(3) == 0) {
      return TransferRequest.of(id, "pool", member(), 1 + random.nextInt(300), "elderly-care");
    }
    String from = member();
    String to = random.nextBoolean() ? "canteen" : member();
    if (to.equals(from)) {
      to = "canteen";
    }
    return TransferRequest.of(id, from, to, 1 + random.nextInt(60), "gift");
  }

  /** Runs one random operation. */
  void step(Ledger ledger) {
    int op = random.nextInt(100);
    if (op < 35) {
      TransferRequest r = request();
      if (ledger.submit(r) == TransferResult.OK) {
        acknowledged.add(r.id());
      }
    } else if (op < 50) {
      List<TransferRequest> batch = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        TransferRequest r = request();
        batch.add(r);
        ids.add(r.id());
      }
      batches.add(ids);
      if (ledger.submitLinked(batch).stream().allMatch(x -> x == TransferResult.OK)) {
        acknowledged.addAll(ids);
      }
    } else if (op < 60) {
      TransferRequest r = request();
      String id = "h" + next++;
      if (ledger.hold(new TransferRequest(id, r.debitAccountId(), r.creditAccountId(), r.amount(),
          "booking", "", null), Duration.ofHours(1 + random.nextInt(30))) == TransferResult.OK) {
        holds.add(id);
      }
    } else if (op < 67 && !holds.isEmpty()) {
      String id = holds.get(random.nextInt(holds.size()));
      Hold h = ledger.findHold(id).orElseThrow();
      if (ledger.post("p" + id, id, 1 + random.nextInt((int) h.amount())) == TransferResult.OK) {
        acknowledged.add("p" + id);
      }
    } else if (op < 71 && !holds.isEmpty()) {
      ledger.voidHold(holds.get(random.nextInt(holds.size())));
    } else if (op < 76 && !acknowledged.isEmpty()) {
      List<String> ids = new ArrayList<>(acknowledged);
      Transfer t = ledger.find(ids.get(random.nextInt(ids.size()))).orElseThrow();
      long left = t.amount() - ledger.reversedAmount(t.id());
      String id = "r" + next++;
      if (t.reverses() == null && left > 0 && ledger.submit(TransferRequest.reversal(id, t,
          1 + random.nextInt((int) left))) == TransferResult.OK) {
        acknowledged.add(id);
      }
    } else if (op < 79) {
      String m = member();
      ledger.setFrozen(m, random.nextInt(3) != 0 ? false : true);
    } else if (op < 93) {
      clock.advance(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 4)));
    } else {
      List<String> ids = new ArrayList<>();
      for (Transfer t : ledger.expireLots()) {
        acknowledged.add(t.id());
        ids.add(t.id());
      }
      if (!ids.isEmpty()) {
        sweeps.add(ids);
      }
    }
  }

  /** Everything observable about the ledger's state, for equality checks. */
  static Map<String, Object> state(Ledger ledger) {
    Map<String, Object> out = new TreeMap<>();
    out.put("transfers", ledger.transfers());
    out.put("accounts", ledger.accounts());
    for (Account a : ledger.accounts()) {
      out.put("balance " + a.id(), ledger.balance(a.id()));
      out.put("lots " + a.id(), ledger.lots(a.id()));
      out.put("pending " + a.id(), ledger.pendingHolds(a.id()));
    }
    return out;
  }
}
