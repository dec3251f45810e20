package dev.linli.core.people;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.LocalDate;
import java.util.Set;

/**
 * A volunteer (志愿者): a person who serves neighbours and earns hours and points.
 *
 * <p>A volunteer is usually a {@link Resident}; staff of a partner unit who volunteer in the community
 * have no resident id but an organisation id. Like {@link Resident}, a volunteer carries no personal
 * data beyond a self-chosen nickname. Immutable and thread-safe; {@code teamIds} is an unmodifiable
 * sorted set.
 *
 * @param id stable id, see {@link Id}
 * @param residentId the resident this volunteer is, or null for a non-resident
 * @param organisationId the organisation a non-resident volunteer comes from, or null
 * @param nickname display name, at most 40 characters, not null (may be empty)
 * @param teamIds ids of the teams they belong to, not null
 * @param registeredOn the date they registered, in the community's calendar, not null
 * @since 0.1.0
 */
public record Volunteer(
    String id,
    String residentId,
    String organisationId,
    String nickname,
    Set<String> teamIds,
    LocalDate registeredOn) {
  /**
   * Validates the volunteer.
   *
   * @throws InvalidValueException if a field is missing or malformed, or neither a resident nor an
   *     organisation is given
   */
  public Volunteer {
    Id.require(id, "id");
    Id.requireOptional(residentId, "residentId");
    Id.requireOptional(organisationId, "organisationId");
    InvalidValueException.check(residentId != null || organisationId != null, "residentId", null,
        "a volunteer is a resident or comes from an organisation: give residentId or organisationId");
    nickname = nickname == null ? "" : nickname.strip();
    InvalidValueException.check(nickname.length() <= 40, "nickname", nickname,
        "must be at most 40 characters");
    teamIds = Id.requireAll(teamIds, "teamIds");
    InvalidValueException.requirePresent(registeredOn, "registeredOn");
  }
}
