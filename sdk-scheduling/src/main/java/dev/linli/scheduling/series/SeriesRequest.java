package dev.linli.scheduling.series;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A recurring booking (a dance team's Tuesday evening): who, where, how long, when (a
 * {@link Recurrence} in the resource's zone), what to do when an occurrence cannot be booked, and how
 * to treat public holidays. Immutable and thread-safe.
 *
 * @param id the series id, 1-48 characters; occurrences get {@code <id>-<yyyyMMddHHmm>}
 * @param resourceId the resource
 * @param residentId who books
 * @param householdId their household
 * @param groupId the group it is for, or null
 * @param seats seats per occurrence, {@code >= 1}
 * @param recurrence when
 * @param length how long each occurrence lasts, positive
 * @param policy what happens when an occurrence is refused
 * @param skipHolidays true to leave out occurrences on public holidays
 * @param followMakeUpWorkdays true to add make-up workdays (调休) to a weekday series
 * @param horizon the last instant occurrences are booked up to (bounds infinite rules)
 * @since 0.1.0
 */
public record SeriesRequest(String id, String resourceId, String residentId, String householdId,
    String groupId, int seats, Recurrence recurrence, Duration length, Policy policy,
    boolean skipHolidays, boolean followMakeUpWorkdays, Instant horizon) {
  /**
   * The furthest a series is booked ahead of its start, in days (ten years and a few leap days): a
   * longer horizon would book occurrences no one plans for, and its ids would not fit.
   */
  public static final int MAX_HORIZON_DAYS = 3_660;

  /** What to do when some occurrences cannot be booked. */
  public enum Policy {
    /** Book every occurrence or none. */
    ALL_OR_NOTHING,
    /** Book what can be booked; report the rest. */
    SKIP_CONFLICTS,
    /** Skip what cannot be booked and add replacement dates after the end, to keep COUNT. */
    KEEP_COUNT
  }

  /**
   * Validates the request.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public SeriesRequest {
    Id.require(id, "id");
    InvalidValueException.check(id.length() <= 48, "id", id, "must be at most 48 characters, so"
        + " occurrence ids fit");
    Id.require(resourceId, "resourceId");
    Id.require(residentId, "residentId");
    Id.require(householdId, "householdId");
    Id.requireOptional(groupId, "groupId");
    InvalidValueException.check(seats >= 1, "seats", seats, "must be >= 1");
    InvalidValueException.requirePresent(recurrence, "recurrence");
    InvalidValueException.check(length != null && !length.isNegative() && !length.isZero(),
        "length", length, "must be a positive duration");
    InvalidValueException.requirePresent(policy, "policy");
    InvalidValueException.requirePresent(horizon, "horizon");
    Instant first = recurrence.start().atZone(recurrence.zone()).toInstant();
    InvalidValueException.check(horizon.isAfter(first) && !horizon.isAfter(first.plus(
        Duration.ofDays(MAX_HORIZON_DAYS))), "horizon", horizon, "must be after the series start "
        + recurrence.start() + " and at most " + MAX_HORIZON_DAYS + " days after it");
    InvalidValueException.check(policy != Policy.KEEP_COUNT || recurrence.rule().count() != null,
        "policy", policy, "KEEP_COUNT needs a rule with COUNT");
  }

  /**
   * Returns the id of the occurrence starting at {@code start}.
   *
   * @param start the occurrence's local start
   * @return {@code <id>-<yyyyMMddHHmm>}
   */
  public String occurrenceId(LocalDateTime start) {
    return id + "-" + start.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm",
        java.util.Locale.ROOT));
  }

  /**
   * Returns this series with another recurrence.
   *
   * @param other the recurrence
   * @return the request
   */
  public SeriesRequest with(Recurrence other) {
    return new SeriesRequest(id, resourceId, residentId, householdId, groupId, seats, other,
        length, policy, skipHolidays, followMakeUpWorkdays, horizon);
  }

  /**
   * Returns this series under another id (for the tail of a split).
   *
   * @param otherId the new id
   * @return the request
   */
  public SeriesRequest withId(String otherId) {
    return new SeriesRequest(otherId, resourceId, residentId, householdId, groupId, seats,
        recurrence, length, policy, skipHolidays, followMakeUpWorkdays, horizon);
  }
}
