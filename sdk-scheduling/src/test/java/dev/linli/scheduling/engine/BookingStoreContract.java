package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BookingStore} must answer, query by query: the in-memory store runs it, and a
 * store backed by a database extends it with its own {@link #newStore}. Bookings are written only
 * inside {@link BookingStore#inTransaction}, as the engine does.
 */
abstract class BookingStoreContract {
  static final Instant T0 = Instant.parse("2026-12-05T02:00:00Z");
  /** 10 minutes of buffer on each side. */
  static final Resource GYM = new Resource("gym", Name.of("健身房", "Gym"), 3, Resource.SHANGHAI,
      Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(10), List.of());
  static final Resource ROOM = Resource.exclusive("room", Name.of("会议室", "Room"));

  BookingStore store;

  /** A fresh, empty store for {@code resources}. */
  abstract BookingStore newStore(Map<String, Resource> resources);

  @BeforeEach
  void setUp() {
    Map<String, Resource> resources = new LinkedHashMap<>();
    resources.put(GYM.id(), GYM);
    resources.put(ROOM.id(), ROOM);
    store = newStore(resources);
  }

  static Instant t(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static Booking booking(String id, Resource r, String resident, String household, String group,
      int fromMinute, int toMinute) {
    return new Booking(new BookingRequest(id, r.id(), resident, household, t(fromMinute),
        t(toMinute), 1, group), T0, BookingStatus.CONFIRMED);
  }

  void insert(Booking b) {
    store.inTransaction(() -> {
      store.insert(b, new BookingEvent(T0, b.request().residentId(), "created", null, b));
      return null;
    });
  }

  static List<String> ids(List<Booking> bookings) {
    return bookings.stream().map(Booking::id).toList();
  }

  @Test
  void overlapping_countsBuffers_andIsHalfOpen() {
    insert(booking("a", GYM, "r1", "h1", null, 60, 120));
    insert(booking("b", GYM, "r2", "h2", null, 0, 30));
    // a blocks [50, 130); b blocks [-10, 40).
    assertEquals(List.of("b", "a"), ids(store.overlapping(GYM, t(-60), t(200))));
    assertEquals(List.of(), ids(store.overlapping(GYM, t(40), t(50))), "between the buffers");
    assertEquals(List.of("a"), ids(store.overlapping(GYM, t(129), t(130))));
    assertEquals(List.of(), ids(store.overlapping(GYM, t(130), t(140))), "end is exclusive");
    assertEquals(List.of(), ids(store.overlapping(ROOM, t(-60), t(200))), "per resource");
  }

  @Test
  void starting_andStartingBy_readStartsNotBlockedStarts() {
    insert(booking("a", GYM, "r1", "h1", "dance", 60, 120));
    insert(booking("b", GYM, "r2", "h1", null, 120, 150));
    insert(booking("c", GYM, "r3", "h3", null, 60, 90));
    assertEquals(List.of("a", "c", "b"), ids(store.starting(GYM, t(60), t(121))),
        "by start, then id");
    assertEquals(List.of("a", "c"), ids(store.starting(GYM, t(60), t(120))));
    assertEquals(List.of("a", "b"), ids(store.startingBy(GYM, Quota.Scope.HOUSEHOLD, "h1", t(0),
        t(200))));
    assertEquals(List.of("a"), ids(store.startingBy(GYM, Quota.Scope.GROUP, "dance", t(0),
        t(200))));
    assertEquals(List.of("c"), ids(store.startingBy(GYM, Quota.Scope.RESIDENT, "r3", t(0),
        t(200))));
    assertEquals(List.of(), ids(store.startingBy(GYM, Quota.Scope.HOUSEHOLD, "h9", t(0),
        t(200))));
    store.startingBy(GYM, Quota.Scope.HOUSEHOLD, "h9", t(0), t(200)).add(null);
  }

  @Test
  void windows_boundsBetweenMicroseconds_meanExactlyWhatTheySay() {
    insert(booking("a", GYM, "r1", "h1", null, 60, 120));
    insert(booking("b", GYM, "r1", "h1", null, 120, 150));
    Instant justAfter = t(120).plusNanos(1);
    Instant justBefore = t(120).minusNanos(1);
    // A consecutive-slots rule asks for starts before end + 1 ns: the booking starting at end is in.
    assertEquals(List.of("a", "b"), ids(store.starting(GYM, t(60), justAfter)));
    assertEquals(List.of("a", "b"), ids(store.startingBy(GYM, Quota.Scope.RESIDENT, "r1", t(0),
        justAfter)));
    assertEquals(List.of(), ids(store.starting(GYM, justAfter, t(200))));
    assertEquals(List.of("b"), ids(store.starting(GYM, justBefore, t(200))));
    // a blocks [50, 130), b [110, 160) with the 10-minute buffers.
    assertEquals(List.of("a", "b"), ids(store.overlapping(GYM, t(130).minusNanos(1), t(140))));
    assertEquals(List.of("b"), ids(store.overlapping(GYM, t(130), t(140))));
    assertEquals(List.of("a"), ids(store.overlapping(GYM, t(0), t(100).plusNanos(1))));
    assertEquals(List.of(), ids(store.overlapping(GYM, t(0), t(40).plusNanos(1))));
  }

  @Test
  void windowsInsideAWiderOneReadInTheSameTransaction_answerAsIfReadAlone() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(16);
    for (int i = 0; i < 40; i++) {
      int from = random.nextInt(0, 600) / 30 * 30;
      insert(booking("b" + i, GYM, "r" + random.nextInt(3), "h" + random.nextInt(3), null, from,
          from + 30 * random.nextInt(1, 4)));
    }
    List<int[]> windows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int lo = random.nextInt(-30, 700);
      windows.add(new int[] {lo, lo + random.nextInt(1, 120), random.nextInt(3),
          random.nextInt(2)});
    }
    List<List<String>> alone = new ArrayList<>();
    for (int[] w : windows) {
      alone.add(store.inTransaction(() -> ask(w)));
    }
    List<List<String>> inside = store.inTransaction(() -> {
      store.overlapping(GYM, t(-60), t(800));
      store.starting(GYM, t(-60), t(800));
      for (int h = 0; h < 3; h++) {
        store.startingBy(GYM, Quota.Scope.HOUSEHOLD, "h" + h, t(-60), t(800));
      }
      List<List<String>> out = new ArrayList<>();
      windows.forEach(w -> out.add(ask(w)));
      return out;
    });
    assertEquals(alone, inside);
    long found = alone.stream().filter(l -> !l.isEmpty()).count();
    assertTrue(found > 50 && found < 190, "windows that found bookings: " + found);
  }

  /** Window {@code w}: minutes lo and hi (a nanosecond off, or not), household, which read. */
  private List<String> ask(int[] w) {
    Instant lo = t(w[0]).plusNanos(w[3] == 0 ? 0 : 1);
    Instant hi = t(w[1]).minusNanos(w[3] == 0 ? 0 : 1);
    return switch (w[0] % 3 == 0 ? 0 : w[0] % 3 == 1 ? 1 : 2) {
      case 0 -> ids(store.overlapping(GYM, lo, hi));
      case 1 -> ids(store.starting(GYM, lo, hi));
      default -> ids(store.startingBy(GYM, Quota.Scope.HOUSEHOLD, "h" + w[2], lo, hi));
    };
  }

  @Test
  void update_toAStatusThatFreesTime_leavesEveryIndex_butKeepsTheBookingAndItsHistory() {
    Booking a = booking("a", GYM, "r1", "h1", null, 60, 120);
    insert(a);
    insert(booking("b", ROOM, "r1", "h1", null, 60, 120));
    Booking cancelled = a.with(BookingStatus.CANCELLED);
    store.inTransaction(() -> {
      store.update(a, cancelled, new BookingEvent(t(1), "r1", "cancelled", a, cancelled));
      return null;
    });
    assertEquals(Optional.of(cancelled), store.booking("a"));
    assertEquals(List.of(), ids(store.overlapping(GYM, t(0), t(200))));
    assertEquals(List.of(), ids(store.starting(GYM, t(0), t(200))));
    assertEquals(List.of(), ids(store.startingBy(GYM, Quota.Scope.RESIDENT, "r1", t(0), t(200))));
    assertEquals(List.of("b"), ids(store.activeOf("r1")));
    assertEquals(List.of("created", "cancelled"), store.history("a").stream()
        .map(BookingEvent::action).toList());
  }

  @Test
  void update_toAnotherTimeAndResource_movesTheBooking() {
    Booking a = booking("a", GYM, "r1", "h1", null, 60, 120);
    insert(a);
    Booking moved = new Booking(a.request().on(ROOM.id()).at(t(300), t(360)), a.acceptedAt(),
        BookingStatus.CONFIRMED);
    store.inTransaction(() -> {
      store.update(a, moved, new BookingEvent(t(1), "r1", "changed", a, moved));
      return null;
    });
    assertEquals(List.of(), ids(store.active(GYM)));
    assertEquals(List.of("a"), ids(store.active(ROOM)));
    assertEquals(List.of("a"), ids(store.overlapping(ROOM, t(359), t(400))));
  }

  @Test
  void delete_forgetsTheBookingAndItsHistory() {
    Booking a = booking("a", GYM, "r1", "h1", null, 60, 120);
    insert(a);
    store.inTransaction(() -> {
      store.delete(a);
      return null;
    });
    assertEquals(Optional.empty(), store.booking("a"));
    assertEquals(List.of(), store.history("a"));
    assertEquals(List.of(), ids(store.active(GYM)));
    assertEquals(List.of(), ids(store.activeOf("r1")));
  }

  @Test
  void confirmedStartingBefore_skipsOtherStatusesAndLaterStarts() {
    insert(booking("a", GYM, "r1", "h1", null, 0, 60));
    insert(booking("b", GYM, "r2", "h2", null, 120, 180));
    Booking p = new Booking(booking("p", ROOM, "r3", "h3", null, 0, 60).request(), T0,
        BookingStatus.PENDING_APPROVAL);
    insert(p);
    assertEquals(List.of("a"), ids(store.confirmedStartingBefore(t(120))));
  }

  @Test
  void noShows_areKeptOldestFirst_andBlackoutsByOverlap() {
    store.inTransaction(() -> {
      store.addNoShow("r1", t(600));
      store.addNoShow("r1", t(60));
      store.addBlackout(new BookingEngine.Blackout("gym", t(0), t(60), BlackoutPolicy.KEEP,
          "repairs"));
      return null;
    });
    assertEquals(List.of(t(60), t(600)), store.noShowsOf("r1"));
    assertEquals(List.of(), store.noShowsOf("r2"));
    assertEquals(1, store.blackouts("gym", t(59), t(61)).size());
    assertTrue(store.blackouts("gym", t(60), t(61)).isEmpty(), "half-open");
    assertTrue(store.blackouts("room", t(0), t(60)).isEmpty());
  }

  @Test
  void aTransactionReturnsWhatItsWorkReturned_andLockHooksAcceptSortedIds() {
    assertEquals("done", store.inTransaction(() -> {
      store.lockResources(List.of("gym", "room"));
      store.lockHolders(List.of("household:h1", "resident:r1"));
      return "done";
    }));
  }
}
