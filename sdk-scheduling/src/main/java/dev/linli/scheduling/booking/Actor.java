package dev.linli.scheduling.booking;

import dev.linli.core.Id;

/**
 * Who asks to change or cancel a booking: a resident (with their household) or a member of staff
 * (with a role). The engine lets the booker, anyone of the booker's household, or an actor whose
 * role is one of the engine's admin roles act on a booking, and refuses everyone else with
 * {@link RejectionCode#NOT_PERMITTED}. The application says who is signed in; the engine trusts
 * it. Immutable and thread-safe.
 *
 * @param id the resident's or staff member's id, recorded in the booking's history
 * @param householdId the resident's household, or null (staff)
 * @param role a role such as {@code admin}, or null (residents)
 * @since 0.2.0
 */
public record Actor(String id, String householdId, String role) {
  /**
   * Validates the ids.
   *
   * @throws dev.linli.core.InvalidValueException if the id is missing or an id is malformed
   */
  public Actor {
    Id.require(id, "id");
    Id.requireOptional(householdId, "householdId");
    Id.requireOptional(role, "role");
  }

  /**
   * Returns a resident acting for themselves or their household.
   *
   * @param residentId the resident
   * @param householdId their household
   * @return the actor
   */
  public static Actor resident(String residentId, String householdId) {
    Id.require(householdId, "householdId");
    return new Actor(residentId, householdId, null);
  }

  /**
   * Returns a member of staff acting in a role.
   *
   * @param staffId who
   * @param role the role, such as {@code admin}
   * @return the actor
   */
  public static Actor staff(String staffId, String role) {
    Id.require(role, "role");
    return new Actor(staffId, null, role);
  }
}
