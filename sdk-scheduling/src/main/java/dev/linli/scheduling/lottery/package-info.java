/**
 * Seeded, auditable lotteries for oversubscribed slots: the same seed and entries give the same
 * draw, with one win per household. Thread-safe.
 */
package dev.linli.scheduling.lottery;
