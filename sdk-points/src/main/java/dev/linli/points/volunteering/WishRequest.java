package dev.linli.points.volunteering;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A request to post a micro-wish (微心愿) on a {@link WishBoard}: who it is for, what is wished
 * for, who posts it and what points, if any, are offered from which account. Immutable and
 * thread-safe; start with {@link #of} and add {@link #postedBy} and {@link #offering}.
 *
 * <pre>{@code
 * board.post(WishRequest.of("w-17", "jingfang", "r-zhou", "修一下卧室的窗户", "repair")
 *     .postedBy("grid-07").offering(80, "pool"));
 * }</pre>
 *
 * @param wishId caller-chosen id of the wish
 * @param communityId the community
 * @param requesterId the resident it is for
 * @param postedById the resident, or a grid worker posting for them
 * @param text what is wished for, 1-500 characters
 * @param category a category code, such as {@code repair} (checked when the wish is posted)
 * @param points points offered, {@code >= 0}
 * @param sourceAccountId the account the offered points are held from; present exactly when
 *     {@code points > 0}
 * @since 0.1.0
 */
public record WishRequest(String wishId, String communityId, String requesterId,
    String postedById, String text, String category, long points, String sourceAccountId) {
  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id is malformed, the text is empty or too long,
   *     {@code points < 0}, or the source account is missing while points are offered (or given
   *     while none are)
   */
  public WishRequest {
    Id.require(wishId, "wishId");
    Id.require(communityId, "communityId");
    Id.require(requesterId, "requesterId");
    Id.require(postedById, "postedById");
    text = text == null ? "" : text.strip();
    InvalidValueException.check(!text.isEmpty() && text.length() <= 500, "text", text,
        "must be 1-500 characters");
    InvalidValueException.check(points >= 0, "points", points, "must be >= 0");
    Id.requireOptional(sourceAccountId, "sourceAccountId");
    InvalidValueException.check((points > 0) == (sourceAccountId != null), "sourceAccountId",
        sourceAccountId, "is required when points > 0 and must be absent when it is 0");
  }

  /**
   * Returns a request posted by the resident themself, offering no points.
   *
   * @param wishId caller-chosen id of the wish
   * @param communityId the community
   * @param requesterId the resident it is for (and who posts it)
   * @param text what is wished for
   * @param category a category code
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static WishRequest of(String wishId, String communityId, String requesterId,
      String text, String category) {
    return new WishRequest(wishId, communityId, requesterId, requesterId, text, category, 0, null);
  }

  /**
   * Returns this request posted by {@code id} (a grid worker posting for the resident).
   *
   * @param id who posts it
   * @return a copy
   */
  public WishRequest postedBy(String id) {
    return new WishRequest(wishId, communityId, requesterId, id, text, category, points,
        sourceAccountId);
  }

  /**
   * Returns this request offering {@code amount} points held from {@code accountId}.
   *
   * @param amount points, {@code > 0}
   * @param accountId the funding account
   * @return a copy
   * @throws InvalidValueException if {@code amount <= 0} or the account id is malformed
   */
  public WishRequest offering(long amount, String accountId) {
    InvalidValueException.check(amount > 0, "points", amount,
        "must be > 0 when offering points (leave the offer out for none)");
    return new WishRequest(wishId, communityId, requesterId, postedById, text, category, amount,
        Id.require(accountId, "sourceAccountId"));
  }
}
