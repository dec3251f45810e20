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
}
