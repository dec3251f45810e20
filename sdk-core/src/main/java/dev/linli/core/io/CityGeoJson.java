package dev.linli.core.io;

import dev.linli.core.LinliIoException;
import dev.linli.core.DataFormatException;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.internal.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes communities and facilities as GeoJSON (RFC 7946) FeatureCollections of Point
 * features, for QGIS, Kepler.gl, geojson.io and web maps.
 *
 * <p>Coordinates are WGS-84, longitude first, as RFC 7946 requires (convert GCJ-02 from Chinese map
 * apps with {@link dev.linli.core.geo.ChinaCoordinates} first). Each feature's {@code id} is the
 * record's id and its {@code properties} are the CSV columns without {@code lat}/{@code lon}, typed
 * (numbers as numbers, tags as an array). Reading collects every problem with line and JSON path.
 * Writing is deterministic. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CityGeoJson {
  private final ReadOptions options;

  private CityGeoJson(ReadOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Returns a strict reader and writer.
   *
   * @return the instance
   */
  public static CityGeoJson strict() {
    return new CityGeoJson(ReadOptions.strict());
  }

  /**
   * Returns a reader and writer with the given options.
   *
   * @param options how strictly to read, not null
   * @return the instance
   */
  public static CityGeoJson of(ReadOptions options) {
    return new CityGeoJson(options);
  }

  /**
   * Reads communities into a city holding their districts, subdistricts and communities.
   *
   * @param in UTF-8 bytes, not null; not closed
   * @param source file name for messages
   * @return the city, and the problems of features left out
   * @throws DataFormatException listing every problem, unless bad features are skipped
   */
  public Loaded<City> readCommunities(InputStream in, String source) {
    return CityTables.toCity(Tables.readGeoJson(in, source, new CommunityCodec(),
        CityTables.strictness(options)));
  }

  /**
   * Reads facilities; each type must be in the options' taxonomy.
   *
   * @param in UTF-8 bytes, not null; not closed
   * @param source file name for messages
   * @return the facilities, and the problems of features left out
   * @throws DataFormatException listing every problem, unless bad features are skipped
   */
  public Loaded<List<Facility>> readFacilities(InputStream in, String source) {
    return CityTables.loaded(Tables.readGeoJson(in, source, new FacilityCodec(options.taxonomy()),
        CityTables.strictness(options)));
  }

  /**
   * Writes the city's communities.
   *
   * @param city the city, not null
   * @param out where to write UTF-8 JSON; not closed
   * @throws LinliIoException if writing fails
   */
  public void writeCommunities(City city, OutputStream out) {
    try {
      Tables.writeGeoJson(CityTables.entries(city), new CommunityCodec(), out);
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Writes facilities.
   *
   * @param facilities the facilities, not null
   * @param out where to write UTF-8 JSON; not closed
   * @throws LinliIoException if writing fails
   */
  public void writeFacilities(List<Facility> facilities, OutputStream out) {
    try {
      Tables.writeGeoJson(facilities, new FacilityCodec(options.taxonomy()), out);
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Writes the city's communities to a file, replacing it.
   *
   * @param city the city
   * @param file the file
   * @throws LinliIoException if writing fails
   */
  public void writeCommunities(City city, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      writeCommunities(city, out);
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be written", e);
    }
  }

  /**
   * Writes facilities to a file, replacing it.
   *
   * @param facilities the facilities
   * @param file the file
   * @throws LinliIoException if writing fails
   */
  public void writeFacilities(List<Facility> facilities, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      writeFacilities(facilities, out);
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be written", e);
    }
  }
}
