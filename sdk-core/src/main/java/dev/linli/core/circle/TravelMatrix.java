package dev.linli.core.circle;

import dev.linli.core.DataFormatException;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import dev.linli.core.Problem;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.internal.NonClosing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Travel times from communities to facilities given as a table, such as a travel-time matrix from
 * r5/r5py, OSRM's table service or a transit tool: the third {@link Travel} model beside
 * {@link StraightLine} and {@link WalkNetwork}.
 *
 * <p>The file is CSV with the header {@code origin,destination,minutes}: {@code origin} a community
 * id, {@code destination} a facility id, {@code minutes} the door-to-door time, a finite number
 * {@code >= 0}. A pair not in the table is not reachable (tools leave out pairs beyond their
 * cut-off). Every home of a community (its estates or boundary points, see {@link BoundaryOrigins})
 * takes the community's row. The health check turns minutes into walking-equivalent metres at the
 * standard's {@link CircleStandard#walkingSpeedMetresPerMinute() walking speed}, so a pair lies
 * within a circle level when {@code minutes × speed <= distanceMetres} (at GB 50180's 80 m/min, the
 * 300 m 5-minute circle is 3.75 minutes); reported minutes are the table's own. A standard that
 * wants its levels' minutes taken literally sets {@code distanceMetres = minutes × speed}.
 *
 * <p>Reading is strict and collects every problem with its line: a wrong header, a row without
 * exactly three fields, an invalid id, minutes that are negative, not a number, NaN or infinite,
 * and a pair given twice (naming the line of the first). Ids unknown to the city are refused when
 * the health check runs ({@link #problemsWith}). The table is held in memory (about 100 bytes a
 * pair). Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class TravelMatrix implements Travel {
  /** The header line the file must start with. */
  public static final String HEADER = "origin,destination,minutes";

  private final String source;
  /** Minutes by destination, then origin: the health check walks one facility at a time. */
  private final Map<String, Map<String, Double>> byDestination;
  private final Map<String, Long> originLine;
  private final Map<String, Long> destinationLine;
  private final int pairs;

  private TravelMatrix(String source, Map<String, Map<String, Double>> byDestination,
      Map<String, Long> originLine, Map<String, Long> destinationLine, int pairs) {
    this.source = source;
    this.byDestination = byDestination;
    this.originLine = originLine;
    this.destinationLine = destinationLine;
    this.pairs = pairs;
  }

  /**
   * Reads a matrix.
   *
   * @param in UTF-8 CSV, optionally with a byte-order mark; not closed
   * @param source a name for messages, such as the file name
   * @return the matrix
   * @throws DataFormatException listing every problem with its line
   */
  public static TravelMatrix read(InputStream in, String source) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Map<String, Double>> byDestination = new HashMap<>();
    Map<String, Map<String, Long>> seen = new HashMap<>();
    Map<String, Long> originLine = new LinkedHashMap<>();
    Map<String, Long> destinationLine = new LinkedHashMap<>();
    int pairs = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(NonClosing.input(in),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
      String text = reader.readLine();
      if (text != null && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text == null || !text.strip().equals(HEADER)) {
        throw new DataFormatException(List.of(new Problem(source, 1, "header",
            "must be exactly " + HEADER + " (got " + Problem.excerpt(text == null ? "an empty file"
                : text) + ")")));
      }
      long line = 1;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String[] fields = text.split(",", -1);
        if (fields.length != 3) {
          problems.add(new Problem(source, line, "", "a row has 3 fields, origin,destination,"
              + "minutes (got " + fields.length + ": " + Problem.excerpt(text) + ")"));
          continue;
        }
        String origin = id(unquote(fields[0]), source, line, "origin", problems);
        String destination = id(unquote(fields[1]), source, line, "destination", problems);
        Double minutes = minutes(unquote(fields[2]), source, line, problems);
        if (origin == null || destination == null || minutes == null) {
          continue;
        }
        Long first = seen.computeIfAbsent(destination, k -> new HashMap<>()).putIfAbsent(origin,
            line);
        if (first != null) {
          problems.add(new Problem(source, line, "", "duplicate pair " + origin + " -> "
              + destination + ": first given on line " + first + "; give each pair once"));
          continue;
        }
        byDestination.computeIfAbsent(destination, k -> new LinkedHashMap<>()).put(origin, minutes);
        originLine.putIfAbsent(origin, line);
        destinationLine.putIfAbsent(destination, line);
        pairs++;
      }
    } catch (CharacterCodingException e) {
      problems.add(new Problem(source, 0, "", JsonDocuments.NOT_UTF8));
    } catch (IOException e) {
      throw new LinliIoException(source, "cannot be read", e);
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    Map<String, Map<String, Double>> frozen = new HashMap<>();
    byDestination.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return new TravelMatrix(source, Collections.unmodifiableMap(frozen),
        Collections.unmodifiableMap(originLine), Collections.unmodifiableMap(destinationLine),
        pairs);
  }

  /**
   * Reads a matrix file.
   *
   * @param file the CSV file, not null
   * @return the matrix
   * @throws DataFormatException listing every problem with its line
   * @throws LinliIoException if the file cannot be read
   */
  public static TravelMatrix read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be read", e);
    }
  }

  private static String unquote(String field) {
    String s = field.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }

  private static String id(String text, String source, long line, String column,
      List<Problem> problems) {
    try {
      return Id.require(text, column);
    } catch (InvalidValueException e) {
      problems.add(new Problem(source, line, column, e.getMessage()));
      return null;
    }
  }

  private static Double minutes(String text, String source, long line, List<Problem> problems) {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    // parseDouble also reads "NaN", "Infinity" and hex floats: only plain decimals pass.
    if (!text.matches("[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?") || !Double.isFinite(value)) {
      problems.add(new Problem(source, line, "minutes", "must be a finite number of minutes >= 0,"
          + " such as 7.5 (got " + Problem.excerpt(text) + ")"));
      return null;
    }
    return value;
  }

  /**
   * Returns the problems of using this matrix on a city: origins that are not communities of the
   * city and destinations that are not its facilities, each with the line that first names it.
   *
   * @param city the city, not null
   * @return the problems, empty if every id is known
   */
  public List<Problem> problemsWith(City city) {
    Set<String> communities = new HashSet<>();
    city.communities().forEach(c -> communities.add(c.id()));
    Set<String> facilities = new HashSet<>();
    city.facilities().forEach(f -> facilities.add(f.id()));
    List<Problem> out = new ArrayList<>();
    originLine.forEach((id, line) -> {
      if (!communities.contains(id)) {
        out.add(new Problem(source, line, "origin", "unknown community id " + Problem.excerpt(id)
            + ": origins must be ids of the communities file"));
      }
    });
    destinationLine.forEach((id, line) -> {
      if (!facilities.contains(id)) {
        out.add(new Problem(source, line, "destination", "unknown facility id "
            + Problem.excerpt(id) + ": destinations must be ids of the facilities file"));
      }
    });
    out.sort((a, b) -> Long.compare(a.line(), b.line()));
    return out;
  }

  /**
   * Returns the minutes from a community to a facility.
   *
   * @param communityId the origin
   * @param facilityId the destination
   * @return the minutes, or null if the table has no such pair (not reachable)
   */
  public Double minutes(String communityId, String facilityId) {
    return byDestination.getOrDefault(facilityId, Map.of()).get(communityId);
  }

  /** The row of one facility: minutes by community id, in file order; empty if absent. */
  Map<String, Double> toFacility(Facility facility) {
    return byDestination.getOrDefault(facility.id(), Map.of());
  }

  /**
   * Returns the number of pairs.
   *
   * @return pairs read
   */
  public int size() {
    return pairs;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "travel-time matrix %s (%d %s)", source, pairs,
        pairs == 1 ? "pair" : "pairs");
  }
}
