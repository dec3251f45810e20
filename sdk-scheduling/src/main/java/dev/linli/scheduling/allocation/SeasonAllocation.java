package dev.linli.scheduling.allocation;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Season allocation of weekly slots to groups (a dance team asking for Tuesday 19:00 on the stage,
 * with ranked alternatives): maximise the requests satisfied, fairly — no group gets a second slot
 * before every group that can still get a first one has it. Deterministic and explained.
 *
 * <p>The fair allocation runs in rounds: in round r every group still wanting an r-th slot takes
 * part, and a maximum bipartite matching (augmenting paths, trying each group's preferences in rank
 * order, groups by id) gives as many of them as possible a slot; a group left out of a round is left
 * out of later ones too, since it can get nothing more. The greedy baseline lets groups, by id, take
 * their preferences in rank order. {@link #optimum} computes the largest number of requests any
 * allocation can satisfy (a maximum flow), the yardstick for both. Each slot holds one group.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class SeasonAllocation {
  private SeasonAllocation() {}

  /**
   * One group's request for the season.
   *
   * @param groupId the group
   * @param wanted how many weekly slots it asks for, {@code >= 1}
   * @param preferences slot ids, best first, no repeats
   */
  public record Request(String groupId, int wanted, List<String> preferences) {
    /**
     * Validates the request.
     *
     * @throws InvalidValueException if the id is malformed, nothing is wanted or preferences repeat
     */
    public Request {
      Id.require(groupId, "groupId");
      InvalidValueException.check(wanted >= 1, "wanted", wanted, "must be >= 1");
      preferences = List.copyOf(preferences);
      InvalidValueException.check(preferences.stream().distinct().count() == preferences.size(),
          "preferences", preferences, "must not repeat a slot");
    }
  }

  /**
   * One assignment and why it was made.
   *
   * @param groupId the group
   * @param slotId the slot
   * @param round the round it was made in (1 = first slots)
   * @param rank the slot's rank in the group's preferences (1 = first choice)
   */
  public record Assignment(String groupId, String slotId, int round, int rank) {}

  /**
   * An allocation.
   *
   * @param assignments every assignment, by round then group
   */
  public record Result(List<Assignment> assignments) {
    /** Copies the list. */
    public Result {
      assignments = List.copyOf(assignments);
    }

    /**
     * Returns how many slots each group got.
     *
     * @return group id to count, sorted by id
     */
    public Map<String, Integer> perGroup() {
      Map<String, Integer> out = new TreeMap<>();
      assignments.forEach(a -> out.merge(a.groupId(), 1, Integer::sum));
      return out;
    }
  }

  /**
   * Allocates fairly, round by round.
   *
   * @param slots the slot ids on offer
   * @param requests the groups' requests (unique group ids)
   * @return the allocation
   */
  public static Result fair(List<String> slots, List<Request> requests) {
    List<Request> groups = sorted(requests);
    Map<String, Integer> slotIndex = index(slots);
    String[] owner = new String[slots.size()];
    Map<String, Integer> got = new HashMap<>();
    List<Assignment> out = new ArrayList<>();
    List<Request> active = new ArrayList<>(groups);
    for (int round = 1; !active.isEmpty(); round++) {
      int r = round;
      active.removeIf(g -> got.getOrDefault(g.groupId(), 0) >= g.wanted());
      // Slots matched in this round, by group; earlier rounds' slots are fixed.
      Map<String, Integer> matchOf = new HashMap<>();
      Integer[] roundOwner = new Integer[slots.size()];
      for (int gi = 0; gi < active.size(); gi++) {
        augment(gi, active, slotIndex, owner, roundOwner, matchOf, new boolean[slots.size()]);
      }
      List<Request> next = new ArrayList<>();
      for (int gi = 0; gi < active.size(); gi++) {
        Request g = active.get(gi);
        Integer s = matchOf.get(g.groupId());
        if (s != null) {
          owner[s] = g.groupId();
          got.merge(g.groupId(), 1, Integer::sum);
          out.add(new Assignment(g.groupId(), slots.get(s), r,
              g.preferences().indexOf(slots.get(s)) + 1));
          next.add(g);
        }
      }
      active = next;
    }
    return new Result(out);
  }

  /** Kuhn's augmenting path for group {@code gi}, preferences in rank order. */
  private static boolean augment(int gi, List<Request> active, Map<String, Integer> slotIndex,
      String[] owner, Integer[] roundOwner, Map<String, Integer> matchOf, boolean[] seen) {
    Request g = active.get(gi);
    for (String pref : g.preferences()) {
      Integer s = slotIndex.get(pref);
      if (s == null || owner[s] != null || seen[s]) {
        continue;
      }
      seen[s] = true;
      if (roundOwner[s] == null || augment(roundOwner[s], active, slotIndex, owner, roundOwner,
          matchOf, seen)) {
        roundOwner[s] = gi;
        matchOf.put(g.groupId(), s);
        return true;
      }
    }
    return false;
  }

  /**
   * The greedy baseline: groups by id take their preferences in rank order, all they want at once.
   *
   * @param slots the slot ids on offer
   * @param requests the requests
   * @return the allocation
   */
  public static Result greedy(List<String> slots, List<Request> requests) {
    Map<String, Integer> slotIndex = index(slots);
    boolean[] taken = new boolean[slots.size()];
    List<Assignment> out = new ArrayList<>();
    for (Request g : sorted(requests)) {
      int got = 0;
      for (String pref : g.preferences()) {
        Integer s = slotIndex.get(pref);
        if (got < g.wanted() && s != null && !taken[s]) {
          taken[s] = true;
          got++;
          out.add(new Assignment(g.groupId(), pref, got, g.preferences().indexOf(pref) + 1));
        }
      }
    }
    return new Result(out);
  }

  /**
   * Returns the most requests any allocation can satisfy: a maximum flow from groups (capacity
   * {@code wanted}) through their preferred slots (capacity 1).
   *
   * @param slots the slot ids on offer
   * @param requests the requests
   * @return the optimum number of assignments
   */
  public static int optimum(List<String> slots, List<Request> requests) {
    List<Request> groups = sorted(requests);
    Map<String, Integer> slotIndex = index(slots);
    int n = 2 + groups.size() + slots.size();
    int source = 0;
    int sink = n - 1;
    int[][] cap = new int[n][n];
    for (int gi = 0; gi < groups.size(); gi++) {
      cap[source][1 + gi] = groups.get(gi).wanted();
      for (String p : groups.get(gi).preferences()) {
        Integer s = slotIndex.get(p);
        if (s != null) {
          cap[1 + gi][1 + groups.size() + s] = 1;
        }
      }
    }
    for (int s = 0; s < slots.size(); s++) {
      cap[1 + groups.size() + s][sink] = 1;
    }
    int flow = 0;
    while (true) {
      int[] parent = new int[n];
      Arrays.fill(parent, -1);
      parent[source] = source;
      ArrayList<Integer> queue = new ArrayList<>(List.of(source));
      for (int qi = 0; qi < queue.size() && parent[sink] < 0; qi++) {
        int u = queue.get(qi);
        for (int v = 0; v < n; v++) {
          if (parent[v] < 0 && cap[u][v] > 0) {
            parent[v] = u;
            queue.add(v);
          }
        }
      }
      if (parent[sink] < 0) {
        return flow;
      }
      for (int v = sink; v != source; v = parent[v]) {
        cap[parent[v]][v]--;
        cap[v][parent[v]]++;
      }
      flow++;
    }
  }

  private static List<Request> sorted(List<Request> requests) {
    Map<String, Request> byId = new TreeMap<>();
    for (Request r : requests) {
      InvalidValueException.check(byId.put(r.groupId(), r) == null, "requests", r.groupId(),
          "one request per group");
    }
    return new ArrayList<>(byId.values());
  }

  private static Map<String, Integer> index(List<String> slots) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      InvalidValueException.check(out.put(slots.get(i), i) == null, "slots", slots.get(i),
          "slot ids must be unique");
    }
    return out;
  }
}
