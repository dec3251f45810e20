package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BookingNotice;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Approval;
import dev.linli.scheduling.rule.Reminders;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reminders of upcoming bookings: one {@code UPCOMING} notice per booking and lead time, when the
 * clock reaches it, in Asia/Shanghai (no daylight saving), including a reminder the evening before
 * a booking just after midnight.
 */
class RemindersTest {
  static final Reminders DAY_AND_TWO_HOURS = new Reminders(List.of(Duration.ofHours(2),
      Duration.ofHours(24)));
  private final MutableClock clock = MutableClock.at(at("2026-12-04T12:00"));
  private final List<BookingNotice> heard = new ArrayList<>();

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(Resource.SHANGHAI).toInstant();
  }

  private BookingEngine engine() {
    return BookingEngine.builder(clock).resources(List.of(
        Resource.exclusive("stage", Name.of("舞台", "Stage")),
        Resource.exclusive("hall", Name.of("家宴馆", "Banquet hall")),
        Resource.exclusive("gym", Name.of("健身房", "Gym"))))
        .rules(Map.of("stage", new RuleSet(List.of(DAY_AND_TWO_HOURS)),
            "hall", new RuleSet(List.of(DAY_AND_TWO_HOURS, new Approval(null)))))
        .listener(heard::add).build();
  }

  private static BookingRequest req(String id, String resource, String from, String to) {
    return new BookingRequest(id, resource, "r-" + id, "h-" + id, at(from), at(to), 1);
  }

  private List<String> sweep(BookingEngine e, String local) {
    clock.set(at(local));
    return e.remindUpcoming().stream().map(n -> n.request().id() + " "
        + n.leadTime().orElseThrow() + " " + n.at().atZone(Resource.SHANGHAI).toLocalDateTime())
        .toList();
  }

  @Test
  void bookingAfterMidnight_remindedTheDayBeforeAndAt2300_eachOnce() {
    BookingEngine e = engine();
    assertInstanceOf(Decision.Accepted.class, e.decide(req("late", "stage", "2026-12-06T01:00",
        "2026-12-06T02:00")));

    assertEquals(List.of(), sweep(e, "2026-12-05T00:59"));
    assertEquals(List.of("late PT24H 2026-12-05T01:00"), sweep(e, "2026-12-05T01:00"));
    assertEquals(List.of(), sweep(e, "2026-12-05T01:30"));
    assertEquals(List.of(), sweep(e, "2026-12-05T22:59:59"));
    // Two hours before 01:00 on the 6th is 23:00 on the 5th: the reminder crosses midnight.
    assertEquals(List.of("late PT2H 2026-12-05T23:00"), sweep(e, "2026-12-05T23:00"));
    assertEquals(List.of(), sweep(e, "2026-12-05T23:59"));
    assertEquals(List.of(), sweep(e, "2026-12-06T00:30"));

    assertEquals(2, heard.stream().filter(n -> n.kind() == BookingNotice.Kind.UPCOMING).count());
    BookingNotice last = heard.get(heard.size() - 1);
    assertEquals(BookingNotice.Kind.UPCOMING, last.kind());
    assertEquals("r-late", last.residentId());
    assertEquals(Optional.of(Duration.ofHours(2)), last.leadTime());
    assertEquals(e.booking("late").orElseThrow(), last.booking());
  }

  @Test
  void lateSweep_sendsWhatFellDueMeanwhile_once_byDueInstant() {
    BookingEngine e = engine();
    e.decide(req("a", "stage", "2026-12-05T20:00", "2026-12-05T21:00"));
    e.decide(req("b", "stage", "2026-12-05T10:00", "2026-12-05T11:00"));

    // b's day-ahead reminder fell due at 10:00, before it was booked at 12:00: never sent.
    assertEquals(List.of(), sweep(e, "2026-12-04T12:30"));
    List<String> late = sweep(e, "2026-12-05T09:00");
    assertEquals(List.of("a PT24H 2026-12-04T20:00", "b PT2H 2026-12-05T08:00"), late);
    assertEquals(List.of(), sweep(e, "2026-12-05T09:01"));
  }

  @Test
  void bookedInsideALeadTime_thatReminderSkipped_theShorterOneSent() {
    BookingEngine e = engine();
    clock.set(at("2026-12-05T08:00"));
    e.decide(req("soon", "stage", "2026-12-05T12:00", "2026-12-05T13:00"));

    assertEquals(List.of(), sweep(e, "2026-12-05T09:59"));
    assertEquals(List.of("soon PT2H 2026-12-05T10:00"), sweep(e, "2026-12-05T10:00"));
  }

  @Test
  void cancelledPendingStartedOrUnremindedResource_noReminder() {
    BookingEngine e = engine();
    e.decide(req("gone", "stage", "2026-12-05T20:00", "2026-12-05T21:00"));
    e.cancel("gone");
    e.decide(req("pending", "hall", "2026-12-05T20:00", "2026-12-05T21:00"));
    e.decide(req("gym", "gym", "2026-12-05T20:00", "2026-12-05T21:00"));

    assertEquals(List.of(), sweep(e, "2026-12-05T19:00"));
    e.approve("pending", "staff");
    // Approved now: its two hours fell due at 18:00, after it was accepted.
    assertEquals(List.of("pending PT24H 2026-12-04T20:00", "pending PT2H 2026-12-05T18:00"),
        sweep(e, "2026-12-05T19:00"));
    assertEquals(List.of(), sweep(e, "2026-12-05T20:00"));
  }

  @Test
  void movedBooking_remindedAgainForItsNewStart() {
    BookingEngine e = engine();
    e.decide(req("m", "stage", "2026-12-05T20:00", "2026-12-05T21:00"));
    assertEquals(List.of("m PT24H 2026-12-04T20:00"), sweep(e, "2026-12-04T20:00"));

    e.change(req("m", "stage", "2026-12-06T20:00", "2026-12-06T21:00"), "r-m");

    assertEquals(List.of("m PT24H 2026-12-05T20:00"), sweep(e, "2026-12-05T20:00"));
  }

  @Test
  void values_noneZeroOrRepeated_refused_keptLongestFirst() {
    assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(2)),
        DAY_AND_TWO_HOURS.leadTimes());
    assertThrows(InvalidValueException.class, () -> new Reminders(List.of()));
    assertThrows(InvalidValueException.class, () -> new Reminders(List.of(Duration.ZERO)));
    assertThrows(InvalidValueException.class, () -> new Reminders(List.of(Duration.ofHours(2),
        Duration.ofMinutes(120))));
  }

  private static RuleSet parse(String json) {
    return RuleSet.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "rules.json");
  }

  @Test
  void json_readsAndWritesBack_unknownFieldAndNegativeLeadRefusedWithPath() {
    RuleSet read = parse("{\"format\": \"linli-booking-rules\", \"version\": 1, \"rules\": ["
        + "{\"type\": \"reminders\", \"leadTimes\": [\"PT2H\", \"PT24H\"]}]}");
    assertEquals(new RuleSet(List.of(DAY_AND_TWO_HOURS)), read);
    assertEquals(read, parse(read.toJson()));
    DataFormatException unknown = assertThrows(DataFormatException.class, () -> parse(
        "{\"format\": \"linli-booking-rules\", \"version\": 1, \"rules\": ["
        + "{\"type\": \"reminders\", \"leadTimes\": [\"PT2H\"], \"channel\": \"sms\"}]}"));
    assertTrue(unknown.getMessage().contains("$.rules[0].channel"), unknown.getMessage());
    DataFormatException negative = assertThrows(DataFormatException.class, () -> parse(
        "{\"format\": \"linli-booking-rules\", \"version\": 1, \"rules\": ["
        + "{\"type\": \"reminders\", \"leadTimes\": [\"-PT2H\"]}]}"));
    assertTrue(negative.getMessage().contains("$.rules[0]"), negative.getMessage());
  }
}
