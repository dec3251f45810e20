package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * How far ahead a booking may be made: at least {@code minAdvance} before it starts, at most
 * {@code maxAdvance} before, and, when {@code releaseDaysBefore} is set, not before bookings for its
 * day are released: at {@code releaseTime} on the day {@code releaseDaysBefore} days earlier, in the
 * resource's zone ("bookings for day D open at 00:00 on D-5", as Chinese venues release slots).
 * Immutable and thread-safe.
 *
 * @param minAdvance shortest notice, {@code >= 0}
 * @param maxAdvance longest notice, {@code >= minAdvance}
 * @param releaseDaysBefore days before the booking's date that its slots open, or null for no release rule
 * @param releaseTime local time of the release, or null (midnight) when {@code releaseDaysBefore} is set
 * @since 0.1.0
 */
public record NoticeWindow(Duration minAdvance, Duration maxAdvance, Integer releaseDaysBefore,
    LocalTime releaseTime) implements BookingRule {
  /**
   * Validates the window.
   *
   * @throws InvalidValueException if durations are negative or reversed
   */
  public NoticeWindow {
    InvalidValueException.check(minAdvance != null && !minAdvance.isNegative(), "minAdvance",
        minAdvance, "must be a duration >= 0, such as PT2H");
    InvalidValueException.check(maxAdvance != null && maxAdvance.compareTo(minAdvance) >= 0,
        "maxAdvance", maxAdvance, "must be a duration >= minAdvance " + minAdvance);
    InvalidValueException.check(releaseDaysBefore == null || releaseDaysBefore >= 0,
        "releaseDaysBefore", releaseDaysBefore, "must be >= 0");
    if (releaseDaysBefore != null && releaseTime == null) {
      releaseTime = LocalTime.MIDNIGHT;
    }
  }

  @Override
  public String type() {
    return "notice-window";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    List<Reason> out = new ArrayList<>();
    Duration notice = Duration.between(context.now(), request.start());
    if (notice.compareTo(minAdvance) < 0) {
      out.add(new Reason("too-late", type(), "bookings must be made at least " + minAdvance
          .toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " ahead"));
    }
    if (notice.compareTo(maxAdvance) > 0) {
      out.add(new Reason("too-early", type(), "bookings open at most " + maxAdvance.toDays()
          + " days ahead"));
    }
    if (releaseDaysBefore != null) {
      LocalDate day = request.start().atZone(context.resource().zone()).toLocalDate();
      Instant release = day.minusDays(releaseDaysBefore).atTime(releaseTime)
          .atZone(context.resource().zone()).toInstant();
      if (context.now().isBefore(release)) {
        out.add(new Reason("not-released", type(), "bookings for " + day + " open at "
            + release.atZone(context.resource().zone()).toLocalDateTime().toString()
                .replace('T', ' ') + " (" + releaseDaysBefore + " days before, at " + releaseTime
            + ")"));
      }
    }
    return out;
  }
}
