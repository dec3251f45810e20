/**
 * Ballots (摇号) wired to the booking engine: a seeded draw gives places that winners claim by a
 * deadline; unclaimed places go down the reserve list and then to whoever books first.
 *
 * @since 0.2.0
 */
package dev.linli.scheduling.ballot;
