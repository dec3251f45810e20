package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Duration;

/**
 * A request to award a volunteer for time served, posted at once by {@link TimeBank#award} or
 * proposed by {@link TimeBank#propose}. Immutable and thread-safe.
 *
 * <pre>{@code
 * bank.award(AwardRequest.of("act-1205-v-jf-001", "v-jf-001", Duration.ofHours(2))
 *     .in("elderly-care").forActivity("act-1205"));
 * }</pre>
 *
 * @param awardId caller-chosen id of the award; a retry with the same id applies nothing twice
 * @param memberId the volunteer, enrolled in the time bank
 * @param category the activity category, which sets the points coefficient (such as
 *     {@code elderly-care})
 * @param served the time served, at least one minute
 * @param activityId the activity, kept as the transfers' user data
 * @since 0.1.0
 */
public record AwardRequest(String awardId, String memberId, String category, Duration served,
    String activityId) {
  /** The category of {@link #of}, until {@link #in} names another. */
  public static final String GENERAL = "general";

  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id or the category (a transfer code) is malformed, or
   *     {@code served} is missing or shorter than a minute
   */
  public AwardRequest {
    Id.require(awardId, "awardId");
    Id.require(memberId, "memberId");
    TransferCodes.require(category, "category");
    InvalidValueException.check(served != null && served.compareTo(Duration.ofMinutes(1)) >= 0,
        "served", served, "must be at least PT1M: honour time counts whole minutes");
    Id.require(activityId, "activityId");
  }

  /**
   * Returns a request for {@code served} time in the {@code general} category, with the award id
   * as the activity.
   *
   * @param awardId caller-chosen id of the award
   * @param memberId the volunteer
   * @param served the time served, at least one minute
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static AwardRequest of(String awardId, String memberId, Duration served) {
    return new AwardRequest(awardId, memberId, GENERAL, served, awardId);
  }

  /**
   * Returns this request in another activity category.
   *
   * @param categoryCode the category, such as {@code elderly-care}
   * @return a copy
   * @throws InvalidValueException if the category is malformed
   */
  public AwardRequest in(String categoryCode) {
    return new AwardRequest(awardId, memberId, categoryCode, served, activityId);
  }

  /**
   * Returns this request for another activity.
   *
   * @param id the activity, kept as the transfers' user data
   * @return a copy
   * @throws InvalidValueException if the id is malformed
   */
  public AwardRequest forActivity(String id) {
    return new AwardRequest(awardId, memberId, category, served, id);
  }
}
