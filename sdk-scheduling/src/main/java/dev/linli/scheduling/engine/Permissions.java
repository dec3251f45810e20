package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Actor;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.RejectionCode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may change or cancel a booking: its booker, anyone of the booker's household, or an actor in
 * one of the engine's admin roles. Only an admin may hand a booking to another resident, household
 * or group. Immutable and thread-safe.
 */
final class Permissions {
  private final Set<String> adminRoles;

  Permissions(Set<String> adminRoles) {
    this.adminRoles = Set.copyOf(adminRoles);
  }

  private boolean admin(Actor actor) {
    return actor.role() != null && adminRoles.contains(actor.role());
  }

  /**
   * Why {@code actor} may not change {@code booking} to {@code replacement} (null for a
   * cancellation), or empty if they may.
   */
  Optional<Reason> refusal(Actor actor, Booking booking, BookingRequest replacement) {
    if (admin(actor)) {
      return Optional.empty();
    }
    BookingRequest b = booking.request();
    boolean cancel = replacement == null;
    String verb = cancel ? "cancel" : "change";
    String verbZh = cancel ? "取消" : "修改";
    boolean own = actor.id().equals(b.residentId())
        || b.householdId().equals(actor.householdId());
    if (!own) {
      return Optional.of(Reason.of(RejectionCode.NOT_PERMITTED, "permission", actor.id()
          + (actor.role() == null ? "" : " (role " + actor.role() + ")") + " may not " + verb
          + " booking " + b.id() + ": only its booker " + b.residentId() + ", someone of household "
          + b.householdId() + " or an admin role " + new TreeSet<>(adminRoles) + " may",
          actor.id() + "无权" + verbZh + "预约" + b.id() + "：仅预约人" + b.residentId() + "、同户（"
          + b.householdId() + "）成员或管理员可以" + verbZh, "actor", actor.id(), "role",
          actor.role(), "booking", b.id(), "booker", b.residentId(), "household",
          b.householdId()));
    }
    if (!cancel && (!replacement.residentId().equals(b.residentId())
        || !replacement.householdId().equals(b.householdId())
        || !Objects.equals(replacement.groupId(), b.groupId()))) {
      return Optional.of(Reason.of(RejectionCode.NOT_PERMITTED, "permission", actor.id()
          + " may not hand booking " + b.id() + " from " + b.residentId() + " of household "
          + b.householdId() + " to " + replacement.residentId() + " of household "
          + replacement.householdId() + (Objects.equals(replacement.groupId(), b.groupId()) ? ""
          : " or change its group") + "; keep the booker, household and group, or ask an admin role "
          + new TreeSet<>(adminRoles), actor.id() + "无权将预约" + b.id() + "转给其他居民、住户或团队，"
          + "如需转让请联系管理员", "actor", actor.id(), "booking", b.id(), "booker",
          b.residentId(), "newBooker", replacement.residentId()));
    }
    return Optional.empty();
  }
}
