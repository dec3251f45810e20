package dev.linli.core.people;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;

/**
 * A volunteer team (志愿服务队) or resident group, such as one of 钱运's five volunteer teams or a
 * dance team that books the stage every week.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param communityId the community the team is based in
 * @param name bilingual name, not null
 * @param organisationId the organisation that runs or incubated it, or null
 * @param leaderId the volunteer id of its leader, or null
 * @since 0.1.0
 */
public record Team(String id, String communityId, Name name, String organisationId, String leaderId) {
  /**
   * Validates the team.
   *
   * @throws InvalidValueException if a field is missing or malformed
   */
  public Team {
    Id.require(id, "id");
    Id.require(communityId, "communityId");
    InvalidValueException.requirePresent(name, "name");
    Id.requireOptional(organisationId, "organisationId");
    Id.requireOptional(leaderId, "leaderId");
  }
}
