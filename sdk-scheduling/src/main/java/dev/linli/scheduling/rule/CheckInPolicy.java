package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Check-in (签到) and no-shows (爽约): residents check in from {@code opensBefore} before the start
 * until {@code grace} after it; a booking nobody checked in by then is released; {@code noShows}
 * no-shows within {@code within} ban the resident from booking for {@code banFor} after the last one
 * ("2 no-shows in 30 days: no bookings for 30 days"). The ban is this rule's check. Immutable and
 * thread-safe.
 *
 * @param opensBefore how early check-in opens, {@code >= 0}
 * @param grace how late after the start check-in is still accepted, {@code >= 0}
 * @param noShows how many no-shows trigger a ban, {@code >= 1}
 * @param within the window the no-shows are counted in, positive
 * @param banFor how long the ban lasts after the last no-show, positive
 * @since 0.1.0
 */
public record CheckInPolicy(Duration opensBefore, Duration grace, int noShows, Duration within,
    Duration banFor) implements BookingRule {
  /**
   * Validates the policy.
   *
   * @throws InvalidValueException if a duration is missing or out of range
   */
  public CheckInPolicy {
    InvalidValueException.check(opensBefore != null && !opensBefore.isNegative(), "opensBefore",
        opensBefore, "must be a duration >= 0, such as PT30M");
    InvalidValueException.check(grace != null && !grace.isNegative(), "grace", grace,
        "must be a duration >= 0, such as PT15M");
    InvalidValueException.check(noShows >= 1, "noShows", noShows, "must be >= 1");
    InvalidValueException.check(within != null && !within.isNegative() && !within.isZero(),
        "within", within, "must be a positive duration, such as P30D");
    InvalidValueException.check(banFor != null && !banFor.isNegative() && !banFor.isZero(),
        "banFor", banFor, "must be a positive duration, such as P30D");
  }

  @Override
  public String type() {
    return "check-in";
  }

  /**
   * Returns when a resident with these no-shows may book again, or null if they are not banned.
   *
   * @param noShowStarts the starts of their no-shows, oldest first
   * @param now the current instant
   * @return the end of the ban, or null
   */
  public Instant bannedUntil(List<Instant> noShowStarts, Instant now) {
    for (int i = noShowStarts.size() - 1; i >= noShows - 1; i--) {
      Instant last = noShowStarts.get(i);
      Instant first = noShowStarts.get(i - noShows + 1);
      if (Duration.between(first, last).compareTo(within) <= 0) {
        Instant until = last.plus(banFor);
        return until.isAfter(now) ? until : null;
      }
    }
    return null;
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    if (context.operation() == RuleContext.Operation.CANCEL) {
      return List.of();
    }
    Instant until = bannedUntil(context.noShowsOf(request.residentId()), context.now());
    if (until == null) {
      return List.of();
    }
    String at = until.atZone(context.resource().zone()).toLocalDateTime().toString()
        .replace('T', ' ');
    return List.of(Reason.of(RejectionCode.BANNED, type(), request.residentId() + " missed " + noShows
        + " bookings within " + DurationLimits.text(within) + " and may book again from " + at,
        DurationLimits.zh(within) + "内爽约" + noShows + "次，" + at + "后方可再次预约",
        "noShows", noShows, "bannedUntil", at));
  }
}
