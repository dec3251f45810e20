package dev.linli.points.timebank;

import dev.linli.core.Id;

/**
 * A request to redeem one catalogue item for a member, for {@link Catalogue#redeem}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * shop.redeem(RedemptionRequest.of("meal-0001", "v-jf-001", "lunch"));
 * }</pre>
 *
 * @param redemptionId caller-chosen id; a retry with the same id applies nothing twice
 * @param memberId the member, enrolled
 * @param itemId the catalogue item
 * @param operator who acts for the member (an authorised guardian), or null for the member
 * @since 0.1.0
 */
public record RedemptionRequest(String redemptionId, String memberId, String itemId,
    String operator) {
  /**
   * Validates the request.
   *
   * @throws dev.linli.core.InvalidValueException if an id is malformed
   */
  public RedemptionRequest {
    Id.require(redemptionId, "redemptionId");
    Id.require(memberId, "memberId");
    Id.require(itemId, "itemId");
    Id.requireOptional(operator, "operator");
  }

  /**
   * Returns a redemption made by the member themself.
   *
   * @param redemptionId caller-chosen id
   * @param memberId the member
   * @param itemId the item
   * @return the request
   * @throws dev.linli.core.InvalidValueException as the constructor
   */
  public static RedemptionRequest of(String redemptionId, String memberId, String itemId) {
    return new RedemptionRequest(redemptionId, memberId, itemId, null);
  }

  /**
   * Returns this redemption made by {@code guardianId} for the member.
   *
   * @param guardianId who acts for the member
   * @return a copy
   * @throws dev.linli.core.InvalidValueException if the id is malformed
   */
  public RedemptionRequest by(String guardianId) {
    return new RedemptionRequest(redemptionId, memberId, itemId, Id.require(guardianId,
        "operator"));
  }
}
