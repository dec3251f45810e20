/**
 * Reports and exports read from a {@link dev.linli.points.Ledger}: leaderboards, the points
 * liability, points by earning category, and the books as an hledger / ledger-cli journal or CSV.
 *
 * <p>What it guarantees: reports only read (they change no ledger), are computed from one consistent
 * view of each account, and render amounts as exact integers; exports list every transfer once, so
 * their balances equal the ledger's.
 *
 * @since 0.1.0
 */
package dev.linli.points.report;
