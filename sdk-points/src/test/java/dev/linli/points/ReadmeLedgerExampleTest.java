package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's ledger snippet, line for line. */
class ReadmeLedgerExampleTest {
  @Test
  void readmeLedgerExample_runs() {
    // --- README begins ---
    Ledger ledger = Ledger.create(Clock.systemUTC());
    ledger.createAccount(Account.unlimited("pool-jingfang", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("v-jf-001", "points"));                 // never below zero
    ledger.createAccount(new Account("jf-canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    TransferResult earned = ledger.submit(                                       // 2 h of meal delivery
        TransferRequest.of("act-1205-v-jf-001", "pool-jingfang", "v-jf-001", 300, "elderly-care"));
    TransferResult again = ledger.submit(                                        // a retry: EXISTS, not twice
        TransferRequest.of("act-1205-v-jf-001", "pool-jingfang", "v-jf-001", 300, "elderly-care"));
    List<TransferResult> meal = ledger.submitLinked(List.of(                     // all or nothing
        TransferRequest.of("meal-0001", "v-jf-001", "jf-canteen", 120, "canteen-redemption")));
    long left = ledger.balance("v-jf-001").balance();                            // 180
    // --- README ends ---
    assertEquals(TransferResult.OK, earned);
    assertEquals(TransferResult.EXISTS, again);
    assertEquals(List.of(TransferResult.OK), meal);
    assertEquals(180, left);
  }
}
