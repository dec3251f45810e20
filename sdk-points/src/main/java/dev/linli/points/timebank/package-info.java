/**
 * A community time bank on a {@link dev.linli.points.Ledger}: the rules that turn hours served into
 * points and the ways points move between members, pools, merchants and communities.
 *
 * <p>What lives here: {@link dev.linli.points.timebank.TimeBank} (earning by
 * {@link dev.linli.points.timebank.EarningRules}, caps, referrals, gifts within a household,
 * donations, grants, guardians, per-period {@link dev.linli.points.timebank.MemberLimits}),
 * {@link dev.linli.points.timebank.Catalogue} (redemptions with stock and frequency limits, refunds,
 * merchant settlement) and {@link dev.linli.points.timebank.Alliance} (transfers between two
 * communities' ledgers).
 *
 * <p>{@link dev.linli.points.timebank.ServiceResult} is the one result of every points service
 * (volunteering's included): accepted with a typed state and the transfers made, or rejected with a
 * {@link dev.linli.points.timebank.ServiceCode}. Calls take request records
 * ({@link dev.linli.points.timebank.AwardRequest}, {@link dev.linli.points.timebank.GiftRequest},
 * {@link dev.linli.points.timebank.RedemptionRequest},
 * {@link dev.linli.points.timebank.AllianceTransfer}, ...) that validate their fields.
 *
 * <p>What it guarantees: every operation is idempotent by its caller-chosen id, and either applies
 * all of its ledger transfers or none; a refusal is a result with a stable code and a message that
 * says what was wrong, never an exception. Rules and limits are data (versioned JSON, see
 * {@code docs/formats.md}); calendar periods count in the ledger's zone. Services are thread-safe.
 *
 * @since 0.1.0
 */
package dev.linli.points.timebank;
