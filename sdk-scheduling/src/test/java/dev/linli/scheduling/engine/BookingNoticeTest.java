package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingNotice.Kind;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Approval;
import dev.linli.scheduling.rule.CheckInPolicy;
import dev.linli.scheduling.rule.RuleSet;
import dev.linli.scheduling.waitlist.Waitlist;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingNoticeTest {
  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
  private final List<BookingNotice> heard = new ArrayList<>();

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private static BookingRequest req(String id, String resource, String from, String to) {
    return new BookingRequest(id, resource, "r-" + id, "h-" + id, at(from), at(to), 1);
  }

  private BookingEngine engine() {
    return BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("court", Name.of("球场", "Court")),
        Resource.exclusive("room", Name.of("会议室", "Room"))))
        .rules(Map.of("room", new RuleSet(List.of(new Approval(null))), "court",
            new RuleSet(List.of(new CheckInPolicy(Duration.ofMinutes(15),
                Duration.ofMinutes(15), 2, Duration.ofDays(30), Duration.ofDays(30))))))
        .listener(heard::add).build();
  }

  private List<String> kinds() {
    return heard.stream().map(n -> n.kind() + " " + n.request().id()).toList();
  }

  @Test
  void everyKeptChange_isHeardOnce_inOrder() {
    BookingEngine e = engine();
    e.decide(req("a", "court", "2026-12-01T10:00", "2026-12-01T11:00"));
    e.decide(req("a", "court", "2026-12-01T10:00", "2026-12-01T11:00"));
    e.explain(req("x", "court", "2026-12-01T12:00", "2026-12-01T13:00"));
    e.decide(req("clash", "court", "2026-12-01T10:00", "2026-12-01T11:00"));
    e.decide(req("b", "court", "2026-12-02T10:00", "2026-12-02T11:00"));
    e.change(req("b", "court", "2026-12-02T12:00", "2026-12-02T13:00"), "r-b");
    e.cancel("b", "r-b");
    e.decide(req("p", "room", "2026-12-03T10:00", "2026-12-03T11:00"));
    e.approve("p", "staff");
    e.decide(req("q", "room", "2026-12-03T12:00", "2026-12-03T13:00"));
    e.decline("q", "staff");
    clock.set(at("2026-12-01T10:20"));
    e.releaseNoShows();
    assertEquals(List.of("CONFIRMED a", "CONFIRMED b", "CHANGED b", "CANCELLED b",
        "CONFIRMED p", "CANCELLED q", "NO_SHOW_RELEASED a"), kinds(),
        "no notice for a retry, an explanation, a rejection or a booking waiting for approval");
    BookingNotice noShow = heard.get(heard.size() - 1);
    assertEquals("r-a", noShow.residentId());
    assertEquals(at("2026-12-01T10:20"), noShow.at());
    assertNull(noShow.deadline());
  }

  @Test
  void aBatchRolledBack_andABump_areHeardAsWhatWasKept() {
    BookingEngine e = engine();
    e.decideAll(List.of(req("s1", "court", "2026-12-02T10:00", "2026-12-02T11:00"),
        req("s2", "court", "2026-12-02T10:30", "2026-12-02T11:30")), true);
    assertTrue(heard.isEmpty(), "all or nothing: nothing kept, nothing heard");
    e.decide(req("w", "court", "2026-12-05T14:00", "2026-12-05T16:00"));
    BookingRequest gala = new BookingRequest("gala", "court", "staff", "centre",
        at("2026-12-05T13:00"), at("2026-12-05T17:00"), 1, "community-gala");
    e.bump(gala, 10, b -> b.request().groupId() == null ? 0 : 10, Duration.ZERO, "staff-1");
    assertEquals(List.of("CONFIRMED w", "CONFIRMED gala", "BUMPED w"), kinds());
  }

  @Test
  void aFailingListener_doesNotUndoTheBooking_andARetryIsQuiet() {
    List<BookingNotice> seen = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("message queue down");
    BookingEngine e = BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("court", Name.of("球场", "Court")))).listener(n -> {
          seen.add(n);
          throw boom;
        }).build();
    BookingRequest a = req("a", "court", "2026-12-01T10:00", "2026-12-01T11:00");
    assertSame(boom, assertThrows(IllegalStateException.class, () -> e.decide(a)));
    assertEquals(1, e.bookings("court").size(), "the booking was kept before the listener ran");
    assertInstanceOf(Decision.Accepted.class, e.decide(a));
    assertEquals(1, seen.size());
  }

  @Test
  void waitlistOffers_madeAndExpired_areHeardThroughTheEngine() {
    BookingEngine e = engine();
    e.decide(req("a", "court", "2026-12-05T10:00", "2026-12-05T11:00"));
    Waitlist w = Waitlist.of(e, clock, req("slot", "court", "2026-12-05T10:00",
        "2026-12-05T11:00"), Duration.ofHours(2));
    w.join("r-chen", "h-chen", 0);
    e.cancel("a");
    heard.clear();
    w.offerFreedSeats();
    clock.set(clock.instant().plus(Duration.ofHours(3)));
    w.offerFreedSeats();
    assertEquals(List.of(Kind.WAITLIST_OFFER_MADE, Kind.WAITLIST_OFFER_EXPIRED),
        heard.stream().map(BookingNotice::kind).toList());
    BookingNotice made = heard.get(0);
    assertEquals("r-chen", made.residentId());
    assertEquals(at("2026-12-01T10:00"), made.deadline());
    assertNull(made.booking());
    assertEquals(at("2026-12-05T10:00"), made.request().start());
  }
}
