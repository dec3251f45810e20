/**
 * Booking rules as data: the sealed {@link dev.linli.scheduling.rule.BookingRule} and its records
 * (notice windows, durations, quotas, opening hours, caps, eligibility, approval, check-in),
 * combined in a {@link dev.linli.scheduling.rule.RuleSet} that reads and writes the
 * {@code linli-booking-rules} JSON document.
 *
 * <p>Rules sit above the booking values and below the engine: each judges a request through the
 * {@link dev.linli.scheduling.rule.RuleContext} interface, which the engine implements, and never
 * sees the engine itself. Rules are immutable and thread-safe; a rejection says every way a request
 * breaks a rule.
 */
package dev.linli.scheduling.rule;
