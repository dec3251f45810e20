package dev.linli.scheduling.booking;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a booking request (or an operation on a booking) was refused: one stable code per kind of
 * refusal, written in JSON as its {@link #code()} ({@code conflict}, {@code quota-exceeded} …). Each
 * code says whether another time or another resource could cure it, which is what decides whether
 * the engine looks for alternatives. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum RejectionCode {
  /** The time overlaps bookings that leave too few seats, or a whole or part of the same space. */
  CONFLICT("conflict", true, true),
  /** More seats asked than the resource has. */
  TOO_MANY_SEATS("too-many-seats", false, true),
  /** Start or end is off the resource's slot grid. */
  OFF_GRID("off-grid", true, false),
  /** The resource is closed by a blackout. */
  BLACKOUT("blackout", true, true),
  /** Outside the opening hours (or on a date not bookable yet). */
  CLOSED("closed", true, true),
  /** Less notice than the notice window allows. */
  TOO_LATE("too-late", true, true),
  /** More notice than the notice window allows. */
  TOO_EARLY("too-early", false, true),
  /** The slots of that day are not released yet. */
  NOT_RELEASED("not-released", false, true),
  /** The start lies in the past (back-dating needs an explicit permission). */
  IN_THE_PAST("in-the-past", true, false),
  /** Shorter than the shortest booking allowed. */
  TOO_SHORT("too-short", false, true),
  /** Longer than the longest booking allowed. */
  TOO_LONG("too-long", false, true),
  /** A resident, household or group quota for the period is used up. */
  QUOTA_EXCEEDED("quota-exceeded", true, true),
  /** The resident holds as many upcoming bookings as allowed. */
  TOO_MANY_ACTIVE("too-many-active", false, false),
  /** Too many consecutive slots for one resident. */
  TOO_MANY_CONSECUTIVE("too-many-consecutive", true, true),
  /** The resource is for residents of another community. */
  NOT_RESIDENT("not-resident", false, true),
  /** The resource is for other age bands. */
  AGE_BAND("age-band", false, true),
  /** The resource is for members of some groups only. */
  NOT_IN_GROUP("not-in-group", false, true),
  /** The resident is banned after no-shows. */
  BANNED("banned", false, false),
  /** The booking id was already used for another request. */
  ID_REUSED("id-reused", false, false),
  /** No such resource. */
  UNKNOWN_RESOURCE("unknown-resource", false, false),
  /** No such booking holds time. */
  UNKNOWN_BOOKING("unknown-booking", false, false),
  /** The booking is not in the status the operation needs. */
  WRONG_STATUS("wrong-status", false, false),
  /** Check-in is not open now. */
  CHECK_IN_CLOSED("check-in-closed", false, false),
  /**
   * A ballot place was not claimed by its deadline.
   *
   * @since 0.2.0
   */
  CLAIM_EXPIRED("claim-expired", false, false),
  /**
   * Every place of a class is taken (the resident may wait for one).
   *
   * @since 0.2.0
   */
  CLASS_FULL("class-full", false, true),
  /**
   * The number of guests is outside what the space allows.
   *
   * @since 0.2.0
   */
  HEADCOUNT("headcount", false, true),
  /**
   * The actor may not change or cancel this booking: only the booker, their household or an admin
   * role may.
   */
  NOT_PERMITTED("not-permitted", false, false);

  private static final Map<String, RejectionCode> BY_CODE = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(RejectionCode::code, Function.identity()));

  private final String code;
  private final boolean curedByTime;
  private final boolean curedByPlace;

  RejectionCode(String code, boolean curedByTime, boolean curedByPlace) {
    this.code = code;
    this.curedByTime = curedByTime;
    this.curedByPlace = curedByPlace;
  }

  /**
   * Returns the stable code written in JSON and shown to apps.
   *
   * @return the code, such as {@code quota-exceeded}
   */
  public String code() {
    return code;
  }

  /**
   * Returns whether a later time of the same length on the same resource may pass this check (a
   * conflict, opening hours, a quota period), so alternatives are worth searching for.
   *
   * @return true if another time could cure it
   */
  public boolean curedByTime() {
    return curedByTime;
  }

  /**
   * Returns whether the same time on another resource of the group may pass this check (a
   * conflict, capacity, another resource's own rules).
   *
   * @return true if another resource could cure it
   */
  public boolean curedByPlace() {
    return curedByPlace;
  }

  /**
   * Returns the code written as {@code text}.
   *
   * @param text a code such as {@code conflict}
   * @return the code, or empty if there is none by that name
   */
  public static Optional<RejectionCode> fromCode(String text) {
    return Optional.ofNullable(BY_CODE.get(text));
  }

  /** Returns {@link #code()}, so messages and JSON show the stable code. */
  @Override
  public String toString() {
    return code;
  }
}
