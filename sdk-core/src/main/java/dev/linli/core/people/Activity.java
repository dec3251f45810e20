package dev.linli.core.people;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A public-benefit activity (公益活动): an event with a time, a place and a number of places, such as
 * delivering meals to the elderly or a weekend repair fair.
 *
 * <p>Time is the half-open interval {@code [start, end)} in UTC instants; display it in the
 * community's zone. {@code category} is the code the points rules use to weight hours (for example
 * {@code elderly-care}). Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param communityId the community where it happens
 * @param organiserId the team or organisation that runs it
 * @param title bilingual title, not null
 * @param category activity category code: lower-case letters, digits and {@code -}
 * @param placeId the facility or neighbourhood centre where it happens, or null (for example door to door)
 * @param start when it starts, not null
 * @param end when it ends, after {@code start}
 * @param capacity how many volunteers or participants it takes, {@code >= 1}
 * @since 0.1.0
 */
public record Activity(
    String id,
    String communityId,
    String organiserId,
    Name title,
    String category,
    String placeId,
    Instant start,
    Instant end,
    int capacity) {

  /** What a category code may look like, for error messages. */
  public static final String CATEGORY_RULE = "lower-case letters, digits and '-' (1-40 characters)";

  private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /**
   * Validates the activity.
   *
   * @throws InvalidValueException if a field is missing or malformed, the activity does not end
   *     after it starts, or capacity is below 1
   */
  public Activity {
    Id.require(id, "id");
    Id.require(communityId, "communityId");
    Id.require(organiserId, "organiserId");
    InvalidValueException.requirePresent(title, "title");
    InvalidValueException.check(isCategory(category), "category", category,
        "must be " + CATEGORY_RULE);
    Id.requireOptional(placeId, "placeId");
    InvalidValueException.requirePresent(start, "start");
    InvalidValueException.requirePresent(end, "end");
    InvalidValueException.check(end.isAfter(start), "end", end, "must be after start " + start);
    InvalidValueException.check(capacity >= 1, "capacity", capacity, "must be >= 1");
  }

  static boolean isCategory(String category) {
    return category != null && CATEGORY.matcher(category).matches();
  }

  /**
   * Returns how long the activity lasts.
   *
   * @return {@code end - start}, positive
   */
  public Duration duration() {
    return Duration.between(start, end);
  }
}
