/**
 * The points ledger (共富银行): double-entry accounts and immutable transfers of points (共富积分),
 * service hours or any other asset.
 *
 * <p>What lives here: {@link dev.linli.points.Ledger} (built with {@link
 * dev.linli.points.Ledger#builder()}) and its values — {@link dev.linli.points.Account},
 * {@link dev.linli.points.TransferRequest}, {@link dev.linli.points.Transfer},
 * {@link dev.linli.points.Hold}, {@link dev.linli.points.Lot}, {@link dev.linli.points.Balance},
 * {@link dev.linli.points.Statement}, {@link dev.linli.points.HistoryQuery} — and the closed sets
 * of outcomes {@link dev.linli.points.TransferResult} and {@link dev.linli.points.AccountResult}.
 *
 * <p>What it guarantees: the balances of each asset sum to zero; transfers are never edited or
 * deleted (a reversal is a new transfer); a retry with the same id returns {@code EXISTS} and never
 * applies twice; a linked batch applies all or nothing; pending holds count against what an
 * account may spend; no account goes below its overdraft limit; every operation is linearizable
 * under one lock, with strictly increasing timestamps. Expected failures are result codes, not
 * exceptions. Values are immutable records; amounts are {@code long}; instants are stored and lot
 * lifetimes counted in the ledger's zone (Asia/Shanghai by default).
 *
 * <p>The services built on a ledger live in {@code timebank} and {@code volunteering}, reports in
 * {@code report}, the durable journal in {@code journal}.
 *
 * @since 0.1.0
 */
package dev.linli.points;
