package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

/**
 * How long points of one asset live: each credit to a member account starts a {@link Lot} that
 * expires {@code lifetime} later, counted in calendar days of {@code zone} (two years from
 * 2024-02-29 is 2026-02-28 in that zone), into the {@code sinkAccountId} account. Immutable and
 * thread-safe.
 *
 * @param asset the asset whose points expire
 * @param lifetime how long a lot lives, positive (such as {@code P2Y})
 * @param sinkAccountId the {@link AccountKind#EXPIRY_SINK} account that receives expired points;
 *     the ledger creates it
 * @param zone the zone whose calendar the lifetime is counted in
 * @since 0.1.0
 */
public record LotExpiry(String asset, Period lifetime, String sinkAccountId, ZoneId zone) {
  /**
   * Validates the policy.
   *
   * @throws InvalidValueException if a field is missing or the lifetime is not positive
   */
  public LotExpiry {
    InvalidValueException.requirePresent(asset, "asset");
    InvalidValueException.check(lifetime != null && !lifetime.isNegative() && !lifetime.isZero(),
        "lifetime", lifetime, "must be a positive period, such as P2Y");
    Id.require(sinkAccountId, "sinkAccountId");
    InvalidValueException.requirePresent(zone, "zone");
  }

  /**
   * Returns when a lot earned at {@code earnedAt} expires.
   *
   * @param earnedAt when the lot was earned
   * @return its expiry instant
   */
  public Instant expiryOf(Instant earnedAt) {
    return earnedAt.atZone(zone).plus(lifetime).toInstant();
  }
}
