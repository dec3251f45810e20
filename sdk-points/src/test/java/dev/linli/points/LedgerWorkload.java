package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random workload against a ledger with expiring points, and the invariants every state of
 * a ledger must satisfy. Shared by the jqwik properties and the million-operation simulation.
 */
public final class LedgerWorkload {
  /** Short enough that a few hundred operations (days to weeks) see lots expire. */
  static final Period LIFETIME = Period.ofDays(3);
  final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  public final Ledger ledger;
  /**
   * Every outcome the workload saw, in order (when {@link #traced}): two ledgers given the same seed
   * must produce the same trace.
   */
  final List<String> trace = new ArrayList<>();
  private final boolean traced;
  final List<String> members = new ArrayList<>();
  final List<String> others = List.of("pool", "canteen", "barber");
  private final SplittableRandom random;
  private final List<String> holdIds = new ArrayList<>();
  private final List<String> transferIds = new ArrayList<>();
  /** Holds that were posted, voided or expired: they must never become pending again. */
  private final Set<String> resolved = new HashSet<>();
  private final Map<String, Integer> posts = new HashMap<>();
  private long next;
  long operations;

  public LedgerWorkload(long seed, int memberCount) {
    this(seed, memberCount, ledger -> { });
  }

  /** A workload whose ledger is first handed to {@code beforeUse} (to attach a journal sink). */
  LedgerWorkload(long seed, int memberCount, java.util.function.Consumer<Ledger> beforeUse) {
    this(seed, memberCount, b -> {
      Ledger built = b.build();
      beforeUse.accept(built);
      return built;
    }, false);
  }

  /**
   * A workload on the ledger {@code open} makes from the workload's settings (clock, {@link #LIFETIME} lots):
   * in memory, or in a database; {@code traced} records every outcome in {@link #trace}.
   */
  LedgerWorkload(long seed, int memberCount,
      java.util.function.Function<Ledger.Builder, Ledger> open, boolean traced) {
    random = new SplittableRandom(seed);
    this.traced = traced;
    ledger = open.apply(Ledger.builder().clock(clock)
        .expireLots("points", LIFETIME, "expired"));
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    ledger.createAccount(new Account("barber", "points", AccountKind.MERCHANT, 0, false, ""));
    for (int i = 0; i < memberCount; i++) {
      String id = "m" + i;
      members.add(id);
      // Every fifth member may overdraw a little: lots must cope with negative balances.
      ledger.createAccount(new Account(id, "points", AccountKind.MEMBER, i % 5 == 0 ? 30 : 0,
          false, ""));
    }
  }

  private String member() {
    return members.get(random.nextInt(members.size()));
  }

  private String any() {
    int n = random.nextInt(members.size() + others.size());
    return n < members.size() ? members.get(n) : others.get(n - members.size());
  }

  private TransferRequest randomRequest() {
    String id = "t" + (next++);
    int kind = random.nextInt(10);
    long amount = 1 + random.nextInt(kind < 5 ? 200 : 80);
    if (kind < 5) {
      return TransferRequest.of(id, "pool", member(), amount, "elderly-care");
    }
    String from = member();
    String to = kind < 8 ? (random.nextBoolean() ? "canteen" : "barber") : member();
    if (from.equals(to)) {
      to = "canteen";
    }
    return TransferRequest.of(id, from, to, amount, kind < 8 ? "redemption" : "gift");
  }

  /** Runs one random operation; returns nothing, checks its own immediate post-conditions. */
  public void step() {
    operations++;
    int op = random.nextInt(100);
    if (op < 45) {
      TransferRequest r = randomRequest();
      if (note(ledger.submit(r)) == TransferResult.OK) {
        transferIds.add(r.id());
      }
    } else if (op < 55) {
      List<TransferRequest> batch = new ArrayList<>();
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        batch.add(randomRequest());
      }
      List<TransferResult> results = note(ledger.submitLinked(batch));
      boolean ok = results.stream().allMatch(r -> r == TransferResult.OK);
      if (ok) {
        batch.forEach(r -> transferIds.add(r.id()));
        int before = ledger.transferCount();
        List<TransferResult> again = ledger.submitLinked(batch);
        assertTrue(again.stream().allMatch(r -> r == TransferResult.EXISTS), again::toString);
        assertEquals(before, ledger.transferCount(), "a replayed batch changes nothing");
      } else {
        for (TransferRequest r : batch) {
          assertTrue(ledger.find(r.id()).isEmpty(), "a failed batch applies nothing");
        }
      }
    } else if (op < 65) {
      TransferRequest r = randomRequest();
      String id = "h" + (next++);
      TransferRequest h = new TransferRequest(id, r.debitAccountId(), r.creditAccountId(),
          r.amount(), r.code(), "", null);
      if (note(ledger.hold(h, Duration.ofHours(1 + random.nextInt(48)))) == TransferResult.OK) {
        holdIds.add(id);
      }
    } else if (op < 73 && !holdIds.isEmpty()) {
      String id = holdIds.get(random.nextInt(holdIds.size()));
      Hold h = ledger.findHold(id).orElseThrow();
      long amount = 1 + random.nextInt((int) Math.min(h.amount(), 500));
      // Half the posts use a fresh id: a retry of a post is EXISTS, but a second, different post
      // of the same hold must be refused, which only a new id can try.
      String postId = random.nextBoolean() ? "p" + id : "p" + id + "-" + (next++);
      TransferResult r = note(ledger.post(postId, id, amount));
      if (r == TransferResult.OK) {
        posts.merge(id, 1, Integer::sum);
        assertEquals(1, posts.get(id), "a hold posts at most once");
        transferIds.add(postId);
      }
    } else if (op < 78 && !holdIds.isEmpty()) {
      note(ledger.voidHold(holdIds.get(random.nextInt(holdIds.size()))));
    } else if (op < 83 && !transferIds.isEmpty()) {
      String original = transferIds.get(random.nextInt(transferIds.size()));
      Transfer t = ledger.find(original).orElseThrow();
      if (t.reverses() == null) {
        long left = t.amount() - ledger.reversedAmount(original);
        if (left > 0) {
          note(ledger.submit(TransferRequest.reversal("r" + (next++), t, 1 + random.nextInt(
              (int) Math.min(left, Integer.MAX_VALUE)))));
        }
      }
    } else if (op < 93) {
      clock.advance(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 3)));
    } else {
      note(ledger.expireLots());
    }
  }

  private <T> T note(T outcome) {
    if (traced) {
      trace.add(operations + ": " + outcome);
    }
    return outcome;
  }

  /** Checks every ledger-wide invariant; throws on the first that fails. */
  void checkInvariants() {
    assertEquals(Map.of("points", 0L), ledger.sumOfBalances(), "balances sum to zero");
    for (Account a : ledger.accounts()) {
      Balance b = ledger.balance(a.id());
      if (a.overdraftLimit() != Account.UNLIMITED) {
        assertTrue(b.available() >= -a.overdraftLimit(),
            () -> a.id() + " went below its floor: " + b);
      }
      if (a.kind() == AccountKind.MEMBER) {
        long inLots = ledger.lots(a.id()).stream().mapToLong(Lot::remaining).sum();
        assertEquals(Math.max(0, b.balance()), inLots,
            () -> a.id() + ": lots must hold exactly the unspent points");
      }
    }
    for (String id : holdIds) {
      Hold h = ledger.findHold(id).orElseThrow();
      if (h.state() != Hold.State.PENDING) {
        resolved.add(id);
      } else {
        assertTrue(!resolved.contains(id), "a resolved hold never becomes pending again");
      }
    }
  }

  /** Checks that balanceAsOf equals folding the transfer log up to a few random instants. */
  void checkAsOf(int samples) {
    List<Transfer> all = ledger.transfers();
    if (all.isEmpty()) {
      return;
    }
    for (int i = 0; i < samples; i++) {
      Instant at = all.get(random.nextInt(all.size())).timestamp();
      String account = any();
      long expected = 0;
      for (Transfer t : all) {
        if (t.timestamp().isAfter(at)) {
          break;
        }
        if (t.debitAccountId().equals(account) || t.creditAccountId().equals(account)) {
          expected += t.signedAmount(account);
        }
      }
      assertEquals(expected, ledger.balanceAsOf(account, at).balance(), "as of " + at);
    }
  }
}
