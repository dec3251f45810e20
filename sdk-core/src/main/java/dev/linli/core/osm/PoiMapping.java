package dev.linli.core.osm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Problem;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which OpenStreetMap points of interest are which facility types, as data
 * ({@code "format": "linli-osm-poi-mapping"}): rules such as {@code amenity=kindergarten →
 * kindergarten}, tried in order, the first rule whose tags all match deciding. {@link #bundled()}
 * maps Hangzhou's key facility types; a study loads its own with {@link #parse}. Immutable and
 * thread-safe.
 *
 * @param id stable id, for example {@code linli-osm-hangzhou}
 * @param rules the rules in order of precedence, not empty, no two with the same tags
 * @since 0.1.0
 */
public record PoiMapping(String id, List<Rule> rules) {
  /** The {@code format} of a tag mapping document. */
  public static final String FORMAT = "linli-osm-poi-mapping";

  /**
   * One rule: an element whose tags include every one of {@code tags} is a facility of
   * {@code type}.
   *
   * @param tags the tags to match (key to exact value), 1 to 8 of them
   * @param type the facility type code
   */
  public record Rule(Map<String, String> tags, String type) {
    /**
     * Validates the rule.
     *
     * @throws InvalidValueException if the tags are missing, empty or blank, or the type is blank
     */
    public Rule {
      InvalidValueException.requirePresent(tags, "tags");
      InvalidValueException.check(!tags.isEmpty() && tags.size() <= 8, "tags", tags,
          "must hold 1 to 8 tags, such as {\"amenity\": \"kindergarten\"}");
      for (Map.Entry<String, String> e : tags.entrySet()) {
        InvalidValueException.check(e.getKey() != null && !e.getKey().isBlank()
            && e.getValue() != null && !e.getValue().isBlank(), "tags", tags,
            "keys and values must not be blank");
      }
      tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
      InvalidValueException.check(type != null && !type.isBlank(), "type", type,
          "must be a facility type code, such as \"kindergarten\"");
    }

    boolean matches(Map<String, String> element) {
      for (Map.Entry<String, String> e : tags.entrySet()) {
        if (!e.getValue().equals(element.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Validates the mapping.
   *
   * @throws InvalidValueException if there are no rules or two rules match the same tags
   */
  public PoiMapping {
    Id.require(id, "id");
    rules = List.copyOf(InvalidValueException.requirePresent(rules, "rules"));
    InvalidValueException.check(!rules.isEmpty(), "rules", "[]", "needs at least one rule");
    Set<Map<String, String>> seen = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      InvalidValueException.check(seen.add(rules.get(i).tags()), "rules[" + i + "].tags",
          rules.get(i).tags(), "repeats an earlier rule's tags");
    }
  }

  /**
   * Returns the bundled mapping onto Hangzhou's key facility types (kindergartens, clinics,
   * convenience stores, nursing homes…); types without a common OpenStreetMap tag are left out.
   *
   * @return the mapping
   */
  public static PoiMapping bundled() {
    return Bundled.DEFAULT;
  }

  /**
   * Reads a mapping document ({@code "format": "linli-osm-poi-mapping"}, {@code "version": 1});
   * unknown fields, repeated keys, repeated rules and type codes that {@code taxonomy} does not
   * know are refused.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @param taxonomy the facility types the rules may name
   * @return the mapping
   * @throws DataFormatException naming the line and JSON path of each problem
   */
  public static PoiMapping parse(InputStream in, String source, FacilityTaxonomy taxonomy) {
    return JsonDocuments.parse(in, source, root -> {
      ObjectNode fields = JsonDocuments.fields(root, source, FORMAT);
      // Jackson would turn a number given as a tag value into text; the schema refuses it.
      List<Problem> problems = new ArrayList<>();
      JsonNode list = fields.path("rules");
      for (int i = 0; list.isArray() && i < list.size(); i++) {
        for (Map.Entry<String, JsonNode> tag : list.get(i).path("tags").properties()) {
          if (!tag.getValue().isTextual()) {
            problems.add(new Problem(source, 0, "$.rules[" + i + "].tags."
                + Problem.excerpt(tag.getKey()), "must be a tag value in quotes (got "
                + Problem.excerpt(tag.getValue()) + ")"));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new DataFormatException(problems);
      }
      PoiMapping m = JsonDocuments.toValue(fields, PoiMapping.class, source, 0, "$", false);
      for (int i = 0; i < m.rules.size(); i++) {
        String type = m.rules.get(i).type();
        if (taxonomy.type(type).isEmpty()) {
          problems.add(new Problem(source, 0, "$.rules[" + i + "].type", "\""
              + Problem.excerpt(type) + "\" is not a facility type of " + taxonomy.id()
              + "; known are " + taxonomy.typeCodes()));
        }
      }
      if (!problems.isEmpty()) {
        throw new DataFormatException(problems);
      }
      return m;
    });
  }

  /**
   * Returns this mapping as a document that {@link #parse} reads back.
   *
   * @return the JSON text
   */
  public String toJson() {
    return JsonDocuments.write(this, FORMAT);
  }

  /**
   * Returns the facility type of an element.
   *
   * @param tags the element's tags, not null
   * @return the type of the first rule that matches, or empty
   */
  public Optional<String> typeOf(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return Optional.empty();
    }
    for (Rule r : rules) {
      if (r.matches(tags)) {
        return Optional.of(r.type());
      }
    }
    return Optional.empty();
  }

  private static final class Bundled {
    static final PoiMapping DEFAULT = load();

    private static PoiMapping load() {
      try (InputStream in = PoiMapping.class.getResourceAsStream("poi-mapping.json")) {
        if (in == null) {
          throw new IllegalStateException("bundled resource missing: poi-mapping.json");
        }
        return parse(in, "poi-mapping.json", FacilityTaxonomy.hangzhou());
      } catch (java.io.IOException e) {
        throw new dev.linli.core.LinliIoException("poi-mapping.json", "cannot be read", e);
      }
    }
  }
}
