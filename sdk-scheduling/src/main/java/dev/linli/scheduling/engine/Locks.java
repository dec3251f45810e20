package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.rule.Quota;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Tells the store what a writing decision reads, so that competing decisions on a shared store
 * serialise: the resource with the wholes and parts of its space, then the resident, household and
 * group whose quotas and caps count the booking. Both lists are sorted, so two transactions take
 * their locks in the same order.
 */
final class Locks {
  private final Setup setup;
  private final BookingStore store;

  Locks(Setup setup, BookingStore store) {
    this.setup = setup;
    this.store = store;
  }

  /** Locks what deciding on {@code requests} reads, all in one sorted call per kind. */
  void forWrite(BookingRequest... requests) {
    TreeSet<String> resources = new TreeSet<>();
    TreeSet<String> holders = new TreeSet<>();
    for (BookingRequest request : requests) {
      Resource r = setup.resources().get(request.resourceId());
      if (r != null) {
        resources.add(r.id());
        resources.addAll(setup.related().get(r.id()));
      }
      holders.add(OccupancyIndex.holderKey(Quota.Scope.RESIDENT, request.residentId()));
      holders.add(OccupancyIndex.holderKey(Quota.Scope.HOUSEHOLD, request.householdId()));
      if (request.groupId() != null) {
        holders.add(OccupancyIndex.holderKey(Quota.Scope.GROUP, request.groupId()));
      }
    }
    store.lockResources(new ArrayList<>(resources));
    store.lockHolders(new ArrayList<>(holders));
  }

  static List<String> sorted(Collection<String> ids) {
    return new ArrayList<>(new TreeSet<>(ids));
  }
}
