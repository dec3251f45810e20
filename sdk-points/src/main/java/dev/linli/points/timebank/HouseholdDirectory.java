package dev.linli.points.timebank;

import java.util.Map;
import java.util.Optional;

/**
 * Which household (户) a member belongs to, for gifts between household members. The embedder
 * supplies it from its resident records; implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HouseholdDirectory {
  /**
   * Returns the household of {@code memberId}.
   *
   * @param memberId a member
   * @return the household id, or empty if unknown
   */
  Optional<String> householdOf(String memberId);

  /**
   * Returns a directory backed by a map of member to household (copied).
   *
   * @param householdByMember member id to household id
   * @return the directory
   */
  static HouseholdDirectory of(Map<String, String> householdByMember) {
    Map<String, String> copy = Map.copyOf(householdByMember);
    return member -> Optional.ofNullable(copy.get(member));
  }
}
