package dev.linli.scheduling.lottery;

import dev.linli.core.internal.Sha256;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ballot (摇号) for a popular slot: a seeded, reproducible, weighted draw without replacement,
 * one win per household. The seed is published with the result, and so is the algorithm, so anyone
 * can re-run the draw: each entry's number {@code u} in (0, 1) is the first 53 bits of
 * {@code SHA-256("<seed>:<residentId>")}; its key is {@code ln(u) / weight} with
 * {@code weight = 1 / (1 + recentWins)} (Efraimidis–Spirakis: fewer recent wins, better odds); entries
 * are ranked by key, highest first, and the first {@code places} of distinct households win. The
 * result does not depend on the order entries are given in. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Lottery {
  /** The algorithm's name, written into every draw record. */
  public static final String ALGORITHM = "sha256-efraimidis-spirakis-v1";

  private Lottery() {}

  /**
   * One entry in a ballot.
   *
   * @param residentId who entered (once per ballot)
   * @param householdId their household (one win per household)
   * @param recentWins how many ballots they won recently, {@code >= 0}
   */
  public record Entry(String residentId, String householdId, int recentWins) {
    /**
     * Validates the entry.
     *
     * @throws InvalidValueException if an id is malformed or {@code recentWins < 0}
     */
    public Entry {
      Id.require(residentId, "residentId");
      Id.require(householdId, "householdId");
      InvalidValueException.check(recentWins >= 0, "recentWins", recentWins, "must be >= 0");
    }
  }

  /**
   * One ranked entry of a draw, with the numbers that ranked it.
   *
   * @param entry the entry
   * @param u its number in (0, 1)
   * @param key {@code ln(u) / weight}
   * @param won whether it won a place
   */
  public record Ranked(Entry entry, double u, double key, boolean won) {}

  /**
   * A draw and everything needed to audit it.
   *
   * @param ballotId the ballot
   * @param seed the published seed
   * @param places how many places were drawn
   * @param algorithm {@link #ALGORITHM}
   * @param ranking every entry, best first
   */
  public record Draw(String ballotId, long seed, int places, String algorithm,
      List<Ranked> ranking) {
    /** Copies the ranking. */
    public Draw {
      ranking = List.copyOf(ranking);
    }

    /**
     * Returns the winners' resident ids, in rank order.
     *
     * @return the winners
     */
    public List<String> winners() {
      return ranking.stream().filter(Ranked::won).map(r -> r.entry().residentId()).toList();
    }

    /**
     * Returns the entries that did not win and whose household did not win, in rank order: the
     * order in which places a winner does not claim are offered.
     *
     * @return the reserve list
     */
    public List<String> reserve() {
      Set<String> households = new HashSet<>();
      ranking.stream().filter(Ranked::won).forEach(r -> households.add(r.entry().householdId()));
      List<String> out = new ArrayList<>();
      for (Ranked r : ranking) {
        if (!r.won() && households.add(r.entry().householdId())) {
          out.add(r.entry().residentId());
        }
      }
      return out;
    }
  }

  /**
   * Draws a ballot.
   *
   * @param ballotId the ballot's id
   * @param places how many places, {@code >= 0}
   * @param entries the entries, one per resident, in any order
   * @param seed the seed to publish
   * @return the draw
   * @throws InvalidValueException if a resident entered twice or {@code places < 0}
   */
  public static Draw draw(String ballotId, int places, List<Entry> entries, long seed) {
    Id.require(ballotId, "ballotId");
    InvalidValueException.check(places >= 0, "places", places, "must be >= 0");
    TreeMap<String, Entry> byResident = new TreeMap<>();
    for (Entry e : entries) {
      InvalidValueException.check(byResident.put(e.residentId(), e) == null, "entries",
          e.residentId(), "each resident enters a ballot once");
    }
    List<Ranked> ranked = new ArrayList<>();
    for (Entry e : byResident.values()) {
      double u = uniform(seed, e.residentId());
      double weight = 1.0 / (1 + e.recentWins());
      ranked.add(new Ranked(e, u, Math.log(u) / weight, false));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::key).reversed()
        .thenComparing(r -> r.entry().residentId()));
    Set<String> households = new HashSet<>();
    List<Ranked> out = new ArrayList<>();
    int won = 0;
    for (Ranked r : ranked) {
      boolean wins = won < places && households.add(r.entry().householdId());
      if (wins) {
        won++;
      }
      out.add(new Ranked(r.entry(), r.u(), r.key(), wins));
    }
    return new Draw(ballotId, seed, places, ALGORITHM, out);
  }

  /** The first 53 bits of SHA-256("seed:resident") as a number in (0, 1). */
  static double uniform(long seed, String residentId) {
    byte[] h = Sha256.of(seed + ":" + residentId);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (h[i] & 0xff);
    }
    return ((bits >>> 11) + 0.5) / (1L << 53);
  }
}
