package dev.linli.scheduling.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BlackoutPolicy;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingEvent;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Course} does over either store, run by a subclass per store: enrolment books
 * every remaining session or none, a full class waitlists, a drop-out frees every future session
 * and enrols the next waiting resident, attendance is per session.
 */
abstract class CourseContract {
  static final LocalDateTime FIRST = LocalDateTime.parse("2026-12-05T09:00");
  final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  /**
   * Returns {@code builder} with a fresh, empty store of the kind under test.
   *
   * @param builder configured with the ground
   * @return the same builder
   */
  abstract BookingEngine.Builder emptyStore(BookingEngine.Builder builder);

  BookingEngine engine(int seats) {
    Resource ground = Resource.exclusive("xh-ground", Name.of("湘湖运动场", "Xianghu ground"))
        .withCapacity(seats);
    return emptyStore(BookingEngine.builder(clock).resources(List.of(ground))
        .rules(Map.of("xh-ground", RuleSet.NONE))).build();
  }

  static ClassOffering jazz(int places, int sessions) {
    List<LocalDateTime> starts = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      starts.add(FIRST.plusWeeks(i));
    }
    return new ClassOffering("xh-jazz", Name.of("周末爵士舞班", "Weekend jazz dance"), "t-zhou",
        "xh-ground", places, 1, Duration.ofMinutes(90), starts);
  }

  static Instant at(LocalDateTime local) {
    return local.atZone(Resource.SHANGHAI).toInstant();
  }

  @Test
  void enrol_booksEverySession_andAgainReturnsTheSameBookings() {
    BookingEngine e = engine(30);
    Course c = Course.of(e, clock, jazz(20, 12));
    Enrolment.Enrolled in = assertInstanceOf(Enrolment.Enrolled.class, c.enrol("r-wang", "h-wang"));
    assertEquals(12, in.sessions().size());
    assertEquals("xh-jazz:r-wang:1", in.sessions().get(0).id());
    assertEquals(at(FIRST.plusWeeks(11)), in.sessions().get(11).request().start());
    assertEquals(in, c.enrol("r-wang", "h-wang"));
    assertEquals(List.of("r-wang"), c.roster());
    assertEquals(12, e.bookings("xh-ground").size());
  }

  @Test
  void enrol_oneSessionRefused_booksNone_andSaysWhy() {
    BookingEngine e = engine(30);
    Course c = Course.of(e, clock, jazz(20, 12));
    e.blackout(new BookingEngine.Blackout("xh-ground", at(FIRST.plusWeeks(7)),
        at(FIRST.plusWeeks(7).plusHours(3)), BlackoutPolicy.KEEP, "repairs"));
    Enrolment.Refused no = assertInstanceOf(Enrolment.Refused.class, c.enrol("r-li", "h-li"));
    assertEquals(RejectionCode.BLACKOUT, no.reasons().get(0).code());
    assertEquals(List.of(), e.bookings("xh-ground"), "nothing booked");
  }

  @Test
  void fullClass_waitlists_withClassFull_inEnglishAndChinese() {
    BookingEngine e = engine(30);
    Course c = Course.of(e, clock, jazz(2, 4));
    c.enrol("r-a", "h-a");
    c.enrol("r-b", "h-b");
    Enrolment.Waitlisted w = assertInstanceOf(Enrolment.Waitlisted.class, c.enrol("r-c", "h-c"));
    assertEquals(1, w.position());
    Reason r = w.reasons().get(0);
    assertEquals(RejectionCode.CLASS_FULL, r.code());
    assertEquals("class xh-jazz (Weekend jazz dance) has 2 places and all are taken; you are on"
        + " its waitlist", r.message());
    assertEquals("课程周末爵士舞班共2个名额，已满，已为您登记候补", r.messageZh());
    assertEquals(2, assertInstanceOf(Enrolment.Waitlisted.class, c.enrol("r-d", "h-d"))
        .position());
    assertEquals(1, assertInstanceOf(Enrolment.Waitlisted.class, c.enrol("r-c", "h-c"))
        .position(), "asking again keeps the place in the queue");
    assertEquals(List.of("r-c", "r-d"), c.waiting().stream().map(Course.Waiting::residentId)
        .toList());
  }

  @Test
  void dropOut_freesEveryFutureSession_andEnrolsTheNextWaiting() {
    BookingEngine e = engine(30);
    Course c = Course.of(e, clock, jazz(1, 4));
    c.enrol("r-a", "h-a");
    c.enrol("r-b", "h-b");
    clock.set(at(FIRST.plusWeeks(1)).plusSeconds(60));
    Course.DropOut out = c.drop("r-a", "r-a");
    assertEquals(List.of("xh-jazz:r-a:3", "xh-jazz:r-a:4"), out.cancelled().stream()
        .map(Booking::id).toList(), "sessions 1 and 2 have started and stay");
    assertEquals(BookingStatus.CONFIRMED, e.booking("xh-jazz:r-a:2").orElseThrow().status());
    List<BookingEvent> h = e.history("xh-jazz:r-a:3");
    assertEquals("dropped-out", h.get(h.size() - 1).action());
    assertEquals(List.of("xh-jazz:r-b:3", "xh-jazz:r-b:4"), out.enrolledFromWaitlist()
        .get("r-b").stream().map(Booking::id).toList());
    assertEquals(List.of("r-b"), c.roster());
    assertEquals(List.of(), c.waiting());
  }

  @Test
  void attendance_perSession() {
    BookingEngine e = engine(30);
    Course c = Course.of(e, clock, jazz(5, 3));
    c.enrol("r-a", "h-a");
    c.enrol("r-b", "h-b");
    clock.set(at(FIRST).plusSeconds(300));
    assertInstanceOf(Decision.Accepted.class, c.attend("r-a", 1, "t-zhou"));
    assertEquals(Map.of("r-a", BookingStatus.CHECKED_IN, "r-b", BookingStatus.CONFIRMED),
        c.attendance(1));
    assertEquals(Map.of("r-a", BookingStatus.CONFIRMED, "r-b", BookingStatus.CONFIRMED),
        c.attendance(2));
    assertEquals("t-zhou", e.history("xh-jazz:r-a:1").get(1).actorId());
  }

  @Test
  void classOver_refusedAsClosed() {
    BookingEngine e = engine(30);
    Course c = Course.of(e, clock, jazz(5, 2));
    clock.set(at(FIRST.plusWeeks(1)));
    Reason r = assertInstanceOf(Enrolment.Refused.class, c.enrol("r-a", "h-a")).reasons().get(0);
    assertEquals(RejectionCode.CLOSED, r.code());
    assertTrue(r.messageZh().contains("均已开始"), r.messageZh());
  }

  static final AtomicInteger RUNS = new AtomicInteger();
  static final AtomicInteger REFUSED = new AtomicInteger();
  static final AtomicInteger PROMOTED = new AtomicInteger();
  static final AtomicInteger WAITLISTED = new AtomicInteger();

  /**
   * For random enrolments, drop-outs and other bookings of the ground (which leave some sessions
   * full): every resident holds all the sessions after now or none of them, and no session holds
   * more residents than the class has places.
   */
  @Property(tries = 40)
  void enrolment_isAllRemainingSessionsOrNone_andNeverOverPlaces(
      @ForAll @IntRange(min = 1, max = 4) int places,
      @ForAll @IntRange(min = 2, max = 6) int seats,
      @ForAll @IntRange(min = 1, max = 6) int sessions, @ForAll long seed) {
    clock.set(Instant.parse("2026-12-01T00:00:00Z"));
    BookingEngine e = engine(seats);
    Course c = Course.of(e, clock, jazz(places, sessions));
    SplittableRandom rnd = new SplittableRandom(seed);
    int others = 0;
    for (int step = 0; step < 14; step++) {
      int roll = rnd.nextInt(10);
      String who = "r" + rnd.nextInt(8);
      if (roll < 5) {
        Enrolment en = c.enrol(who, "h" + who);
        if (en instanceof Enrolment.Refused) {
          REFUSED.incrementAndGet();
        } else if (en instanceof Enrolment.Waitlisted) {
          WAITLISTED.incrementAndGet();
        }
      } else if (roll < 7) {
        List<String> roster = c.roster();
        String leaving = roster.isEmpty() || rnd.nextInt(4) == 0 ? who
            : roster.get(rnd.nextInt(roster.size()));
        PROMOTED.addAndGet(c.drop(leaving, leaving).enrolledFromWaitlist().size());
      } else if (roll < 9) {
        LocalDateTime s = FIRST.plusWeeks(rnd.nextInt(sessions));
        e.decide(new BookingRequest("other" + others++, "xh-ground", "x" + others, "hx",
            at(s), at(s.plusMinutes(90)), 1 + rnd.nextInt(seats)));
      } else {
        clock.advance(Duration.ofDays(rnd.nextInt(9)));
      }
      check(e, c, places, sessions);
    }
    RUNS.incrementAndGet();
  }

  private void check(BookingEngine e, Course c, int places, int sessions) {
    Instant now = clock.instant();
    Map<String, List<Integer>> held = new java.util.TreeMap<>();
    int[] perSession = new int[sessions + 1];
    for (Booking b : e.bookings("xh-ground")) {
      if (!b.id().startsWith("xh-jazz:")) {
        continue;
      }
      int n = Integer.parseInt(b.id().substring(b.id().lastIndexOf(':') + 1));
      perSession[n]++;
      if (b.request().start().isAfter(now)) {
        held.computeIfAbsent(b.request().residentId(), k -> new ArrayList<>()).add(n);
      }
    }
    int future = 0;
    for (int n = 1; n <= sessions; n++) {
      assertTrue(perSession[n] <= places, "session " + n + " holds " + perSession[n]);
      if (at(FIRST.plusWeeks(n - 1)).isAfter(now)) {
        future++;
      }
    }
    for (var entry : held.entrySet()) {
      assertEquals(future, entry.getValue().size(), entry.getKey() + " holds sessions "
          + entry.getValue() + " of " + future + " remaining");
    }
  }

  /** The property must reach what it names: refusals, waitlists and promotions. */
  @net.jqwik.api.lifecycle.AfterContainer
  static void refusalsWaitlistsAndPromotionsWereReached() {
    if (RUNS.get() < 20) {
      return;
    }
    assertTrue(REFUSED.get() > RUNS.get() / 4, "refused enrolments " + REFUSED);
    assertTrue(WAITLISTED.get() > RUNS.get() / 2, "waitlisted enrolments " + WAITLISTED);
    assertTrue(PROMOTED.get() > RUNS.get() / 10, "enrolled from the waitlist " + PROMOTED);
    RUNS.set(0);
    REFUSED.set(0);
    WAITLISTED.set(0);
    PROMOTED.set(0);
  }
}
