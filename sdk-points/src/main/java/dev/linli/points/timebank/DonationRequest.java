package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A request to donate points to the community's donation pool, for {@link TimeBank#donate}.
 * Immutable and thread-safe.
 *
 * @param donationId caller-chosen id; a retry with the same id applies nothing twice
 * @param member the donor, enrolled
 * @param amount points, {@code > 0}
 * @param operator who acts for the donor (an authorised guardian), or null for the donor
 * @since 0.1.0
 */
public record DonationRequest(String donationId, String member, long amount, String operator) {
  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id is malformed or {@code amount <= 0}
   */
  public DonationRequest {
    Id.require(donationId, "donationId");
    Id.require(member, "member");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    Id.requireOptional(operator, "operator");
  }

  /**
   * Returns a donation made by the donor themself.
   *
   * @param donationId caller-chosen id
   * @param member the donor
   * @param amount points, {@code > 0}
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static DonationRequest of(String donationId, String member, long amount) {
    return new DonationRequest(donationId, member, amount, null);
  }

  /**
   * Returns this donation made by {@code guardianId} for the donor.
   *
   * @param guardianId who acts for the donor
   * @return a copy
   * @throws InvalidValueException if the id is malformed
   */
  public DonationRequest by(String guardianId) {
    return new DonationRequest(donationId, member, amount, Id.require(guardianId, "operator"));
  }
}
