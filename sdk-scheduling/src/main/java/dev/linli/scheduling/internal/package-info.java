/**
 * Machinery shared inside the scheduling module and never part of its API: the access bridge
 * through which waitlists run inside the booking engine's transactions. Not exported by
 * {@code module-info.java}.
 */
package dev.linli.scheduling.internal;
