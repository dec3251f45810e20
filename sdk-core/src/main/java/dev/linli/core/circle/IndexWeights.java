package dev.linli.core.circle;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.internal.BundledJson;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the composite health-check index weighs facility categories and types, as data.
 *
 * <p>A type's score is the population share that reaches it within its required circle, plus
 * {@code partialCredit} (falling linearly to 0 at the largest circle) for residents who reach it only
 * farther out. A category's score is the weighted mean of its types, the overall index the weighted
 * mean of categories, both scaled to 0–100. Unlisted categories and types weigh 1.
 * {@code e2sfcaBandWeights} are the distance-decay weights of the E2SFCA bands, one per circle level
 * (default 1, 0.68, 0.22 as in Luo and Qi's enhanced two-step floating catchment). The bundled
 * {@link #defaults()} weigh elderly care and health 1.25 and every other category 1. Immutable and
 * thread-safe.
 *
 * @param id stable id
 * @param partialCredit credit for reaching a type beyond its circle, in [0, 1]
 * @param categories weight per category code, each {@code >= 0}
 * @param types weight per type code, each {@code >= 0}
 * @param e2sfcaBandWeights weight per circle level for E2SFCA, each in [0, 1]
 * @since 0.1.0
 */
public record IndexWeights(String id, double partialCredit, Map<String, Double> categories,
    Map<String, Double> types, List<Double> e2sfcaBandWeights) {
  /** The {@code format} of a weights document. */
  public static final String FORMAT = "linli-index-weights";

  /**
   * Validates the weights.
   *
   * @throws InvalidValueException if a weight is negative or not finite
   */
  public IndexWeights {
    Id.require(id, "id");
    InvalidValueException.check(partialCredit >= 0 && partialCredit <= 1, "partialCredit",
        partialCredit, "must be between 0 and 1");
    categories = checked(categories, "categories");
    types = checked(types, "types");
    e2sfcaBandWeights = List.copyOf(e2sfcaBandWeights == null ? List.of(1.0, 0.68, 0.22)
        : e2sfcaBandWeights);
    for (double w : e2sfcaBandWeights) {
      InvalidValueException.check(w >= 0 && w <= 1, "e2sfcaBandWeights", w,
          "each must be between 0 and 1");
    }
  }

  private static Map<String, Double> checked(Map<String, Double> weights, String field) {
    Map<String, Double> out = new TreeMap<>();
    if (weights != null) {
      weights.forEach((k, v) -> {
        InvalidValueException.check(v != null && v >= 0 && Double.isFinite(v), field + "." + k, v,
            "must be a finite weight >= 0");
        out.put(k, v);
      });
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * Returns the bundled default weights.
   *
   * @return the defaults
   */
  public static IndexWeights defaults() {
    return Bundled.DEFAULTS;
  }

  /**
   * Reads a weights document ({@code "format": "linli-index-weights"}, {@code "version": 1}).
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the weights
   * @throws dev.linli.core.DataFormatException naming the JSON path of each problem
   */
  public static IndexWeights parse(InputStream in, String source) {
    return JsonDocuments.read(in, source, FORMAT, IndexWeights.class, false);
  }

  /** @param category a category code @return its weight, 1 if unlisted */
  public double category(String category) {
    return categories.getOrDefault(category, 1.0);
  }

  /** @param type a type code @return its weight, 1 if unlisted */
  public double type(String type) {
    return types.getOrDefault(type, 1.0);
  }

  /** @param level index of a circle level @return its E2SFCA band weight, 0 past the list */
  public double band(int level) {
    return level < e2sfcaBandWeights.size() ? e2sfcaBandWeights.get(level) : 0;
  }

  /**
   * The bundled weights, read field by field without a mapper ({@link BundledJson}); the same
   * record as {@code JsonDocuments.bundled} reads (BundledJsonTest).
   */
  static final class Bundled {
    static final String RESOURCE = "index-weights.json";
    static final IndexWeights DEFAULTS = read();

    static IndexWeights read() {
      com.fasterxml.jackson.databind.node.ObjectNode f = BundledJson.fields(IndexWeights.class,
          RESOURCE, FORMAT);
      List<Double> bands = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode b : BundledJson.elements(f,
          "e2sfcaBandWeights")) {
        bands.add(b.doubleValue());
      }
      return new IndexWeights(BundledJson.text(f, "id"), BundledJson.number(f, "partialCredit"),
          weights(f, "categories"), weights(f, "types"), bands);
    }

    private static Map<String, Double> weights(com.fasterxml.jackson.databind.JsonNode f,
        String field) {
      Map<String, Double> out = new java.util.LinkedHashMap<>();
      BundledJson.members(f, field).forEach((k, v) -> out.put(k, v.doubleValue()));
      return out;
    }
  }
}
