/**
 * The booking engine: {@link dev.linli.scheduling.engine.BookingEngine} decides requests against
 * every rule, keeps bookings, their history, no-shows and blackouts, and runs their lifecycle
 * (change, cancel, approve, check in, bump); {@link dev.linli.scheduling.engine.BookingConfig} builds
 * one from a JSON document.
 *
 * <p>The top layer of booking: it uses the values and the rules; series, waitlists, lotteries and
 * calendars exports build on it. Guarantee: no instant holds more seats than a resource has, and a
 * whole and its parts are never booked at overlapping times; a rejected request changes nothing.
 * The engine is thread-safe. Its machinery (admission checks, alternatives, lifecycle, the occupancy
 * index and the storage seam) is package-private.
 */
package dev.linli.scheduling.engine;
