package dev.linli.core.circle;

import java.util.List;

/**
 * One line of a district's gap list: a facility type that communities lack within its required
 * circle, and how many residents that leaves out. Immutable and thread-safe.
 *
 * @param districtId the district
 * @param typeCode the facility type
 * @param communities ids of the communities where most residents cannot reach the type in time
 * @param residentsAffected residents of the ages the type serves (over the whole district) without
 *     the type within its circle; every resident when the standard lists no ages for the type
 * @since 0.1.0
 */
public record Gap(String districtId, String typeCode, List<String> communities,
    long residentsAffected) {
  /** Copies the list. */
  public Gap {
    communities = List.copyOf(communities);
  }
}
