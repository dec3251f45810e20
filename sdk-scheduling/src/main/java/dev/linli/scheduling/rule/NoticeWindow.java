package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
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
 *
 * <p>{@code operation} says what the window governs: {@code CREATE} (the default) applies to new
 * bookings and to the new time of a changed one; {@code CHANGE} and {@code CANCEL} measure the notice
 * from the original booking's start, so "no changes within 24 h, no cancellations within 2 h" are two
 * more windows. Immutable and thread-safe.
 *
 * @param minAdvance shortest notice, {@code >= 0}
 * @param maxAdvance longest notice, {@code >= minAdvance}
 * @param releaseDaysBefore days before the booking's date that its slots open, or null for no release rule
 * @param releaseTime local time of the release, or null (midnight) when {@code releaseDaysBefore} is set
 * @param operation what the window governs, {@code CREATE} when null
 * @since 0.1.0
 */
public record NoticeWindow(Duration minAdvance, Duration maxAdvance, Integer releaseDaysBefore,
    LocalTime releaseTime, RuleContext.Operation operation) implements BookingRule {
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
    operation = operation == null ? RuleContext.Operation.CREATE : operation;
  }

  /**
   * Returns a window for new bookings.
   *
   * @param minAdvance shortest notice
   * @param maxAdvance longest notice
   * @param releaseDaysBefore days before the date its slots open, or null
   * @param releaseTime local time of the release, or null
   */
  public NoticeWindow(Duration minAdvance, Duration maxAdvance, Integer releaseDaysBefore,
      LocalTime releaseTime) {
    this(minAdvance, maxAdvance, releaseDaysBefore, releaseTime, RuleContext.Operation.CREATE);
  }

  @Override
  public String type() {
    return "notice-window";
  }

  /** A notice window judges cancellations too (a cancel window counts from the booking's start). */
  @Override
  public boolean appliesTo(RuleContext.Operation operation) {
    return true;
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    RuleContext.Operation op = context.operation();
    boolean applies = operation == op
        || (operation == RuleContext.Operation.CREATE && op == RuleContext.Operation.CHANGE);
    if (!applies) {
      return List.of();
    }
    // A change or cancel window counts from the booking as it was; create counts from the new time.
    Instant start = operation == RuleContext.Operation.CREATE ? request.start()
        : context.original().map(b -> b.request().start()).orElse(request.start());
    Duration notice = Duration.between(context.now(), start);
    if (notice.compareTo(minAdvance) >= 0 && notice.compareTo(maxAdvance) <= 0
        && (releaseDaysBefore == null || operation != RuleContext.Operation.CREATE
            || !context.now().isBefore(release(request, context)))) {
      // Most requests fall inside the window: the words of a refusal are not needed.
      return List.of();
    }
    List<Reason> out = new ArrayList<>();
    String verb = switch (operation) {
      case CREATE -> "made";
      case CHANGE -> "changed";
      case CANCEL -> "cancelled";
    };
    String verbZh = switch (operation) {
      case CREATE -> "预约";
      case CHANGE -> "改约";
      case CANCEL -> "取消";
    };
    if (notice.compareTo(minAdvance) < 0) {
      out.add(Reason.of(RejectionCode.TOO_LATE, type(), "bookings must be " + verb + " at least "
          + DurationLimits.text(minAdvance) + " before they start (" + DurationLimits.text(
              notice.isNegative() ? Duration.ZERO : notice) + " left)",
          "须在开始前至少" + DurationLimits.zh(minAdvance) + verbZh + "（还剩" + DurationLimits.zh(
              notice.isNegative() ? Duration.ZERO : notice) + "）",
          "operation", operation, "minAdvance", minAdvance, "notice", notice));
    }
    if (notice.compareTo(maxAdvance) > 0) {
      out.add(Reason.of(RejectionCode.TOO_EARLY, type(), "bookings can be " + verb + " at most "
          + DurationLimits.text(maxAdvance) + " ahead", "最早只能提前" + DurationLimits.zh(maxAdvance)
          + verbZh, "operation", operation, "maxAdvance", maxAdvance, "notice", notice));
    }
    if (releaseDaysBefore != null && operation == RuleContext.Operation.CREATE) {
      LocalDate day = request.start().atZone(context.resource().zone()).toLocalDate();
      Instant release = release(request, context);
      if (context.now().isBefore(release)) {
        String at = release.atZone(context.resource().zone()).toLocalDateTime().toString()
            .replace('T', ' ');
        out.add(Reason.of(RejectionCode.NOT_RELEASED, type(), "bookings for " + day + " open at " + at + " ("
            + releaseDaysBefore + " days before, at " + releaseTime + ")", day + "的场次于" + at
            + "开放预约（提前" + releaseDaysBefore + "天，" + releaseTime + "）", "date", day,
            "releaseAt", at));
      }
    }
    return out;
  }

  /** When bookings for the request's local day open (with {@link #releaseDaysBefore} set). */
  private Instant release(BookingRequest request, RuleContext context) {
    LocalDate day = request.start().atZone(context.resource().zone()).toLocalDate();
    return day.minusDays(releaseDaysBefore).atTime(releaseTime)
        .atZone(context.resource().zone()).toInstant();
  }
}
