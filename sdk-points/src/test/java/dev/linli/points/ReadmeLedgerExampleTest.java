package dev.linli.points;

import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.PaymentState;
import dev.linli.points.timebank.AwardRequest;
import dev.linli.points.timebank.RedemptionRequest;
import dev.linli.core.Name;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The README's ledger example, line for line. */
class ReadmeLedgerExampleTest {
  @Test
  void snippet_isTheReadmes() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeLedgerExampleTest.class);
  }

  @Test
  void readmeLedgerExample_runs() {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      // --- README begins ---
      Ledger ledger = Ledger.builder().expireLots("points", Period.ofYears(2), "expired").build();
      EarningRules rules = new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"), // 100 points/h,
          Duration.ofHours(2), RoundingMode.HALF_UP);                                 // care ×1.5, ≤2 h
      TimeBank bank = TimeBank.builder(ledger, rules).pool("pool-jingfang").build();
      bank.enrol("v-jf-001");                                              // points + honour minutes
      ledger.createAccount(new Account("jf-canteen", "points", AccountKind.MERCHANT, 0, false, ""));
      bank.award(AwardRequest.of("act-1205-v-jf-001", "v-jf-001", Duration.ofHours(2)) // 2 h delivering
          .in("elderly-care").forActivity("act-1205"));               // meals: 300 points, 120 minutes
      Catalogue shop = Catalogue.of(bank, List.of(new Catalogue.Item("lunch",
          Name.of("长者食堂午餐", "Canteen lunch"), "jf-canteen", 120, 500, null)));
      ServiceResult<PaymentState> meal =                                    // Accepted, PAID
          shop.redeem(RedemptionRequest.of("meal-0001", "v-jf-001", "lunch"));
      Statement st = ledger.statement("v-jf-001.points", Instant.MIN, Instant.MAX);
      st.writeCsv(System.out, ZoneId.of("Asia/Shanghai"));                  // opening 0 … closing 180
      // --- README ends ---
      assertTrue(meal.accepted());
      assertEquals(180, ledger.balance("v-jf-001.points").balance());
      assertEquals(120, ledger.balance("v-jf-001.minutes").balance());
    } finally {
      System.setOut(console);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(5, lines.size(), lines::toString);
    assertTrue(lines.get(2).contains(",act-1205-v-jf-001.points,elderly-care,pool-jingfang,300,300,"),
        lines.get(2));
    assertTrue(lines.get(3).contains(",meal-0001,redemption,jf-canteen,-120,180,,item:lunch"),
        lines.get(3));
    assertEquals(",,closing,,,180,,", lines.get(4));
  }
}
