package dev.linli.core.circle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.internal.BundledJson;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A life-circle standard: the circle levels and which facility types each requires, as data.
 *
 * <p>The bundled {@link #gb50180()} maps GB 50180-2018 (城市居住区规划设计标准), whose 5-, 10- and
 * 15-minute circles are about 300 m, 500 m and 800–1000 m of walking, onto Hangzhou's 20 key facility
 * types: 11 types are required within 300 m, 5 within 500 m and 4 within 1000 m, at a walking speed of
 * 80 m/min. The mapping of the standard's facility list onto the 20 types is Linli's reading; a
 * district loads its own with {@link #parse}. Levels are sorted by distance, codes are unique, and a
 * type is required at one level only. Immutable and thread-safe.
 *
 * @param id stable id, for example {@code gb50180-2018-hangzhou}
 * @param name bilingual name, not null
 * @param walkingSpeedMetresPerMinute walking speed used to turn metres into minutes, {@code > 0}
 * <p>{@code servedAges} says which ages a type serves (kindergarten 3–6, infant care 0–3, elderly
 * care 60+); a type not listed serves everyone. The served residents are the demand of E2SFCA, the
 * residents a gap counts and siting weighs, and what a {@link TypeMeasure} reports as lacking access.
 * Coverage, scores and the index are shares of residents and do not change with it, because Linli
 * knows where a community's residents live but not where each age group lives within it.
 *
 * @param levels the circle levels, nearest first, not empty
 * @param servedAges the ages each type serves, by type code; empty (or absent in JSON) when every
 *     type serves everyone; keys must be required types
 * @since 0.1.0
 */
public record CircleStandard(
    String id, Name name, double walkingSpeedMetresPerMinute, List<CircleLevel> levels,
    java.util.Map<String, ServedAges> servedAges) {
  /** The {@code format} of a circle standard document. */
  public static final String FORMAT = "linli-circle-standard";

  /**
   * Validates the standard.
   *
   * @throws InvalidValueException if levels are empty, unsorted or repeat a code or a type
   */
  public CircleStandard {
    Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.check(Double.isFinite(walkingSpeedMetresPerMinute)
        && walkingSpeedMetresPerMinute > 0, "walkingSpeedMetresPerMinute",
        walkingSpeedMetresPerMinute, "must be a positive speed in metres per minute");
    levels = List.copyOf(InvalidValueException.requirePresent(levels, "levels"));
    InvalidValueException.check(!levels.isEmpty(), "levels", "[]", "needs at least one level");
    Set<String> codes = new HashSet<>();
    Set<String> types = new HashSet<>();
    for (int i = 0; i < levels.size(); i++) {
      CircleLevel level = levels.get(i);
      InvalidValueException.check(codes.add(level.code()), "levels[" + i + "].code", level.code(),
          "must be unique");
      InvalidValueException.check(i == 0 || level.distanceMetres()
          > levels.get(i - 1).distanceMetres(), "levels[" + i + "].distanceMetres",
          level.distanceMetres(), "must be larger than the previous level's");
      for (String type : level.requiredTypes()) {
        InvalidValueException.check(types.add(type), "levels[" + i + "].requiredTypes", type,
            "a type is required at one level only (levels nest)");
      }
    }
    java.util.Map<String, ServedAges> served = new java.util.TreeMap<>();
    if (servedAges != null) {
      for (java.util.Map.Entry<String, ServedAges> e : servedAges.entrySet()) {
        InvalidValueException.check(types.contains(e.getKey()), "servedAges", e.getKey(),
            "must be a type the standard requires at some level: " + types.stream().sorted().toList());
        served.put(e.getKey(), InvalidValueException.requirePresent(e.getValue(),
            "servedAges." + e.getKey()));
      }
    }
    servedAges = java.util.Collections.unmodifiableMap(served);
  }

  /**
   * Returns a standard in which every type serves everyone.
   *
   * @param id stable id
   * @param name bilingual name
   * @param walkingSpeedMetresPerMinute walking speed, {@code > 0}
   * @param levels the circle levels, nearest first
   * @throws InvalidValueException as the canonical constructor
   */
  public CircleStandard(String id, Name name, double walkingSpeedMetresPerMinute,
      List<CircleLevel> levels) {
    this(id, name, walkingSpeedMetresPerMinute, levels, java.util.Map.of());
  }

  /**
   * Returns this standard with the given served ages.
   *
   * @param value ages per type code, not null; empty for everyone everywhere
   * @return the new standard
   * @throws InvalidValueException if a key is not a required type
   * @since 0.2.0
   */
  public CircleStandard withServedAges(java.util.Map<String, ServedAges> value) {
    return new CircleStandard(id, name, walkingSpeedMetresPerMinute, levels,
        java.util.Objects.requireNonNull(value, "servedAges"));
  }

  /**
   * Returns the ages a type serves.
   *
   * @param typeCode a facility type code
   * @return its served ages, {@link ServedAges#EVERYONE} when the standard does not list it
   * @since 0.2.0
   */
  public ServedAges served(String typeCode) {
    return servedAges.getOrDefault(typeCode, ServedAges.EVERYONE);
  }

  /**
   * Returns the bundled GB 50180-2018 standard mapped to Hangzhou's 20 key facility types.
   *
   * @return the standard
   */
  public static CircleStandard gb50180() {
    return Bundled.GB50180;
  }

  /**
   * Reads a standard document ({@code "format": "linli-circle-standard"}, {@code "version": 1}).
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the standard
   * @throws dev.linli.core.DataFormatException naming the JSON path of each problem
   */
  public static CircleStandard parse(InputStream in, String source) {
    return JsonDocuments.read(in, source, FORMAT, CircleStandard.class, false);
  }

  /**
   * Returns this standard as a JSON document that {@link #parse} reads back.
   *
   * @return the JSON text
   */
  public String toJson() {
    return JsonDocuments.write(this, FORMAT);
  }

  /**
   * Returns the level at which {@code typeCode} is required.
   *
   * @param typeCode a facility type code
   * @return the level, or empty if the standard does not require the type
   */
  public Optional<CircleLevel> requiredLevel(String typeCode) {
    return levels.stream().filter(l -> l.requiredTypes().contains(typeCode)).findFirst();
  }

  /**
   * Returns every required type, level by level.
   *
   * @return the type codes
   */
  public List<String> requiredTypes() {
    List<String> out = new ArrayList<>();
    levels.forEach(l -> out.addAll(l.requiredTypes()));
    return out;
  }

  /**
   * Returns the largest circle's distance: how far any search needs to look.
   *
   * @return metres
   */
  public double largestDistanceMetres() {
    return levels.get(levels.size() - 1).distanceMetres();
  }

  /**
   * Returns the walking time for a distance.
   *
   * @param metres a walking distance
   * @return minutes at this standard's walking speed
   */
  public double minutes(double metres) {
    return metres / walkingSpeedMetresPerMinute;
  }

  /**
   * The bundled standard, read field by field without a mapper ({@link BundledJson}); the same
   * record as {@code JsonDocuments.bundled} reads (BundledJsonTest).
   */
  static final class Bundled {
    static final String RESOURCE = "gb50180-2018.json";
    static final CircleStandard GB50180 = read();

    static CircleStandard read() {
      ObjectNode f = BundledJson.fields(CircleStandard.class, RESOURCE, FORMAT);
      List<CircleLevel> levels = new ArrayList<>();
      for (JsonNode l : BundledJson.elements(f, "levels")) {
        levels.add(new CircleLevel(BundledJson.text(l, "code"), BundledJson.integer(l, "minutes"),
            BundledJson.number(l, "distanceMetres"), BundledJson.texts(l, "requiredTypes")));
      }
      java.util.Map<String, ServedAges> served = new java.util.LinkedHashMap<>();
      if (f.has("servedAges")) {
        BundledJson.members(f, "servedAges").forEach((type, ages) -> served.put(type,
            new ServedAges(BundledJson.integer(ages, "minAge"),
                BundledJson.optionalInteger(ages, "maxAge"))));
      }
      return new CircleStandard(BundledJson.text(f, "id"), BundledJson.name(f, "name"),
          BundledJson.number(f, "walkingSpeedMetresPerMinute"), levels, served);
    }
  }
}
