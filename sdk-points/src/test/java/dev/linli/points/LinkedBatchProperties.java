package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link Ledger#submitLinked} against a model of its rules written out here, on random batches of
 * up to 700 requests (so they span several of the runs the bookkeeper prefetches, 256 requests
 * each): new ids, ids of earlier batches with the same or another content, ids twice in one batch,
 * overdrafts anywhere in the batch, frozen, closed and missing accounts, the wrong asset, the same
 * account on both sides. Each batch must give the model's results, position by position, and leave
 * every balance and the transfer count as the model says (all applied, or nothing). Consecutive
 * requests often name the same accounts, as the same {@code String} or as an equal copy (the
 * bookkeeper resolves a repeated account once per repeat, telling repeats by identity).
 */
class LinkedBatchProperties {
  private static final String[] MEMBERS = {"m0", "m1", "m2", "m3", "m4", "m5"};

  /** The model's view of one stored transfer: what a retry is compared with. */
  private record Stored(String debit, String credit, long amount, String code) {}

  @Property(tries = 60)
  void linkedBatch_givesTheModelsResults_andAppliesAllOrNothing(@ForAll long seed) {
    Random random = new Random(seed);
    Ledger ledger = Ledger.create(Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"),
        ZoneOffset.UTC));
    Map<String, Long> balance = new HashMap<>();
    Map<String, String> asset = new HashMap<>();
    Set<String> blocked = new HashSet<>();
    Map<String, Stored> stored = new HashMap<>();
    List<String> ids = new ArrayList<>();

    open(ledger, Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL), balance, asset);
    for (String m : MEMBERS) {
      open(ledger, Account.member(m, "points"), balance, asset);
    }
    open(ledger, Account.member("frozen", "points"), balance, asset);
    open(ledger, Account.member("closed", "points"), balance, asset);
    open(ledger, Account.unlimited("coins-pool", "coins", AccountKind.COMMUNITY_POOL), balance,
        asset);
    assertEquals(AccountResult.OK, ledger.close("closed"));
    assertEquals(AccountResult.OK, ledger.setFrozen("frozen", true));
    blocked.add("closed");
    blocked.add("frozen");

    int next = 0;
    for (int b = 0; b < 12; b++) {
      int size = 1 + random.nextInt(random.nextInt(3) == 0 ? 700 : 40);
      // Clean batches (new ids, a few retries) grow the state; one-fault batches put one request
      // of any kind anywhere; mixed batches draw every request's kind.
      int flavour = random.nextInt(3);
      int faultAt = flavour == 1 ? random.nextInt(size) : -1;
      List<TransferRequest> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int kind;
        if (flavour == 2) {
          kind = random.nextInt(14);
        } else if (i == faultAt) {
          kind = random.nextInt(7);
        } else {
          kind = random.nextInt(40) == 0 ? 1 : 99;
        }
        String debit = "pool";
        String credit = MEMBERS[random.nextInt(MEMBERS.length)];
        long amount = 1 + random.nextInt(20);
        String id = "t" + next++;
        String code = "earn";
        if (kind == 0) {
          // A spend between members: passes or overdraws, depending on the balance so far.
          debit = MEMBERS[random.nextInt(MEMBERS.length)];
          amount = 1 + random.nextInt(60);
        } else if ((kind == 1 || kind == 2 || kind == 6) && !ids.isEmpty()) {
          // A retry of an earlier batch's transfer: the same, another amount or another code.
          id = ids.get(random.nextInt(ids.size()));
          Stored s = stored.get(id);
          debit = s.debit();
          credit = s.credit();
          amount = s.amount() + (kind == 2 ? 1 : 0);
          code = kind == 6 ? "bonus" : s.code();
        } else if (kind == 3 && !batch.isEmpty()) {
          TransferRequest earlier = batch.get(random.nextInt(batch.size()));
          id = earlier.id();
          debit = earlier.debitAccountId();
          credit = earlier.creditAccountId();
          amount = earlier.amount();
          code = earlier.code();
        } else if (kind == 4) {
          credit = new String[] {"frozen", "closed", "nobody", "coins-pool", "pool"}[
              random.nextInt(5)];
        } else if (kind == 5) {
          debit = new String[] {"frozen", "closed", "nobody"}[random.nextInt(3)];
        }
        if (kind >= 7 && i > 0 && random.nextInt(3) == 0) {
          // The last request's member again: the bookkeeper resolves a repeated account once.
          String last = batch.get(i - 1).creditAccountId();
          credit = last.startsWith("m") ? last : credit;
        }
        if (random.nextInt(4) == 0) {
          // Equal ids in other String objects: the repeat is then told by equality, not identity.
          debit = copyOf(debit);
          credit = copyOf(credit);
        }
        if (i > 0) {
          TransferRequest last = batch.get(i - 1);
          Statistics.label("same debit as the last request").collect(
              last.debitAccountId() == debit ? "same object"
                  : last.debitAccountId().equals(debit) ? "equal copy" : "other");
          Statistics.label("same credit as the last request").collect(
              last.creditAccountId() == credit ? "same object"
                  : last.creditAccountId().equals(credit) ? "equal copy" : "other");
        }
        batch.add(TransferRequest.of(id, debit, credit, amount, code));
      }

      List<TransferResult> expected = model(batch, balance, asset, blocked, stored);
      int before = ledger.transfers().size();
      List<TransferResult> actual = ledger.submitLinked(batch);
      assertEquals(expected, actual, "batch " + b + " of " + size);
      boolean accepted = expected.stream().allMatch(
          r -> r == TransferResult.OK || r == TransferResult.EXISTS);
      if (accepted) {
        for (TransferRequest r : batch) {
          if (!stored.containsKey(r.id())) {
            stored.put(r.id(), new Stored(r.debitAccountId(), r.creditAccountId(), r.amount(),
                r.code()));
            ids.add(r.id());
            balance.merge(r.debitAccountId(), -r.amount(), Long::sum);
            balance.merge(r.creditAccountId(), r.amount(), Long::sum);
          }
        }
      }
      assertEquals(stored.size(), ledger.transfers().size(), "transfers after batch " + b);
      for (Map.Entry<String, Long> e : balance.entrySet()) {
        assertEquals(e.getValue().longValue(), ledger.balance(e.getKey()).balance(),
            e.getKey() + " after batch " + b);
      }
      Statistics.label("outcome").collect(accepted ? "accepted"
          : actual.stream().filter(r -> r != TransferResult.LINKED_EVENT_FAILED).findFirst()
              .orElseThrow().name());
      Statistics.label("long batch with a retry past the first run").collect(accepted
          && size > 256 && actual.subList(256, size).contains(TransferResult.EXISTS));
      Statistics.label("grew").collect(ledger.transfers().size() > before);
    }
    Statistics.label("outcome").coverage(c -> {
      c.check("accepted").percentage(p -> p >= 30);
      for (TransferResult r : List.of(TransferResult.EXCEEDS_BALANCE,
          TransferResult.DUPLICATE_ID_IN_BATCH, TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
          TransferResult.ACCOUNT_FROZEN, TransferResult.ACCOUNT_CLOSED,
          TransferResult.ASSETS_MUST_MATCH, TransferResult.ACCOUNTS_MUST_BE_DIFFERENT,
          TransferResult.CREDIT_ACCOUNT_NOT_FOUND, TransferResult.DEBIT_ACCOUNT_NOT_FOUND,
          TransferResult.EXISTS_WITH_DIFFERENT_CODE)) {
        c.check(r.name()).count(n -> n >= 1);
      }
    });
    Statistics.label("long batch with a retry past the first run")
        .coverage(c -> c.check(true).count(n -> n >= 10));
    for (String side : List.of("debit", "credit")) {
      Statistics.label("same " + side + " as the last request").coverage(c -> {
        c.check("same object").count(n -> n >= 100);
        c.check("equal copy").count(n -> n >= 20);
        c.check("other").count(n -> n >= 100);
      });
    }
  }

  /** An equal id in a String object of its own. */
  private static String copyOf(String id) {
    return new String(id.toCharArray());
  }

  /** An all-accepted batch returns a list equal to N times OK, which no caller can change. */
  @Example
  void allAccepted_resultIsAnUnmodifiableListOfOk() {
    Ledger ledger = Ledger.create(Clock.systemUTC());
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("m0", "points"));
    List<TransferRequest> batch = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      batch.add(TransferRequest.of("a" + i, "pool", "m0", 1, "earn"));
    }
    List<TransferResult> results = ledger.submitLinked(batch);
    List<TransferResult> ok = new ArrayList<>(Collections.nCopies(600, TransferResult.OK));
    assertEquals(ok, results);
    assertEquals(ok.hashCode(), results.hashCode());
    assertEquals(ok.toString(), results.toString());
    assertThrows(UnsupportedOperationException.class, () -> results.set(0, TransferResult.EXISTS));
    assertThrows(UnsupportedOperationException.class, () -> results.add(TransferResult.OK));
    // A retry of the whole batch: every request answers EXISTS, in a list as unmodifiable.
    List<TransferResult> again = ledger.submitLinked(batch);
    assertEquals(Collections.nCopies(600, TransferResult.EXISTS), again);
    assertThrows(UnsupportedOperationException.class, () -> again.set(0, TransferResult.OK));
    assertEquals(600, ledger.balance("m0").balance());
  }

  private static void open(Ledger ledger, Account a, Map<String, Long> balance,
      Map<String, String> asset) {
    assertEquals(AccountResult.OK, ledger.createAccount(a));
    balance.put(a.id(), 0L);
    asset.put(a.id(), a.asset());
  }

  /**
   * The results the ledger's rules give {@code batch}, decided request by request on a copy of the
   * balances (the order of the checks is the ledger's); changes none of the arguments.
   */
  private static List<TransferResult> model(List<TransferRequest> batch,
      Map<String, Long> balance, Map<String, String> asset, Set<String> blocked,
      Map<String, Stored> stored) {
    Map<String, Long> b = new HashMap<>(balance);
    Set<String> inBatch = new HashSet<>();
    List<TransferResult> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      TransferRequest r = batch.get(i);
      TransferResult result = decide(r, b, asset, blocked, stored, inBatch);
      if (result != TransferResult.OK && result != TransferResult.EXISTS) {
        List<TransferResult> failed = new ArrayList<>(
            Collections.nCopies(batch.size(), TransferResult.LINKED_EVENT_FAILED));
        failed.set(i, result);
        return failed;
      }
      out.add(result);
    }
    return out;
  }

  private static TransferResult decide(TransferRequest r, Map<String, Long> b,
      Map<String, String> asset, Set<String> blocked, Map<String, Stored> stored,
      Set<String> inBatch) {
    if (inBatch.contains(r.id())) {
      return TransferResult.DUPLICATE_ID_IN_BATCH;
    }
    Stored s = stored.get(r.id());
    if (s != null) {
      if (s.amount() != r.amount()) {
        return TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
      }
      if (!s.debit().equals(r.debitAccountId())) {
        return TransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT;
      }
      if (!s.credit().equals(r.creditAccountId())) {
        return TransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT;
      }
      return s.code().equals(r.code()) ? TransferResult.EXISTS
          : TransferResult.EXISTS_WITH_DIFFERENT_CODE;
    }
    if (r.debitAccountId().equals(r.creditAccountId())) {
      return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
    }
    if (!asset.containsKey(r.debitAccountId())) {
      return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
    }
    if (!asset.containsKey(r.creditAccountId())) {
      return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
    }
    if (!asset.get(r.debitAccountId()).equals(asset.get(r.creditAccountId()))) {
      return TransferResult.ASSETS_MUST_MATCH;
    }
    if (r.debitAccountId().equals("closed") || r.creditAccountId().equals("closed")) {
      return TransferResult.ACCOUNT_CLOSED;
    }
    if (blocked.contains(r.debitAccountId()) || blocked.contains(r.creditAccountId())) {
      return TransferResult.ACCOUNT_FROZEN;
    }
    boolean limited = !r.debitAccountId().endsWith("pool");
    if (limited && b.get(r.debitAccountId()) < r.amount()) {
      return TransferResult.EXCEEDS_BALANCE;
    }
    b.merge(r.debitAccountId(), -r.amount(), Long::sum);
    b.merge(r.creditAccountId(), r.amount(), Long::sum);
    inBatch.add(r.id());
    return TransferResult.OK;
  }
}
