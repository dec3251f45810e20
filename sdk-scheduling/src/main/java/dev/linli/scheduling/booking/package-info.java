/**
 * Booking values: what is asked ({@link dev.linli.scheduling.booking.BookingRequest}), what is
 * booked ({@link dev.linli.scheduling.booking.Booking}, {@link dev.linli.scheduling.booking.BookingStatus},
 * {@link dev.linli.scheduling.booking.BookingEvent}), the resources booked and the answer
 * ({@link dev.linli.scheduling.booking.Decision} with {@link dev.linli.scheduling.booking.Reason}s
 * coded by {@link dev.linli.scheduling.booking.RejectionCode}).
 *
 * <p>The bottom layer of scheduling: it imports no rule and no engine. Every type is an immutable,
 * validating record or enum, safe to share between threads. Instants are UTC; a resource carries
 * the zone its local times are read in (default Asia/Shanghai); intervals are half-open.
 */
package dev.linli.scheduling.booking;
