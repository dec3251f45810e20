package dev.linli.scheduling.rule;

import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long a booking may be, buffers not counted. Immutable and thread-safe.
 *
 * @param min shortest booking, {@code > 0}
 * @param max longest booking, {@code >= min}
 * @since 0.1.0
 */
public record DurationLimits(Duration min, Duration max) implements BookingRule {
  /**
   * Validates the limits.
   *
   * @throws InvalidValueException if not positive or reversed
   */
  public DurationLimits {
    InvalidValueException.check(min != null && !min.isNegative() && !min.isZero(), "min", min,
        "must be a positive duration, such as PT30M");
    InvalidValueException.check(max != null && max.compareTo(min) >= 0, "max", max,
        "must be a duration >= min " + min);
  }

  @Override
  public String type() {
    return "duration";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    Duration d = request.duration();
    if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
      // Most requests comply: no list for them.
      return List.of();
    }
    List<Reason> out = new ArrayList<>();
    if (d.compareTo(min) < 0) {
      out.add(Reason.of(RejectionCode.TOO_SHORT, type(), "a booking lasts at least " + text(min)
          + " (asked " + text(d) + ")", "每次预约至少" + zh(min) + "（申请了" + zh(d) + "）",
          "min", min, "asked", d));
    }
    if (d.compareTo(max) > 0) {
      out.add(Reason.of(RejectionCode.TOO_LONG, type(), "a booking lasts at most " + text(max)
          + " (asked " + text(d) + ")", "每次预约最多" + zh(max) + "（申请了" + zh(d) + "）",
          "max", max, "asked", d));
    }
    return out;
  }

  static String text(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** A duration in Chinese: 2天3小时30分钟. */
  static String zh(Duration d) {
    StringBuilder s = new StringBuilder();
    if (d.toDays() > 0) {
      s.append(d.toDays()).append("天");
    }
    if (d.toHoursPart() > 0) {
      s.append(d.toHoursPart()).append("小时");
    }
    if (d.toMinutesPart() > 0 || s.length() == 0) {
      s.append(d.toMinutesPart()).append("分钟");
    }
    return s.toString();
  }
}
