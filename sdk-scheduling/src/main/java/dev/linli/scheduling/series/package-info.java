/**
 * Recurring bookings: RFC 5545 recurrence rules with EXDATE/RDATE, and
 * {@link dev.linli.scheduling.series.BookingSeries}, which books every occurrence through the engine
 * atomically (all or nothing, skip, keep count), skipping holidays and following make-up workdays.
 * Values are immutable; local times are read in the resource's zone.
 */
package dev.linli.scheduling.series;
