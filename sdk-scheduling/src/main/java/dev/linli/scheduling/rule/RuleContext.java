package dev.linli.scheduling.rule;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a rule may look at when it judges a request: the resource, the current time, the calendar,
 * and the bookings already accepted on the resource, looked up by start time through the engine's
 * index. Valid for the duration of one decision.
 *
 * @since 0.1.0
 */
public final class RuleContext {
  private final Resource resource;
  private final Instant now;
  private final HolidayCalendar calendar;
  private final BiFunction<Instant, Instant, List<Booking>> startingBetween;
  private final Operation operation;
  private final Booking original;
  private final Lookups lookups;

  /** What the resident is doing, so notice windows for create, change and cancel apply apart. */
  public enum Operation {
    /** A new booking. */
    CREATE,
    /** Moving or resizing a booking. */
    CHANGE,
    /** Cancelling a booking. */
    CANCEL
  }

  /**
   * What the engine knows beyond one resource, for eligibility, caps and bans.
   *
   * @since 0.1.0
   */
  public interface Lookups {
    /** Knows nothing: no residents, no bookings elsewhere, no no-shows. */
    Lookups NONE = new Lookups() {
      @Override
      public Optional<ResidentProfile> resident(String residentId) {
        return Optional.empty();
      }

      @Override
      public List<Booking> activeBookingsOf(String residentId) {
        return List.of();
      }

      @Override
      public List<Instant> noShowsOf(String residentId) {
        return List.of();
      }

      @Override
      public List<Booking> bookingsStarting(String resourceId, String scopedKey, Instant from,
          Instant to) {
        throw new UnsupportedOperationException("no index; RuleContext filters instead");
      }
    };

    /**
     * Returns a resident's profile.
     *
     * @param residentId the resident
     * @return the profile, or empty if unknown
     */
    Optional<ResidentProfile> resident(String residentId);

    /**
     * Returns the resident's bookings, on every resource, that hold their time.
     *
     * @param residentId the resident
     * @return the bookings
     */
    List<Booking> activeBookingsOf(String residentId);

    /**
     * Returns when the resident's no-shows happened (the bookings' starts), oldest first.
     *
     * @param residentId the resident
     * @return the instants
     */
    List<Instant> noShowsOf(String residentId);

    /**
     * Returns the bookings of a resource made by one resident, household or group whose start
     * lies in {@code [from, to)}, through an index.
     *
     * @param resourceId the resource
     * @param scopedKey {@code resident:<id>}, {@code household:<id>} or {@code group:<id>}
     * @param from first start included
     * @param to first start excluded
     * @return the bookings, by start
     */
    List<Booking> bookingsStarting(String resourceId, String scopedKey, Instant from, Instant to);
  }

  /**
   * Returns the key {@link #bookingsStarting(Instant, Instant, String)} groups bookings by.
   *
   * @param scope {@code resident}, {@code household} or {@code group}
   * @param id the resident, household or group id
   * @return {@code scope + ":" + id}
   */
  public static String scopedKey(String scope, String id) {
    return scope + ":" + id;
  }

  /**
   * Returns the resource's bookings by one resident, household or group that start in
   * {@code [from, to)}: through the engine's index, or by filtering when there is none.
   *
   * @param from first start included
   * @param to first start excluded
   * @param scopedKey see {@link #scopedKey}
   * @return the bookings, by start
   */
  public List<Booking> bookingsStarting(Instant from, Instant to, String scopedKey) {
    if (lookups != Lookups.NONE) {
      return lookups.bookingsStarting(resource.id(), scopedKey, from, to);
    }
    List<Booking> out = new java.util.ArrayList<>();
    for (Booking b : bookingsStarting(from, to)) {
      BookingRequest r = b.request();
      if (scopedKey.equals(scopedKey("resident", r.residentId()))
          || scopedKey.equals(scopedKey("household", r.householdId()))
          || (r.groupId() != null && scopedKey.equals(scopedKey("group", r.groupId())))) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Creates a context.
   *
   * @param resource the resource asked for
   * @param now the engine clock's current instant
   * @param calendar public holidays and make-up workdays
   * @param startingBetween the bookings of the resource whose start lies in {@code [from, to)}
   */
  public RuleContext(Resource resource, Instant now, HolidayCalendar calendar,
      BiFunction<Instant, Instant, List<Booking>> startingBetween) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.now = Objects.requireNonNull(now, "now");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.startingBetween = Objects.requireNonNull(startingBetween, "startingBetween");
    this.operation = Operation.CREATE;
    this.original = null;
    this.lookups = Lookups.NONE;
  }

  /**
   * Creates a context for any operation.
   *
   * @param resource the resource asked for
   * @param now the engine clock's current instant
   * @param calendar public holidays and make-up workdays
   * @param startingBetween the bookings of the resource whose start lies in {@code [from, to)}
   * @param operation what is being done
   * @param original the booking being changed or cancelled, or null for a new one
   * @param lookups residents, their bookings elsewhere and their no-shows
   */
  public RuleContext(Resource resource, Instant now, HolidayCalendar calendar,
      BiFunction<Instant, Instant, List<Booking>> startingBetween, Operation operation,
      Booking original, Lookups lookups) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.now = Objects.requireNonNull(now, "now");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.startingBetween = Objects.requireNonNull(startingBetween, "startingBetween");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.original = original;
    this.lookups = Objects.requireNonNull(lookups, "lookups");
  }

  /** @return what is being done */
  public Operation operation() {
    return operation;
  }

  /** @return the booking being changed or cancelled, if any */
  public Optional<Booking> original() {
    return Optional.ofNullable(original);
  }

  /** @return what the engine knows beyond this resource */
  public Lookups lookups() {
    return lookups;
  }

  /** @return the resource asked for */
  public Resource resource() {
    return resource;
  }

  /** @return the engine clock's current instant */
  public Instant now() {
    return now;
  }

  /** @return public holidays and make-up workdays */
  public HolidayCalendar calendar() {
    return calendar;
  }

  /**
   * Returns the resource's accepted bookings that start in {@code [from, to)}.
   *
   * @param from first start included
   * @param to first start excluded
   * @return the bookings, by start
   */
  public List<Booking> bookingsStarting(Instant from, Instant to) {
    return startingBetween.apply(from, to);
  }
}
