package dev.linli.scheduling.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import dev.linli.scheduling.series.SeriesDecision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BookingSeriesTest {
  private static final ZoneId SH = Resource.SHANGHAI;
  private static final Instant HORIZON = Instant.parse("2027-06-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

  private BookingEngine engine(RuleSet rules) {
    Resource stage = Resource.exclusive("stage", Name.of("舞台", "Stage"));
    return BookingEngine.builder(clock).resources(List.of(stage)).rules(Map.of("stage", rules))
        .build();
  }

  private static SeriesRequest dance(String rrule, String start, SeriesRequest.Policy policy,
      boolean skipHolidays, boolean makeUp) {
    return new SeriesRequest("dance", "stage", "r-wang", "h-118", "dance-team", 1,
        Recurrence.of(RecurrenceRule.parse(rrule), LocalDateTime.parse(start), SH),
        Duration.ofHours(2), policy, skipHolidays, makeUp, HORIZON);
  }

  private static BookingRequest single(String id, String start) {
    Instant s = LocalDateTime.parse(start).atZone(SH).toInstant();
    return new BookingRequest(id, "stage", "r-li", "h-302", s, s.plus(Duration.ofHours(1)), 1);
  }

  @Test
  void everyOccurrence_isChecked_andAllOrNothingLeavesNothingBehind() {
    BookingEngine e = engine(new RuleSet(List.of(new OpeningHoursRule("Mo-Su 09:00-21:00",
        "Mo-Su 10:00-16:00", null, false))));
    e.decide(single("li-1", "2026-03-24T19:00"));
    SeriesDecision d = BookingSeries.on(e, HolidayCalendar.bundled()).book(dance(
        "FREQ=WEEKLY;BYDAY=TU;COUNT=12", "2026-02-03T18:00", SeriesRequest.Policy.ALL_OR_NOTHING,
        false, false));
    assertFalse(d.accepted());
    assertEquals(List.of("2026-02-17T18:00", "2026-03-24T18:00"), d.occurrences().stream()
        .filter(o -> o.outcome() == Outcome.REJECTED).map(o -> o.start().toLocalDateTime()
            .toString()).toList(), "春节 holiday hours and a conflict in week 8, both found");
    assertEquals(10, d.occurrences().stream().filter(o -> o.outcome() == Outcome.NOT_BOOKED)
        .count());
    assertEquals(1, e.bookings("stage").size(), "nothing of the series remains");
  }

  @Test
  void skipConflicts_booksTheRest_andKeepCountAddsReplacementsAfterTheEnd() {
    BookingEngine e = engine(RuleSet.NONE);
    e.decide(single("li-1", "2026-03-24T19:00"));
    BookingSeries series = BookingSeries.on(e, HolidayCalendar.bundled());
    SeriesDecision skip = series.book(dance("FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        "2026-03-10T18:00", SeriesRequest.Policy.SKIP_CONFLICTS, false, false));
    assertEquals(3, skip.booked());
    BookingEngine e2 = engine(RuleSet.NONE);
    e2.decide(single("li-1", "2026-03-24T19:00"));
    SeriesDecision keep = BookingSeries.on(e2, HolidayCalendar.bundled()).book(dance(
        "FREQ=WEEKLY;BYDAY=TU;COUNT=4", "2026-03-10T18:00", SeriesRequest.Policy.KEEP_COUNT,
        false, false));
    assertEquals(4, keep.booked());
    assertEquals(List.of("2026-04-07T18:00"), keep.occurrences().stream()
        .filter(o -> o.outcome() == Outcome.REPLACEMENT).map(o -> o.start().toLocalDateTime()
            .toString()).toList());
  }

  @Test
  void holidaysAreSkipped_andMakeUpWorkdaysJoinAWeekdaySeries() {
    BookingEngine e = engine(RuleSet.NONE);
    SeriesDecision d = BookingSeries.on(e, HolidayCalendar.bundled()).book(dance(
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260228T235959Z", "2026-02-09T07:00",
        SeriesRequest.Policy.SKIP_CONFLICTS, true, true));
    List<String> skipped = d.occurrences().stream().filter(o -> o.outcome()
        == Outcome.SKIPPED_HOLIDAY).map(o -> o.start().toLocalDate().toString()).toList();
    assertTrue(skipped.contains("2026-02-17"), skipped::toString);
    List<String> booked = d.occurrences().stream().filter(o -> o.outcome() == Outcome.BOOKED)
        .map(o -> o.start().toLocalDate().toString()).toList();
    assertTrue(booked.contains("2026-02-14"), "the make-up Saturday: " + booked);
    assertFalse(booked.contains("2026-02-15"), "an ordinary Sunday");
  }

  @Test
  void cancellingOneOccurrence_addsAnExdate_andSplittingChangesThisAndFollowing() {
    BookingEngine e = engine(RuleSet.NONE);
    BookingSeries series = BookingSeries.on(e, HolidayCalendar.bundled());
    SeriesRequest dance = dance("FREQ=WEEKLY;BYDAY=SA;COUNT=6", "2026-05-02T14:00",
        SeriesRequest.Policy.ALL_OR_NOTHING, false, false);
    assertTrue(series.book(dance).accepted());
    SeriesRequest less = series.cancelOccurrence(dance, LocalDateTime.parse("2026-05-16T14:00"));
    assertTrue(less.recurrence().exdates().contains(LocalDateTime.parse("2026-05-16T14:00")));
    assertEquals(5, e.bookings("stage").size());
    assertEquals(5, less.recurrence().until(HORIZON).size());
    SeriesRequest evenings = dance("FREQ=WEEKLY;BYDAY=SA;COUNT=3", "2026-05-23T19:00",
        SeriesRequest.Policy.ALL_OR_NOTHING, false, false).withId("dance-eve");
    BookingSeries.Split split = series.splitAndBook(less, LocalDateTime.parse("2026-05-23T14:00"),
        evenings);
    assertTrue(split.after().accepted());
    assertEquals(List.of("2026-05-02T14:00", "2026-05-09T14:00"), Recurrence.local(
        split.before().recurrence().until(HORIZON)).stream().map(Object::toString).toList());
    assertEquals(List.of("2026-05-02T14:00", "2026-05-09T14:00", "2026-05-23T19:00",
        "2026-05-30T19:00", "2026-06-06T19:00"), e.bookings("stage").stream()
        .map(b -> b.request().start().atZone(SH).toLocalDateTime().toString()).toList());
  }

  @Test
  void quotas_countTheSeriesOwnOccurrences() {
    BookingEngine e = engine(new RuleSet(List.of(new Quota(Quota.Scope.GROUP, Quota.Period.MONTH,
        2, null))));
    SeriesDecision d = BookingSeries.on(e, HolidayCalendar.bundled()).book(dance(
        "FREQ=WEEKLY;BYDAY=SA;COUNT=4", "2026-05-02T14:00", SeriesRequest.Policy.SKIP_CONFLICTS,
        false, false));
    assertEquals(2, d.booked(), "two a month for the dance team");
    assertEquals("quota-exceeded", ((Decision.Rejected) d.occurrences().get(2).decision())
        .reasons().get(0).code().code());
  }

  /** Random single bookings, then random series under every policy: never two on the stage. */
  @Property(tries = 150)
  void aSeriesNeverDoubleBooks(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int singles) {
    SplittableRandom random = new SplittableRandom(seed);
    BookingEngine e = engine(RuleSet.NONE);
    for (int i = 0; i < singles; i++) {
      e.decide(single("s" + i, LocalDateTime.parse("2026-05-01T08:00").plusDays(random.nextInt(60))
          .plusHours(random.nextInt(12)).toString()));
    }
    BookingSeries series = BookingSeries.on(e, HolidayCalendar.bundled());
    String[] rules = {"FREQ=WEEKLY;BYDAY=SA;COUNT=8", "FREQ=DAILY;COUNT=20",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"};
    for (int k = 0; k < 3; k++) {
      SeriesRequest.Policy policy = SeriesRequest.Policy.values()[random.nextInt(3)];
      int before = e.bookings("stage").size();
      SeriesDecision d = series.book(dance(rules[random.nextInt(rules.length)],
          LocalDateTime.parse("2026-05-01T09:00").plusDays(random.nextInt(30))
              .plusHours(random.nextInt(10)).toString(), policy, random.nextBoolean(), false)
          .withId("series-" + k));
      if (!d.accepted()) {
        assertEquals(before, e.bookings("stage").size(), "a refused series leaves nothing");
      }
      assertEquals(before + d.booked(), e.bookings("stage").size());
    }
    TreeMap<Instant, Integer> delta = new TreeMap<>();
    for (Booking b : e.bookings("stage")) {
      delta.merge(b.request().start(), 1, Integer::sum);
      delta.merge(b.request().end(), -1, Integer::sum);
    }
    int current = 0;
    for (int v : delta.values()) {
      current += v;
      assertTrue(current <= 1, "the stage is never double-booked");
    }
  }

  @Test
  void aHorizonBeforeTheStart_orMoreThanTenYearsAhead_isRefusedWithTheRange() {
    SeriesRequest ok = dance("FREQ=WEEKLY;BYDAY=TU", "2026-12-01T19:00",
        SeriesRequest.Policy.ALL_OR_NOTHING, false, false);
    Instant start = LocalDateTime.parse("2026-12-01T19:00").atZone(SH).toInstant();
    for (Instant bad : List.of(start.minus(java.time.Duration.ofDays(1)), start,
        start.plus(java.time.Duration.ofDays(3_650_000)))) {
      dev.linli.core.InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.linli.core.InvalidValueException.class, () -> new SeriesRequest(ok.id(),
              ok.resourceId(), ok.residentId(), ok.householdId(), ok.groupId(), ok.seats(),
              ok.recurrence(), ok.length(), ok.policy(), ok.skipHolidays(),
              ok.followMakeUpWorkdays(), bad));
      assertTrue(e.getMessage().contains("must be after the series start 2026-12-01T19:00 and at"
          + " most 3660 days after it"), e.getMessage());
    }
  }
}
