package dev.linli.core.people;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Instant;

/**
 * A micro-wish (微心愿): a small request from a resident, such as "someone to fix my window", that a
 * volunteer or partner unit claims and fulfils, optionally rewarded with points.
 *
 * <p>The record's fields always agree with its {@link WishStatus}: a claimed or fulfilled wish names
 * who claimed it and when; a final wish says when it closed; times never run backwards. Moving a wish
 * on returns a new value ({@link #claim}, {@link #release}, {@link #fulfil}, {@link #expire},
 * {@link #cancel}); a move its status does not allow throws. Times are UTC instants. Immutable and
 * thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param communityId the community where it was posted
 * @param requesterId the resident the wish is for
 * @param postedById who posted it: the resident, or a grid worker on their behalf
 * @param text what is wished for, 1-500 characters
 * @param category category code, lower-case letters, digits and {@code -}
 * @param pointsOffered points offered to whoever fulfils it, {@code >= 0}
 * @param pointsSourceId the account that funds the points (a community pool or donor); required when
 *     {@code pointsOffered > 0}, otherwise null
 * @param status where the wish is, not null
 * @param postedAt when it was posted, not null
 * @param claimedBy the volunteer or organisation that claimed it; set from CLAIMED on, else null
 * @param claimedAt when it was claimed; set whenever {@code claimedBy} is
 * @param closedAt when it became FULFILLED, EXPIRED or CANCELLED; null before
 * @since 0.1.0
 */
public record Wish(
    String id,
    String communityId,
    String requesterId,
    String postedById,
    String text,
    String category,
    long pointsOffered,
    String pointsSourceId,
    WishStatus status,
    Instant postedAt,
    String claimedBy,
    Instant claimedAt,
    Instant closedAt) {

  /**
   * Validates the wish and that its fields agree with its status.
   *
   * @throws InvalidValueException if a field is missing or malformed, or disagrees with the status
   */
  public Wish {
    Id.require(id, "id");
    Id.require(communityId, "communityId");
    Id.require(requesterId, "requesterId");
    Id.require(postedById, "postedById");
    text = text == null ? "" : text.strip();
    InvalidValueException.check(!text.isEmpty() && text.length() <= 500, "text", text,
        "must be 1-500 characters");
    InvalidValueException.check(Activity.isCategory(category), "category", category,
        "must be " + Activity.CATEGORY_RULE);
    InvalidValueException.check(pointsOffered >= 0, "pointsOffered", pointsOffered, "must be >= 0");
    Id.requireOptional(pointsSourceId, "pointsSourceId");
    InvalidValueException.check((pointsOffered > 0) == (pointsSourceId != null), "pointsSourceId",
        pointsSourceId, "is required when pointsOffered > 0 and must be absent when it is 0");
    InvalidValueException.requirePresent(status, "status");
    InvalidValueException.requirePresent(postedAt, "postedAt");
    Id.requireOptional(claimedBy, "claimedBy");
    InvalidValueException.check((claimedBy == null) == (claimedAt == null), "claimedAt", claimedAt,
        "is given exactly when claimedBy is");
    boolean claimedNow = status == WishStatus.CLAIMED || status == WishStatus.FULFILLED;
    InvalidValueException.check(!claimedNow || claimedBy != null, "claimedBy", claimedBy,
        "is required when status is " + status);
    InvalidValueException.check(status == WishStatus.CANCELLED || claimedNow || claimedBy == null,
        "claimedBy", claimedBy, "must be absent when status is " + status);
    InvalidValueException.check(claimedAt == null || !claimedAt.isBefore(postedAt), "claimedAt",
        claimedAt, "must not be before postedAt " + postedAt);
    InvalidValueException.check(status.isFinal() == (closedAt != null), "closedAt", closedAt,
        status.isFinal() ? "is required when status is " + status
            : "must be absent when status is " + status);
    Instant after = claimedAt != null ? claimedAt : postedAt;
    InvalidValueException.check(closedAt == null || !closedAt.isBefore(after), "closedAt", closedAt,
        "must not be before " + after);
  }

  /**
   * Returns a new wish in status REQUESTED.
   *
   * @param id the wish's id
   * @param communityId the community
   * @param requesterId the resident it is for
   * @param postedById who posts it
   * @param text what is wished for
   * @param category category code
   * @param pointsOffered points offered, {@code >= 0}
   * @param pointsSourceId funding account, or null when no points are offered
   * @param postedAt when it is posted
   * @return the wish
   */
  public static Wish post(String id, String communityId, String requesterId, String postedById,
      String text, String category, long pointsOffered, String pointsSourceId, Instant postedAt) {
    return new Wish(id, communityId, requesterId, postedById, text, category, pointsOffered,
        pointsSourceId, WishStatus.REQUESTED, postedAt, null, null, null);
  }

  /**
   * Returns this wish claimed by {@code claimantId} at {@code at}.
   *
   * @param claimantId volunteer or organisation id
   * @param at when it was claimed
   * @return the claimed wish
   * @throws InvalidValueException if the wish is not REQUESTED or {@code at} is before it was posted
   */
  public Wish claim(String claimantId, Instant at) {
    requireMove(WishStatus.CLAIMED);
    return new Wish(id, communityId, requesterId, postedById, text, category, pointsOffered,
        pointsSourceId, WishStatus.CLAIMED, postedAt, claimantId, at, null);
  }

  /**
   * Returns this wish back in REQUESTED because its claimant gave it up.
   *
   * @return the released wish
   * @throws InvalidValueException if the wish is not CLAIMED
   */
  public Wish release() {
    requireMove(WishStatus.REQUESTED);
    return new Wish(id, communityId, requesterId, postedById, text, category, pointsOffered,
        pointsSourceId, WishStatus.REQUESTED, postedAt, null, null, null);
  }

  /**
   * Returns this wish fulfilled at {@code at}.
   *
   * @param at when fulfilment was confirmed
   * @return the fulfilled wish
   * @throws InvalidValueException if the wish is not CLAIMED or {@code at} is before the claim
   */
  public Wish fulfil(Instant at) {
    return close(WishStatus.FULFILLED, at);
  }

  /**
   * Returns this wish expired at {@code at}.
   *
   * @param at when it expired
   * @return the expired wish
   * @throws InvalidValueException if the wish is not REQUESTED
   */
  public Wish expire(Instant at) {
    return close(WishStatus.EXPIRED, at);
  }

  /**
   * Returns this wish cancelled at {@code at}.
   *
   * @param at when it was cancelled
   * @return the cancelled wish
   * @throws InvalidValueException if the wish is already final
   */
  public Wish cancel(Instant at) {
    return close(WishStatus.CANCELLED, at);
  }

  private Wish close(WishStatus target, Instant at) {
    requireMove(target);
    return new Wish(id, communityId, requesterId, postedById, text, category, pointsOffered,
        pointsSourceId, target, postedAt, claimedBy, claimedAt, at);
  }

  private void requireMove(WishStatus target) {
    InvalidValueException.check(status.canMoveTo(target), "status", status,
        "a " + status + " wish cannot become " + target + "; it can become " + status.next());
  }
}
