package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import dev.linli.core.DataFormatException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.io.ByteArrayInputStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;


class TimeBankTest {
  static final String RULES = """
      {"format": "linli-earning-rules", "version": 1, "pointsPerHour": 100,
       "defaultCoefficient": "1.0", "coefficients": {"elderly-care": "1.5"},
       "maxPerActivity": "PT2H", "rounding": "HALF_UP"}
      """;

  private MutableClock clock;
  private Ledger ledger;
  private TimeBank bank;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at("2026-12-05T02:30:00Z");
    ledger = Ledger.create(clock);
    bank = TimeBank.open(ledger, EarningRules.parse(stream(RULES), "rules.json"), "pool-jingfang",
        "hours-issuer");
    bank.enrol("v-jf-001");
    ledger.createAccount(new Account("jf-canteen", TimeBank.POINTS, AccountKind.MERCHANT, 0,
        false, ""));
  }

  @Test
  void twoHoursOfElderlyCare_earn300Points_and120Minutes() {
    ServiceResult.Accepted<AwardState> posted = accepted(bank.award(new AwardRequest("aw-1",
        "v-jf-001", "elderly-care", Duration.ofMinutes(150), "act-jf-meals-1205")));
    assertEquals(AwardState.POSTED, posted.state());
    assertEquals(List.of("aw-1.points", "aw-1.minutes"),
        posted.transfers().stream().map(t -> t.id()).toList());
    assertEquals(false, posted.retry());
    assertEquals(300, ledger.balance("v-jf-001.points").balance(), "capped at 2 h x 100 x 1.5");
    assertEquals(120, ledger.balance("v-jf-001.minutes").balance());
    ServiceResult.Accepted<AwardState> retry = accepted(bank.award(new AwardRequest("aw-1",
        "v-jf-001", "elderly-care", Duration.ofMinutes(150), "act-jf-meals-1205")));
    assertEquals(posted.transfers(), retry.transfers(), "a retry answers the first transfers");
    assertEquals(true, retry.retry());
    assertEquals(300, ledger.balance("v-jf-001.points").balance(), "and pays nothing twice");
  }

  @Test
  void spendingPoints_neverReducesHonourMinutes() {
    bank.award(new AwardRequest("aw-1", "v-jf-001", "general", Duration.ofHours(1), "act-1"));
    ledger.submit(TransferRequest.of("meal-1", "v-jf-001.points", "jf-canteen", 100,
        "canteen-redemption"));
    assertEquals(0, ledger.balance("v-jf-001.points").balance());
    assertEquals(60, ledger.balance("v-jf-001.minutes").balance());
  }

  @Test
  void proposedAward_postsOnConfirmation_orNothingOnComplaint() {
    assertEquals(AwardState.PROPOSED, accepted(bank.propose(new AwardRequest("aw-1", "v-jf-001",
        "elderly-care", Duration.ofHours(1), "act-1"), Duration.ofDays(3))).state());
    assertEquals(0, ledger.balance("v-jf-001.points").balance());
    assertEquals(AwardState.CONFIRMED, accepted(bank.confirm("aw-1")).state());
    assertEquals(150, ledger.balance("v-jf-001.points").balance());
    bank.propose(new AwardRequest("aw-2", "v-jf-001", "general", Duration.ofHours(1), "act-2"),
        Duration.ofDays(3));
    assertEquals(AwardState.VOIDED, accepted(bank.complain("aw-2")).state());
    ServiceResult.Rejected<?> voided = assertInstanceOf(ServiceResult.Rejected.class,
        bank.confirm("aw-2"));
    assertEquals(ServiceCode.LEDGER_REJECTED, voided.code());
    assertEquals(List.of(TransferResult.HOLD_ALREADY_VOIDED, TransferResult.HOLD_ALREADY_VOIDED),
        voided.ledgerResults());
    assertEquals(150, ledger.balance("v-jf-001.points").balance());
    assertEquals(Map.of("points", 0L, "service-minutes", 0L), ledger.sumOfBalances());
  }

  @SuppressWarnings("unchecked")
  static <S extends Enum<S>> ServiceResult.Accepted<S> accepted(ServiceResult<S> r) {
    return assertInstanceOf(ServiceResult.Accepted.class, r, r::toString);
  }

  @Property
  void points_areExact_andMonotoneInTimeServed(@ForAll @IntRange(min = 0, max = 300) int minutes) {
    EarningRules rules = new EarningRules(100, "1.0", Map.of("elderly-care", "1.5"),
        Duration.ofHours(2), RoundingMode.DOWN);
    long p = rules.points("elderly-care", Duration.ofMinutes(minutes));
    assertEquals(Math.min(minutes, 120) * 150L / 60, p, "integer arithmetic, rounded down");
    assertEquals(true, rules.points("elderly-care", Duration.ofMinutes(minutes + 1)) >= p);
  }

  @Test
  void badRules_areRejectedWithTheField() {
    assertEquals("coefficients.elderly-care = 1,5: must be a decimal written as a string, such as "
        + "\"1.5\"", assertThrows(InvalidValueException.class, () -> new EarningRules(100, "1.0",
            Map.of("elderly-care", "1,5"), Duration.ofHours(2), RoundingMode.DOWN)).getMessage());
    DataFormatException e = assertThrows(DataFormatException.class, () -> EarningRules.parse(
        stream(RULES.replace("\"HALF_UP\"", "\"HALF_EVEN\"")), "rules.json"));
    assertEquals("rules.json:3: $.rounding: must be DOWN, HALF_UP or UP (got HALF_EVEN)",
        e.problems().get(0).toString());
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
