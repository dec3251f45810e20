package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BookingStore} must give the engine as a whole (its queries alone:
 * {@link BookingStoreContract}), run against each store by a subclass: the
 * same random workload keeps capacity (parts included) and quotas, a series is all-or-nothing, a
 * rejected operation changes nothing, and a retried request answers the same.
 */
abstract class EngineStoreContract {
  /**
   * Returns {@code builder} with a fresh, empty store of the kind under test.
   *
   * @param builder configured with resources and rules
   * @return the same builder
   */
  abstract BookingEngine.Builder emptyStore(BookingEngine.Builder builder);

  @Property
  void randomDecisions_keepCapacityQuotasAndSeries_rejectionsChangeNothing(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int steps) {
    SplittableRandom random = new SplittableRandom(seed);
    MutableClock clock = MutableClock.at(Workload.NOW);
    BookingEngine e = emptyStore(Workload.builder(clock)).build();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      Map<String, List<Booking>> before = snapshot(e);
      Workload.Step s = Workload.step(e, random, "q", i, made, 6);
      if (!s.accepted()) {
        assertEquals(before, snapshot(e), "rejected " + s + " changed something");
      }
      if (s.kind() == Workload.Kind.SERIES) {
        long present = s.ids().stream().filter(id -> e.booking(id).isPresent()).count();
        assertEquals(s.accepted() ? s.ids().size() : 0, present, "series " + s + " half-kept");
      }
      Workload.assertInvariants(e);
    }
  }

  /** The random property reaches what it names: a fixed workload hits every kind both ways. */
  @Test
  void workload_reachesEveryKind_acceptedAndRejected() {
    SplittableRandom random = new SplittableRandom(7);
    BookingEngine e = emptyStore(Workload.builder(MutableClock.at(Workload.NOW))).build();
    List<String> made = new ArrayList<>();
    Map<Workload.Kind, int[]> seen = new EnumMap<>(Workload.Kind.class);
    for (int i = 0; i < 300; i++) {
      Workload.Step s = Workload.step(e, random, "w", i, made, 6);
      seen.computeIfAbsent(s.kind(), k -> new int[2])[s.accepted() ? 0 : 1]++;
    }
    for (Workload.Kind k : Workload.Kind.values()) {
      int[] n = seen.getOrDefault(k, new int[2]);
      // The clock stays a day before the bookings, so check-in is only ever refused here
      // (lifecycle_changeCheckInReleaseCancel_historyInOrder accepts one).
      int acceptedFloor = k == Workload.Kind.CHECK_IN ? 0 : 2;
      assertTrue(n[0] >= acceptedFloor && n[1] >= 2, k + " accepted " + n[0] + ", rejected "
          + n[1]);
    }
    Workload.assertInvariants(e);
  }

  @Test
  void retry_sameIdSameRequest_answersTheSameAcceptance_andStoresOneBooking() {
    BookingEngine e = emptyStore(Workload.builder(MutableClock.at(Workload.NOW))).build();
    BookingRequest q = new BookingRequest("b-1", "gym", "r1", "h1",
        Workload.at("2026-12-02T09:00"), Workload.at("2026-12-02T10:00"), 1);
    Decision first = e.decide(q);
    assertInstanceOf(Decision.Accepted.class, first);
    assertEquals(first, e.decide(q));
    assertEquals(1, e.bookings("gym").size());
    assertEquals(1, e.history("b-1").size());
    Decision other = e.decide(q.at(Workload.at("2026-12-02T11:00"),
        Workload.at("2026-12-02T12:00")));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, other);
    assertEquals("id-reused", r.reasons().get(0).code().toString());
  }

  @Test
  void series_oneOccurrenceRejected_nothingKept_andTheFreeOnesStillFree() {
    BookingEngine e = emptyStore(Workload.builder(MutableClock.at(Workload.NOW))).build();
    assertInstanceOf(Decision.Accepted.class, e.decide(new BookingRequest("x", "stage", "r9",
        "h9", Workload.at("2026-12-03T10:00"), Workload.at("2026-12-03T11:00"), 1)));
    List<BookingRequest> series = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      series.add(new BookingRequest("s-" + day, "stage", "r1", "h1",
          Workload.at("2026-12-02T10:00").plus(Duration.ofDays(day)),
          Workload.at("2026-12-02T11:00").plus(Duration.ofDays(day)), 1));
    }
    List<Decision> ds = e.decideAll(series, true);
    assertInstanceOf(Decision.Accepted.class, ds.get(0));
    assertInstanceOf(Decision.Rejected.class, ds.get(1));
    assertTrue(e.booking("s-0").isEmpty() && e.booking("s-2").isEmpty());
    assertEquals(List.of(), e.history("s-0"));
    assertEquals(List.of("x"), e.bookings("stage").stream().map(Booking::id).toList());
  }

  @Test
  void lifecycle_changeCheckInReleaseCancel_historyInOrder() {
    MutableClock clock = MutableClock.at(Workload.NOW);
    BookingEngine e = emptyStore(Workload.builder(clock)).build();
    BookingRequest q = new BookingRequest("b-1", "gym", "r1", "h1",
        Workload.at("2026-12-02T09:00"), Workload.at("2026-12-02T10:00"), 1);
    e.decide(q);
    e.decide(new BookingRequest("b-2", "gym", "r2", "h2", Workload.at("2026-12-02T09:00"),
        Workload.at("2026-12-02T10:00"), 1));
    assertInstanceOf(Decision.Accepted.class, e.change(q.at(Workload.at("2026-12-02T10:00"),
        Workload.at("2026-12-02T11:00")), "r1"));
    clock.set(Workload.at("2026-12-02T09:55"));
    assertInstanceOf(Decision.Accepted.class, e.checkIn("b-1", "desk"));
    clock.set(Workload.at("2026-12-02T12:00"));
    List<Booking> released = e.releaseNoShows();
    assertEquals(List.of("b-2"), released.stream().map(Booking::id).toList());
    assertEquals(BookingStatus.NO_SHOW, e.booking("b-2").orElseThrow().status());
    assertEquals(List.of("created", "changed", "checked-in"),
        e.history("b-1").stream().map(h -> h.action()).toList());
    assertEquals(BookingStatus.CHECKED_IN, e.history("b-1").get(2).after().status());
    assertEquals(q.at(Workload.at("2026-12-02T10:00"), Workload.at("2026-12-02T11:00")),
        e.history("b-1").get(1).after().request());
    Map<String, List<Booking>> all = new TreeMap<>();
    all.put("gym", e.bookings("gym"));
    assertEquals(List.of("b-1"), all.get("gym").stream().map(Booking::id).toList());
  }

  @Test
  void listener_toldAfterEachCommit_inOrder_nothingForARejectedSeries() {
    List<BookingNotice> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    BookingEngine e = emptyStore(Workload.builder(MutableClock.at(Workload.NOW))
        .listener(told::add)).build();
    BookingRequest q = new BookingRequest("n-1", "gym", "r1", "h1",
        Workload.at("2026-12-02T09:00"), Workload.at("2026-12-02T10:00"), 1);
    e.decide(q);
    e.change(q.at(Workload.at("2026-12-02T10:00"), Workload.at("2026-12-02T11:00")), "r1");
    List<BookingRequest> series = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      series.add(new BookingRequest("n-s" + k, "gym", "r1", "h1",
          Workload.at("2026-12-03T09:00").plus(Duration.ofHours(k)),
          Workload.at("2026-12-03T10:00").plus(Duration.ofHours(k)), 1));
    }
    assertInstanceOf(Decision.Rejected.class, e.decideAll(series, true).get(2), "2 a day");
    e.cancel("n-1", "r1");
    assertEquals(List.of("CONFIRMED n-1", "CHANGED n-1", "CANCELLED n-1"),
        told.stream().map(n -> n.kind() + " " + n.request().id()).toList());
    assertEquals(BookingStatus.CANCELLED, told.get(2).booking().status());
  }

  @Test
  void updateRules_newVersion_usedByTheNextDecision_bookingsKept() {
    BookingEngine e = emptyStore(Workload.builder(MutableClock.at(Workload.NOW))).build();
    assertEquals(1, e.ruleVersion("gym"));
    assertEquals(1, e.ruleVersion("court"), "the builder gave every resource rules");
    e.decide(new BookingRequest("u-1", "gym", "r1", "h1", Workload.at("2026-12-02T09:00"),
        Workload.at("2026-12-02T10:00"), 1));
    dev.linli.scheduling.rule.RuleSet one = new dev.linli.scheduling.rule.RuleSet(List.of(
        new dev.linli.scheduling.rule.Quota(dev.linli.scheduling.rule.Quota.Scope.HOUSEHOLD,
            dev.linli.scheduling.rule.Quota.Period.DAY, 1, null)));
    assertEquals(2, e.updateRules("gym", one));
    assertEquals(one, e.rules("gym"));
    assertEquals(2, e.ruleVersion("gym"));
    assertEquals(List.of("u-1"), e.bookings("gym").stream().map(Booking::id).toList());
    assertInstanceOf(Decision.Rejected.class, e.decide(new BookingRequest("u-2", "gym", "r1",
        "h1", Workload.at("2026-12-02T11:00"), Workload.at("2026-12-02T12:00"), 1)));
  }

  @Test
  void consecutiveSlots_theResidentsBookingStartingWhereTheRequestEnds_countsInTheRun() {
    BookingEngine e = emptyStore(Workload.builder(MutableClock.at(Workload.NOW))).build();
    e.updateRules("gym", new dev.linli.scheduling.rule.RuleSet(List.of(
        new dev.linli.scheduling.rule.ConsecutiveSlots(3))));
    assertInstanceOf(Decision.Accepted.class, e.decide(new BookingRequest("c-1", "gym", "r1",
        "h1", Workload.at("2026-12-02T11:00"), Workload.at("2026-12-02T12:00"), 1)));

    // 10:00-11:00 is two 30-minute slots; with c-1 right after it the run is four, over three.
    Decision d = e.decide(new BookingRequest("c-2", "gym", "r1", "h1",
        Workload.at("2026-12-02T10:00"), Workload.at("2026-12-02T11:00"), 1));

    assertEquals(List.of("too-many-consecutive"), ((Decision.Rejected) d).reasons().stream()
        .map(EngineStoreContract::code).toList());
  }

  static Map<String, List<Booking>> snapshot(BookingEngine e) {
    Map<String, List<Booking>> out = new TreeMap<>();
    for (String id : Workload.IDS) {
      out.put(id, e.bookings(id));
    }
    return out;
  }

  static String code(Reason r) {
    return r.code().toString();
  }
}
