package dev.linli.core.people;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.place.AgeBand;

/**
 * A resident (居民) as the SDK knows them: a pseudonymous id, a household and an age band.
 *
 * <p><b>Personal data.</b> The SDK deliberately holds no legal name, ID-card number, phone number,
 * address or exact birth date. Household quotas need the household, age-targeted services and
 * eligibility need the age band, and venues that require real-name accounts (实名制) need only to know
 * that the embedding application has verified the person, not who they are. {@code nickname} is a
 * name the person chose to show to neighbours and may be empty. Keep identity in your own system and
 * link it through {@code id}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable pseudonymous id, see {@link Id}
 * @param householdId the id of the household they belong to
 * @param ageBand their age band, not null
 * @param realNameVerified true if the embedding application has verified the person's identity
 * @param nickname a self-chosen display name, at most 40 characters, not null (may be empty)
 * @since 0.1.0
 */
public record Resident(
    String id, String householdId, AgeBand ageBand, boolean realNameVerified, String nickname) {
  /**
   * Validates the resident.
   *
   * @throws InvalidValueException if a field is missing or malformed
   */
  public Resident {
    Id.require(id, "id");
    Id.require(householdId, "householdId");
    InvalidValueException.requirePresent(ageBand, "ageBand");
    nickname = nickname == null ? "" : nickname.strip();
    InvalidValueException.check(nickname.length() <= 40, "nickname", nickname,
        "must be at most 40 characters");
  }
}
