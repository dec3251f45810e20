package dev.linli.scheduling.banquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.BookingStatus;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.rule.Approval;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The banquet hall: headcount, quote, approval, cleaning buffer and the refund schedule. */
class BanquetHallTest {
  static final Instant FEAST = Instant.parse("2026-12-20T10:00:00Z"); // 18:00 in Shanghai
  final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  static final BanquetTerms TERMS = new BanquetTerms("yf-banquet", 10, 40, 80_000, 500, 20_000,
      List.of(new BanquetTerms.RefundStep(Duration.ofDays(7), 100),
          new BanquetTerms.RefundStep(Duration.ofDays(2), 50)));

  BookingEngine engine() {
    Resource hall = Resource.exclusive("yf-banquet", Name.of("家宴馆", "Family banquet hall"))
        .withBuffers(Duration.ZERO, Duration.ofHours(2));
    return BookingEngine.builder(clock).resources(List.of(hall))
        .rules(Map.of("yf-banquet", new RuleSet(List.of(new Approval("centre approves feasts")))))
        .build();
  }

  static BookingRequest feast(String id, Instant start) {
    return new BookingRequest(id, "yf-banquet", "r-" + id, "h-" + id, start,
        start.plus(Duration.ofHours(3)), 1);
  }

  @Test
  void book_withinHeadcount_waitsForApproval_andIsQuoted() {
    BookingEngine e = engine();
    BanquetHall hall = BanquetHall.of(e, clock, TERMS);
    BanquetHall.Booked b = hall.book(feast("f1", FEAST), 24);
    assertEquals(BookingStatus.PENDING_APPROVAL,
        assertInstanceOf(Decision.Accepted.class, b.decision()).booking().status());
    assertEquals(new BanquetHall.Quote(24, 80_000, 500, 20_000), b.quote());
    assertEquals(BookingStatus.CONFIRMED, assertInstanceOf(Decision.Accepted.class,
        e.approve("f1", "staff-yf")).booking().status());
  }

  @Test
  void book_outsideHeadcount_refusedInEnglishAndChinese_withTheEnginesReasonsToo() {
    BookingEngine e = engine();
    BanquetHall hall = BanquetHall.of(e, clock, TERMS);
    hall.book(feast("f1", FEAST), 24);
    Decision.Rejected no = assertInstanceOf(Decision.Rejected.class,
        hall.book(feast("f2", FEAST), 60).decision());
    Reason r = no.reasons().get(0);
    assertEquals(RejectionCode.HEADCOUNT, r.code());
    assertEquals("Family banquet hall (yf-banquet) seats 10 to 40 guests; asked for 60",
        r.message());
    assertEquals("家宴馆可容纳10至40位宾客，申请了60位", r.messageZh());
    assertEquals(RejectionCode.CONFLICT, no.reasons().get(1).code(), "every reason at once");
    assertEquals(1, e.bookings("yf-banquet").size(), "nothing booked");
    assertEquals(RejectionCode.HEADCOUNT, assertInstanceOf(Decision.Rejected.class,
        hall.book(feast("f3", FEAST.plus(Duration.ofDays(1))), 9).decision()).reasons().get(0)
        .code());
  }

  @Test
  void cleaningBuffer_keepsTwoHoursFreeAfterEachFeast() {
    BookingEngine e = engine();
    BanquetHall hall = BanquetHall.of(e, clock, TERMS);
    hall.book(feast("f1", FEAST), 20);
    Instant end = FEAST.plus(Duration.ofHours(3));
    assertInstanceOf(Decision.Rejected.class, hall.book(feast("f2", end.plus(Duration.ofHours(1))),
        20).decision());
    assertInstanceOf(Decision.Accepted.class, hall.book(feast("f3", end.plus(Duration.ofHours(2))),
        20).decision());
  }

  @ParameterizedTest(name = "{0} before: {1}% of the fee")
  @CsvSource({"P10D, 100, 80000, 500", "P7D, 100, 80000, 500", "PT167H, 50, 40000, 250",
      "P2D, 50, 40000, 250", "PT47H, 0, 0, 0", "PT0S, 0, 0, 0"})
  void refund_followsTheScheduleByNotice_depositReturnedInFull(String notice, int percent,
      long feeFen, long points) {
    BanquetHall hall = BanquetHall.of(engine(), clock, TERMS);
    BanquetHall.Refund r = hall.refundFor(Duration.parse(notice));
    assertEquals(percent, r.percent());
    assertEquals(feeFen, r.feeFen());
    assertEquals(points, r.feePoints());
    assertEquals(20_000, r.depositFen());
  }

  @Test
  void cancel_computesTheRefundFromTheNoticeGivenNow() {
    BookingEngine e = engine();
    BanquetHall hall = BanquetHall.of(e, clock, TERMS);
    hall.book(feast("f1", FEAST), 20);
    clock.set(FEAST.minus(Duration.ofDays(3)));
    BanquetHall.Cancellation c = hall.cancel("f1", "r-f1");
    assertEquals(BookingStatus.CANCELLED, assertInstanceOf(Decision.Accepted.class,
        c.decision()).booking().status());
    assertEquals(new BanquetHall.Refund(Duration.ofDays(3), 50, 40_000, 250, 20_000), c.refund());
    BanquetHall.Cancellation again = hall.cancel("f1", "r-f1");
    assertEquals(0, again.refund().feeFen(), "a second cancellation refunds nothing more");
  }

  @Test
  void terms_refuseAScheduleThatRefundsMoreForLessNotice() {
    InvalidValueException x = assertThrows(InvalidValueException.class, () -> new BanquetTerms(
        "yf-banquet", 10, 40, 80_000, 0, 0, List.of(new BanquetTerms.RefundStep(
            Duration.ofDays(7), 50), new BanquetTerms.RefundStep(Duration.ofDays(2), 80))));
    assertTrue(x.getMessage().contains("refunds[1].percent"), x.getMessage());
    assertThrows(InvalidValueException.class, () -> new BanquetTerms("yf-banquet", 10, 5, 0, 0, 0,
        List.of()));
  }

  private static BanquetTerms parse(String json) {
    return BanquetTerms.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "banquet.json");
  }

  @Test
  void parse_readsTheDocumentedExample_andRefusesUnknownFields() {
    BanquetTerms t = parse("{\"format\": \"linli-banquet-terms\", \"version\": 1, \"resourceId\":"
        + " \"yf-banquet\", \"minGuests\": 10, \"maxGuests\": 40, \"feeFen\": 80000,"
        + " \"feePoints\": 0, \"depositFen\": 20000, \"refunds\": [{\"notice\": \"P7D\","
        + " \"percent\": 100}, {\"notice\": \"P2D\", \"percent\": 50}]}");
    assertEquals(50, t.refundPercent(Duration.ofDays(3)));
    DataFormatException x = assertThrows(DataFormatException.class, () -> parse("{\"format\":"
        + " \"linli-banquet-terms\", \"version\": 1, \"resourceId\": \"yf-banquet\","
        + " \"minGuests\": 10, \"maxGuests\": 40, \"feeFen\": 80000, \"feePoints\": 0,"
        + " \"depositFen\": 20000, \"tables\": 4, \"refunds\": []}"));
    assertTrue(x.getMessage().contains("tables"), x.getMessage());
    DataFormatException y = assertThrows(DataFormatException.class, () -> parse("{\"format\":"
        + " \"linli-banquet-terms\", \"version\": 1, \"resourceId\": \"yf-banquet\","
        + " \"minGuests\": 10, \"maxGuests\": 40, \"feeFen\": -1, \"feePoints\": 0,"
        + " \"depositFen\": 20000, \"refunds\": []}"));
    assertTrue(y.getMessage().contains("feeFen"), y.getMessage());
  }
}
