/**
 * iCalendar (RFC 5545) export of bookings and series, for residents' phone calendars. Writes
 * only; stateless and thread-safe.
 */
package dev.linli.scheduling.ical;
