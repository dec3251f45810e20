package dev.linli.core.people;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import java.util.Set;

/**
 * An organisation (社会组织, 共建单位, 联盟) that runs activities, funds wishes or groups communities.
 *
 * <p>Immutable and thread-safe; {@code communityIds} is an unmodifiable sorted set.
 *
 * @param id stable id, see {@link Id}
 * @param name bilingual name, not null
 * @param kind what kind of body it is, not null
 * @param parentId the hub or alliance it belongs to, or null
 * @param communityIds the communities it serves or, for an alliance, its members; not null
 * @since 0.1.0
 */
public record Organisation(
    String id, Name name, OrganisationKind kind, String parentId, Set<String> communityIds) {
  /**
   * Validates the organisation.
   *
   * @throws InvalidValueException if a field is missing or malformed, or it is its own parent
   */
  public Organisation {
    Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.requirePresent(kind, "kind");
    Id.requireOptional(parentId, "parentId");
    InvalidValueException.check(!id.equals(parentId), "parentId", parentId,
        "must differ from the organisation's own id");
    communityIds = Id.requireAll(communityIds, "communityIds");
  }
}
