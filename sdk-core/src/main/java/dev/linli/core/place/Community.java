package dev.linli.core.place;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A community (社区): the area of one residents' committee and the unit that Hangzhou's health check
 * scores, such as 景芳社区 or 盈二社区.
 *
 * <p>{@code centroid} is a WGS-84 point that stands for where the residents live; when it was placed
 * by hand from a description rather than surveyed, {@code locationApproximate} says so. Tags mark
 * programme membership, for example {@value #FUTURE_COMMUNITY} (未来社区) or
 * {@value #COMPLETE_COMMUNITY} (完整社区); they are lower-case words joined by {@code -} or {@code :}.
 *
 * <p>Immutable and thread-safe; {@code tags} is an unmodifiable sorted set.
 *
 * @param id stable id, see {@link Id}
 * @param subdistrictId the id of its subdistrict
 * @param name bilingual name, not null
 * @param centroid where its residents live, WGS-84, not null
 * @param locationApproximate true if {@code centroid} was placed by hand and may be off by hundreds of metres
 * @param areaHectares land area in hectares, finite and {@code >= 0} (0 means not known)
 * @param population residents by age band, not null
 * @param tags programme tags, not null (may be empty)
 * @since 0.1.0
 */
public record Community(
    String id,
    String subdistrictId,
    Name name,
    GeoPoint centroid,
    boolean locationApproximate,
    double areaHectares,
    Population population,
    Set<String> tags) {

  /** Tag of a Zhejiang future community (未来社区). */
  public static final String FUTURE_COMMUNITY = "future-community";
  /** Tag of a community built to MOHURD's complete-community standard (完整社区). */
  public static final String COMPLETE_COMMUNITY = "complete-community";
  /** What a tag may look like, for error messages. */
  public static final String TAG_RULE = "lower-case letters, digits, '-' and ':' (1-48 characters)";

  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9:-]{0,47}");

  /**
   * Validates the community.
   *
   * @throws InvalidValueException if a field is missing, malformed or out of range
   */
  public Community {
    Id.require(id, "id");
    Id.require(subdistrictId, "subdistrictId");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.requirePresent(centroid, "centroid");
    InvalidValueException.check(Double.isFinite(areaHectares) && areaHectares >= 0, "areaHectares",
        areaHectares, "must be a finite number of hectares >= 0");
    InvalidValueException.requirePresent(population, "population");
    InvalidValueException.requirePresent(tags, "tags");
    SortedSet<String> sorted = new TreeSet<>();
    for (String tag : tags) {
      InvalidValueException.check(tag != null && TAG.matcher(tag).matches(), "tags", tag,
          "each tag must be " + TAG_RULE);
      sorted.add(tag);
    }
    tags = Collections.unmodifiableSortedSet(sorted);
  }

  /**
   * Returns whether the community carries {@code tag}.
   *
   * @param tag the tag
   * @return true if present
   */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }

  /**
   * Returns residents per hectare, or 0 when the area is not known.
   *
   * @return the population density in residents per hectare
   */
  public double densityPerHectare() {
    return areaHectares == 0 ? 0 : population.total() / areaHectares;
  }
}
