package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BumpTest {
  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private BookingEngine engine() {
    return BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("stage", Name.of("舞台", "Stage")),
        Resource.exclusive("hall", Name.of("多功能厅", "Hall"))))
        .group("event-spaces", List.of("stage", "hall")).build();
  }

  private static int priority(Booking b) {
    return b.request().groupId() != null && b.request().groupId().startsWith("community") ? 10 : 0;
  }

  @Test
  void aCommunityEvent_bumpsPrivateUseWithNotice_andTheBumpedGetAlternatives() {
    BookingEngine e = engine();
    e.decide(new BookingRequest("wedding", "stage", "r-li", "h-li", at("2026-12-05T14:00"),
        at("2026-12-05T16:00"), 1));
    e.decide(new BookingRequest("choir", "stage", "r-zhou", "h-zhou", at("2026-12-05T17:00"),
        at("2026-12-05T18:00"), 1));
    BookingRequest gala = new BookingRequest("gala", "stage", "staff", "centre",
        at("2026-12-05T13:00"), at("2026-12-05T17:00"), 1, "community-gala");
    BookingEngine.BumpResult r = e.bump(gala, 10, BumpTest::priority, Duration.ofDays(3),
        "staff-1");
    assertInstanceOf(Decision.Accepted.class, r.decision());
    assertEquals(List.of("wedding"), r.bumped().stream().map(b -> b.booking().id()).toList(),
        "only what had to go; the choir at 17:00 abuts and stays");
    assertEquals("hall", r.bumped().get(0).alternatives().get(0).resourceId(),
        "the same time in the hall first");
    assertEquals(BookingStatus.CANCELLED, e.booking("wedding").orElseThrow().status());
    assertEquals("bumped", e.history("wedding").get(1).action());
  }

  @Test
  void withinTheNotice_orAgainstEqualPriority_nothingIsBumped() {
    BookingEngine e = engine();
    e.decide(new BookingRequest("wedding", "stage", "r-li", "h-li", at("2026-12-05T14:00"),
        at("2026-12-05T16:00"), 1));
    clock.set(at("2026-12-04T09:00"));
    BookingRequest gala = new BookingRequest("gala", "stage", "staff", "centre",
        at("2026-12-05T13:00"), at("2026-12-05T17:00"), 1, "community-gala");
    BookingEngine.BumpResult late = e.bump(gala, 10, BumpTest::priority, Duration.ofDays(3),
        "staff-1");
    assertInstanceOf(Decision.Rejected.class, late.decision());
    assertTrue(late.bumped().isEmpty());
    assertEquals(BookingStatus.CONFIRMED, e.booking("wedding").orElseThrow().status());
    BookingEngine.BumpResult equal = e.bump(gala, 0, BumpTest::priority, Duration.ZERO,
        "staff-1");
    assertInstanceOf(Decision.Rejected.class, equal.decision());
  }

  @Test
  void bump_runsEveryRuleButTheConflict_aHouseholdQuotaStillRefuses() {
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("hall", Name.of("多功能厅", "Hall")).withCapacity(2)))
        .rules(java.util.Map.of("hall", new dev.linli.scheduling.rule.RuleSet(List.of(
            new dev.linli.scheduling.rule.Quota(dev.linli.scheduling.rule.Quota.Scope.HOUSEHOLD,
                dev.linli.scheduling.rule.Quota.Period.WEEK, 1, null))))).build();
    e.decide(new BookingRequest("mine", "hall", "r-li", "h-li", at("2026-12-05T14:00"),
        at("2026-12-05T15:00"), 1));
    e.decide(new BookingRequest("theirs", "hall", "r-wu", "h-wu", at("2026-12-05T14:00"),
        at("2026-12-05T15:00"), 1));
    BookingRequest second = new BookingRequest("second", "hall", "r-li2", "h-li",
        at("2026-12-05T14:00"), at("2026-12-05T15:00"), 1, "community-li");
    Decision plain = e.explain(second);
    assertEquals(dev.linli.scheduling.booking.RejectionCode.QUOTA_EXCEEDED,
        assertInstanceOf(Decision.Rejected.class, plain).reasons().get(0).code());
    BookingEngine.BumpResult r = e.bump(second, 10, BumpTest::priority, Duration.ZERO, "staff-1");
    Decision.Rejected refused = assertInstanceOf(Decision.Rejected.class, r.decision(),
        "the household already has its one booking this week; bumping frees seats, not quota");
    assertEquals(List.of(dev.linli.scheduling.booking.RejectionCode.QUOTA_EXCEEDED),
        refused.reasons().stream().map(x -> x.code()).toList());
    assertTrue(r.bumped().isEmpty());
    assertEquals(BookingStatus.CONFIRMED, e.booking("theirs").orElseThrow().status());
    assertEquals(BookingStatus.CONFIRMED, e.booking("mine").orElseThrow().status());
  }
}
