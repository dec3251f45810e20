package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Actor;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may change or cancel a booking: the booker, their household, or an admin role. */
class PermissionsTest {
  private final MutableClock clock = MutableClock.at(at("2026-11-30T08:00"));

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private BookingEngine engine(BookingEngine.Builder b) {
    BookingEngine e = b.resources(List.of(Resource.exclusive("room", Name.of("议事室", "Room"))))
        .build();
    assertInstanceOf(Decision.Accepted.class, e.decide(booking("10:00", "11:00")));
    return e;
  }

  private BookingEngine engine() {
    return engine(BookingEngine.builder(clock));
  }

  private static BookingRequest booking(String from, String to) {
    return new BookingRequest("bk-1", "room", "r-chen", "hh-201", at("2026-12-01T" + from),
        at("2026-12-01T" + to), 1);
  }

  private static Reason refusal(Decision d) {
    List<Reason> reasons = assertInstanceOf(Decision.Rejected.class, d).reasons();
    assertEquals(1, reasons.size());
    assertEquals(RejectionCode.NOT_PERMITTED, reasons.get(0).code());
    return reasons.get(0);
  }

  @Test
  void booker_cancels_acceptedNamingTheActor_historyRecordsThem() {
    BookingEngine e = engine();
    Actor chen = Actor.resident("r-chen", "hh-201");

    Decision.Accepted d = assertInstanceOf(Decision.Accepted.class, e.cancel("bk-1", chen));

    assertEquals(chen, d.actor());
    assertEquals(BookingStatus.CANCELLED, d.booking().status());
    BookingEvent last = e.history("bk-1").get(1);
    assertEquals("r-chen", last.actorId());
    assertEquals("cancelled", last.action());
  }

  @Test
  void householdMember_changes_accepted() {
    BookingEngine e = engine();
    Actor wife = Actor.resident("r-li", "hh-201");

    Decision.Accepted d = assertInstanceOf(Decision.Accepted.class,
        e.change(booking("14:00", "15:00"), wife));

    assertEquals(wife, d.actor());
    assertEquals(at("2026-12-01T14:00"), d.booking().request().start());
    assertEquals("r-li", e.history("bk-1").get(1).actorId());
  }

  @Test
  void neighbour_cancels_refusedInEnglishAndChinese_bookingUnchanged() {
    BookingEngine e = engine();
    Booking before = e.booking("bk-1").orElseThrow();

    Reason r = refusal(e.cancel("bk-1", Actor.resident("r-wang", "hh-202")));

    assertEquals("r-wang may not cancel booking bk-1: only its booker r-chen, someone of"
        + " household hh-201 or an admin role [admin] may", r.message());
    assertEquals("r-wang无权取消预约bk-1：仅预约人r-chen、同户（hh-201）成员或管理员可以取消",
        r.messageZh());
    assertEquals(Map.of("actor", "r-wang", "role", "null", "booking", "bk-1", "booker", "r-chen",
        "household", "hh-201"), r.values());
    assertEquals(before, e.booking("bk-1").orElseThrow());
    assertEquals(1, e.history("bk-1").size());
  }

  @Test
  void neighbour_changes_refused_staffInANonAdminRole_refused_adminAllowed() {
    BookingEngine e = engine();

    Reason r = refusal(e.change(booking("14:00", "15:00"), Actor.resident("r-wang", "hh-202")));
    assertEquals("r-wang may not change booking bk-1: only its booker r-chen, someone of"
        + " household hh-201 or an admin role [admin] may", r.message());
    assertEquals("r-wang无权修改预约bk-1：仅预约人r-chen、同户（hh-201）成员或管理员可以修改",
        r.messageZh());
    Reason v = refusal(e.cancel("bk-1", Actor.staff("v-zhou", "volunteer")));
    assertEquals("v-zhou (role volunteer) may not cancel booking bk-1: only its booker r-chen,"
        + " someone of household hh-201 or an admin role [admin] may", v.message());

    Actor admin = Actor.staff("s-desk", "admin");
    Decision.Accepted d = assertInstanceOf(Decision.Accepted.class, e.cancel("bk-1", admin));
    assertEquals(admin, d.actor());
    assertEquals("s-desk", e.history("bk-1").get(1).actorId());
  }

  @Test
  void configuredAdminRoles_replaceTheDefault() {
    BookingEngine e = engine(BookingEngine.builder(clock).adminRoles(Set.of("desk", "director")));

    refusal(e.cancel("bk-1", Actor.staff("s-1", "admin")));
    assertInstanceOf(Decision.Accepted.class, e.cancel("bk-1", Actor.staff("s-2", "desk")));
    assertThrows(InvalidValueException.class, () -> BookingEngine.builder(clock)
        .adminRoles(Set.of()));
  }

  @Test
  void householdMember_handsTheBookingToAnotherHousehold_refused_adminMay() {
    BookingEngine e = engine();
    BookingRequest handedOver = new BookingRequest("bk-1", "room", "r-wang", "hh-202",
        at("2026-12-01T10:00"), at("2026-12-01T11:00"), 1);

    Reason r = refusal(e.change(handedOver, Actor.resident("r-chen", "hh-201")));

    assertEquals("r-chen may not hand booking bk-1 from r-chen of household hh-201 to r-wang of"
        + " household hh-202; keep the booker, household and group, or ask an admin role [admin]",
        r.message());
    assertEquals("r-chen无权将预约bk-1转给其他居民、住户或团队，如需转让请联系管理员", r.messageZh());
    assertInstanceOf(Decision.Accepted.class, e.change(handedOver, Actor.staff("s-1", "admin")));
    assertEquals("r-wang", e.booking("bk-1").orElseThrow().request().residentId());
  }

  @Test
  void cancelAgain_byTheBooker_acceptedAsBefore_byANeighbour_refused() {
    BookingEngine e = engine();
    e.cancel("bk-1", Actor.resident("r-chen", "hh-201"));

    assertInstanceOf(Decision.Accepted.class, e.cancel("bk-1", Actor.resident("r-chen",
        "hh-201")));
    refusal(e.cancel("bk-1", Actor.resident("r-wang", "hh-202")));
  }

  @Test
  void unknownBooking_refusedAsUnknown_notAsPermission() {
    BookingEngine e = engine();

    Decision d = e.cancel("bk-9", Actor.resident("r-chen", "hh-201"));

    assertEquals(RejectionCode.UNKNOWN_BOOKING, assertInstanceOf(Decision.Rejected.class, d)
        .reasons().get(0).code());
  }

  @Test
  void stringActorOverloads_unchanged_noCheck_noActorNamed() {
    BookingEngine e = engine();

    Decision.Accepted d = assertInstanceOf(Decision.Accepted.class, e.cancel("bk-1", "anyone"));

    assertNull(d.actor());
    assertEquals(new Decision.Accepted(d.booking()), d);
  }

  @Test
  void actor_values_validated() {
    assertThrows(InvalidValueException.class, () -> Actor.resident("r-1", null));
    assertThrows(InvalidValueException.class, () -> Actor.staff("s-1", null));
    assertThrows(InvalidValueException.class, () -> new Actor("bad id", null, null));
  }
}
