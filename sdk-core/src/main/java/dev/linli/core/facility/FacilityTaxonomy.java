package dev.linli.core.facility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.internal.BundledJson;
import dev.linli.core.io.LinliJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A list of facility categories and types: what a health check counts and what facility records may be.
 *
 * <p>The bundled {@link #hangzhou()} taxonomy has Hangzhou's eight categories (治理 governance, 教育
 * education, 养老 elderly care, 卫生 health, 文化 culture, 商业 commerce, 体育 sports, 便民 convenience),
 * its twenty key facility types (the articles give the count, not the list: the list is Linli's reading
 * of the gap-filling programme and MOHURD's complete-community standard), and a few non-key types that
 * neighbourhood centres offer (stage, rooftop farm, kids' play area, family banquet hall). A planning bureau or researcher loads its own with
 * {@link LinliJson#readTaxonomy}. Codes are unique, every type's category exists, and every category has
 * at least one type. Immutable and thread-safe.
 *
 * @param id stable id of this taxonomy and its edition, for example {@code hangzhou-2023}
 * @param name bilingual name, not null
 * @param categories the categories in display order, not empty
 * @param types the facility types in display order, not empty
 * @since 0.1.0
 */
public record FacilityTaxonomy(
    String id, Name name, List<FacilityCategory> categories, List<FacilityType> types) {

  private static final String HANGZHOU_RESOURCE = "hangzhou-taxonomy.json";

  /**
   * Validates the taxonomy.
   *
   * @throws InvalidValueException if codes repeat, a type names an unknown category, or a list is empty
   */
  public FacilityTaxonomy {
    dev.linli.core.Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
    categories = List.copyOf(InvalidValueException.requirePresent(categories, "categories"));
    types = List.copyOf(InvalidValueException.requirePresent(types, "types"));
    InvalidValueException.check(!categories.isEmpty(), "categories", "[]", "needs at least one category");
    Set<String> categoryCodes = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      String code = categories.get(i).code();
      InvalidValueException.check(categoryCodes.add(code), "categories[" + i + "].code", code,
          "must be unique; it repeats an earlier category");
    }
    Set<String> typeCodes = new HashSet<>();
    Set<String> usedCategories = new HashSet<>();
    for (int i = 0; i < types.size(); i++) {
      FacilityType type = types.get(i);
      InvalidValueException.check(typeCodes.add(type.code()), "types[" + i + "].code", type.code(),
          "must be unique; it repeats an earlier type");
      InvalidValueException.check(categoryCodes.contains(type.categoryCode()),
          "types[" + i + "].categoryCode", type.categoryCode(),
          "must be one of the categories " + categoryCodes.stream().sorted().toList());
      usedCategories.add(type.categoryCode());
    }
    for (FacilityCategory category : categories) {
      InvalidValueException.check(usedCategories.contains(category.code()), "categories",
          category.code(), "every category needs at least one facility type");
    }
  }

  /**
   * Returns the bundled taxonomy of Hangzhou's community health check: 8 categories, 20 key types.
   *
   * @return the Hangzhou taxonomy
   */
  public static FacilityTaxonomy hangzhou() {
    return Bundled.HANGZHOU;
  }

  /**
   * Returns the type with {@code code}, if any.
   *
   * @param code the type code
   * @return the type, or empty
   */
  public Optional<FacilityType> type(String code) {
    return types.stream().filter(t -> t.code().equals(code)).findFirst();
  }

  /**
   * Returns the category with {@code code}, if any.
   *
   * @param code the category code
   * @return the category, or empty
   */
  public Optional<FacilityCategory> category(String code) {
    return categories.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /**
   * Returns the types in {@code categoryCode}, in taxonomy order.
   *
   * @param categoryCode the category code
   * @return the types, empty if the category is unknown
   */
  public List<FacilityType> typesIn(String categoryCode) {
    List<FacilityType> out = new ArrayList<>();
    for (FacilityType type : types) {
      if (type.categoryCode().equals(categoryCode)) {
        out.add(type);
      }
    }
    return out;
  }

  /**
   * Returns the key types that health checks score, in taxonomy order.
   *
   * @return the types whose {@link FacilityType#key()} is true
   */
  public List<FacilityType> keyTypes() {
    return types.stream().filter(FacilityType::key).toList();
  }

  /**
   * Returns the type codes, in taxonomy order, for messages and table headers.
   *
   * @return the codes
   */
  public List<String> typeCodes() {
    return types.stream().map(FacilityType::code).toList();
  }

  /** Loads the bundled taxonomy once, on first use. */
  /**
   * The bundled taxonomy, read field by field without a mapper ({@link BundledJson}); the same
   * record as {@code JsonDocuments.bundled} reads (BundledJsonTest).
   */
  static final class Bundled {
    static final FacilityTaxonomy HANGZHOU = read();

    static FacilityTaxonomy read() {
      ObjectNode f = BundledJson.fields(
          FacilityTaxonomy.class, HANGZHOU_RESOURCE, LinliJson.TAXONOMY_FORMAT);
      List<FacilityCategory> categories = new ArrayList<>();
      for (JsonNode c : BundledJson.elements(f, "categories")) {
        categories.add(new FacilityCategory(BundledJson.text(c, "code"),
            BundledJson.name(c, "name")));
      }
      List<FacilityType> types = new ArrayList<>();
      for (JsonNode t : BundledJson.elements(f, "types")) {
        types.add(new FacilityType(BundledJson.text(t, "code"), BundledJson.text(t,
            "categoryCode"), BundledJson.name(t, "name"), BundledJson.text(t, "capacityUnit"),
            BundledJson.flag(t, "key")));
      }
      return new FacilityTaxonomy(BundledJson.text(f, "id"), BundledJson.name(f, "name"),
          categories, types);
    }
  }
}
