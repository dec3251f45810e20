package dev.linli.examples.cli;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reproducible workload of {@code linli points simulate}: members of a time bank earn points
 * from the community pool (sometimes through a guardian, 代办), redeem them at the canteen and the
 * barber, give them to each other and donate them, hold points for bookings that are then posted,
 * voided or left to expire, have mistaken awards reversed, and lose points a year after earning
 * them. The same seed gives the same transfers, with the same timestamps, every time: the clock is
 * simulated (each operation moves it 0 to 30 minutes on) and the only randomness is the seeded
 * generator. Not thread-safe: one simulation drives one ledger.
 */
final class PointsSimulation {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Period LIFETIME = Period.ofYears(1);
  static final String SINK = "expired";

  private final SplittableRandom random;
  private final StepClock clock;
  private final List<String> members = new ArrayList<>();
  private final List<String> holds = new ArrayList<>();
  private final List<String> earnings = new ArrayList<>();
  /** Put before every transfer and hold id, so runs with other seeds can share one database. */
  private final String idPrefix;
  private long next;
  private long rejected;

  PointsSimulation(long seed, StepClock clock) {
    this(seed, clock, "");
  }

  /**
   * A simulation whose transfer and hold ids all start with {@code idPrefix} (such as {@code
   * "s7-"}), so that simulations with different seeds can run at once on one shared ledger.
   */
  PointsSimulation(long seed, StepClock clock, String idPrefix) {
    this.random = new SplittableRandom(seed);
    this.clock = clock;
    this.idPrefix = idPrefix;
  }

  /** A clock at the simulation's start, to build the ledger (or its journal options) with. */
  static StepClock clock() {
    return new StepClock(START, ZONE);
  }

  /** How many members a run of {@code ops} operations has: enough for the traffic, at most 1,000. */
  static int members(long ops) {
    return (int) Math.max(10, Math.min(1_000, ops / 100));
  }

  /** Creates the pool, merchants, donation pool and {@code n} members. */
  void open(Ledger ledger, int n) {
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false,
        "社区食堂"));
    ledger.createAccount(new Account("barber", "points", AccountKind.MERCHANT, 0, false, "理发"));
    ledger.createAccount(new Account("donations", "points", AccountKind.DONATION_POOL, 0, false,
        "爱心池"));
    for (int i = 0; i < n; i++) {
      String id = String.format(java.util.Locale.ROOT, "M%04d", i);
      members.add(id);
      ledger.createAccount(Account.member(id, "points"));
    }
  }

  long rejected() {
    return rejected;
  }

  private String member() {
    return members.get(random.nextInt(members.size()));
  }

  private String id(String kind) {
    return idPrefix + kind + (next++);
  }

  private void count(TransferResult r) {
    if (r != TransferResult.OK) {
      rejected++;
    }
  }

  /** Runs one operation; the ledger's call has returned (and so is durable) when this returns. */
  void step(Ledger ledger) {
    clock.set(clock.instant().plus(Duration.ofSeconds(random.nextInt(30 * 60 + 1))));
    int op = random.nextInt(100);
    if (op < 35) {
      String id = id("e");
      String operator = random.nextInt(10) == 0 ? "G" + random.nextInt(20) : null;
      TransferResult r = ledger.submit(new TransferRequest(id, "pool", member(),
          10 * (1 + random.nextInt(12)), random.nextBoolean() ? "meal-delivery" : "elderly-care",
          "", null, operator));
      count(r);
      if (r == TransferResult.OK) {
        earnings.add(id);
      }
    } else if (op < 50) {
      count(ledger.submit(TransferRequest.of(id("r"), member(),
          random.nextBoolean() ? "canteen" : "barber", 5 * (1 + random.nextInt(10)),
          "redemption")));
    } else if (op < 58) {
      String from = member();
      String to = member();
      count(from.equals(to) ? TransferResult.OK : ledger.submitLinked(List.of(
          TransferRequest.of(id("g"), from, to, 1 + random.nextInt(40), "gift"),
          TransferRequest.of(id("d"), to, "donations", 1, "donation"))).get(0));
    } else if (op < 70) {
      String id = id("h");
      TransferResult r = ledger.hold(TransferRequest.of(id, member(), "canteen",
          5 * (1 + random.nextInt(6)), "booking"), Duration.ofHours(1 + random.nextInt(48)));
      count(r);
      if (r == TransferResult.OK) {
        holds.add(id);
      }
    } else if (op < 80 && !holds.isEmpty()) {
      String id = holds.remove(random.nextInt(holds.size()));
      Hold h = ledger.findHold(id).orElseThrow();
      if (h.state() == Hold.State.PENDING) {
        if (random.nextInt(4) == 0) {
          count(ledger.voidHold(id));
        } else {
          count(ledger.post("p" + id, id, 1 + random.nextInt((int) h.amount())));
        }
      }
    } else if (op < 84 && !earnings.isEmpty()) {
      Transfer t = ledger.find(earnings.get(random.nextInt(earnings.size()))).orElseThrow();
      long left = t.amount() - ledger.reversedAmount(t.id());
      if (left > 0) {
        count(ledger.submit(TransferRequest.reversal(id("x"), t,
            1 + random.nextInt((int) left))));
      }
    } else if (op < 92) {
      ledger.expireHolds();
    } else {
      ledger.expireLots();
    }
  }

  /**
   * A SHA-256 over every account's id and balance (sorted by id), in hex: two ledgers with the
   * same balances have the same digest.
   */
  static String digest(Ledger ledger) {
    MessageDigest sha = sha256();
    for (Account a : ledger.accounts()) {
      sha.update((a.id() + "=" + ledger.balance(a.id()).balance() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
