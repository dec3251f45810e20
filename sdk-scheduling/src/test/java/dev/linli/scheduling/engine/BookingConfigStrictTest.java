package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.scheduling.booking.Actor;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 19: the booking configuration is read as strictly as every other document. */
class BookingConfigStrictTest {
  private static final String CONFIG = """
      {"format": "linli-booking-config", "version": 1,
       "resources": [
         {"id": "jf-gym", "name": {"zh": "健身房", "en": "Gym"}, "capacity": 12}],
       "rules": {"jf-gym": {"format": "linli-booking-rules", "version": 1, "rules": [
         {"type": "duration", "min": "PT30M", "max": "PT2H", "colour": "red"}]}}}
      """;

  private static BookingConfig parse(String text) {
    return BookingConfig.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "booking-config.json");
  }

  private static String messages(DataFormatException e) {
    return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  private static final String GOOD = CONFIG.replace(", \"colour\": \"red\"", "");

  @Test
  void goodConfig_withOrWithoutAByteOrderMark_isRead() {
    assertEquals(12, parse(GOOD).resources().get(0).capacity());
    assertEquals(12, parse("\uFEFF" + GOOD).resources().get(0).capacity());
  }

  @Test
  void adminRoles_readFromTheDocument_andTheEngineHonoursThem() {
    assertEquals(Set.of("admin"), parse(GOOD).adminRoles());
    BookingConfig cfg = parse(GOOD.replace("\"resources\": [",
        "\"adminRoles\": [\"desk\", \"director\"], \"resources\": ["));
    assertEquals(Set.of("desk", "director"), cfg.adminRoles());
    java.time.Instant now = java.time.Instant.parse("2026-12-01T00:00:00Z");
    BookingEngine engine = cfg.engine(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    assertInstanceOf(Decision.Accepted.class, engine.decide(new BookingRequest("bk-1", "jf-gym",
        "r-chen", "hh-201", now.plusSeconds(3600), now.plusSeconds(7200), 1)));
    Decision refused = engine.cancel("bk-1", Actor.staff("s-1", "admin"));
    assertEquals(RejectionCode.NOT_PERMITTED, assertInstanceOf(Decision.Rejected.class, refused)
        .reasons().get(0).code());
    assertInstanceOf(Decision.Accepted.class, engine.cancel("bk-1", Actor.staff("s-2", "desk")));
  }

  @Test
  void badAdminRoles_areRefused_withPathAndWhatIsAllowed() {
    for (String[] c : new String[][] {
        {"[]", "$.adminRoles: must be a non-empty list of role ids, such as [\"admin\","
            + " \"centre-staff\"] (got [])"},
        {"\"admin\"", "$.adminRoles: must be a non-empty list of role ids"},
        {"[\"admin\", \"admin\"]", "$.adminRoles[1]: repeats role admin"},
        {"[\"centre staff\"]", "$.adminRoles[0]: must be a role id: "},
        {"[7]", "$.adminRoles[0]: must be a role id: "}}) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> parse(GOOD.replace(
          "\"resources\": [", "\"adminRoles\": " + c[0] + ", \"resources\": [")), c[0]);
      assertTrue(messages(e).contains(c[1]), messages(e));
    }
  }

  @Test
  void garbageAfterTheDocument_isRefused() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> parse(GOOD + "}x"));
    assertTrue(messages(e).contains("has more after the end of the JSON value"), messages(e));
  }

  @Test
  void duplicateKey_isRefused() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace("\"capacity\": 12", "\"capacity\": 12, \"capacity\": 1")));
    assertTrue(messages(e).contains("field \"capacity\" appears twice"), messages(e));
  }

  @Test
  void unknownFields_areRefused_withFileLineAndPath() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(CONFIG.replace("\"version\": 1,", "\"version\": 1, \"resorces\": [],")));
    assertEquals(
        "booking-config.json:1: $.resorces: unknown field; allowed are [adminRoles, groups, "
            + "residents, resources, rules]", e.problems().get(0).toString());
    DataFormatException rule = assertThrows(DataFormatException.class, () -> parse(CONFIG));
    assertEquals("booking-config.json:5: $.rules.jf-gym.rules[0].colour: unknown field; "
        + "allowed are [max, min]", rule.problems().get(0).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pt15m", "-PT15M", "PT15m", "15M"})
  void aResourceDurationNotInUpperCaseIsoForm_isRefused_namingTheField(String slot) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace("\"capacity\": 12", "\"capacity\": 12, \"slot\": \"" + slot
            + "\"")));
    assertTrue(messages(e).contains("booking-config.json:3: $.resources[0].slot: must be an"
        + " ISO-8601 duration in upper case without a sign, such as PT1H30M or P7D (got " + slot
        + ")"), messages(e));
    assertEquals(15, parse(GOOD.replace("\"capacity\": 12", "\"capacity\": 12, \"slot\": "
        + "\"PT15M\"")).resources().get(0).slot().toMinutes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pt2h", "PT2h", "-PT2H", "PT2,5S"})
  void aRuleDurationNotInUpperCaseIsoForm_isRefused_withItsPath(String max) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace("\"max\": \"PT2H\"", "\"max\": \"" + max + "\"")));
    assertTrue(messages(e).contains("$.rules.jf-gym.rules[0].max"), messages(e));
    assertTrue(messages(e).contains("in upper case without a sign"), messages(e));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4294967297", "2147483648", "1.5"})
  void capacityOutOfRange_isRefusedWithTheRange(String n) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace("\"capacity\": 12", "\"capacity\": " + n)));
    String m = messages(e);
    assertTrue(m.contains("booking-config.json:3: $.resources[0].capacity: must be a whole number"
        + " from -2147483648 to 2147483647 (got " + n + ")"), m);
    assertFalse(m.contains("-2147483648)"), m);
  }

  private static final String RULES = "\"rules\": {\"jf-gym\"";

  @ParameterizedTest
  @ValueSource(strings = {"\"jf-gym\"", "{}", "null", "3"})
  void groupThatIsNotAList_isRefused(String value) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace(RULES, "\"groups\": {\"gyms\": " + value + "}, " + RULES)));
    assertTrue(messages(e).contains(value.equals("null")
        ? "$.groups.gyms: must not be null" : "$.groups.gyms: must be a list of resource ids"),
        messages(e));
  }

  @Test
  void groupsThatAreNotAnObject_orHoldANonString_areRefused() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace(RULES, "\"groups\": [\"jf-gym\"], " + RULES)));
    assertTrue(messages(e).contains("$.groups: must be an object"), messages(e));
    DataFormatException n = assertThrows(DataFormatException.class,
        () -> parse(GOOD.replace(RULES, "\"groups\": {\"gyms\": [5]}, " + RULES)));
    assertTrue(messages(n).contains("$.groups.gyms[0]: must be a resource id"), messages(n));
    assertEquals(1, parse(GOOD.replace(RULES, "\"groups\": {\"gyms\": [\"jf-gym\"]},"
        + " " + RULES)).resources().size());
  }
}
