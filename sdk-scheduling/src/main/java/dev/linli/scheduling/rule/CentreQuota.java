package dev.linli.scheduling.rule;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cap on how much one resident, household or group may book across a set of resources together
 * in a calendar period: "3 bookings a week per household across all rooms" (a resource group), or
 * a quota per kind of booking (the two sports courts and the gym as {@code sports}). Unlike a
 * {@link Quota}, which counts the bookings of its own resource, this one counts the bookings of
 * every resource it names, plus the request. Periods are calendar days, ISO weeks (Monday first),
 * months or years in the zone of the resource asked for, by each booking's start.
 *
 * <p>Put the same rule in the rules of each resource it names: a request is capped by the rules of
 * the resource it asks for. The engine refuses a rule set whose centre quota names an unknown
 * resource or leaves out the resource it belongs to. On PostgreSQL the count is read under the
 * resident's, household's or group's lock, which every booking decision for them takes whatever
 * the resource, so engines sharing a database never exceed it together. Immutable and thread-safe.
 *
 * @param name the quota's id, shown in messages (such as {@code rooms} or {@code sports})
 * @param resources the resource ids counted together, at least one, without repeats
 * @param scope whose bookings count together
 * @param period the calendar period
 * @param maxBookings most bookings in a period across the resources, or null for no count cap
 * @param maxTime most booked time in a period across the resources, or null for no time cap
 * @since 0.2.0
 */
public record CentreQuota(String name, List<String> resources, Quota.Scope scope,
    Quota.Period period, Integer maxBookings, Duration maxTime) implements BookingRule {
  /**
   * Validates the quota.
   *
   * @throws InvalidValueException if the name or a resource id is malformed, the resources are
   *     empty or repeat, no cap is set or a cap is not positive
   */
  public CentreQuota {
    Id.require(name, "name");
    InvalidValueException.check(resources != null && !resources.isEmpty(), "resources",
        resources, "must list the resource ids counted together, such as [\"room-1\", \"room-2\"]");
    for (String id : resources) {
      Id.require(id, "resources");
    }
    InvalidValueException.check(resources.stream().distinct().count() == resources.size(),
        "resources", resources, "must not repeat a resource id");
    resources = List.copyOf(resources);
    InvalidValueException.requirePresent(scope, "scope");
    InvalidValueException.requirePresent(period, "period");
    InvalidValueException.check(maxBookings != null || maxTime != null, "maxBookings", null,
        "a centre quota needs maxBookings, maxTime or both");
    InvalidValueException.check(maxBookings == null || maxBookings >= 1, "maxBookings",
        maxBookings, "must be >= 1");
    InvalidValueException.check(maxTime == null || (!maxTime.isNegative() && !maxTime.isZero()),
        "maxTime", maxTime, "must be a positive duration, such as PT4H");
  }

  @Override
  public String type() {
    return "centre-quota";
  }

  @Override
  public List<Reason> check(BookingRequest request, RuleContext context) {
    String key = scope.holderOf(request);
    if (key == null) {
      return List.of();
    }
    ZoneId zone = context.resource().zone();
    LocalDate day = request.start().atZone(zone).toLocalDate();
    LocalDate first = period.start(day);
    LocalDate next = period.next(first);
    int count = 1;
    Duration time = request.duration();
    for (Booking b : context.bookingsStartingAcross(resources, first.atStartOfDay(zone)
        .toInstant(), next.atStartOfDay(zone).toInstant(), scope, key)) {
      if (key.equals(scope.holderOf(b.request()))) {
        count++;
        time = time.plus(b.request().duration());
      }
    }
    String who = switch (scope) {
      case RESIDENT -> "resident " + key;
      case HOUSEHOLD -> "household " + key;
      case GROUP -> "group " + key;
    };
    String whoZh = switch (scope) {
      case RESIDENT -> "居民" + key;
      case HOUSEHOLD -> "住户" + key;
      case GROUP -> "团队" + key;
    };
    String whenZh = period.everyZh();
    String across = name + " (" + String.join(", ", resources) + ")";
    String acrossZh = name + "（" + String.join("、", resources) + "）";
    String when = period.name().toLowerCase(Locale.ROOT);
    List<Reason> out = new ArrayList<>();
    if (maxBookings != null && count > maxBookings) {
      out.add(Reason.of(RejectionCode.QUOTA_EXCEEDED, type(), who + " may make " + maxBookings
          + " bookings a " + when + " across " + across + "; this would be number " + count,
          whoZh + whenZh + "在" + acrossZh + "合计最多预约" + maxBookings + "次，本次为第" + count
              + "次", "quota", name, "scope", scope, "period", period, "maxBookings",
          maxBookings, "count", count));
    }
    if (maxTime != null && time.compareTo(maxTime) > 0) {
      out.add(Reason.of(RejectionCode.QUOTA_EXCEEDED, type(), who + " may book "
          + DurationLimits.text(maxTime) + " a " + when + " across " + across
          + "; this would make " + DurationLimits.text(time), whoZh + whenZh + "在" + acrossZh
          + "合计最多预约" + DurationLimits.zh(maxTime) + "，本次后将达" + DurationLimits.zh(time),
          "quota", name, "scope", scope, "period", period, "maxTime", maxTime, "time", time));
    }
    return out;
  }
}
