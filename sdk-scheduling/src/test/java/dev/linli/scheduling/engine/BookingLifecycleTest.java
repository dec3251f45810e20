package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.place.AgeBand;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.ActiveBookingsCap;
import dev.linli.scheduling.rule.Approval;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.ConsecutiveSlots;
import dev.linli.scheduling.rule.Eligibility;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleContext;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule added for issue 6, each with its message in both languages and its numbers. */
class BookingLifecycleTest {
  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z"); // 08:00 Shanghai

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private static BookingRequest req(String id, String resource, String resident, String from,
      String to) {
    return new BookingRequest(id, resource, resident, "h-" + resident, at(from), at(to), 1);
  }

  private BookingEngine engine(RuleSet rules) {
    Resource room1 = Resource.exclusive("room-1", Name.of("会议室1", "Room 1"));
    Resource room2 = Resource.exclusive("room-2", Name.of("会议室2", "Room 2"));
    Resource room3 = Resource.exclusive("room-3", Name.of("会议室3", "Room 3"));
    return BookingEngine.builder(clock).resources(List.of(room1, room2, room3))
        .rules(Map.of("room-1", rules, "room-2", rules, "room-3", rules))
        .group("meeting-rooms", List.of("room-1", "room-2", "room-3"))
        .residents(id -> Optional.of(new ResidentProfile(id, id.startsWith("kid")
            ? AgeBand.AGE_4_17 : AgeBand.AGE_18_59, id.startsWith("out") ? "other" : "jingfang",
            id.startsWith("dancer") ? Set.of("dance-team") : Set.of())))
        .build();
  }

  private static Reason only(Decision d) {
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, d, d::toString);
    assertEquals(1, r.reasons().size(), r::toString);
    return r.reasons().get(0);
  }

  @Test
  void changeAndCancel_haveTheirOwnNoticeWindows() {
    BookingEngine e = engine(new RuleSet(List.of(
        new NoticeWindow(Duration.ZERO, Duration.ofDays(14), null, null),
        new NoticeWindow(Duration.ofHours(24), Duration.ofDays(14), null, null,
            RuleContext.Operation.CHANGE),
        new NoticeWindow(Duration.ofHours(2), Duration.ofDays(14), null, null,
            RuleContext.Operation.CANCEL))));
    assertTrue(e.decide(req("b1", "room-1", "wang", "2026-12-01T20:00", "2026-12-01T21:00"))
        instanceof Decision.Accepted);
    Reason late = only(e.change(req("b1", "room-1", "wang", "2026-12-02T20:00",
        "2026-12-02T21:00"), "wang"));
    assertEquals("too-late", late.code().code());
    assertEquals("bookings must be changed at least 24h before they start (12h left)",
        late.message());
    assertEquals("须在开始前至少1天改约（还剩12小时）", late.messageZh());
    assertEquals("CHANGE", late.values().get("operation"));
    clock.set(at("2026-12-01T18:30"));
    Reason cancel = only(e.cancel("b1", "wang"));
    assertEquals("bookings must be cancelled at least 2h before they start (1h30m left)",
        cancel.message());
    assertEquals(BookingStatus.CONFIRMED, e.booking("b1").orElseThrow().status());
    clock.set(at("2026-12-01T17:00"));
    assertEquals(BookingStatus.CANCELLED, ((Decision.Accepted) e.cancel("b1", "wang")).booking()
        .status());
    assertEquals(List.of("created", "cancelled"), e.history("b1").stream()
        .map(BookingEvent::action).toList());
  }

  @Test
  void aChange_movesTheBooking_withoutConflictingWithItself_andKeepsHistory() {
    BookingEngine e = engine(RuleSet.NONE);
    e.decide(req("b1", "room-1", "wang", "2026-12-03T09:00", "2026-12-03T10:00"));
    Decision moved = e.change(req("b1", "room-1", "wang", "2026-12-03T09:30",
        "2026-12-03T10:30"), "wang");
    assertInstanceOf(Decision.Accepted.class, moved);
    assertEquals(1, e.bookings("room-1").size());
    e.decide(req("b2", "room-1", "li", "2026-12-03T11:00", "2026-12-03T12:00"));
    assertEquals("conflict", only(e.change(req("b1", "room-1", "wang", "2026-12-03T10:30",
        "2026-12-03T11:30"), "wang")).code().code());
    assertEquals(at("2026-12-03T09:30"), e.booking("b1").orElseThrow().request().start(),
        "a rejected change leaves the booking as it was");
    BookingEvent change = e.history("b1").get(1);
    assertEquals("changed", change.action());
    assertEquals(at("2026-12-03T09:00"), change.before().request().start());
    assertEquals(at("2026-12-03T09:30"), change.after().request().start());
  }

  @Test
  void aConflict_offersTheSameTimeInAnotherRoomOfTheGroupFirst() {
    BookingEngine e = engine(RuleSet.NONE);
    e.decide(req("b1", "room-1", "wang", "2026-12-03T09:00", "2026-12-03T10:00"));
    e.decide(req("b2", "room-2", "li", "2026-12-03T09:00", "2026-12-03T10:00"));
    Decision.Rejected r = (Decision.Rejected) e.decide(req("b3", "room-1", "zhou",
        "2026-12-03T09:00", "2026-12-03T10:00"));
    assertEquals(List.of("room-3 09:00", "room-1 10:00", "room-1 10:30"), r.alternatives().stream()
        .map(a -> a.resourceId() + " " + a.start().atZone(Resource.SHANGHAI).toLocalTime())
        .toList());
  }

  @Test
  void groupAndPeakHourQuotas() {
    BookingEngine e = engine(new RuleSet(List.of(
        new Quota(Quota.Scope.GROUP, Quota.Period.WEEK, 1, null),
        new Quota(Quota.Scope.RESIDENT, Quota.Period.WEEK, 1, null, true, "18:00-21:00"))));
    BookingRequest team = new BookingRequest("t1", "room-1", "dancer-1", "h1",
        at("2026-12-03T09:00"), at("2026-12-03T10:00"), 1, "dance-team");
    assertInstanceOf(Decision.Accepted.class, e.decide(team));
    Reason group = only(e.decide(new BookingRequest("t2", "room-1", "dancer-2", "h2",
        at("2026-12-04T09:00"), at("2026-12-04T10:00"), 1, "dance-team")));
    assertEquals("group dance-team may make 1 bookings of room-1 a week; this would be number 2",
        group.message());
    assertEquals("团队dance-team每周最多预约room-1 1次，本次为第2次", group.messageZh());
    assertInstanceOf(Decision.Accepted.class, e.decide(req("p1", "room-1", "wang",
        "2026-12-03T19:00", "2026-12-03T20:00")));
    Reason peak = only(e.decide(req("p2", "room-1", "wang", "2026-12-04T18:00",
        "2026-12-04T19:00")));
    assertEquals("a resident may make 1 bookings of room-1 on weekdays in 18:00-21:00 a week;"
        + " this would be number 2", peak.message());
    assertInstanceOf(Decision.Accepted.class, e.decide(req("p3", "room-1", "wang",
        "2026-12-04T10:00", "2026-12-04T11:00")), "off-peak is not capped");
    assertInstanceOf(Decision.Accepted.class, e.decide(req("p4", "room-1", "wang",
        "2026-12-05T19:00", "2026-12-05T20:00")), "Saturday is not a weekday");
  }

  @Test
  void activeAndConsecutiveCaps() {
    BookingEngine e = engine(new RuleSet(List.of(new ActiveBookingsCap(2),
        new ConsecutiveSlots(4))));
    e.decide(req("a1", "room-1", "wang", "2026-12-03T09:00", "2026-12-03T10:00"));
    Reason run = only(e.decide(req("a2", "room-1", "wang", "2026-12-03T10:00",
        "2026-12-03T11:30")));
    assertEquals("at most 4 consecutive slots of 30 min; with your bookings next to it this would"
        + " be 5", run.message());
    e.decide(req("a3", "room-2", "wang", "2026-12-04T09:00", "2026-12-04T10:00"));
    Reason hoard = only(e.decide(req("a4", "room-3", "wang", "2026-12-05T09:00",
        "2026-12-05T10:00")));
    assertEquals("wang already holds 2 upcoming bookings; at most 2 at a time", hoard.message());
    assertEquals("每位居民最多同时持有2个未开始的预约，当前已有2个", hoard.messageZh());
  }

  @Test
  void eligibility_byCommunityAgeAndGroup() {
    BookingEngine e = engine(new RuleSet(List.of(new Eligibility("jingfang",
        Set.of(AgeBand.AGE_18_59, AgeBand.AGE_60_79), Set.of("dance-team")))));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("e1", "room-1", "dancer-1",
        "2026-12-03T09:00", "2026-12-03T10:00")));
    Decision.Rejected r = (Decision.Rejected) e.decide(req("e2", "room-1", "outsider",
        "2026-12-03T11:00", "2026-12-03T12:00"));
    assertEquals(List.of("not-resident", "not-in-group"), r.reasons().stream().map(x -> x.code().code())
        .toList());
    assertEquals("room-1 is for residents of jingfang; outsider is registered in other",
        r.reasons().get(0).message());
    assertEquals("age-band", ((Decision.Rejected) e.decide(req("e3", "room-1", "kid-dancer",
        "2026-12-03T11:00", "2026-12-03T12:00"))).reasons().get(0).code().code());
  }

  @Test
  void approval_holdsTheTime_andAChangeNeedsItAgain() {
    BookingEngine e = engine(new RuleSet(List.of(new Approval("public-benefit events only"))));
    Decision.Accepted a = (Decision.Accepted) e.decide(req("s1", "room-1", "wang",
        "2026-12-03T09:00", "2026-12-03T10:00"));
    assertEquals(BookingStatus.PENDING_APPROVAL, a.booking().status());
    assertEquals("conflict", only(e.decide(req("s2", "room-1", "li", "2026-12-03T09:00",
        "2026-12-03T10:00"))).code().code(), "pending bookings hold their time");
    assertEquals(BookingStatus.CONFIRMED, ((Decision.Accepted) e.approve("s1", "staff-1"))
        .booking().status());
    assertEquals("wrong-status", only(e.approve("s1", "staff-1")).code().code());
    Decision.Accepted moved = (Decision.Accepted) e.change(req("s1", "room-1", "wang",
        "2026-12-03T10:00", "2026-12-03T11:00"), "wang");
    assertEquals(BookingStatus.PENDING_APPROVAL, moved.booking().status());
    assertEquals(BookingStatus.CANCELLED, ((Decision.Accepted) e.decline("s1", "staff-1"))
        .booking().status());
    assertEquals(List.of("created", "approved", "changed", "declined"), e.history("s1").stream()
        .map(BookingEvent::action).toList());
  }

  @Test
  void checkIn_graceReleasesNoShows_andTwoNoShowsBan() {
    BookingEngine e = engine(new RuleSet(List.of(new CheckInPolicy(Duration.ofMinutes(15),
        Duration.ofMinutes(15), 2, Duration.ofDays(30), Duration.ofDays(30)))));
    e.decide(req("c1", "room-1", "wang", "2026-12-01T10:00", "2026-12-01T11:00"));
    e.decide(req("c2", "room-1", "wang", "2026-12-02T10:00", "2026-12-02T11:00"));
    e.decide(req("c3", "room-2", "li", "2026-12-01T10:00", "2026-12-01T11:00"));
    clock.set(at("2026-12-01T09:40"));
    Reason early = only(e.checkIn("c3", "li"));
    assertEquals("check-in for c3 is open 2026-12-01 09:45-2026-12-01 10:15; it is 2026-12-01 09:40",
        early.message());
    clock.set(at("2026-12-01T10:10"));
    assertEquals(BookingStatus.CHECKED_IN, ((Decision.Accepted) e.checkIn("c3", "li")).booking()
        .status());
    clock.set(at("2026-12-01T10:15"));
    assertEquals(List.of("c1"), e.releaseNoShows().stream().map(Booking::id).toList());
    assertTrue(e.bookings("room-1").stream().noneMatch(b -> b.id().equals("c1")),
        "a released booking frees its time");
    assertInstanceOf(Decision.Accepted.class, e.decide(req("c4", "room-1", "zhou",
        "2026-12-01T10:30", "2026-12-01T11:00")), "someone else may take it");
    clock.set(at("2026-12-01T10:30"));
    assertInstanceOf(Decision.Accepted.class, e.checkIn("c4", "zhou"));
    clock.set(at("2026-12-02T10:20"));
    assertEquals(List.of("c2"), e.releaseNoShows().stream().map(Booking::id).toList());
    Reason banned = only(e.decide(req("c5", "room-1", "wang", "2026-12-10T10:00",
        "2026-12-10T11:00")));
    assertEquals("wang missed 2 bookings within 720h and may book again from 2027-01-01 10:00",
        banned.message());
    assertEquals("30天内爽约2次，2027-01-01 10:00后方可再次预约", banned.messageZh());
    clock.set(at("2027-01-01T10:00"));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("c6", "room-1", "wang",
        "2027-01-02T10:00", "2027-01-02T11:00")));
  }

  @Test
  void dateOverrides_closeOrChangeTheHoursOfOneDay() {
    BookingEngine e = engine(new RuleSet(List.of(new OpeningHoursRule("Mo-Su 08:00-21:00", null,
        null, false, Map.of(LocalDate.of(2026, 12, 3), "closed",
            LocalDate.of(2026, 12, 4), "13:00-17:00")))));
    Reason closed = only(e.decide(req("o1", "room-1", "wang", "2026-12-03T09:00",
        "2026-12-03T10:00")));
    assertEquals("room-1 is closed on 2026-12-03", closed.message());
    assertEquals("room-1在2026-12-03闭馆", closed.messageZh());
    assertEquals("closed", only(e.decide(req("o2", "room-1", "wang", "2026-12-04T09:00",
        "2026-12-04T10:00"))).code().code());
    assertInstanceOf(Decision.Accepted.class, e.decide(req("o3", "room-1", "wang",
        "2026-12-04T14:00", "2026-12-04T15:00")));
  }

  @Test
  void blackouts_keepCancelOrReportWhatTheyHit() {
    BookingEngine e = engine(RuleSet.NONE);
    e.decide(req("k1", "room-1", "wang", "2026-12-03T09:00", "2026-12-03T10:00"));
    e.decide(req("k2", "room-2", "li", "2026-12-03T09:00", "2026-12-03T10:00"));
    BookingEngine.BlackoutResult cancel = e.blackout(new BookingEngine.Blackout("room-1",
        at("2026-12-03T08:00"), at("2026-12-03T12:00"), BlackoutPolicy.CANCEL, "水管维修"));
    assertEquals(List.of("k1"), cancel.cancelled().stream().map(Booking::id).toList());
    assertEquals(BookingStatus.CANCELLED, e.booking("k1").orElseThrow().status());
    BookingEngine.BlackoutResult report = e.blackout(new BookingEngine.Blackout("room-2",
        at("2026-12-03T08:00"), at("2026-12-03T12:00"), BlackoutPolicy.REPORT, "街道活动"));
    assertEquals(List.of("k2"), report.hit().stream().map(Booking::id).toList());
    assertEquals(List.of(), report.cancelled());
    assertEquals(BookingStatus.CONFIRMED, e.booking("k2").orElseThrow().status());
    Reason closed = only(e.decide(req("k3", "room-1", "zhou", "2026-12-03T11:00",
        "2026-12-03T12:00")));
    assertEquals("room-1 is closed 2026-12-03 08:00-2026-12-03 12:00: 水管维修", closed.message());
  }

  @Test
  void aLeapDayBooking_andAYearlyQuotaAcrossIt() {
    BookingEngine e = engine(new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD,
        Quota.Period.YEAR, 1, null))));
    clock.set(at("2028-02-01T08:00"));
    assertInstanceOf(Decision.Accepted.class, e.decide(req("l1", "room-1", "wang",
        "2028-02-29T09:00", "2028-02-29T10:00")));
    assertEquals("quota-exceeded", only(e.decide(req("l2", "room-1", "wang", "2028-12-31T09:00",
        "2028-12-31T10:00"))).code().code());
  }
}
