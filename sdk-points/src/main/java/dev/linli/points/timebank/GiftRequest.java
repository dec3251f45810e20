package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A request to give points to a member of the giver's household, for {@link TimeBank#gift}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * bank.gift(GiftRequest.of("g-0217", "v-jf-001", "r-jf-007", 50).by("guardian-01"));
 * }</pre>
 *
 * @param giftId caller-chosen id; a retry with the same id applies nothing twice
 * @param fromMember the giver, enrolled
 * @param toMember the receiver, enrolled, in the giver's household
 * @param amount points, {@code > 0}
 * @param operator who acts for the giver (an authorised guardian), or null for the giver
 * @since 0.1.0
 */
public record GiftRequest(String giftId, String fromMember, String toMember, long amount,
    String operator) {
  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id is malformed or {@code amount <= 0}
   */
  public GiftRequest {
    Id.require(giftId, "giftId");
    Id.require(fromMember, "fromMember");
    Id.require(toMember, "toMember");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    Id.requireOptional(operator, "operator");
  }

  /**
   * Returns a gift made by the giver themself.
   *
   * @param giftId caller-chosen id
   * @param fromMember the giver
   * @param toMember the receiver
   * @param amount points, {@code > 0}
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static GiftRequest of(String giftId, String fromMember, String toMember, long amount) {
    return new GiftRequest(giftId, fromMember, toMember, amount, null);
  }

  /**
   * Returns this gift made by {@code guardianId} for the giver.
   *
   * @param guardianId who acts for the giver
   * @return a copy
   * @throws InvalidValueException if the id is malformed
   */
  public GiftRequest by(String guardianId) {
    return new GiftRequest(giftId, fromMember, toMember, amount, Id.require(guardianId,
        "operator"));
  }
}
