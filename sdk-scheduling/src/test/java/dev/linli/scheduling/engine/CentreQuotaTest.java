package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.CentreQuota;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quotas across a centre's resources ({@link CentreQuota}): a resource group and a kind of booking. */
class CentreQuotaTest {
  private static final List<String> ROOMS = List.of("room-1", "room-2", "room-3");
  private static final List<String> SPORTS = List.of("court", "gym");
  private final MutableClock clock = MutableClock.at(at("2026-11-30T08:00"));

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  static List<Resource> resources() {
    return List.of(Resource.exclusive("room-1", Name.of("议事室1", "Room 1")),
        Resource.exclusive("room-2", Name.of("议事室2", "Room 2")),
        Resource.exclusive("room-3", Name.of("议事室3", "Room 3")),
        Resource.exclusive("court", Name.of("球场", "Court")),
        Resource.exclusive("gym", Name.of("健身房", "Gym")).withCapacity(10),
        Resource.exclusive("stage", Name.of("舞台", "Stage")));
  }

  /** Rooms: 3 a week per household together; sports: 2 a week per household together. */
  static Map<String, RuleSet> rules() {
    CentreQuota rooms = new CentreQuota("rooms", ROOMS, Quota.Scope.HOUSEHOLD, Quota.Period.WEEK,
        3, null);
    CentreQuota sports = new CentreQuota("sports", SPORTS, Quota.Scope.HOUSEHOLD,
        Quota.Period.WEEK, 2, null);
    Map<String, RuleSet> rules = new HashMap<>();
    ROOMS.forEach(id -> rules.put(id, new RuleSet(List.of(rooms))));
    SPORTS.forEach(id -> rules.put(id, new RuleSet(List.of(sports))));
    return rules;
  }

  private BookingEngine engine() {
    return BookingEngine.builder(clock).resources(resources()).rules(rules()).build();
  }

  private static BookingRequest req(String id, String resource, String household, String from,
      String to) {
    return new BookingRequest(id, resource, "r-" + household, household, at(from), at(to), 1);
  }

  private static List<Reason> reasons(Decision d) {
    return assertInstanceOf(Decision.Rejected.class, d).reasons();
  }

  @Test
  void householdQuotaAcrossRooms_fourthInTheWeekOnAnyRoom_refusedInEnglishAndChinese() {
    BookingEngine e = engine();
    assertInstanceOf(Decision.Accepted.class, e.decide(req("a", "room-1", "h1",
        "2026-12-01T10:00", "2026-12-01T11:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("b", "room-2", "h1",
        "2026-12-02T10:00", "2026-12-02T11:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("c", "room-3", "h1",
        "2026-12-03T10:00", "2026-12-03T11:00")));

    List<Reason> why = reasons(e.decide(req("d", "room-1", "h1", "2026-12-04T10:00",
        "2026-12-04T11:00")));

    assertEquals(1, why.size());
    Reason r = why.get(0);
    assertEquals(RejectionCode.QUOTA_EXCEEDED, r.code());
    assertEquals("centre-quota", r.rule());
    assertEquals("household h1 may make 3 bookings a week across rooms (room-1, room-2, room-3);"
        + " this would be number 4", r.message());
    assertEquals("住户h1每周在rooms（room-1、room-2、room-3）合计最多预约3次，本次为第4次",
        r.messageZh());
    assertEquals(Map.of("quota", "rooms", "scope", "HOUSEHOLD", "period", "WEEK", "maxBookings",
        "3", "count", "4"), r.values());
  }

  @Test
  void householdQuotaAcrossRooms_otherHouseholdNextWeekAndOtherKind_notCapped() {
    BookingEngine e = engine();
    for (String[] s : new String[][] {{"a", "room-1", "01"}, {"b", "room-2", "02"},
        {"c", "room-3", "03"}}) {
      assertInstanceOf(Decision.Accepted.class, e.decide(req(s[0], s[1], "h1",
          "2026-12-" + s[2] + "T10:00", "2026-12-" + s[2] + "T11:00")));
    }
    // Another household, the next ISO week (Monday 7 December), another kind of booking, a
    // resource no quota names: none is capped by the rooms' quota.
    assertInstanceOf(Decision.Accepted.class, e.decide(req("h2-1", "room-1", "h2",
        "2026-12-04T10:00", "2026-12-04T11:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("next", "room-1", "h1",
        "2026-12-07T00:00", "2026-12-07T01:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("gym", "gym", "h1",
        "2026-12-04T10:00", "2026-12-04T11:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("stage", "stage", "h1",
        "2026-12-04T10:00", "2026-12-04T11:00")));
  }

  @Test
  void perKindQuota_sportsAcrossCourtAndGym_thirdRefused_roomsStillFree() {
    BookingEngine e = engine();
    assertInstanceOf(Decision.Accepted.class, e.decide(req("a", "court", "h1",
        "2026-12-01T10:00", "2026-12-01T11:00")));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("b", "gym", "h1",
        "2026-12-01T12:00", "2026-12-01T13:00")));

    Reason r = reasons(e.decide(req("c", "gym", "h1", "2026-12-02T10:00",
        "2026-12-02T11:00"))).get(0);

    assertEquals("household h1 may make 2 bookings a week across sports (court, gym); this would"
        + " be number 3", r.message());
    assertEquals("住户h1每周在sports（court、gym）合计最多预约2次，本次为第3次", r.messageZh());
    assertInstanceOf(Decision.Accepted.class, e.decide(req("d", "room-1", "h1",
        "2026-12-02T10:00", "2026-12-02T11:00")));
  }

  @Test
  void change_withinTheGroup_countsTheBookingOnce_andCancelFreesAPlace() {
    BookingEngine e = engine();
    e.decide(req("a", "room-1", "h1", "2026-12-01T10:00", "2026-12-01T11:00"));
    e.decide(req("b", "room-2", "h1", "2026-12-02T10:00", "2026-12-02T11:00"));
    e.decide(req("c", "room-3", "h1", "2026-12-03T10:00", "2026-12-03T11:00"));

    // Moving c to another room of the group the same week: still three, not four.
    assertInstanceOf(Decision.Accepted.class, e.change(req("c", "room-1", "h1",
        "2026-12-04T10:00", "2026-12-04T11:00"), "r-h1"));
    assertInstanceOf(Decision.Rejected.class, e.decide(req("d", "room-2", "h1",
        "2026-12-05T10:00", "2026-12-05T11:00")));
    e.cancel("b", "r-h1");
    assertInstanceOf(Decision.Accepted.class, e.decide(req("d", "room-2", "h1",
        "2026-12-05T10:00", "2026-12-05T11:00")));
  }

  @Test
  void residentTimeQuota_acrossRooms_refusedWithTimeInBothLanguages() {
    CentreQuota time = new CentreQuota("rooms", ROOMS, Quota.Scope.RESIDENT, Quota.Period.DAY,
        null, Duration.ofHours(3));
    Map<String, RuleSet> rules = new HashMap<>();
    ROOMS.forEach(id -> rules.put(id, new RuleSet(List.of(time))));
    BookingEngine e = BookingEngine.builder(clock).resources(resources()).rules(rules).build();
    e.decide(req("a", "room-1", "h1", "2026-12-01T08:00", "2026-12-01T10:00"));

    Reason r = reasons(e.decide(req("b", "room-2", "h1", "2026-12-01T12:00",
        "2026-12-01T14:00"))).get(0);

    assertEquals(RejectionCode.QUOTA_EXCEEDED, r.code());
    assertTrue(r.message().startsWith("resident r-h1 may book 3h a day across rooms (room-1,"
        + " room-2, room-3); this would make 4h"), r.message());
    assertTrue(r.messageZh().startsWith("居民r-h1每天在rooms（room-1、room-2、room-3）合计最多预约3"),
        r.messageZh());
    assertEquals("PT4H", r.values().get("time"));
  }

  @Test
  void groupScope_requestWithoutAGroup_notCapped_withAGroup_capped() {
    CentreQuota team = new CentreQuota("rooms", ROOMS, Quota.Scope.GROUP, Quota.Period.WEEK, 1,
        null);
    Map<String, RuleSet> rules = new HashMap<>();
    ROOMS.forEach(id -> rules.put(id, new RuleSet(List.of(team))));
    BookingEngine e = BookingEngine.builder(clock).resources(resources()).rules(rules).build();
    e.decide(req("a", "room-1", "h1", "2026-12-01T08:00", "2026-12-01T09:00"));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("b", "room-2", "h1",
        "2026-12-01T08:00", "2026-12-01T09:00")));
    BookingRequest dance = new BookingRequest("c", "room-3", "r-1", "h1",
        at("2026-12-02T19:00"), at("2026-12-02T21:00"), 1, "dance-team");
    assertInstanceOf(Decision.Accepted.class, e.decide(dance));

    Reason r = reasons(e.decide(new BookingRequest("d", "room-1", "r-2", "h2",
        at("2026-12-03T19:00"), at("2026-12-03T21:00"), 1, "dance-team"))).get(0);

    assertEquals("group dance-team may make 1 bookings a week across rooms (room-1, room-2,"
        + " room-3); this would be number 2", r.message());
    assertEquals("团队dance-team每周在rooms（room-1、room-2、room-3）合计最多预约1次，本次为第2次",
        r.messageZh());
  }

  @Test
  void engine_quotaNamingAnUnknownResourceOrLeavingOutItsOwn_refused() {
    CentreQuota unknown = new CentreQuota("rooms", List.of("room-1", "room-9"),
        Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null);
    InvalidValueException e = assertThrows(InvalidValueException.class, () ->
        BookingEngine.builder(clock).resources(resources())
            .rules(Map.of("room-1", new RuleSet(List.of(unknown)))).build());
    assertEquals("rules.room-1.centre-quota.rooms.resources", e.field());
    assertTrue(e.getMessage().contains("room-9"), e.getMessage());

    CentreQuota others = new CentreQuota("rooms", List.of("room-2", "room-3"),
        Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null);
    InvalidValueException left = assertThrows(InvalidValueException.class, () ->
        BookingEngine.builder(clock).resources(resources())
            .rules(Map.of("room-1", new RuleSet(List.of(others)))).build());
    assertTrue(left.getMessage().contains("must include room-1"), left.getMessage());

    BookingEngine engine = engine();
    assertThrows(InvalidValueException.class, () -> engine.updateRules("room-1",
        new RuleSet(List.of(others))));
    assertEquals(1, engine.ruleVersion("room-1"));
  }

  @Test
  void values_emptyRepeatedOrNoCap_refused() {
    assertThrows(InvalidValueException.class, () -> new CentreQuota("rooms", List.of(),
        Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null));
    assertThrows(InvalidValueException.class, () -> new CentreQuota("rooms",
        List.of("room-1", "room-1"), Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null));
    assertThrows(InvalidValueException.class, () -> new CentreQuota("rooms",
        List.of("room-1"), Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, null, null));
    assertThrows(InvalidValueException.class, () -> new CentreQuota("rooms",
        List.of("room-1"), Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 0, null));
    assertThrows(InvalidValueException.class, () -> new CentreQuota("no spaces",
        List.of("room-1"), Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 1, null));
  }

  private static RuleSet parse(String json) {
    return RuleSet.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "rules.json");
  }

  @Test
  void json_readsWritesAndReadsBack_unknownFieldAndEmptyResourcesRefusedWithPath() {
    RuleSet read = parse("{\"format\": \"linli-booking-rules\", \"version\": 1, \"rules\": ["
        + "{\"type\": \"centre-quota\", \"name\": \"rooms\", \"resources\": [\"room-1\","
        + " \"room-2\"], \"scope\": \"HOUSEHOLD\", \"period\": \"WEEK\", \"maxBookings\": 3}]}");
    assertEquals(new RuleSet(List.of(new CentreQuota("rooms", List.of("room-1", "room-2"),
        Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null))), read);
    assertEquals(read, parse(read.toJson()));

    DataFormatException unknown = assertThrows(DataFormatException.class, () -> parse(
        "{\"format\": \"linli-booking-rules\", \"version\": 1, \"rules\": [{\"type\":"
        + " \"centre-quota\", \"name\": \"rooms\", \"resources\": [\"room-1\"], \"scope\":"
        + " \"HOUSEHOLD\", \"period\": \"WEEK\", \"maxBookings\": 3, \"rooms\": 2}]}"));
    assertTrue(unknown.getMessage().contains("$.rules[0].rooms"), unknown.getMessage());
    DataFormatException empty = assertThrows(DataFormatException.class, () -> parse(
        "{\"format\": \"linli-booking-rules\", \"version\": 1, \"rules\": [{\"type\":"
        + " \"centre-quota\", \"name\": \"rooms\", \"resources\": [], \"scope\":"
        + " \"HOUSEHOLD\", \"period\": \"WEEK\", \"maxBookings\": 3}]}"));
    assertTrue(empty.getMessage().contains("$.rules[0]"), empty.getMessage());
  }
}
