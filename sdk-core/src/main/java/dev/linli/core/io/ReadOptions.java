package dev.linli.core.io;

import dev.linli.core.facility.FacilityTaxonomy;
import java.util.Objects;

/**
 * How strictly readers treat input.
 *
 * <p>The default ({@link #strict()}) rejects unknown fields and columns, checks facility types against
 * the bundled Hangzhou taxonomy, and loads nothing if any record is bad. {@link #lenient()} ignores
 * unknown fields and columns; {@link #skipBadRows()} loads the good records and reports the bad ones in
 * {@link Loaded#skipped()}. Immutable and thread-safe.
 *
 * @param ignoreUnknown ignore unknown fields and columns
 * @param skipBad leave out bad records instead of failing
 * @param taxonomy the facility types that facility records may use, or null for the bundled
 *     {@link FacilityTaxonomy#hangzhou() Hangzhou taxonomy}
 * @since 0.1.0
 */
public record ReadOptions(boolean ignoreUnknown, boolean skipBad, FacilityTaxonomy taxonomy) {
  /**
   * Returns the taxonomy facility records are checked against.
   *
   * @return the given taxonomy, or the bundled Hangzhou taxonomy if none was given
   */
  @Override
  public FacilityTaxonomy taxonomy() {
    // Resolved late: the bundled taxonomy is itself read with strict options.
    return taxonomy == null ? FacilityTaxonomy.hangzhou() : taxonomy;
  }

  /**
   * Returns the strict default options.
   *
   * @return options that reject unknown fields and fail on any bad record
   */
  public static ReadOptions strict() {
    return new ReadOptions(false, false, null);
  }

  /**
   * Returns these options, ignoring unknown fields and columns.
   *
   * @return the new options
   */
  public ReadOptions lenient() {
    return new ReadOptions(true, skipBad, taxonomy);
  }

  /**
   * Returns these options, leaving bad records out instead of failing.
   *
   * @return the new options
   */
  public ReadOptions skipBadRows() {
    return new ReadOptions(ignoreUnknown, true, taxonomy);
  }

  /**
   * Returns these options with another facility taxonomy.
   *
   * @param newTaxonomy the taxonomy facility records are checked against, not null
   * @return the new options
   */
  public ReadOptions withTaxonomy(FacilityTaxonomy newTaxonomy) {
    return new ReadOptions(ignoreUnknown, skipBad, Objects.requireNonNull(newTaxonomy, "newTaxonomy"));
  }
}
