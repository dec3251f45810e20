/**
 * Waitlists (候补) for full slots: offers with deadlines go to the next person the engine's rules
 * would accept; a seat is never offered twice at once. Built on the engine; thread-safe.
 */
package dev.linli.scheduling.waitlist;
