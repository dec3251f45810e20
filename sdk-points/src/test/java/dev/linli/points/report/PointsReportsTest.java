package dev.linli.points.report;

import dev.linli.points.timebank.RedemptionRequest;
import dev.linli.points.timebank.AwardRequest;
import dev.linli.points.timebank.GiftRequest;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.HouseholdDirectory;
import dev.linli.points.timebank.TimeBank;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;


class PointsReportsTest {
  private MutableClock clock;
  private Ledger ledger;
  private TimeBank bank;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-01-05T02:00:00Z");
    ledger = Ledger.builder().clock(clock).expireLots("points", Period.ofYears(2), "expired")
        .build();
    bank = TimeBank.builder(ledger, new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"),
        Duration.ofHours(2), RoundingMode.HALF_UP))
        .households(HouseholdDirectory.of(Map.of("wang", "H1", "wang-grandma", "H1"))).build();
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    for (String m : List.of("wang", "wang-grandma", "zhou", "li")) {
      bank.enrol(m);
    }
  }

  @Test
  void leaderboard_ranksByHonourMinutes_withSharedRanksForTies() {
    Instant start = clock.instant();
    bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meal-run"));
    bank.award(new AwardRequest("a2", "zhou", "general", Duration.ofHours(2), "cleanup"));
    bank.award(new AwardRequest("a3", "li", "general", Duration.ofHours(1), "class"));
    bank.award(new AwardRequest("a4", "li", "general", Duration.ofMinutes(30), "class-2"));
    Transfer wrong = ledger.find("a4.minutes").orElseThrow();
    ledger.submit(TransferRequest.reversal("a4-undo", wrong, 30));
    Leaderboard board = Leaderboard.of("jingfang", bank, start, Instant.MAX);
    assertEquals(List.of(new Leaderboard.Row(1, "wang", 120, 300),
        new Leaderboard.Row(1, "zhou", 120, 200),
        new Leaderboard.Row(3, "li", 60, 150)), board.rows());
    StringBuilder csv = new StringBuilder();
    board.writeCsv(csv);
    assertEquals("""
        community,rank,member,minutes,hours,points
        jingfang,1,wang,120,2.00,300
        jingfang,1,zhou,120,2.00,200
        jingfang,3,li,60,1.00,150
        """, csv.toString());
  }

  @Test
  void liability_bandsOutstandingPointsByAgeOfLot() {
    bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meal-run")); // 300
    clock.advance(Duration.ofDays(200));
    bank.award(new AwardRequest("a2", "zhou", "general", Duration.ofHours(1), "cleanup")); // 100
    Catalogue.of(bank, List.of(new Catalogue.Item("lunch", Name.of("午餐", "Lunch"), "canteen", 50,
        Catalogue.Item.UNLIMITED, null))).redeem(RedemptionRequest.of("r1", "wang", "lunch"));
    Ledger plain = Ledger.create(clock);
    plain.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    plain.createAccount(Account.member("m1", "points"));
    plain.submit(TransferRequest.of("e1", "pool", "m1", 70, "general"));
    LiabilityReport r = LiabilityReport.of(Map.of("jingfang", ledger, "yinger", plain), "points",
        clock.instant());
    assertEquals(List.of(new LiabilityReport.Row("jingfang", "0-90 days", 100),
        new LiabilityReport.Row("jingfang", "181-365 days", 250),
        new LiabilityReport.Row("yinger", "untracked", 70)), r.rows());
    assertEquals(350, r.total("jingfang"));
  }

  @Test
  void categories_netReversalsAgainstTheirOriginalColumn() {
    Instant start = clock.instant();
    bank.award(new AwardRequest("a1", "wang", "elderly-care", Duration.ofHours(2), "meal-run")); // 300
    bank.award(new AwardRequest("a2", "zhou", "general", Duration.ofHours(1), "cleanup")); // 100
    ledger.submit(TransferRequest.reversal("a2-undo", ledger.find("a2.points").orElseThrow(), 40));
    ledger.submit(TransferRequest.of("s1", "wang.points", "canteen", 120, "canteen-redemption"));
    ledger.submit(TransferRequest.reversal("s1-undo", ledger.find("s1").orElseThrow(), 20));
    bank.gift(GiftRequest.of("g1", "wang", "wang-grandma", 30));
    CategoryReport r = CategoryReport.of(ledger, "points", start, Instant.MAX);
    assertEquals(List.of(new CategoryReport.Row("canteen-redemption", 0, 100, 0),
        new CategoryReport.Row("elderly-care", 300, 0, 0),
        new CategoryReport.Row("general", 60, 0, 0),
        new CategoryReport.Row("gift", 0, 0, 30)), r.rows());
  }
}
