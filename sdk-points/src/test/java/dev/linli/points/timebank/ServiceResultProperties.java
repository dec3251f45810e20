package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.Balance;
import dev.linli.points.Transfer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The contract of {@link ServiceResult} over random runs of awards, gifts, donations, grants and
 * redemptions whose ids repeat: a rejection changes no balance; the first acceptance of an id
 * returns the transfers now in the ledger; every later call with that id is accepted as a retry
 * with exactly those transfers and changes nothing.
 */
class ServiceResultProperties {
  private static final List<String> ACCOUNTS = List.of("wang.points", "wang.minutes",
      "wang-grandma.points", "zhou.points", "zhou.minutes", "pool", "donations", "canteen");

  @Property(tries = 60)
  void aRetry_answersTheFirstTransfers_andARejection_changesNothing(@ForAll long seed) {
    ServiceCodeTest.Community c = new ServiceCodeTest.Community();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, List<Transfer>> firstAccepted = new HashMap<>();
    int retries = 0;
    int rejections = 0;
    for (int i = 0; i < 60; i++) {
      int kind = random.nextInt(5);
      int n = random.nextInt(6);
      String id = List.of("aw", "gift", "don", "grant", "red").get(kind) + "-" + n;
      // The request is a function of its id, so a repeated id is an identical retry.
      Supplier<ServiceResult<?>> call = switch (kind) {
        case 0 -> () -> c.bank.award(new AwardRequest(id, n % 2 == 0 ? "wang" : "zhou",
            n % 3 == 0 ? "elderly-care" : "general", Duration.ofMinutes(20 + 15 * n), "act-" + n));
        case 1 -> () -> c.bank.gift(GiftRequest.of(id, "wang", n % 3 == 2 ? "zhou"
            : "wang-grandma", 10 + 40 * n));
        case 2 -> () -> c.bank.donate(DonationRequest.of(id, n % 2 == 0 ? "wang" : "zhou",
            30 + 20 * n));
        case 3 -> () -> c.bank.grant(GrantRequest.of(id, "zhou", 25 + 10 * n, "thanks " + n));
        default -> () -> c.catalogue.redeem(RedemptionRequest.of(id, n % 2 == 0 ? "wang" : "zhou",
            List.of("lunch", "haircut", "mooncake").get(n % 3)));
      };
      List<Balance> before = balances(c);
      ServiceResult<?> r = call.get();
      List<Transfer> first = firstAccepted.get(id);
      if (first != null) {
        ServiceResult.Accepted<?> again = (ServiceResult.Accepted<?>) r;
        assertTrue(again.retry(), id);
        assertEquals(first, again.transfers(), id);
        assertEquals(before, balances(c), id + ": a retry changes nothing");
        retries++;
      } else if (r instanceof ServiceResult.Accepted<?> a) {
        assertFalse(a.retry(), id);
        assertFalse(a.transfers().isEmpty(), id);
        for (Transfer t : a.transfers()) {
          assertEquals(t, c.ledger.find(t.id()).orElseThrow(), id);
        }
        firstAccepted.put(id, a.transfers());
      } else {
        assertEquals(before, balances(c), id + ": rejected " + r + " yet something changed");
        rejections++;
      }
      assertEquals(Map.of("points", 0L, "service-minutes", 0L), c.ledger.sumOfBalances());
    }
    Statistics.label("retries").collect(retries > 0);
    Statistics.label("retries").coverage(k -> k.check(true).percentage(p -> p >= 95));
    Statistics.label("rejections").collect(rejections > 0);
    Statistics.label("rejections").coverage(k -> k.check(true).percentage(p -> p >= 95));
    Statistics.label("first acceptances").collect(firstAccepted.size() >= 5);
    Statistics.label("first acceptances").coverage(k -> k.check(true).percentage(p -> p >= 90));
  }

  private static List<Balance> balances(ServiceCodeTest.Community c) {
    return ACCOUNTS.stream().map(a -> c.ledger.balance(a)).toList();
  }
}
