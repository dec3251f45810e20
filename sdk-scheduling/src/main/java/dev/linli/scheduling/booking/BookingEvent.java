package dev.linli.scheduling.booking;

import java.time.Instant;

/**
 * One entry of a booking's history: who did what when, and the booking before and after. Immutable
 * and thread-safe.
 *
 * @param at when (UTC, the engine's clock)
 * @param actorId who: the resident, staff, or {@code system} for automatic steps
 * @param action what: {@code created}, {@code changed}, {@code approved}, {@code declined},
 *     {@code checked-in}, {@code cancelled}, {@code no-show}, {@code blackout}
 * @param before the booking before, or null when it was created
 * @param after the booking after
 * @since 0.1.0
 */
public record BookingEvent(Instant at, String actorId, String action, Booking before,
    Booking after) {}
