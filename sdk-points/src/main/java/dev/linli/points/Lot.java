package dev.linli.points;

import java.time.Instant;

/**
 * A lot of points: what one credit put into a member account, consumed first-in first-out by the
 * account's debits and expired, whatever is left of it, at {@code expiresAt} by
 * {@link Ledger#expireLots()}. Only accounts of kind {@link AccountKind#MEMBER} in an asset with a
 * {@link LotExpiry} policy keep lots. Immutable snapshot; thread-safe.
 *
 * @param accountId the member account
 * @param sourceTransferId the transfer that credited the lot
 * @param asset the asset
 * @param amount what the lot held when it was credited
 * @param remaining what is left of it, {@code 0..amount}
 * @param earnedAt when it was earned (UTC); a refund lot carries the date of the spend it undoes
 * @param expiresAt when what is left of it expires (UTC)
 * @since 0.1.0
 */
public record Lot(String accountId, String sourceTransferId, String asset, long amount,
    long remaining, Instant earnedAt, Instant expiresAt) {}
