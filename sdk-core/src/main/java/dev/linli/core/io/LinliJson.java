package dev.linli.core.io;

import dev.linli.core.LinliIoException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Problem;
import dev.linli.core.city.City;
import dev.linli.core.city.CityBuilder;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.internal.JsonErrors;
import dev.linli.core.internal.JsonMapping;
import dev.linli.core.internal.NonClosing;
import dev.linli.core.people.Activity;
import dev.linli.core.people.Organisation;
import dev.linli.core.people.Resident;
import dev.linli.core.people.Team;
import dev.linli.core.people.Volunteer;
import dev.linli.core.people.Wish;
import dev.linli.core.place.Building;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.Estate;
import dev.linli.core.place.Grid;
import dev.linli.core.place.Household;
import dev.linli.core.place.NeighbourhoodCentre;
import dev.linli.core.place.Subdistrict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reads and writes Linli's JSON formats: any model value on its own, a whole {@link City} document
 * ({@code "format": "linli-city"}) and a {@link FacilityTaxonomy} ({@code "format":
 * "linli-facility-taxonomy"}). Both documents carry {@code "version": 1}; see {@code docs/formats.md}.
 *
 * <p>Reading is strict by default: unknown fields, wrong types and invalid values are errors, and a
 * document with several bad records reports all of them in one {@link DataFormatException}, each with
 * file, line and JSON path. Times are ISO-8601 UTC instants; optional fields that are absent are
 * left out on writing. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class LinliJson {
  /** The {@code format} of a city document. */
  public static final String CITY_FORMAT = "linli-city";
  /** The {@code format} of a facility taxonomy document. */
  public static final String TAXONOMY_FORMAT = "linli-facility-taxonomy";
  /** The document version this release reads and writes. */
  public static final int VERSION = JsonDocuments.VERSION;

  private static final Map<String, Section<?>> CITY_SECTIONS = citySections();

  private final ReadOptions options;
  private final ObjectMapper mapper;

  private LinliJson(ReadOptions options) {
    this.options = options;
    this.mapper = JsonMapping.mapper(options.ignoreUnknown());
  }

  /**
   * Returns a reader and writer with strict reading.
   *
   * @return the strict instance
   */
  public static LinliJson strict() {
    return new LinliJson(ReadOptions.strict());
  }

  /**
   * Returns a reader and writer with the given options.
   *
   * @param options how strictly to read, not null
   * @return the instance
   */
  public static LinliJson of(ReadOptions options) {
    return new LinliJson(options);
  }

  /**
   * Writes any model value as indented JSON.
   *
   * @param value a model value or list of them, not null
   * @return the JSON text
   */
  public String toJson(Object value) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Reads one model value.
   *
   * @param json the JSON text, not null
   * @param type the value's class, for example {@code Community.class}
   * @param <T> the value's type
   * @return the value
   * @throws DataFormatException naming the JSON path and what was expected, if the text does not
   *     describe a valid value
   */
  public <T> T fromJson(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (IOException | InvalidValueException e) {
      throw new DataFormatException(List.of(JsonErrors.toProblem(e, "<json>", 0, "$")));
    }
  }

  /**
   * Reads a city document from a file.
   *
   * @param file the file, not null
   * @return the city, and the problems of records left out if the options skip bad records
   * @throws DataFormatException listing every bad record and reference
   * @throws LinliIoException if the file cannot be read
   */
  public Loaded<City> readCity(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return readCity(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be read", e);
    }
  }

  /**
   * Reads a city document, leaving bad records out if the options say so.
   *
   * @param in the JSON bytes (UTF-8), not null; not closed
   * @param source a name for messages, such as the file name
   * @return the city, and the problems of records left out if the options skip bad records
   * @throws DataFormatException if the document is malformed, a reference dangles, or records are
   *     bad and the options do not skip them; listing every problem
   */
  public Loaded<City> readCity(InputStream in, String source) {
    List<Problem> fatal = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, List<Object>> values = new LinkedHashMap<>();
    Map<String, List<Long>> lines = new LinkedHashMap<>();
    ObjectNode header = mapper.createObjectNode();
    try (JsonParser p = mapper.createParser(NonClosing.input(in))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DataFormatException(List.of(new Problem(source, line(p), "$",
            "a city document is a JSON object with \"format\": \"" + CITY_FORMAT + "\"")));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken valueToken = p.nextToken();
        Section<?> section = CITY_SECTIONS.get(field);
        if (field.equals("format") || field.equals("version")) {
          header.set(field, JsonMapping.treeReader(options.ignoreUnknown()).readValue(p));
        } else if (section == null) {
          if (!options.ignoreUnknown()) {
            fatal.add(new Problem(source, line(p), "$." + field, "unknown field \"" + field
                + "\"; allowed fields are format, version, " + CITY_SECTIONS.keySet()));
          }
          p.skipChildren();
        } else if (valueToken != JsonToken.START_ARRAY) {
          fatal.add(new Problem(source, line(p), "$." + field, "must be a JSON array"));
          p.skipChildren();
        } else {
          readSection(p, source, field, section, values, lines, problems);
        }
      }
      Problem trailing = JsonDocuments.trailing(p, source);
      if (trailing != null) {
        fatal.add(trailing);
      }
    } catch (IOException e) {
      fatal.add(JsonErrors.toProblem(e, source, 0, "$"));
    }
    checkHeader(header, source, CITY_FORMAT, fatal);
    // Skipping bad records is allowed; a bad document (header, unknown section, syntax) never is.
    if (!fatal.isEmpty() || (!problems.isEmpty() && !options.skipBad())) {
      fatal.addAll(problems);
      throw new DataFormatException(fatal);
    }
    CityBuilder builder = City.builder();
    for (Map.Entry<String, List<Object>> e : values.entrySet()) {
      CITY_SECTIONS.get(e.getKey()).addAll(builder, e.getValue());
    }
    List<Problem> references = new ArrayList<>();
    for (Problem r : builder.problems()) {
      references.add(locate(r, source, lines));
    }
    if (!references.isEmpty()) {
      // A dangling reference cannot be fixed by skipping one row without breaking others.
      List<Problem> all = new ArrayList<>(problems);
      all.addAll(references);
      throw new DataFormatException(all);
    }
    return new Loaded<>(builder.build(), problems);
  }

  private <T> void readSection(JsonParser p, String source, String field, Section<T> section,
      Map<String, List<Object>> values, Map<String, List<Long>> lines, List<Problem> problems)
      throws IOException {
    List<Object> out = values.computeIfAbsent(field, k -> new ArrayList<>());
    List<Long> outLines = lines.computeIfAbsent(field, k -> new ArrayList<>());
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      long line = line(p);
      JsonNode node = JsonMapping.treeReader(options.ignoreUnknown()).readValue(p);
      String path = "$." + field + "[" + index + "]";
      index++;
      // An explicit null would map to "left out"; every other Linli document refuses it too.
      List<Problem> nulls = new ArrayList<>();
      JsonDocuments.nulls(node, path, source, nulls);
      if (!nulls.isEmpty()) {
        for (Problem n : nulls) {
          problems.add(new Problem(n.source(), line, n.path(), n.message()));
        }
        continue;
      }
      try {
        T value = mapper.treeToValue(node, section.type());
        Problem typeProblem = checkFacilityType(value, source, line, path);
        if (typeProblem != null) {
          problems.add(typeProblem);
        } else {
          out.add(value);
          outLines.add(line);
        }
      } catch (IOException | IllegalArgumentException e) {
        problems.add(JsonErrors.toProblem(e, source, line, path));
      }
    }
  }

  private static Problem locate(Problem reference, String source, Map<String, List<Long>> lines) {
    String path = reference.path();
    int open = path.indexOf('[');
    int close = path.indexOf(']');
    long line = 0;
    if (open > 0 && close > open) {
      List<Long> sectionLines = lines.get(path.substring(0, open));
      int index = Integer.parseInt(path.substring(open + 1, close));
      if (sectionLines != null && index < sectionLines.size()) {
        line = sectionLines.get(index);
      }
    }
    return new Problem(source, line, "$." + path, reference.message());
  }

  private static long line(JsonParser p) {
    return Math.max(0, p.currentTokenLocation().getLineNr());
  }

  private void checkHeader(ObjectNode header, String source, String format, List<Problem> problems) {
    JsonNode f = header.get("format");
    if (f == null || !f.isTextual() || !f.asText().equals(format)) {
      problems.add(0, new Problem(source, 0, "$.format",
          "must be \"" + format + "\" (got " + (f == null ? "nothing" : f) + ")"));
    }
    JsonNode v = header.get("version");
    if (v == null || !v.isInt() || v.asInt() != VERSION) {
      problems.add(0, new Problem(source, 0, "$.version", "must be " + VERSION
          + ", the version this release reads (got " + (v == null ? "nothing" : v) + ")"));
    }
  }

  /**
   * Writes a city document.
   *
   * @param city the city, not null
   * @param out where to write UTF-8 JSON, not null; not closed
   * @throws LinliIoException if writing fails
   */
  public void writeCity(City city, OutputStream out) {
    ObjectNode root = mapper.createObjectNode();
    root.put("format", CITY_FORMAT);
    root.put("version", VERSION);
    for (Map.Entry<String, Section<?>> e : CITY_SECTIONS.entrySet()) {
      List<?> values = e.getValue().getter().apply(city);
      if (!values.isEmpty()) {
        root.set(e.getKey(), mapper.valueToTree(values));
      }
    }
    try {
      mapper.writerWithDefaultPrettyPrinter().writeValue(NonClosing.output(out), root);
      out.write('\n');
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /**
   * Writes a city document to a string.
   *
   * @param city the city, not null
   * @return the JSON text
   */
  public String writeCity(City city) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeCity(city, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Reads a facility taxonomy document.
   *
   * @param in the JSON bytes (UTF-8), not null; not closed
   * @param source a name for messages
   * @return the taxonomy
   * @throws DataFormatException naming the JSON path of each problem
   */
  public FacilityTaxonomy readTaxonomy(InputStream in, String source) {
    return JsonDocuments.read(in, source, TAXONOMY_FORMAT, FacilityTaxonomy.class,
        options.ignoreUnknown());
  }

  /**
   * Writes a facility taxonomy document.
   *
   * @param taxonomy the taxonomy, not null
   * @return the JSON text
   */
  public String writeTaxonomy(FacilityTaxonomy taxonomy) {
    return JsonDocuments.write(taxonomy, TAXONOMY_FORMAT);
  }

  /** One list of a city document: its element type and how to add it to a builder. */
  private record Section<T>(Class<T> type, BiConsumer<CityBuilder, List<T>> adder,
      Function<City, List<T>> getter) {
    @SuppressWarnings("unchecked") // values were read with this section's type
    void addAll(CityBuilder builder, List<Object> values) {
      adder.accept(builder, (List<T>) values);
    }
  }

  private Problem checkFacilityType(Object value, String source, long line, String path) {
    if (value instanceof Facility f && options.taxonomy().type(f.typeCode()).isEmpty()) {
      return new Problem(source, line, path + ".typeCode", unknownType(f.typeCode(), options));
    }
    return null;
  }

  static String unknownType(String code, ReadOptions options) {
    return "unknown facility type \"" + code + "\"; the taxonomy " + options.taxonomy().id()
        + " has " + options.taxonomy().typeCodes();
  }

  private static Map<String, Section<?>> citySections() {
    Map<String, Section<?>> m = new LinkedHashMap<>();
    m.put("districts", new Section<>(District.class, CityBuilder::districts, City::districts));
    m.put("subdistricts", new Section<>(Subdistrict.class, CityBuilder::subdistricts, City::subdistricts));
    m.put("communities", new Section<>(Community.class, CityBuilder::communities, City::communities));
    m.put("estates", new Section<>(Estate.class, CityBuilder::estates, City::estates));
    m.put("buildings", new Section<>(Building.class, CityBuilder::buildings, City::buildings));
    m.put("households", new Section<>(Household.class, CityBuilder::households, City::households));
    m.put("grids", new Section<>(Grid.class, CityBuilder::grids, City::grids));
    m.put("centres", new Section<>(NeighbourhoodCentre.class, CityBuilder::centres, City::centres));
    m.put("residents", new Section<>(Resident.class, CityBuilder::residents, City::residents));
    m.put("volunteers", new Section<>(Volunteer.class, CityBuilder::volunteers, City::volunteers));
    m.put("teams", new Section<>(Team.class, CityBuilder::teams, City::teams));
    m.put("organisations", new Section<>(Organisation.class, CityBuilder::organisations, City::organisations));
    m.put("activities", new Section<>(Activity.class, CityBuilder::activities, City::activities));
    m.put("wishes", new Section<>(Wish.class, CityBuilder::wishes, City::wishes));
    m.put("facilities", new Section<>(Facility.class, CityBuilder::facilities, City::facilities));
    return java.util.Collections.unmodifiableMap(m);
  }
}
