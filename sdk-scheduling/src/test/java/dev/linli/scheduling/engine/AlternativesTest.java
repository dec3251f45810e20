package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.Eligibility;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlternativesTest {
  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private static BookingRequest req(String id, String resource, String from, String to) {
    return new BookingRequest(id, resource, "r-" + id, "h-1", at(from), at(to), 1);
  }

  @Test
  void quotaExceeded_offersTimesInTheNextPeriod() {
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("court", Name.of("球场", "Court")))).rules(Map.of("court",
        new RuleSet(List.of(new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.DAY, 1, null)))))
        .build();
    assertInstanceOf(Decision.Accepted.class, e.decide(req("a", "court", "2026-12-05T20:00",
        "2026-12-05T21:00")));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, e.decide(req("b", "court",
        "2026-12-05T22:00", "2026-12-05T23:00")));
    assertEquals(RejectionCode.QUOTA_EXCEEDED, r.reasons().get(0).code());
    assertEquals(List.of(at("2026-12-06T00:00"), at("2026-12-06T00:30"), at("2026-12-06T01:00")),
        r.alternatives().stream().map(BookingRequest::start).toList(),
        "the household's quota for the 5th is used; the 6th is free");
    r.alternatives().forEach(a -> assertInstanceOf(Decision.Accepted.class, e.explain(a)));
  }

  @Test
  void eligibility_offersTheSiblingWithoutTheRule_andNoTimeOnTheSameResource() {
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("stage", Name.of("舞台", "Stage")),
        Resource.exclusive("hall", Name.of("大厅", "Hall"))))
        .rules(Map.of("stage", new RuleSet(List.of(new Eligibility(null, null,
            Set.of("dance-team"))))))
        .residents(id -> Optional.of(new ResidentProfile(id,
            dev.linli.core.place.AgeBand.AGE_18_59, "jingfang", Set.of())))
        .group("spaces", List.of("stage", "hall")).build();
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, e.decide(req("a", "stage",
        "2026-12-05T20:00", "2026-12-05T21:00")));
    assertEquals(RejectionCode.NOT_IN_GROUP, r.reasons().get(0).code());
    assertEquals(List.of("hall"), r.alternatives().stream().map(BookingRequest::resourceId)
        .toList(), "another time on the stage cannot help; the hall can");
  }

  @Test
  void offGrid_offersTheNextTimesOnTheGrid() {
    BookingEngine e = BookingEngine.create(clock, List.of(Resource.exclusive("court",
        Name.of("球场", "Court"))));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, e.decide(req("a", "court",
        "2026-12-05T20:10", "2026-12-05T21:10")));
    assertEquals(RejectionCode.OFF_GRID, r.reasons().get(0).code());
    assertEquals(at("2026-12-05T20:30"), r.alternatives().get(0).start());
    assertEquals(Duration.ofHours(1), r.alternatives().get(0).duration());
  }

  @Test
  void aBan_offersNothing() {
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("court", Name.of("球场", "Court")))).rules(Map.of("court",
        new RuleSet(List.of(new CheckInPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15), 1,
            Duration.ofDays(30), Duration.ofDays(30)))))).build();
    e.decide(req("a", "court", "2026-12-01T10:00", "2026-12-01T11:00"));
    clock.set(at("2026-12-01T10:20"));
    assertEquals(1, e.releaseNoShows().size());
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, e.decide(
        new BookingRequest("b", "court", "r-a", "h-1", at("2026-12-05T20:00"),
            at("2026-12-05T21:00"), 1)));
    assertEquals(RejectionCode.BANNED, r.reasons().get(0).code());
    assertTrue(r.alternatives().isEmpty(), "no time or place lifts a ban");
  }

  @Test
  void rejectionCodes_areUniqueAndReadBack() {
    assertEquals(RejectionCode.values().length, Arrays.stream(RejectionCode.values())
        .map(RejectionCode::code).collect(Collectors.toSet()).size());
    for (RejectionCode c : RejectionCode.values()) {
      assertEquals(Optional.of(c), RejectionCode.fromCode(c.code()));
      assertEquals(c.code(), c.toString());
    }
    assertEquals(Optional.empty(), RejectionCode.fromCode("CONFLICT"));
  }
}
