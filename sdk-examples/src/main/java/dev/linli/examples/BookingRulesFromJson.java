package dev.linli.examples;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.engine.BookingConfig;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.ical.ICalendar;
import dev.linli.scheduling.series.BookingSeries;
import dev.linli.scheduling.series.Recurrence;
import dev.linli.scheduling.series.RecurrenceRule;
import dev.linli.scheduling.series.SeriesDecision;
import dev.linli.scheduling.series.SeriesRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For app teams: a centre's booking rules live in JSON, not code. This program loads the bundled
 * {@code booking-config.json} (resources, groups, rules, residents), decides a few requests the way a
 * phone app would send them, books a weekly dance series, and exports everything to an .ics file
 * residents can import into their calendars. Depends only on the public API of sdk-scheduling.
 *
 * <p>Run: {@code java -cp linli.jar dev.linli.examples.BookingRulesFromJson out.ics}
 */
public final class BookingRulesFromJson {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private BookingRulesFromJson() {}

  /**
   * Runs the example.
   *
   * @param args the .ics file to write (default {@code centre.ics})
   * @throws IOException if the sample is missing or the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "centre.ics"), System.out);
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param ics where to write the calendar
   * @param out where to print
   * @throws IOException if the sample is missing or the file cannot be written
   */
  public static void run(Path ics, PrintStream out) throws IOException {
    // 1. The rules are data: one document per centre (docs/formats.md section 8).
    BookingConfig config;
    try (InputStream in = BookingRulesFromJson.class.getResourceAsStream(
        "/sample/hangzhou-seed/booking-config.json")) {
      if (in == null) {
        throw new IOException("the sample booking-config.json is missing from the classpath");
      }
      config = BookingConfig.parse(in, "booking-config.json");
    }
    // 2. An engine on a fixed clock, so the output is the same every run.
    Clock clock = Clock.fixed(at("2026-12-01T08:00"), SHANGHAI);
    BookingEngine engine = config.engine(clock);

    // 3. Requests as the app sends them; every rejection says why, in English and Chinese.
    List<BookingRequest> requests = List.of(
        new BookingRequest("app-1", "jf-gym", "r-chen", "hh-201", at("2026-12-05T07:00"),
            at("2026-12-05T08:00"), 1),
        new BookingRequest("app-2", "jf-court", "r-li", "hh-302", at("2026-12-05T09:00"),
            at("2026-12-05T10:00"), 1),
        new BookingRequest("app-3", "jf-court-a", "r-chen", "hh-201", at("2026-12-05T09:30"),
            at("2026-12-05T10:30"), 1),
        new BookingRequest("app-4", "jf-stage", "r-li", "hh-302", at("2026-12-06T14:00"),
            at("2026-12-06T15:00"), 1));
    for (BookingRequest r : requests) {
      Decision d = engine.decide(r);
      if (d instanceof Decision.Accepted a) {
        out.println(r.id() + " " + r.resourceId() + ": accepted (" + a.booking().status() + ")");
      } else {
        for (Reason reason : ((Decision.Rejected) d).reasons()) {
          out.println(r.id() + " " + r.resourceId() + ": rejected " + reason.code().code() + " — "
              + reason.messageZh());
        }
      }
    }

    // 4. A weekly series for the dance team in a meeting room, every occurrence checked.
    SeriesRequest dance = new SeriesRequest("dance-tue", "jf-room-2", "r-wang", "hh-118",
        "jf-dance-team", 1, Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=8"),
            LocalDateTime.parse("2026-12-08T19:00"), SHANGHAI), Duration.ofHours(2),
        SeriesRequest.Policy.ALL_OR_NOTHING, true, false, at("2027-06-01T00:00"));
    SeriesDecision series = BookingSeries.on(engine, HolidayCalendar.bundled()).book(dance);
    out.println("series dance-tue: " + (series.accepted() ? "accepted, " : "refused, ")
        + series.booked() + " occurrences booked");

    // 5. Export for residents' calendar apps.
    Map<String, Resource> resources = new LinkedHashMap<>();
    List<Booking> bookings = new ArrayList<>();
    for (Resource r : engine.resources()) {
      resources.put(r.id(), r);
      bookings.addAll(engine.bookings(r.id()));
    }
    Files.writeString(ics, ICalendar.write(bookings, List.of(dance), resources, clock.instant()),
        StandardCharsets.UTF_8);
    out.println("wrote " + ics.getFileName() + ": " + bookings.size() + " bookings, 1 series");
  }

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }
}
