package dev.linli.scheduling.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.lottery.Lottery;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Ballot} does over either store, run by a subclass per store: winners hold places
 * awaiting their claim, claims confirm, lapsed places go down the reserve list and then to
 * first-come; and, for random entries and random claims, cancellations and first-come bookings,
 * never more places than the capacity or the ballot's places, never two to one household.
 */
abstract class BallotContract {
  static final Instant START = Instant.parse("2026-12-12T02:00:00Z");
  static final Instant CLOSES = Instant.parse("2026-12-05T00:00:00Z");
  static final Duration CLAIM = Duration.ofHours(24);
  final MutableClock clock = MutableClock.at("2026-12-05T01:00:00Z");
  final List<BookingNotice> notices = new CopyOnWriteArrayList<>();

  /**
   * Returns {@code builder} with a fresh, empty store of the kind under test.
   *
   * @param builder configured with the court and its rules
   * @return the same builder
   */
  abstract BookingEngine.Builder emptyStore(BookingEngine.Builder builder);

  BookingEngine engine(int seats, RuleSet rules) {
    notices.clear();
    Resource court = Resource.exclusive("xh-court", Name.of("湘湖球场", "Xianghu court"))
        .withCapacity(seats);
    return emptyStore(BookingEngine.builder(clock).resources(List.of(court))
        .rules(Map.of("xh-court", rules)).listener(notices::add)).build();
  }

  static Ballot.Terms terms(int places) {
    return terms(places, CLAIM);
  }

  static Ballot.Terms terms(int places, Duration claimFor) {
    return new Ballot.Terms(new BookingRequest("b1", "xh-court", "x", "x", START,
        START.plus(Duration.ofHours(1)), 1), places, CLOSES, claimFor);
  }

  static List<Lottery.Entry> entries(int n) {
    List<Lottery.Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Lottery.Entry("r" + i, "h" + i, 0));
    }
    return out;
  }

  static BookingRequest firstCome(String who) {
    return new BookingRequest("fc-" + who, "xh-court", who, "h-" + who, START,
        START.plus(Duration.ofHours(1)), 1);
  }

  private static List<String> residents(List<Booking> bookings) {
    return bookings.stream().map(b -> b.request().residentId()).toList();
  }

  @Test
  void draw_booksEveryWinnerAwaitingClaim_withHistoryAndNotice() {
    BookingEngine e = engine(4, RuleSet.NONE);
    List<Lottery.Entry> entries = new ArrayList<>(entries(6));
    entries.add(new Lottery.Entry("r0-spouse", "h0", 0));
    Ballot b = Ballot.draw(e, clock, terms(3), entries, 20261205L);
    List<String> winners = b.record().winners();
    assertEquals(3, winners.size());
    assertEquals(winners, b.places().stream().map(Ballot.Place::residentId).toList());
    Set<String> households = new HashSet<>();
    for (Ballot.Place p : b.places()) {
      assertEquals(BookingStatus.AWAITING_CLAIM, p.booking().status());
      assertTrue(households.add(p.booking().request().householdId()), "one place per household");
      assertEquals(clock.instant().plus(CLAIM), p.claimBy());
      List<BookingEvent> history = e.history(p.booking().id());
      assertEquals("ballot-won", history.get(0).action());
      assertEquals("system", history.get(0).actorId());
    }
    assertEquals(List.of(BookingNotice.Kind.PLACE_WON, BookingNotice.Kind.PLACE_WON,
        BookingNotice.Kind.PLACE_WON), notices.stream().map(BookingNotice::kind).toList());
    assertEquals(3, e.bookings("xh-court").size(), "places hold their time");
    assertTrue(b.rerun(), "the record draws the same winners again");
  }

  @Test
  void claim_beforeDeadline_confirms_andAgainIsTheSame() {
    BookingEngine e = engine(4, RuleSet.NONE);
    Ballot b = Ballot.draw(e, clock, terms(2), entries(5), 7L);
    String w = b.record().winners().get(0);
    clock.advance(CLAIM.minusSeconds(1));
    Decision d = b.claim(w);
    assertEquals(BookingStatus.CONFIRMED, assertInstanceOf(Decision.Accepted.class, d).booking()
        .status());
    assertEquals(d, b.claim(w), "claiming twice changes nothing");
    List<BookingEvent> history = e.history(b.bookingId(w));
    assertEquals("claimed", history.get(history.size() - 1).action());
    assertEquals(w, history.get(history.size() - 1).actorId());
    assertTrue(notices.stream().anyMatch(n -> n.kind() == BookingNotice.Kind.CONFIRMED
        && n.residentId().equals(w)));
  }

  @Test
  void claim_afterDeadline_refusedWithClaimExpired_inEnglishAndChinese() {
    BookingEngine e = engine(4, RuleSet.NONE);
    Ballot b = Ballot.draw(e, clock, terms(2), entries(5), 7L);
    String w = b.record().winners().get(0);
    clock.advance(CLAIM);
    Reason r = assertInstanceOf(Decision.Rejected.class, b.claim(w)).reasons().get(0);
    assertEquals(RejectionCode.CLAIM_EXPIRED, r.code());
    assertTrue(r.message().contains("had to be claimed before 2026-12-06T01:00:00Z"),
        r.message());
    assertTrue(r.messageZh().contains("的名额须在2026-12-06T01:00:00Z前确认"), r.messageZh());
    Reason none = assertInstanceOf(Decision.Rejected.class, b.claim("nobody")).reasons().get(0);
    assertEquals(RejectionCode.UNKNOWN_BOOKING, none.code());
    assertTrue(none.message().contains("nobody holds no place in ballot b1"), none.message());
    assertTrue(none.messageZh().contains("没有待确认的名额"), none.messageZh());
  }

  @Test
  void release_afterDeadline_lapsesUnclaimed_andOffersTheReserveInRankOrder() {
    BookingEngine e = engine(4, RuleSet.NONE);
    Ballot b = Ballot.draw(e, clock, terms(3), entries(7), 99L);
    List<String> winners = b.record().winners();
    List<String> reserve = b.record().reserve();
    b.claim(winners.get(0));
    b.claim(winners.get(2));
    assertEquals(List.of(), b.release().lapsed(), "nothing lapses before the deadline");
    clock.advance(CLAIM);
    notices.clear();
    Ballot.Release r = b.release();
    assertEquals(List.of(winners.get(1)), residents(r.lapsed()));
    assertEquals(BookingStatus.CANCELLED, r.lapsed().get(0).status());
    assertEquals(List.of(reserve.get(0)), residents(r.offered()));
    assertEquals(BookingStatus.AWAITING_CLAIM, r.offered().get(0).status());
    assertEquals(0, r.openToFirstCome());
    List<BookingEvent> lapsedHistory = e.history(b.bookingId(winners.get(1)));
    assertEquals("claim-lapsed", lapsedHistory.get(lapsedHistory.size() - 1).action());
    assertEquals("reserve-offered", e.history(b.bookingId(reserve.get(0))).get(0).action());
    assertEquals(List.of(BookingNotice.Kind.CLAIM_LAPSED, BookingNotice.Kind.PLACE_WON),
        notices.stream().map(BookingNotice::kind).toList());
    assertEquals(clock.instant().plus(CLAIM), b.places().stream()
        .filter(p -> p.residentId().equals(reserve.get(0))).findFirst().orElseThrow().claimBy(),
        "the reserve gets a deadline of its own");
  }

  @Test
  void reserveUsedUp_placesOpenToFirstCome() {
    BookingEngine e = engine(2, RuleSet.NONE);
    Ballot b = Ballot.draw(e, clock, terms(2), entries(3), 5L);
    assertInstanceOf(Decision.Rejected.class, e.decide(firstCome("walk-in")),
        "the ballot holds both places");
    clock.advance(CLAIM);
    Ballot.Release first = b.release();
    assertEquals(2, first.lapsed().size());
    assertEquals(1, first.offered().size(), "one entrant left on the reserve list");
    assertEquals(1, first.openToFirstCome());
    assertInstanceOf(Decision.Accepted.class, e.decide(firstCome("walk-in")));
    clock.advance(CLAIM);
    Ballot.Release second = b.release();
    assertEquals(1, second.lapsed().size());
    assertEquals(List.of(), second.offered(), "nobody is offered twice");
    assertEquals(2, second.openToFirstCome(), "the ballot holds neither place now");
    assertInstanceOf(Decision.Accepted.class, e.decide(firstCome("late")));
  }

  @Test
  void reopenedFromItsRecord_continuesWhereItStood() {
    BookingEngine e = engine(3, RuleSet.NONE);
    Ballot b = Ballot.draw(e, clock, terms(2), entries(6), 11L);
    Ballot again = Ballot.of(e, clock, terms(2), b.record());
    assertEquals(b.places(), again.places());
    assertTrue(again.rerun());
    clock.advance(CLAIM);
    assertEquals(2, again.release().offered().size());
    assertEquals(4, b.places().size(), "both objects read the same bookings");
    assertThrows(InvalidValueException.class, () -> Ballot.of(e, clock, terms(3), b.record()));
  }

  @Test
  void winnerTheRulesRefuse_isPassedOver_andThePlaceGoesDownTheList() {
    RuleSet oneADay = new RuleSet(List.of(new Quota(Quota.Scope.RESIDENT, Quota.Period.DAY, 1,
        null, null, null)));
    BookingEngine e = engine(4, oneADay);
    Lottery.Draw preview = Lottery.draw("b1", 2, entries(5), 3L);
    String unlucky = preview.winners().get(0);
    e.decide(new BookingRequest("own", "xh-court", unlucky, "h-own", START.plus(Duration.ofHours(2)),
        START.plus(Duration.ofHours(3)), 1));
    Ballot b = Ballot.draw(e, clock, terms(2), entries(5), 3L);
    List<String> holders = b.places().stream().map(Ballot.Place::residentId).toList();
    assertFalse(holders.contains(unlucky));
    assertEquals(List.of(preview.winners().get(1), preview.reserve().get(0)), holders);
    assertEquals("reserve-offered", e.history(b.bookingId(preview.reserve().get(0))).get(0)
        .action());
  }

  @Test
  void releaseAndNoticeWindows_doNotStopTheBallot_butStopFirstCome() {
    RuleSet notYet = new RuleSet(List.of(new NoticeWindow(Duration.ZERO, Duration.ofDays(2),
        null, null)));
    BookingEngine e = engine(3, notYet);
    Ballot b = Ballot.draw(e, clock, terms(2), entries(4), 1L);
    assertEquals(2, b.places().size());
    Reason why = assertInstanceOf(Decision.Rejected.class, e.decide(firstCome("early")))
        .reasons().get(0);
    assertEquals(RejectionCode.TOO_EARLY, why.code());
  }

  @Test
  void drawBeforeTheEntryWindowCloses_isRefused() {
    BookingEngine e = engine(3, RuleSet.NONE);
    clock.set(CLOSES.minusSeconds(1));
    InvalidValueException x = assertThrows(InvalidValueException.class,
        () -> Ballot.draw(e, clock, terms(2), entries(4), 1L));
    assertTrue(x.getMessage().contains("entry window is still open"), x.getMessage());
  }

  static final AtomicInteger RUNS = new AtomicInteger();
  static final AtomicInteger RESERVE_OFFERS = new AtomicInteger();
  static final AtomicInteger OPENED = new AtomicInteger();
  static final AtomicInteger FULL_AT_DRAW = new AtomicInteger();

  /**
   * For random entries, capacities, claims, cancellations and first-come bookings: the slot never
   * holds more than its capacity, the ballot never more than its places nor two places in one
   * household; and in the end every place no claim keeps went down the whole reserve list before
   * opening to first-come.
   */
  @Property(tries = 60)
  void ballot_neverOverCapacityOrPlaces_oneHouseholdOnePlace_unclaimedEndWithReserveOrFirstCome(
      @ForAll @IntRange(min = 1, max = 14) int entrants,
      @ForAll @IntRange(min = 1, max = 5) int capacity,
      @ForAll @IntRange(min = 1, max = 6) int places,
      @ForAll @IntRange(min = 0, max = 2) int firstComeBefore, @ForAll long seed) {
    clock.set(Instant.parse("2026-12-05T01:00:00Z"));
    BookingEngine e = engine(capacity, RuleSet.NONE);
    SplittableRandom rnd = new SplittableRandom(seed);
    int walkIns = 0;
    for (int i = 0; i < firstComeBefore; i++) {
      e.decide(firstCome("w" + walkIns++));
    }
    List<Lottery.Entry> entries = new ArrayList<>();
    for (int i = 0; i < entrants; i++) {
      entries.add(new Lottery.Entry("r" + i, "h" + rnd.nextInt(Math.max(1, entrants * 2 / 3)),
          rnd.nextInt(3)));
    }
    // Short claims and steps, so that every deadline passes before the slot starts.
    Duration claim = Duration.ofHours(2);
    Ballot b = Ballot.draw(e, clock, terms(places, claim), entries, seed);
    if (capacity - firstComeBefore < places) {
      FULL_AT_DRAW.incrementAndGet();
    }
    check(e, b, capacity, places);
    for (int round = 0; round < 5; round++) {
      for (Ballot.Place p : b.places()) {
        int roll = rnd.nextInt(6);
        if (p.booking().status() == BookingStatus.AWAITING_CLAIM && roll < 2) {
          b.claim(p.residentId());
        } else if (p.booking().status().holdsTime() && roll == 5) {
          e.cancel(p.booking().id());
        }
      }
      if (rnd.nextInt(3) == 0) {
        e.decide(firstCome("w" + walkIns++));
      }
      clock.advance(Duration.ofHours(rnd.nextInt(13)));
      b.release();
      check(e, b, capacity, places);
    }
    // Let every remaining deadline pass, offering down the list until nobody awaits a claim.
    for (int guard = 0; guard < 40 && b.places().stream().anyMatch(p -> p.booking().status()
        == BookingStatus.AWAITING_CLAIM); guard++) {
      clock.advance(claim);
      b.release();
      check(e, b, capacity, places);
    }
    assertTrue(clock.instant().isBefore(START), "the slot has not started");
    Ballot.Release last = b.release();
    long held = b.places().stream().filter(p -> p.booking().status().holdsTime()).count();
    assertEquals(places - held, last.openToFirstCome());
    Set<String> given = new HashSet<>();
    b.places().forEach(p -> given.add(p.residentId()));
    Set<String> householdsHeld = new HashSet<>();
    b.places().stream().filter(p -> p.booking().status().holdsTime())
        .forEach(p -> householdsHeld.add(p.booking().request().householdId()));
    if (held < places) {
      // The place went down the whole list: every candidate got a place, unless their household
      // holds one or the slot itself was full.
      boolean slotFull = e.bookings("xh-court").stream().mapToInt(x -> x.request().seats()).sum()
          >= capacity;
      for (String r : concat(b.record().winners(), b.record().reserve())) {
        String household = entries.stream().filter(x -> x.residentId().equals(r)).findFirst()
            .orElseThrow().householdId();
        assertTrue(given.contains(r) || householdsHeld.contains(household) || slotFull,
            r + " was skipped while a place was unclaimed");
      }
      if (!slotFull) {
        OPENED.incrementAndGet();
        assertInstanceOf(Decision.Accepted.class, e.decide(firstCome("after")),
            "an unclaimed place is open to first-come");
      }
    }
    RUNS.incrementAndGet();
    RESERVE_OFFERS.addAndGet((int) b.places().stream().filter(p -> !b.record().winners()
        .contains(p.residentId())).count());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void check(BookingEngine e, Ballot b, int capacity, int places) {
    int seats = e.bookings("xh-court").stream().mapToInt(x -> x.request().seats()).sum();
    assertTrue(seats <= capacity, seats + " seats held of " + capacity);
    List<Ballot.Place> held = b.places().stream().filter(p -> p.booking().status().holdsTime())
        .toList();
    assertTrue(held.size() <= places, held.size() + " ballot places held of " + places);
    Set<String> households = new HashSet<>();
    for (Ballot.Place p : held) {
      assertTrue(households.add(p.booking().request().householdId()),
          "two places for household " + p.booking().request().householdId());
    }
  }

  /** The property must reach what it names: reserve offers, places opened, full slots. */
  @net.jqwik.api.lifecycle.AfterContainer
  static void reserveAndFirstComeWereReached() {
    if (RUNS.get() < 30) {
      return;
    }
    assertTrue(RESERVE_OFFERS.get() > RUNS.get() / 5, "reserve offers " + RESERVE_OFFERS + " in "
        + RUNS + " runs");
    assertTrue(OPENED.get() > RUNS.get() / 5, "places opened to first-come " + OPENED);
    assertTrue(FULL_AT_DRAW.get() > RUNS.get() / 10, "slots fuller than the ballot " + FULL_AT_DRAW);
    RUNS.set(0);
    RESERVE_OFFERS.set(0);
    OPENED.set(0);
    FULL_AT_DRAW.set(0);
  }
}
