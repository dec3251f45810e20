package dev.linli.core.io;

import dev.linli.core.LinliIoException;
import dev.linli.core.DataFormatException;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.internal.Tables;
import dev.linli.core.people.Resident;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes the CSV files researchers and planners exchange: {@code communities.csv} (with each
 * community's district and subdistrict, so one file holds the place hierarchy), {@code facilities.csv}
 * and {@code residents.csv}. Columns are listed in {@code docs/formats.md}.
 *
 * <p>Files are UTF-8 (a byte-order mark is accepted; GBK is rejected with a message), comma-separated,
 * with a header row; columns may come in any order. Reading collects every problem with its line and
 * column and throws one {@link DataFormatException}, unless the {@link ReadOptions} skip bad rows.
 * Writing is deterministic: the same values give the same bytes. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CityCsv {
  private final ReadOptions options;

  private CityCsv(ReadOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Returns a strict reader and writer.
   *
   * @return the instance
   */
  public static CityCsv strict() {
    return new CityCsv(ReadOptions.strict());
  }

  /**
   * Returns a reader and writer with the given options.
   *
   * @param options how strictly to read, not null
   * @return the instance
   */
  public static CityCsv of(ReadOptions options) {
    return new CityCsv(options);
  }

  /**
   * Reads {@code communities.csv} into a city holding its districts, subdistricts and communities.
   *
   * @param in UTF-8 bytes, not null; not closed
   * @param source file name for messages
   * @return the city, and the problems of rows left out
   * @throws DataFormatException listing every problem, unless bad rows are skipped
   */
  public Loaded<City> readCommunities(InputStream in, String source) {
    return CityTables.toCity(Tables.readCsv(in, source, new CommunityCodec(),
        CityTables.strictness(options)));
  }

  /**
   * Reads a communities file.
   *
   * @param file the file
   * @return the city, and the problems of rows left out
   * @throws DataFormatException listing every problem, unless bad rows are skipped
   * @throws LinliIoException if the file cannot be read
   */
  public Loaded<City> readCommunities(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return readCommunities(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be read", e);
    }
  }

  /**
   * Reads {@code facilities.csv}; each type must be in the options' taxonomy.
   *
   * @param in UTF-8 bytes, not null; not closed
   * @param source file name for messages
   * @return the facilities in file order, and the problems of rows left out
   * @throws DataFormatException listing every problem, unless bad rows are skipped
   */
  public Loaded<List<Facility>> readFacilities(InputStream in, String source) {
    return CityTables.loaded(Tables.readCsv(in, source, new FacilityCodec(options.taxonomy()),
        CityTables.strictness(options)));
  }

  /**
   * Reads a facilities file.
   *
   * @param file the file
   * @return the facilities, and the problems of rows left out
   * @throws DataFormatException listing every problem, unless bad rows are skipped
   * @throws LinliIoException if the file cannot be read
   */
  public Loaded<List<Facility>> readFacilities(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return readFacilities(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be read", e);
    }
  }

  /**
   * Reads {@code residents.csv}.
   *
   * @param in UTF-8 bytes, not null; not closed
   * @param source file name for messages
   * @return the residents in file order, and the problems of rows left out
   * @throws DataFormatException listing every problem, unless bad rows are skipped
   */
  public Loaded<List<Resident>> readResidents(InputStream in, String source) {
    return CityTables.loaded(Tables.readCsv(in, source, new ResidentCodec(),
        CityTables.strictness(options)));
  }

  /**
   * Writes the city's communities, with their districts and subdistricts.
   *
   * @param city the city, not null
   * @param writer where to write; flushed, not closed
   * @throws LinliIoException if writing fails
   */
  public void writeCommunities(City city, Writer writer) {
    write(() -> Tables.writeCsv(CityTables.entries(city), new CommunityCodec(), writer));
  }

  /**
   * Writes facilities.
   *
   * @param facilities the facilities, not null
   * @param writer where to write; flushed, not closed
   * @throws LinliIoException if writing fails
   */
  public void writeFacilities(List<Facility> facilities, Writer writer) {
    write(() -> Tables.writeCsv(facilities, new FacilityCodec(options.taxonomy()), writer));
  }

  /**
   * Writes residents.
   *
   * @param residents the residents, not null
   * @param writer where to write; flushed, not closed
   * @throws LinliIoException if writing fails
   */
  public void writeResidents(List<Resident> residents, Writer writer) {
    write(() -> Tables.writeCsv(residents, new ResidentCodec(), writer));
  }

  /**
   * Writes the city's communities to a file, replacing it.
   *
   * @param city the city
   * @param file the file
   * @throws LinliIoException if writing fails
   */
  public void writeCommunities(City city, Path file) {
    toFile(file, w -> writeCommunities(city, w));
  }

  /**
   * Writes facilities to a file, replacing it.
   *
   * @param facilities the facilities
   * @param file the file
   * @throws LinliIoException if writing fails
   */
  public void writeFacilities(List<Facility> facilities, Path file) {
    toFile(file, w -> writeFacilities(facilities, w));
  }

  private static void toFile(Path file, java.util.function.Consumer<Writer> body) {
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
      body.accept(w);
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be written", e);
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void write(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }
}
